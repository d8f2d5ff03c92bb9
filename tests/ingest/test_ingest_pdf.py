"""The real PDFs (WPS) parse exactly to their expected files, through the table
path and through the text fallback; the CLI reads PDFs and standard input by content."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from samples import differences, load_expected, sample_pairs, samples_dir
from zfxxgk.api import parse_document, parse_path
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
