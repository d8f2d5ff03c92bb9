"""“新收申请最多的机关” ranks each year apart (it added a body's years together,
so a body with five reports outranked this year's busiest) and gives each body's
予以公开 share of its 办理结果总计 — empty and said to be 不完整 where a cell is
blank, never computed as if the blank were 0."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from corpus_gen import body, report
from layouts import write
from zfxxgk.cli import cli
from zfxxgk.corpus import stats
from zfxxgk.corpus.engines import LocalEngine
from zfxxgk.corpus.run import run_batch

BODIES, YEARS = 4, (2022, 2023)
NO_GRANTED, NO_TOTAL = 1, 2  # their 2023 reports leave these cells blank


def _reports() -> dict[tuple[int, int], object]:
    out = {}
    for i in range(BODIES):
        for year in YEARS:
            r = report(i, year)
            if year == 2023 and i == NO_GRANTED:
                for column in r.applications["granted"]:
                    r.applications["granted"][column] = None
            if year == 2023 and i == NO_TOTAL:
                r.applications["total"]["total"] = None
            out[i, year] = r
    return out


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("top")
    reports = _reports()
    for (i, year), r in reports.items():
        (root / "in").mkdir(exist_ok=True)
        (root / "in" / f"{i}-{year}.txt").write_text(write("tab_exact", r), encoding="utf-8")
    assert run_batch([str(root / "in")], root / "out", LocalEngine(1), chunk_size=4).failed == 0
    return root / "out", reports


def _expected(reports, year: int, top: int) -> list[tuple]:
    ranked = sorted(range(BODIES), key=lambda i: (-reports[i, year].applications["received"]["total"], body(i)))
    return [(year, body(i), reports[i, year].applications["received"]["total"]) for i in ranked[:top]]


def test_each_year_is_ranked_apart_latest_first(run):
    out, reports = run
    rows = stats.compute(out, top=3)["top_agencies"]
    assert [(r["year"], r["key"], r["value"]) for r in rows] == \
        _expected(reports, 2023, 3) + _expected(reports, 2022, 3)
    assert {r["scope"] for r in rows} == {"agency"}


def test_granted_share_of_results_and_blank_cells_are_incomplete(run):
    out, reports = run
    rows = {(r["year"], r["key"]): r for r in stats.compute(out, top=BODIES)["top_agencies"]}
    a = reports[0, 2023].applications
    assert rows[2023, body(0)]["share"] == pytest.approx(a["granted"]["total"] / a["total"]["total"], abs=1e-4)
    assert rows[2023, body(0)]["note"] is None
    for i, gap in ((NO_GRANTED, "予以公开空缺"), (NO_TOTAL, "办理结果总计空缺")):
        row = rows[2023, body(i)]
        assert row["share"] is None and row["note"] == f"不完整：{gap}"
        assert row["value"] == reports[i, 2023].applications["received"]["total"]  # still ranked
    assert rows[2022, body(NO_GRANTED)]["share"] is not None  # the other year is whole


def test_text_and_csv_say_incomplete(run):
    out, _ = run
    result = CliRunner().invoke(cli, ["stats", str(out), "--top", str(BODIES)])
    assert result.exit_code == 0, result.output
    section = result.stdout.split("新收申请最多的机关")[1].split("\n\n")[0]
    assert "予以公开占办理结果总计" in section and "不完整：予以公开空缺" in section
    line = next(x for x in section.splitlines() if body(0) in x and x.startswith("2023"))
    assert line.rstrip().endswith("%")
    csv = CliRunner().invoke(cli, ["stats", str(out), "--format", "csv"]).stdout.splitlines()
    assert csv[0].endswith(",share,note")
    assert any(x.startswith("top_agencies,2023,agency,") and x.endswith(",,不完整：办理结果总计空缺") for x in csv)
