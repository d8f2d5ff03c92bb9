"""A report read back from its JSON is checked like its source: `printed` carries
the parser's notes and the source's lines (report-json.md, docs/printed.md)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from samples import SAMPLES
from zfxxgk.cli import cli
from zfxxgk.model import Note, Report, report_from_json, report_to_json

NAMES = sorted(f"{p.parent.name}/{p.name}" for kind in ("real", "seeds")
               for p in (SAMPLES / kind).glob("*.txt")) or ["missing"]


def _findings(*args: str) -> list[dict]:
    result = CliRunner().invoke(cli, ["check", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["findings"]


@pytest.mark.parametrize("name", NAMES)
def test_check_of_the_json_equals_check_of_the_text(samples, name, tmp_path):
    source = samples / name
    parsed = CliRunner().invoke(cli, ["parse", str(source), "-o", str(tmp_path / "r.json")])
    assert parsed.exit_code == 0, parsed.output
    from_text = _findings(str(source))
    assert json.loads((tmp_path / "r.json").read_text("utf-8"))["printed"]["lines"]
    assert _findings(str(tmp_path / "r.json")) == from_text


def test_printed_round_trips_notes_and_lines():
    report = Report(agency="某某局", year=2023)
    report._notes = [Note("label", ["applications.received.total"], 12, None, "本年新收申请",
                          {"printed": "本年新收申请", "official": "本年新收政府信息公开申请数量"}),
                     Note("template_mixed", data={"majority": "2021"})]
    report._source_lines = {1: "某某局2023年政府信息公开工作年度报告", 12: "本年新收申请 3"}
    back = report_from_json(report_to_json(report))
    assert back.notes == report.notes and back.source_lines == report.source_lines
    assert "printed" not in json.loads(report_to_json(report, provenance=False))
