"""Reports published as pictures, read by OCR (ingest/ocr/): scans generated here
from the shared samples' PDFs (rasterised, skewed, blurred, noised, JPEG'd) must
parse to the expected values; PNG, TIFF, pictures in DOCX and web pages are read;
every OCR'd cell says so in provenance; nothing needs the network.

A document is loaded (OCR'd) once per test and parsed from that load:
`report_from_bytes` is `report_from_loaded(load_document(...))`, so loading it a
second time asserted nothing more and doubled the OCR time. The same page
pixels (pages 3 and 4 as PNG, TIFF, in Word and in a web page) are recognised
once per module: `read_page` is a pure function of the pixels, so reading the
identical array again tested the engine no further; each container is still
decoded, and its pages found, ordered and spliced, by the product's code."""

from __future__ import annotations

import base64
import copy
import hashlib
import io
import socket

import pytest

import scans as S
from samples import differences, load_expected, samples_dir
from zfxxgk.api import report_from_bytes, report_from_loaded
from zfxxgk.ingest.load import load_document
from zfxxgk.model import report_to_dict

SAMPLE = "hongze-district-2024"


@pytest.fixture(scope="module", autouse=True)
def pages_read_once():
    """`ocr.page.read_page` remembered by the exact pixels (dtype, shape, bytes);
    a copy is handed out so no caller can change what another one gets."""
    from zfxxgk.ingest.ocr import page

    read_page, memo = page.read_page, {}

    def remembered(image, *args, **kw):
        key = (str(image.dtype), image.shape, hashlib.sha256(image.tobytes()).digest(),
               args, tuple(sorted(kw.items())))
        if key not in memo:
            memo[key] = read_page(image, *args, **kw)
        return copy.deepcopy(memo[key])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(page, "read_page", remembered)
        yield memo


@pytest.fixture(scope="session")
def scanned_pages():
    """The sample's five pages scanned at 200 dpi (skew within ±1.5°, blur, noise,
    JPEG), made once for the session."""
    pdf = (samples_dir() / "real" / f"{SAMPLE}.pdf").read_bytes()
    return [S.degrade(page, seed=k) for k, page in enumerate(S.rasterise(pdf, 200))]


@pytest.fixture(scope="session")
def expected():
    return load_expected(samples_dir() / "real-expected" / f"{SAMPLE}.json")


@pytest.fixture(scope="session")
def table_page_report(scanned_pages):
    """Page 3 (table 二's end and table 三's first rows) as a PNG, parsed."""
    return report_from_bytes(S.png(scanned_pages[2]), "第3页.png")


def _cells(report_dict, table, rows):
    return {row: report_dict[table][row] for row in rows}


def test_models_ship_in_the_wheel_and_nothing_is_downloaded(monkeypatch):
    """The detection and recognition models are files of the installed package;
    building the engine and reading a crop opens no socket."""
    import numpy as np

    from zfxxgk.ingest.ocr import engine

    names = {p.name for p in engine.model_files()}
    assert any("det" in n for n in names) and any("rec" in n for n in names)
    assert all(p.stat().st_size > 100_000 for p in engine.model_files())

    def no_network(*args, **kw):
        raise AssertionError("OCR tried to open a network connection")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    engine.engine.cache_clear()
    crop = np.full((40, 60), 255, dtype=np.uint8)
    crop[10:30, 20:24] = 0  # a "1"
    (text, confidence), = engine.recognize([crop])
    assert isinstance(text, str) and 0 <= confidence <= 1


def test_png_of_one_table_page(table_page_report, expected):
    r = report_to_dict(table_page_report)
    assert r["active"]["penalty"] == expected["active"]["penalty"]
    assert r["active"]["fees"] == expected["active"]["fees"]
    rows = ["received", "carried_in", "granted", "partly_granted"]
    assert _cells(r, "applications", rows) == _cells(expected, "applications", rows)


def test_ocr_cells_carry_page_box_and_confidence(table_page_report):
    prov = table_page_report.provenance["applications.received.natural_person"]
    assert prov.ocr is True and prov.text == "95"
    assert 0.9 <= prov.confidence <= 1
    x0, y0, x1, y1 = prov.box
    assert 0 <= x0 < x1 and 0 <= y0 < y1
    d = prov.to_dict()
    assert d["ocr"] is True and d["box"] == prov.box and d["page"] == 1


def test_scanned_pdf_parses_to_the_expected_values(scanned_pages, expected):
    """Every page a picture (what a scanner writes): agency, year, template and
    all cells as the expected file records them."""
    data = S.image_pdf(scanned_pages, 200)
    doc = load_document(data, "扫描件.pdf")
    assert doc.kind == "pdf-ocr" and doc.meta["ocr"] == "1,2,3,4,5"
    report = report_from_loaded(doc)
    assert differences(expected, report_to_dict(report)) == []


def test_multipage_tiff_of_the_table_pages(scanned_pages, expected):
    """Pages 3 and 4 as one TIFF: table 三 continued over the page break is one table."""
    doc = load_document(S.tiff(scanned_pages[2:4]), "表格.tiff")
    assert doc.kind == "image" and doc.meta["pages"] == "2"
    assert {line.page for line in doc.lines} == {1, 2}
    report = report_from_loaded(doc)
    r = report_to_dict(report)
    rows = ["received", "carried_in", "granted", "partly_granted", "unavailable.not_held"]
    assert _cells(r, "applications", rows) == _cells(expected, "applications", rows)


def test_docx_with_pictures_of_the_tables(scanned_pages, expected):
    from docx import Document as Word
    from docx.shared import Cm

    word = Word()
    word.add_paragraph("淮安市洪泽区人民政府2024年政府信息公开工作年度报告")
    word.add_paragraph("三、收到和处理政府信息公开申请情况")
    word.add_picture(io.BytesIO(S.png(scanned_pages[2])), width=Cm(16))
    word.add_picture(io.BytesIO(S.png(scanned_pages[3])), width=Cm(16))
    buf = io.BytesIO()
    word.save(buf)
    doc = load_document(buf.getvalue(), "报告.docx")
    assert doc.kind == "docx" and doc.meta["ocr"] == "1,2"
    assert doc.lines[0].text.startswith("淮安市洪泽区")  # the text stays text, first
    report = report_from_loaded(doc)
    r = report_to_dict(report)
    assert r["applications"]["received"] == expected["applications"]["received"]
    assert r["applications"]["partly_granted"] == expected["applications"]["partly_granted"]


def test_saved_web_page_with_table_images(tmp_path, scanned_pages, expected):
    """One picture as a data: URI, one in the page's _files folder; a picture
    outside that folder or on the network is never read."""
    folder = tmp_path / "报告_files"
    folder.mkdir()
    (folder / "image002.png").write_bytes(S.png(scanned_pages[3]))
    (tmp_path / "secret.png").write_bytes(S.png(scanned_pages[3]))
    inline = base64.b64encode(S.png(scanned_pages[2])).decode("ascii")
    page = tmp_path / "报告.html"
    page.write_text(
        "<html><head><meta charset='utf-8'></head><body>"
        "<p>淮安市洪泽区人民政府2024年政府信息公开工作年度报告</p>"
        f"<p><img src='data:image/png;base64,{inline}'></p>"
        "<p><img src='报告_files/image002.png'></p>"
        "<p><img src='../secret.png'><img src='http://example.invalid/a.png'></p>"
        "</body></html>", encoding="utf-8")
    doc = load_document(page.read_bytes(), str(page))
    assert doc.meta["ocr"] == "1,2"
    report = report_from_loaded(doc)
    r = report_to_dict(report)
    assert r["applications"]["received"] == expected["applications"]["received"]
    assert r["applications"]["total"] == expected["applications"]["total"]


def test_mixed_pdf_reads_only_the_page_without_text(scanned_pages, expected):
    """A text PDF whose table page 3 is a scan: page 3 is read by OCR, the pages
    with a text layer are read from it as always."""
    pdf = (samples_dir() / "real" / f"{SAMPLE}.pdf").read_bytes()
    data = S.replace_page_with_picture(pdf, 3, scanned_pages[2])
    doc = load_document(data, "混合.pdf")
    assert doc.kind == "pdf" and doc.meta["ocr"] == "3"
    assert all(line.ocr is None for line in doc.lines if line.page != 3)
    report = report_from_loaded(doc)
    assert differences(expected, report_to_dict(report)) == []
    assert report.provenance["applications.received.natural_person"].ocr is True
    assert report.provenance["applications.total.natural_person"].ocr is None
