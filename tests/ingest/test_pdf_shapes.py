"""Vector PDFs in the shapes real exporters give them (tests/ingest/pdf_shapes.py):
every cell read exactly, none lost, where the plain rendering reads them all."""

from __future__ import annotations

from functools import lru_cache

import pytest

from exact_cells import tables_of, wrong_cells
from pdf_shapes import render
from samples import samples_dir
from strategies import distinct_report
from zfxxgk.api import report_from_loaded
from zfxxgk.ingest.pdf import load_pdf, page_lines
from zfxxgk.ingest.pdf_columns import gutter, split_columns
from zfxxgk.ingest.pdf_layout import Char, faint, line_edge, path_edges, slanted
from zfxxgk.model import report_from_json


@lru_cache(maxsize=None)
def _report(template: str):
    """A distinct-valued report, or a shared sample's by name."""
    if template in ("2021", "2019"):
        return distinct_report(template, seed=900 if template == "2021" else 901)
    path = samples_dir() / "real-expected" / f"{template}.json"
    if not path.exists():
        pytest.skip(f"no sample {template}")
    return report_from_json(path.read_text("utf-8"))


def _read_exactly(template: str, shape: str):
    expected = _report(template)
    report = report_from_loaded(load_pdf(render(expected, shape), f"{shape}.pdf"))
    assert wrong_cells(report, tables_of(expected)) == []
    assert tables_of(report) == tables_of(expected)
    assert (report.agency, report.year) == (expected.agency, expected.year)
    return report


def test_rules_off_their_axis_by_rounding_are_rules():
    """A rule drawn through a rotation matrix ends 1e-13 pt off its axis."""
    assert line_edge((10.0, 301.63721400000001), (90.0, 301.63721400000014)).orientation == "h"
    assert line_edge((50.00000000000003, 10.0), (50.0, 80.0)).orientation == "v"
    assert line_edge((10.0, 10.0), (90.0, 60.0)).orientation == "v"  # slanted: pdfplumber's "v"
    turned = [(0.0, 0.0), (1e-13, 40.0), (90.0, 40.0000000001), (90.0, 0.0), (0.0, 0.0)]
    assert sorted(e.orientation for e in path_edges("mlllh", turned)) == ["h", "h", "v", "v"]


@pytest.mark.parametrize("template", ["2021", "2019"])
def test_landscape_pages_turned_by_rotate(template):
    """A printer driver stores landscape pages as portrait sheets with /Rotate 90
    and the content drawn turned: the tables are read all the same."""
    _read_exactly(template, "rotate90+")


@pytest.mark.parametrize("shape", ["watermark", "tiled-mark"])
def test_a_watermark_over_the_tables_is_no_text(shape):
    """政务公开 drawn slanted across the page, 仅供参考 tiled in light grey over
    the cells: neither joins a cell (开5, 0仅供参考), in either engine."""
    _read_exactly("2021", shape)
    data = render(_report("2021"), shape)
    texts = [[ln.text for ln in load_pdf(data, "x.pdf", {"engine": e}).lines]
             for e in ("pdfium", "pdfplumber")]
    assert texts[0] == texts[1]
    plain = [ln.text for ln in load_pdf(render(_report("2021"), "plain"), "x.pdf").lines]
    assert texts[0] == plain


def test_slanted_and_faint_text():
    assert slanted(0.61, 0.43, -0.43, 0.61)  # 35 degrees
    assert not slanted(1, 0, 0, 1) and not slanted(0, 1, -1, 0)  # upright, turned
    assert faint(0.82, 0.82, 0.82) and faint(1.0, 0.8, 0.8)  # D0D0D0, light red
    assert not faint(0, 0, 0) and not faint(1, 1, 1) and not faint(0.6, 0.6, 0.6)


def test_what_a_browser_prints_around_the_page_is_no_text():
    """A portal's page printed to PDF: the date and the site's name above, the
    address and "1/2" below, here right under table 四's row of numbers."""
    _read_exactly("hongze-district-2023", "browser-like")


def _line(top: float, text: str) -> list[Char]:
    return [Char(ch, 10.0 * k, 10.0 * k + 9, top, top + 9) for k, ch in enumerate(text)]


def test_page_lines_drop_a_browsers_header_and_footer_only():
    page = (_line(10, "2024/3/5 10:21 某区人民政府门户网站") + _line(40, "一、总体情况")
            + _line(70, "网址：https://www.example.gov.cn") + _line(100, "联系电话：0517-1234")
            + _line(800, "file:///C:/report.html 1/3"))
    assert [t for _, t in page_lines(page)] == ["一、总体情况", "网址：https://www.example.gov.cn",
                                                "联系电话：0517-1234"]


def test_two_pages_on_one_sheet():
    """2-up printing: the left page read before the right one, no line made of
    both, the title and every cell found."""
    _read_exactly("2021", "2up+")
    _read_exactly("hongze-district-2023", "2up+")


def _words(top: float, x: float, *words: str) -> list[Char]:
    out = []
    for w in words:
        out += [Char(ch, x + 9.0 * k, x + 9.0 * k + 9, top, top + 9) for k, ch in enumerate(w)]
        x += 9.0 * len(w) + 12
    return out


def test_a_table_without_rulings_is_not_cut_at_its_gap():
    """Labels left, numbers and short heads right, a wide gap between: no prose
    right of the gap, so the page stays one part (its rows stay rows)."""
    page = (_words(10, 300, "商业企业", "科研机构", "社会公益组织") + _words(30, 300, "自然人", "总计")
            + [c for k, label in enumerate(["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量",
                                            "（二）部分公开（区分处理的，只计这一情形）"])
               for c in _words(50 + 20 * k, 20, label) + _words(50 + 20 * k, 300, "12", "3", "456")])
    assert gutter(page, []) is not None
    assert split_columns(page, []) == [(page, [])]
    prose = [c for k in range(3) for c in _words(120 + 20 * k, 300, "第二页的正文有很多字这一行很长")]
    assert len(split_columns(page + prose, [])) == 2


@pytest.mark.parametrize("shape", ["shaded", "shaded-ruled"])
def test_shaded_cells_are_no_rules(shape):
    """Zebra rows and a shaded head without borders: the shading is no table
    (the plain rows' numbers were in no cell, and lost); with borders, the
    borders make the table as before. Both engines agree."""
    _read_exactly("2021", shape)
    data = render(_report("2021"), shape)
    texts = [[ln.text for ln in load_pdf(data, "x.pdf", {"engine": e}).lines]
             for e in ("pdfium", "pdfplumber")]
    assert texts[0] == texts[1]


def test_a_filled_rectangle_is_a_rule_only_when_thin():
    box = [(0.0, 0.0), (0.0, 16.0), (100.0, 16.0), (100.0, 0.0), (0.0, 0.0)]
    assert path_edges("mlllh", box, filled_only=True) == []
    assert len(path_edges("mlllh", box)) == 4  # stroked: a frame
    thin = [(0.0, 0.0), (0.0, 0.5), (100.0, 0.5), (100.0, 0.0), (0.0, 0.0)]
    assert len(path_edges("mlllh", thin, filled_only=True)) == 4  # a border drawn filled


@pytest.mark.parametrize("angle", [90, 270])
def test_a_table_drawn_sideways_is_read_as_the_sheet_is_turned(angle):
    """A landscape report drawn turned on portrait sheets with no /Rotate (its
    text runs up or down the page): PDFium reads each page as a reader turns the
    sheet, instead of leaving it to pdfplumber, which found no report in it."""
    from pdf_shapes import rotated

    expected = _report("2021")
    data = rotated(render(expected, "landscape"), angle, flag=False)
    doc = load_pdf(data, "sideways.pdf")
    assert "pdf_fallback" not in doc.meta
    report = report_from_loaded(doc)
    assert tables_of(report) == tables_of(expected)
    assert (report.agency, report.year) == (expected.agency, expected.year)
