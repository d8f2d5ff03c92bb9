"""The dashboard counts what `zfxxgk batch` marks `counted`: one report per body,
year and scope, region summaries never added to their units. Its totals must equal
the sums over cells.parquet's counted rows for the same files."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from zfxxgk.cli import cli
from zfxxgk.corpus.dedupe import parts
from zfxxgk.standard.vocabulary import OUTCOME_NAMES

from .conftest import EXAMPLES

FILES = ("wanghu-street-2020.txt", "wanghu-street-2023.txt", "qinghe-city-2024.txt",
         "yunling-district-2022.txt", "ecology-bureau-2023.md", "transport-bureau-2024.md")


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for name in FILES:
        shutil.copy(EXAMPLES / name, d / name)
    # the same report again, another file (another SHA-256): counted once
    (d / "wanghu-street-2023-copy.txt").write_bytes((EXAMPLES / FILES[1]).read_bytes() + b"\n\n")
    return d


def _counted_sums(out, year=None):
    con = duckdb.connect()
    cells = f"read_parquet('{parts(out, 'cells')}', union_by_name = true)"
    reports = f"read_parquet('{parts(out, 'reports')}', union_by_name = true)"
    where = f"and year = {year}" if year else ""
    n = con.execute(f"select count(*) from {reports} where counted {where}").fetchone()[0]
    rows = con.execute(f"""select "row", "column", sum(value::double) from {cells}
        where counted and scope <> 'region' and "table" = 'applications' {where}
        group by all""").fetchall()
    outcomes: dict[str, float] = {}
    received: dict[str, float] = {}
    for row, col, v in rows:
        name = OUTCOME_NAMES.get(row.split(".")[0])
        if name and col == "total" and v is not None:
            outcomes[name] = outcomes.get(name, 0) + v
        if row == "received" and col != "total" and v is not None:
            received[col] = v
    return n, outcomes, received


@pytest.mark.django_db
def test_dashboard_totals_equal_counted_sums(folder, tmp_path, users, login):
    from zfxxgk.web.reports.services import create_report

    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["batch", str(folder), "--out", str(out)], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    for path in sorted(folder.iterdir()):
        create_report(path.read_bytes(), path.name, users["clerk"])
    c = login("reader")
    for year in (None, 2023):
        d = c.get("/dashboard" + (f"?year={year}" if year else "")).context["d"]
        n, outcomes, received = _counted_sums(out, year)
        assert d["reports"] == n
        assert {x["name"]: x["value"] for x in d["outcomes"]} == outcomes and outcomes
        assert sum(x["value"] for x in d["applicants"]) == sum(received.values())
    d = c.get("/dashboard").context["d"]
    assert d["reports"] == len(FILES) and d["region_summaries"] == 2 and d["units"] == 4
    assert d["filed"] == len(FILES) + 1
    page = c.get("/dashboard?year=2023").content.decode()
    assert "实质公开率" in page and "÷" in page  # indicators with their formulas
    assert "<option value=\"2023\" selected>" in page
    rules = d["findings_by_rule"]
    assert rules and all(r["severity_label"] in ("错误", "警告", "提示") for r in rules)


def _stats(folder, out) -> dict:
    import json

    CliRunner().invoke(cli, ["batch", str(folder), "--out", str(out)], catch_exceptions=False)
    result = CliRunner().invoke(cli, ["stats", str(out), "--format", "json"], catch_exceptions=False)
    return json.loads(result.stdout)["sections"]


def _assert_dashboard_equals_stats(c, sections) -> None:
    years = sorted({r["year"] for r in sections["templates"]["rows"]})
    assert len(years) >= 3
    for year in years:
        d = c.get(f"/dashboard?year={year}").context["d"]
        assert d["reports"] == sum(r["value"] for r in sections["templates"]["rows"] if r["year"] == year)
        for name, section in (("outcomes", "outcomes"), ("applicants", "applicants")):
            expected: dict[str, float] = {}
            for r in sections[section]["rows"]:
                if r["year"] == year and r["scope"] != "region" and r["value"]:
                    expected[r["label"]] = expected.get(r["label"], 0) + r["value"]
            assert {x["name"]: x["value"] for x in d[name] if x["value"]} == expected, (year, name)


@pytest.mark.django_db
def test_dashboard_figures_equal_zfxxgk_stats(folder, tmp_path, users, login):
    """One de-duplication (corpus.dedupe.choose) and one aggregation
    (corpus.stats.application_rows) for both faces: the same files give the dashboard
    the figures `zfxxgk stats` prints, year by year, units apart from area summaries."""
    from zfxxgk.web.reports.services import create_report

    sections = _stats(folder, tmp_path / "out")
    for path in sorted(folder.iterdir()):
        create_report(path.read_bytes(), path.name, users["clerk"])
    _assert_dashboard_equals_stats(login("reader"), sections)
    dropped = sections["duplicates"]["rows"]
    assert [sorted(Path(r[k]).name for k in ("label", "value")) for r in dropped] == [
        ["wanghu-street-2023-copy.txt", "wanghu-street-2023.txt"]]


@pytest.mark.django_db
def test_scoped_dashboard_equals_zfxxgk_stats_on_its_files(folder, tmp_path, users, login):
    """A user of one district sees the dashboard of the reports in their scope: the
    figures `zfxxgk stats` gives after `zfxxgk batch` on just those files."""
    from zfxxgk.web.accounts.models import Membership
    from zfxxgk.web.reports.models import Report
    from zfxxgk.web.reports.querysets import visible_reports
    from zfxxgk.web.reports.services import create_report

    for path in sorted(folder.iterdir()):
        create_report(path.read_bytes(), path.name, users["clerk"])
    Membership.objects.create(user=users["reader"], region="青禾市云岭区")
    seen = set(visible_reports(users["reader"], Report.objects.all()).values_list("source_name", flat=True))
    assert seen == {"wanghu-street-2020.txt", "wanghu-street-2023.txt", "wanghu-street-2023-copy.txt",
                    "yunling-district-2022.txt"}
    mine = tmp_path / "mine"
    mine.mkdir()
    for name in seen:
        shutil.copy(folder / name, mine / name)
    sections = _stats(mine, tmp_path / "out")
    _assert_dashboard_equals_stats(login("reader"), sections)
    d = login("reader").get("/dashboard").context["d"]
    assert (d["reports"], d["filed"]) == (3, 4)
