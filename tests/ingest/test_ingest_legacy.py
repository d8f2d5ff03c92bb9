"""Legacy Word/WPS/RTF and old workbooks: a clear message naming the Debian package
without LibreOffice; a real conversion where `soffice` is installed (`make test`
installs it: scripts/apt-packages.txt, so under CI=true these tests must run). The
.doc, .rtf, .xls and .ods in data/ were made by LibreOffice from the DOCX and XLSX
fixtures (data/make_fixtures.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import ingest_fixtures as F
from samples import differences
from zfxxgk.errors import InputError
from zfxxgk.ingest import detect, legacy
from zfxxgk.api import report_from_bytes
from zfxxgk.model import report_to_dict

# make test installs LibreOffice (Writer and Calc); elsewhere its absence skips
needs_soffice = pytest.mark.skipif(legacy.soffice() is None and os.environ.get("CI") != "true",
                                   reason="LibreOffice (soffice) not installed")

RTF = "{\\rtf1\\ansi 政府信息公开工作年度报告\\par}".encode()
DATA = Path(__file__).resolve().parent / "data"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "WordDocument".encode("utf-16-le")


def test_sniffed_by_content():
    assert detect.sniff(RTF) == detect.RTF
    assert detect.sniff(OLE) == detect.DOC


@pytest.mark.parametrize("data", [RTF, OLE], ids=["rtf", "doc"])
def test_missing_libreoffice_names_the_package(monkeypatch, data):
    monkeypatch.setenv("ZFXXGK_SOFFICE", "")
    with pytest.raises(InputError) as info:
        report_from_bytes(data, "old.doc")
    assert "libreoffice-writer-nogui" in info.value.message and "LibreOffice" in info.value.message


@pytest.mark.parametrize("name", ["年报.xls", "年报.et"])
def test_missing_libreoffice_names_calc_for_a_workbook(monkeypatch, name):
    """A workbook needs Calc (Writer's package converts none) and is saved again from Excel."""
    monkeypatch.setenv("ZFXXGK_SOFFICE", "")
    with pytest.raises(InputError) as info:
        report_from_bytes(XLS, name)
    assert "libreoffice-calc-nogui" in info.value.message and "writer" not in info.value.message
    assert "在 Excel/WPS 中另存为 XLSX" in info.value.message


@needs_soffice
def test_real_conversion_of_a_docx_saved_as_odt():
    """Round trip through LibreOffice: our DOCX -> ODT -> DOCX -> parse."""
    import subprocess
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "r.docx"
        src.write_bytes(F.docx_report())
        subprocess.run([legacy.soffice(), "--headless", "--convert-to", "odt", "--outdir", tmp,
                        str(src)], check=True, timeout=120, capture_output=True)
        data = (Path(tmp) / "r.odt").read_bytes()
    report = report_from_bytes(data, "r.odt")
    assert differences(F.expected(), report_to_dict(report)) == []


@pytest.mark.parametrize("name,kind", [("libreoffice.doc", detect.DOC),
                                       ("libreoffice.rtf", detect.RTF)])
def test_stored_legacy_files_are_sniffed(name, kind):
    assert detect.sniff((DATA / name).read_bytes()) == kind


@needs_soffice
@pytest.mark.parametrize("name", ["libreoffice.doc", "libreoffice.rtf"])
def test_legacy_file_converts_and_parses_exactly(name):
    report = report_from_bytes((DATA / name).read_bytes(), name)
    assert differences(F.expected(), report_to_dict(report)) == []


XLS = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "Workbook".encode("utf-16-le")


@pytest.mark.parametrize("calc", [False, True])
def test_a_workbook_without_libreoffice_calc_names_the_package(monkeypatch, tmp_path, calc):
    """Debian's libreoffice-writer alone converts no workbook: an .xls (or WPS's .et)
    then failed as "damaged"; the message names libreoffice-calc when the program's
    folder has Writer's library and not Calc's."""
    program = tmp_path / "soffice"
    program.write_text("#!/bin/sh\nexit 0\n")  # converts nothing, as Writer alone does a workbook
    program.chmod(0o755)
    (tmp_path / "libswlo.so").write_bytes(b"")
    if calc:
        (tmp_path / "libsclo.so").write_bytes(b"")
    monkeypatch.setenv("ZFXXGK_SOFFICE", str(program))
    assert detect.sniff(XLS) == detect.XLS
    with pytest.raises(InputError) as info:
        report_from_bytes(XLS, "年报.et")
    assert ("libreoffice-calc" in info.value.message) is not calc, info.value.message


@needs_soffice
@pytest.mark.parametrize("name,stored", [("年报.xls", "libreoffice.xls"), ("年报.et", "libreoffice.xls"),
                                         ("年报.ods", "libreoffice.ods")])
def test_old_workbooks_convert_and_parse_exactly(name, stored):
    """An Excel 97-2003 workbook (WPS's .et is the same format) and an OpenDocument
    sheet go through LibreOffice Calc to XLSX and read as the workbook they came from."""
    report = report_from_bytes((DATA / stored).read_bytes(), name)
    assert differences(F.expected(), report_to_dict(report)) == []
