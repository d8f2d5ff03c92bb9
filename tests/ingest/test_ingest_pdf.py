"""The real PDFs (WPS) parse exactly to their expected files, through the table
path and through the text fallback; the CLI reads PDFs and standard input by content;
a scan (no text layer) is reported as F-TABLE "扫描件，无文字层", not refused."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import hostile as H
from samples import differences, load_expected, sample_pairs, samples_dir
from zfxxgk.api import check_report, parse_bytes, parse_document, parse_path
from zfxxgk.cli import cli
from zfxxgk.ingest.pdf import load_pdf
from zfxxgk.model import report_to_dict

PDFS = [t.replace(".txt", ".pdf") for t, _ in sample_pairs("real")]


@pytest.mark.parametrize("tables", [True, False], ids=["tables", "text"])
@pytest.mark.parametrize("name", PDFS)
def test_real_pdf_parses_exactly(name, tables):
    folder = samples_dir()
    path = folder / "real" / name
    doc = load_pdf(path.read_bytes(), str(path), {"tables": tables})
    assert doc.kind == ("pdf" if tables else "pdf-text")
    expected = load_expected(folder / "real-expected" / name.replace(".pdf", ".json"))
    assert differences(expected, report_to_dict(parse_document(doc))) == []


def test_text_fallback_is_the_sample_text():
    """The shared real/*.txt are pdfplumber's extract_text(): the fallback reproduces them."""
    folder = samples_dir()
    path = folder / "real" / "hongze-district-2023.pdf"
    doc = load_pdf(path.read_bytes(), str(path), {"tables": False})
    assert doc.text == (folder / "real" / "hongze-district-2023.txt").read_text(encoding="utf-8")
    assert doc.lines[-1].page == 5


def test_pdf_provenance_has_page_table_row():
    path = samples_dir() / "real" / "huaian-city-2024.pdf"
    report = parse_path(path)
    prov = report.provenance["applications.unavailable.needs_creation.total"]
    assert (prov.page, prov.text) == (5, "11")
    assert prov.table is not None and prov.row is not None
    assert str(report.sha256) and report.source == str(path)


def test_cli_reads_pdf_from_standard_input():
    path = samples_dir() / "real" / "hongze-district-2024.pdf"
    result = CliRunner().invoke(cli, ["parse", "--no-provenance", "-"], input=path.read_bytes())
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    expected = load_expected(samples_dir() / "real-expected" / "hongze-district-2024.json")
    assert data["agency"] == expected["agency"] and data["year"] == expected["year"]


SCANS = {"blank-pages": lambda: H.blank_pdf(2), "page-pictures": lambda: H.scanned_pdf(3)}


@pytest.mark.parametrize("tables", [True, False], ids=["tables", "text"])
@pytest.mark.parametrize("name", sorted(SCANS))
def test_scan_is_a_document_that_says_so(name, tables):
    doc = load_pdf(SCANS[name](), "scan.pdf", {"tables": tables})
    assert doc.meta["scan"] == "true" and doc.lines == [] and doc.kind == "pdf-scan"


def test_page_pictures_with_a_text_layer_are_not_a_scan():
    """An OCRed scan carries its words: read as text, not reported as a scan."""
    from zfxxgk.ingest.pdf import SCAN_CHARS_PER_PAGE, is_scan

    assert is_scan(0, 0, 3) and is_scan(3, 3, 3)
    assert not is_scan(SCAN_CHARS_PER_PAGE * 3 + 1, 3, 3)
    assert not is_scan(5, 2, 3)  # a page without a picture: a short text PDF, judged as text


@pytest.mark.parametrize("name", sorted(SCANS))
def test_scan_is_reported_as_f_table(name):
    report = parse_bytes(SCANS[name](), "scan.pdf")  # through the sandbox, as the CLI does
    assert all(v is None for t in ("active", "applications", "review_litigation")
               for row in getattr(report, t).values() for v in row.values())
    findings = check_report(report)
    assert [f.rule for f in findings] == ["F-TABLE"] * 3
    assert all(f.severity == "error" and "扫描件，无文字层，无法读取表格" in f.message
               for f in findings)
    assert {f.cells[0].split(".")[0] for f in findings} == {
        "active", "applications", "review_litigation"}


def test_cli_check_and_parse_a_scan(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(H.scanned_pdf())
    result = CliRunner().invoke(cli, ["check", "--format", "json", str(path)])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["findings"]
    assert findings and all(f["rule"] == "F-TABLE" and "扫描件，无文字层" in f["message"]
                            for f in findings)
    result = CliRunner().invoke(cli, ["parse", "--no-provenance", str(path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["applications"]["received"]["total"] is None and data["agency"] is None
