"""Every spreadsheet output, one test per path, with agencies that a spreadsheet
would run as formulas (ASCII leads, a tab or CR first, and the full-width ＝＋－＠
an input method types): each CSV field starts with an apostrophe, each XLSX cell
is text. The CLI's parse/check CSV and the web's XLSX exports are tested beside
this (test_csv_formulas.py, tests/web/test_security_xlsx.py)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from zfxxgk.cli import cli
from zfxxgk.corpus.engines import LocalEngine
from zfxxgk.corpus.run import run_batch
from zfxxgk.model import Report, report_to_json

AGENCIES = ["=HYPERLINK(\"http://x\",\"点击\")市人民政府", "+1+cmd|' /C calc'!A0区人民政府",
            "@SUM(A1:A9)县人民政府", "\t=1+1镇人民政府", "＝1+1街道办事处", "－1+1局", "＋1+1委员会", "＠SUM(A1)办公室"]
LEADS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def _report(agency: str, year: int) -> Report:
    return Report(agency=agency, year=year, template="2021",
                  applications={"received": {"natural_person": 3, "total": 3}},
                  active={"rules": {"issued": 1, "repealed": 0, "in_force": 5}})


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("formulas")
    src = root / "in"
    src.mkdir()
    for i, agency in enumerate(AGENCIES):
        (src / f"r{i}.json").write_text(report_to_json(_report(agency, 2023), provenance=False), "utf-8")
    out = root / "out"
    assert run_batch([str(src)], out, LocalEngine(1), chunk_size=4).failed == 0
    return out


def _live(fields) -> list[str]:
    """Fields a spreadsheet would take as a formula (a leading apostrophe makes text)."""
    return [f for f in fields if isinstance(f, str) and f.startswith(LEADS)]


def _csv_fields(text: str) -> list[str]:
    return [f for row in csv.reader(io.StringIO(text)) for f in row]


def _xlsx_cells(path: Path) -> list:
    book = openpyxl.load_workbook(path)
    return [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


def _invoke(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def test_stats_csv(run):
    fields = _csv_fields(_invoke("stats", str(run), "--format", "csv"))
    assert not _live(fields)


def test_stats_by_agency_csv_and_xlsx(run, tmp_path):
    fields = _csv_fields(_invoke("stats", str(run), "--by", "agency", "--format", "csv"))
    assert not _live(fields) and {"'" + a for a in AGENCIES} <= set(fields)
    xlsx = tmp_path / "指标.xlsx"
    _invoke("stats", str(run), "--by", "agency", "--format", "xlsx", "-o", str(xlsx))
    cells = _xlsx_cells(xlsx)
    assert {a for a in AGENCIES} <= {c.value for c in cells if c.data_type == "s"}
    assert not [c for c in cells if c.data_type == "f"]


def test_sql_csv(run):
    fields = _csv_fields(_invoke("sql", "select agency, year from reports order by agency",
                                 "--out", str(run), "--format", "csv"))
    assert not _live(fields) and {"'" + a for a in AGENCIES} <= set(fields)


def test_parse_and_check_csv_and_check_xlsx(run, tmp_path):
    files = sorted(str(p) for p in (run.parent / "in").glob("*.json"))
    assert not _live(_csv_fields(_invoke("parse", "--format", "csv", *files)))
    assert not _live(_csv_fields(_invoke("check", "--format", "csv", *files)))
    xlsx = tmp_path / "核查.xlsx"
    _invoke("check", "--format", "xlsx", "-o", str(xlsx), *files)
    cells = _xlsx_cells(xlsx)
    assert {a for a in AGENCIES} <= {c.value for c in cells if c.data_type == "s"}
    assert not [c for c in cells if c.data_type == "f"]


def test_render_xlsx_from_the_cli(run, tmp_path):
    out = tmp_path / "报告.xlsx"
    _invoke("render", str(run.parent / "in" / "r4.json"), "--to", "xlsx", "--force", "-o", str(out))
    cells = _xlsx_cells(out)
    assert [c for c in cells if c.value == AGENCIES[4] and c.data_type == "s"]
    assert all(c.parent.title == "勾稽关系核验" for c in cells if c.data_type == "f")


def test_stats_overview_xlsx_without_by(run, tmp_path):
    xlsx = tmp_path / "统计.xlsx"
    _invoke("stats", str(run), "--format", "xlsx", "-o", str(xlsx))
    cells = _xlsx_cells(xlsx)
    assert {a for a in AGENCIES} <= {c.value for c in cells if c.data_type == "s"}
    assert not [c for c in cells if c.data_type == "f"]
