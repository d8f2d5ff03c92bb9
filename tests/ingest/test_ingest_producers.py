"""PDFs from other producers than the WPS of the real samples parse exactly:
LibreOffice (stored in data/, made by data/make_fixtures.py from the DOCX fixture:
LibreOffice is too large to install for every test run) and WeasyPrint (through
`zfxxgk.render`, rendered once here). Each draws rules and places text its own
way: LibreOffice breaks table rows over pages, wraps numbers in narrow cells and
sets a heading right under a table's bottom rule.

If `ingest_fixtures` changes its values, rerun data/make_fixtures.py."""

from __future__ import annotations

from pathlib import Path

import pytest

import ingest_fixtures as F
from samples import differences
from zfxxgk.ingest.grid import cell_text
from zfxxgk.api import report_from_bytes
from zfxxgk.ingest.load import load_document
from zfxxgk.ingest.pdf import row_fragment
from zfxxgk.model import report_to_dict

DATA = Path(__file__).resolve().parent / "data"


def test_libreoffice_pdf_parses_exactly():
    data = (DATA / "libreoffice.pdf").read_bytes()
    assert load_document(data, "lo.pdf").kind == "pdf"  # the table path, not the fallback
    assert differences(F.expected(), report_to_dict(report_from_bytes(data, "lo.pdf"))) == []


def test_libreoffice_pdf_lines():
    doc = load_document((DATA / "libreoffice.pdf").read_bytes(), "lo.pdf")
    texts = [line.text for line in doc.lines]
    # a heading set right under table 二's bottom rule is text, not lost to the table
    assert "三、收到和处理政府信息公开申请情况" in texts
    # rows broken over a page are whole again: the label reads whole, no row of blanks
    assert any(t.startswith("2.其他法律行政法规禁止公开\t") for t in texts)
    assert any(t.startswith("2.没有现成信息需要另行制作\t") for t in texts)
    rows = [line for line in doc.lines if line.table is not None]
    assert all(any(c.strip() for c in line.text.split("\t")[1:]) or "\t" not in line.text
               for line in rows)
    # numbers wrapped in narrow cells are one number again
    received = F.VALUES["applications"]["received"]["natural_person"]
    assert any(f"\t{received}\t" in t for t in texts)


def test_wrapped_numbers_join_and_words_keep_their_space():
    assert cell_text("1295\n7") == "12957"
    assert cell_text("36.\n75") == "36.75"
    assert cell_text("Open\nData") == "Open Data"
    assert cell_text("ISO\n9001") == "ISO 9001"
    assert cell_text("1.\n属于国家秘密") == "1.属于国家秘密"


@pytest.mark.parametrize("upper,lower,expected", [
    # the rest of a label, alone on the next page
    ([None, None, "2.其", "277", "284"], ["", "", "他法律行政法规禁止公开", "", ""], True),
    # a full-width row of table 二 after a row of numbers: merged where upper is not
    (["行政规范性文件", "32", "39"], ["第二十条第（五）项", None, None], False),
    # a header repeated on the next page has text over the numbers
    ([None, "2.其", "277"], ["（本列数据的勾稽关系", None, "申请人情况"], False),
    # a row of its own whose numbers are all blank: it starts with a row marker
    ([None, "2.其他法律行政法规禁止公开", "277"], ["", "3.危及“三安全一稳定”", ""], False),
    # text under a number is never a fragment
    ([None, "2.其", "277"], ["", "", "注"], False),
    (["a", "1"], ["", "", ""], False),
])
def test_row_fragment(upper, lower, expected):
    assert row_fragment(upper, lower) is expected


@pytest.fixture(scope="module")
def rendered_pdf() -> bytes:
    """The DOCX fixture's report rendered to PDF by `zfxxgk.render` (WeasyPrint)."""
    pytest.importorskip("weasyprint")
    from zfxxgk.render import render

    return render(report_from_bytes(F.docx_report(), "r.docx"), "pdf")


def test_weasyprint_pdf_parses_exactly(rendered_pdf):
    assert load_document(rendered_pdf, "r.pdf").kind == "pdf"
    report = report_from_bytes(rendered_pdf, "r.pdf")
    assert differences(F.expected(), report_to_dict(report)) == []
