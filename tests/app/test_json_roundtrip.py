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


@pytest.mark.parametrize("change,words", [
    (lambda d: d["applications"]["received"].update(total="1e999"),
     "applications.received.total：应为数字或 null，不是文字（“1e999”）"),
    (lambda d: d["active"]["rules"].update(issued=10 ** 20), "active.rules.issued：单元格的数值超出范围"),
    (lambda d: d.update(year=10 ** 30), "year：超出范围"),
    (lambda d: d["applications"]["received"].update(total="三"),
     "applications.received.total：应为数字或 null，不是文字（“三”）"),
])
def test_report_json_beyond_any_report_is_refused_in_chinese(samples, tmp_path, change, words):
    """Values no report holds (they crashed Parquet and Excel exports) are refused
    when a report JSON is read, naming the field."""
    parsed = CliRunner().invoke(cli, ["parse", str(samples / "real" / "hongze-district-2024.txt"),
                                      "-o", str(tmp_path / "r.json")])
    assert parsed.exit_code == 0, parsed.output
    data = json.loads((tmp_path / "r.json").read_text("utf-8"))
    change(data)
    (tmp_path / "bad.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "bad.json")])
    assert result.exit_code == 2 and words in result.output, result.output
    assert "Traceback" not in result.output


def test_printed_of_the_wrong_shape_is_left_out():
    """`printed` written by hand or damaged: entries of the wrong type are skipped."""
    report = report_from_json(json.dumps({
        "agency": "某某局", "printed": {"notes": [{"kind": "label", "where": [1], "cells": 5,
                                                  "data": "x"}, "x"], "lines": ["a"]}}))
    assert [(n.kind, n.cells, n.line, n.data) for n in report.notes] == [("label", [], None, {})]
    assert report.source_lines == {}
