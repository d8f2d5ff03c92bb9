"""Render -> read back -> identical report, for every expected sample (both
templates, blanks, published mistakes) and for generated reports.

Until the HTML/DOCX/XLSX/PDF loaders land (issue 3), the files are read back as
text the way those loaders will see them (extract.py) and parsed by the text
parser; Markdown is its own text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from strategies import distinct_report, reports
from zfxxgk.render import render

from render_checks import as_data, differences, expected_files, load_expected, parse_back

FAST = ("md", "html", "docx", "xlsx")


@pytest.mark.parametrize("fmt", FAST)
def test_every_expected_sample_round_trips(samples, fmt):
    files = expected_files(samples)
    assert len(files) >= 8
    for path in files:
        expected, report = load_expected(path)
        got = parse_back(fmt, render(report, fmt))
        assert differences(expected, got) == [], f"{path.name} via {fmt}"


@pytest.fixture(scope="module")
def pdfs(samples):
    """Every expected sample as PDF, rendered once (WeasyPrint is the slow part)."""
    out = {}
    for path in expected_files(samples):
        expected, report = load_expected(path)
        out[path.name] = (expected, render(report, "pdf"))
    return out


def test_every_expected_sample_round_trips_through_pdf(pdfs):
    for name, (expected, data) in pdfs.items():
        assert data.startswith(b"%PDF")
        assert differences(expected, parse_back("pdf", data)) == [], name


def test_published_mistakes_are_rendered_as_published(samples):
    """洪泽 2023 prints the 行政复议 total as 0 against 11 and （六） as one row: the
    rendering keeps both (nothing is corrected on the way)."""
    expected, report = load_expected(samples / "real-expected" / "hongze-district-2023.json")
    md = render(report, "md")
    assert "| 10 | 1 | 0 | 0 | 0 |" in md  # 行政复议 as published: total 0
    assert "| 三、本年度办理结果 （六）其他处理 | 0 |" not in md  # not the first result row
    assert "| （六）其他处理 | 0 |" in md and "3.其他" not in md


@pytest.mark.parametrize("template", ["2019", "2021"])
@pytest.mark.parametrize("fmt", FAST)
def test_distinct_values_round_trip(template, fmt):
    """Every cell different: a shifted column or row would show."""
    report = distinct_report(template, seed=3)
    assert differences(as_data(report), parse_back(fmt, render(report, fmt))) == []


@pytest.mark.parametrize("fmt", ["md", "html", "xlsx"])
@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(report=reports(blanks=True))
def test_generated_reports_with_blanks_round_trip(fmt, report):
    assert differences(as_data(report), parse_back(fmt, render(report, fmt))) == []


@settings(max_examples=6, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(report=reports(consistent=False))
def test_generated_inconsistent_reports_round_trip_through_docx(report):
    assert differences(as_data(report), parse_back("docx", render(report, "docx"))) == []
