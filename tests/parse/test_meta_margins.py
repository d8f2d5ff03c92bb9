"""A Word file's page header and footer as a source of the body's name and the year:
some offices print the name (or the whole title) only in the header, above a title
without it. Taken only where the text names nothing, said in an F-META note, never
read into the body (a header printed on every page would come between a table's
rows), and never over a title that names its body."""

from __future__ import annotations

import io

import pytest

from exact_cells import tables_of
from strategies import distinct_report
from zfxxgk.check import run
from zfxxgk.ingest.docx import load_docx
from zfxxgk.parse import parse_document

AGENCY = "青禾市云岭区住房和城乡建设局"


def _docx(report, title: str | None, header: str, footer: str = "", first_page: bool = False) -> bytes:
    """The project's DOCX of `report` (python-docx writes the header parts), its title
    paragraph rewritten or removed, no signature, no document properties."""
    import docx

    from zfxxgk.render import render

    doc = docx.Document(io.BytesIO(render(report, "docx")))
    paragraphs = doc.paragraphs
    if title is None:
        paragraphs[0]._element.getparent().remove(paragraphs[0]._element)
    else:
        for run_ in paragraphs[0].runs[1:]:
            run_._element.getparent().remove(run_._element)
        paragraphs[0].runs[0].text = title
    for p in paragraphs[-2:]:
        p._element.getparent().remove(p._element)
    doc.core_properties.title = doc.core_properties.author = ""
    section = doc.sections[0]
    if first_page:
        section.different_first_page_header_footer = True
        section.first_page_header.paragraphs[0].text = header
        section.header.paragraphs[0].text = "内部资料"
    else:
        section.header.paragraphs[0].text = header
    section.footer.paragraphs[0].text = footer
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _header_notes(report) -> list[str]:
    return [f.message for f in run(report) if f.rule == "F-META" and "页眉" in f.message]


@pytest.fixture(scope="module")
def expected():
    return distinct_report("2021", seed=41, agency=AGENCY, year=2023)


def test_the_name_only_in_the_page_header(expected):
    data = _docx(expected, "2023年政府信息公开工作年度报告", AGENCY, footer="- 1 -")
    doc = load_docx(data, source="年报.docx")
    assert all(AGENCY not in line.text for line in doc.lines)  # not read into the body
    report = parse_document(doc)
    assert (report.agency, report.year, report.template) == (AGENCY, 2023, "2021")
    assert tables_of(report) == tables_of(expected)
    assert len(_header_notes(report)) == 1 and AGENCY in _header_notes(report)[0]


def test_the_whole_title_only_in_the_first_pages_header(expected):
    data = _docx(expected, None, f"{AGENCY}2023年政府信息公开工作年度报告", first_page=True)
    report = parse_document(load_docx(data, source="年报.docx"))
    assert (report.agency, report.year) == (AGENCY, 2023)
    assert any(AGENCY in m for m in _header_notes(report))


@pytest.mark.parametrize("header", ["青禾市人民政府", "青禾市人民政府门户网站", "政府信息公开"])
def test_a_title_naming_its_body_wins_over_the_header(expected, header):
    data = _docx(expected, f"{AGENCY}2023年政府信息公开工作年度报告", header, footer="第 1 页")
    report = parse_document(load_docx(data, source="年报.docx"))
    assert (report.agency, report.year) == (AGENCY, 2023)
    assert not _header_notes(report)
    assert tables_of(report) == tables_of(expected)


@pytest.mark.parametrize("header", ["青禾市人民政府门户网站", "内部资料 注意保存", "第 1 页"])
def test_a_header_naming_no_body_gives_no_name(expected, header):
    data = _docx(expected, "2023年政府信息公开工作年度报告", header)
    report = parse_document(load_docx(data, source="report.docx"))
    assert report.agency is None
    assert not _header_notes(report)
