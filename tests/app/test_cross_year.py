"""One pairing policy: `zfxxgk check DIR` and `zfxxgk batch DIR` both compare a
report with the same body's report of the year before when the folder holds it."""

from __future__ import annotations

import json
import shutil

import duckdb
from click.testing import CliRunner

from zfxxgk.app import check_many
from zfxxgk.cli import cli
from zfxxgk.corpus.engines import LocalEngine
from zfxxgk.corpus.run import run_batch
from zfxxgk.model import report_to_json
from zfxxgk.parse import parse_text

CROSS = {"X-1", "T2-1", "T2-3"}


def two_years(samples, tmp_path):
    """Hongze 2023 (its carried-forward count changed to 7) and 2024 in one folder."""
    real = samples / "real"
    folder = tmp_path / "in"
    folder.mkdir()
    last = parse_text((real / "hongze-district-2023.txt").read_text("utf-8"))
    last.applications["carried_forward"]["natural_person"] = 7
    (folder / "2023.json").write_text(report_to_json(last), encoding="utf-8")
    shutil.copy(real / "hongze-district-2024.txt", folder / "2024.txt")
    return folder


def _cross(findings):
    return sorted((f["rule"], tuple(f["cells"]), f["message"]) for f in findings
                  if f["rule"] in CROSS)


def test_batch_writes_the_cross_year_findings_check_gives(samples, tmp_path):
    folder = two_years(samples, tmp_path)
    result = CliRunner().invoke(cli, ["check", "--format", "json", str(folder)])
    docs = {d["source"]: d["findings"] for d in json.loads(result.stdout)}
    from_check = _cross(docs[str(folder / "2024.txt")])
    assert ("X-1", ("applications.carried_in.natural_person",)) in [r[:2] for r in from_check]
    assert _cross(docs[str(folder / "2023.json")]) == []

    out = tmp_path / "out"
    # with provenance kept, so that the messages can cite the lines as `check` does
    summary = run_batch([str(folder)], out, LocalEngine(1), provenance=True)
    assert summary.cross_year == len(from_check)
    rows = duckdb.sql(f"select source, rule, cells, message from read_parquet('{out}/findings.parquet/*.parquet')"
                      ).fetchall()
    from_batch = _cross([{"rule": r, "cells": c, "message": m} for s, r, c, m in rows
                         if s == str(folder / "2024.txt")])
    assert from_batch == from_check

    again = run_batch([str(folder)], out, LocalEngine(1), provenance=True)  # a second run adds no duplicates
    assert again.cross_year == summary.cross_year
    n = duckdb.sql(f"select count(*) from read_parquet('{out}/findings.parquet/*.parquet') "
                   f"where rule = 'X-1'").fetchall()[0][0]
    assert n == sum(1 for r in from_check if r[0] == "X-1")


def test_a_lookup_supplies_the_year_before_only_when_none_is_among_the_reports(samples):
    real = samples / "real"
    last = parse_text((real / "hongze-district-2023.txt").read_text("utf-8"))
    this = parse_text((real / "hongze-district-2024.txt").read_text("utf-8"))
    last.applications["carried_forward"]["natural_person"] = 7
    asked = []
    found = check_many([this], select="X-1", lookup=lambda r: asked.append(r) or last)
    assert asked == [this] and [f.rule for f in found[0]] == ["X-1"]
    assert check_many([this, last], select="X-1", lookup=lambda r: None)[0] == found[0]
