"""No CSV output hands a spreadsheet a formula: an agency, a file name or a label
that starts with =, +, -, @, a tab or a CR is written as text (a leading
apostrophe), while numbers, negative ones too, stay numbers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from zfxxgk.cli import cli
from zfxxgk.files import csv_field
from zfxxgk.model import Report, report_to_json

LEADS = ["=HYPERLINK(\"http://x\",\"点击\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
         "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", LEADS)
def test_a_formula_lead_is_written_as_text(text):
    assert csv_field(text) == "'" + text


@pytest.mark.parametrize("value", ["-3", "+5", "-0.25", "1e-05", "-1.5E+3", "某某局", "", 7, None])
def test_numbers_and_plain_text_are_unchanged(value):
    assert csv_field(value) == value


def _report_json(tmp_path: Path, agency: str) -> Path:
    report = Report(agency=agency, year=2020, template="2019",
                    applications={"received": {"natural_person": 3, "total": 3}},
                    active={"rules": {"made": 1, "published": 0}, "licensing": {"change": -3}})
    path = tmp_path / "r.json"
    path.write_text(report_to_json(report, provenance=False), "utf-8")
    return path


@pytest.mark.parametrize("agency", LEADS[:4])
def test_parse_and_check_csv_carry_no_formula(tmp_path, agency):
    path = _report_json(tmp_path, agency)
    parsed = CliRunner().invoke(cli, ["parse", "--format", "csv", str(path)])
    rows = list(csv.DictReader(io.StringIO(parsed.stdout)))
    assert {r["agency"] for r in rows} == {"'" + agency}
    assert {r["value"] for r in rows if r["column"] == "change"} == {"-3"}
    checked = CliRunner().invoke(cli, ["check", "--format", "csv", str(path)])
    found = list(csv.reader(io.StringIO(checked.stdout)))[1:]
    assert found and {row[2] for row in found} == {"'" + agency}
    assert not [cell for row in found for cell in row if cell[:1] in ("=", "+", "@")]


SPACED = [" =HYPERLINK(\"http://x\",\"点击\")", "  @SUM(A1:A9)", "\u3000=1+1", "\xa0+1+1", "\n=1+1",
          " ＝1+1", "\x00=1+1", "\x00"]


@pytest.mark.parametrize("text", SPACED)
def test_a_formula_lead_behind_spaces_or_a_nul_is_written_as_text(text):
    assert csv_field(text) == "'" + text


@pytest.mark.parametrize("value", [" -3", "\u30002024", "  某某局", " 1e-05", "a =b"])
def test_spaced_numbers_and_text_are_unchanged(value):
    assert csv_field(value) == value
