"""Indicators with their 口径, the counted copy in the batch outputs, and `zfxxgk sql` —
over a generated region: 6 bodies × 2022–2023, one body's report twice (a second
layout), one with a blank result cell, one with no review cases."""

from __future__ import annotations

import csv
import io
import json

import duckdb
import openpyxl
import pytest
from click.testing import CliRunner

from corpus_gen import body, report, write_corpus
from layouts import write
from zfxxgk.cli import cli
from zfxxgk.corpus import indicators as ind
from zfxxgk.corpus.dedupe import connect
from zfxxgk.corpus.engines import LocalEngine
from zfxxgk.corpus.indicator_page import ranked
from zfxxgk.corpus.indicators_sql import grouped, install
from zfxxgk.corpus.run import run_batch
from zfxxgk.model import report_from_json

UNITS, BLANK, NO_REVIEW, DOUBLED = 6, 2, 3, 1


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("indicators")
    src = root / "in"
    write_corpus(src, UNITS, years=(2022, 2023))
    blank = report(BLANK, 2023)
    blank.applications["granted"]["total"] = None
    (src / f"{BLANK:05d}-2023.txt").write_text(write("tab_exact", blank), encoding="utf-8")
    quiet = report(NO_REVIEW, 2023)
    for col in quiet.review_litigation["review"]:
        quiet.review_litigation["review"][col] = 0
    (src / f"{NO_REVIEW:05d}-2023.txt").write_text(write("tab_exact", quiet), encoding="utf-8")
    (src / "again.txt").write_text(write("markdown", report(DOUBLED, 2023), seed=3), encoding="utf-8")
    out = root / "out"
    assert run_batch([str(src)], out, LocalEngine(2), chunk_size=4).failed == 0
    return out


def _reports(out):
    with open(out / "reports.jsonl", encoding="utf-8") as f:
        return {d["sha256"]: report_from_json(json.dumps(d)) for d in map(json.loads, f)}


def test_sql_equals_python_for_every_report_and_basis(run):
    con = connect(run)
    install(con)
    reports = _reports(run)
    rows = con.execute("select sha256, indicator, basis, numerator, denominator, value "
                       "from indicators").fetchall()
    assert len(rows) == len({r[0] for r in rows}) * sum(len(i.bases) for i in ind.INDICATORS)
    for sha, code, basis, num, den, value in rows:
        py_num, py_den = ind.basis_parts(reports[sha], ind.by_code(code).basis(basis))
        assert (num, den) == ((None, None) if py_num is None else (float(py_num), float(py_den)))
        assert value == ind.ratio(py_num, py_den)


def test_blank_term_and_zero_denominator_give_null_never_zero(run):
    con = connect(run)
    install(con)
    def value(agency, code):
        return con.execute("select value, numerator from indicators where agency = ? and year = 2023 "
                           "and indicator = ? and basis = ?",
                           [agency, code, ind.by_code(code).bases[0].code]).fetchone()
    assert value(body(BLANK), "disclosure_rate") == (None, None)
    assert value(body(BLANK), "unavailable_rate")[0] is not None  # other terms still known
    assert value(body(NO_REVIEW), "review_correction_rate")[0] is None  # 0 ÷ 0


def test_group_rates_are_pooled_sums(run):
    con = connect(run)
    install(con)
    reports = [r for r in _reports(run).values() if r.year == 2023]
    by_year = {(r["key"], r["indicator"]): r for r in grouped(con, "year")}
    row = by_year[(2023, "disclosure_rate")]
    counted = {r.agency: r for r in reports}  # the doubled body's copies hold the same figures
    parts = [ind.basis_parts(r, ind.INDICATORS[0].bases[0]) for r in counted.values()]
    parts = [p for p in parts if p[0] is not None and p[1]]
    assert row["reports"] == len(parts) == UNITS - 1
    assert row["value"] == pytest.approx(sum(p[0] for p in parts) / sum(p[1] for p in parts), abs=1e-6)
    assert len(row["evidence"]) == row["reports"]


def test_growth_compares_the_same_body_year_on_year(run):
    con = connect(run)
    install(con)
    got = {r[0]: r[1] for r in con.execute(
        "select body, value from growth where year = 2023 and value is not null").fetchall()}
    for i in (0, 4):
        this, prev = report(i, 2023).applications["received"]["total"], report(i, 2022).applications["received"]["total"]
        assert got[body(i)] == pytest.approx((this - prev) / prev, abs=1e-6)


def test_competition_ranking_keeps_ties():
    rows = [{"label": c, "value": v} for c, v in (("甲", 0.5), ("乙", 0.7), ("丙", 0.5), ("丁", None),
                                                  ("戊", 0.1))]
    assert [(rank, r["label"]) for rank, r in ranked(rows)] == [(1, "乙"), (2, "丙"), (2, "甲"), (4, "戊")]


def test_each_body_year_scope_has_exactly_one_counted_copy_with_labels(run):
    con = duckdb.connect()
    cells = f"read_parquet('{run}/cells.parquet/*.parquet', union_by_name = true)"
    reports = f"read_parquet('{run}/reports.parquet/*.parquet', union_by_name = true)"
    assert con.execute(f"select count(*) from {reports} where not counted").fetchone()[0] == 1
    assert con.execute(f"select count(*) from (select agency_key, year, scope from {reports} where counted "
                       "group by all having count(*) <> 1)").fetchone()[0] == 0
    assert con.execute(f"select count(*) from {cells} where counted is null or row_label is null "
                       "or column_label is null").fetchone()[0] == 0
    label = con.execute(f"select distinct row_label, column_label from {cells} where \"table\" = "
                        "'applications' and \"row\" = 'withheld.state_secret' and \"column\" = "
                        "'natural_person'").fetchall()
    assert label == [("（三）不予公开·1.属于国家秘密", "自然人")]
    plain = con.execute(f"select sum(value) from {cells} where counted and year = 2023 and "
                        "\"table\" = 'applications' and \"row\" = 'received' and \"column\" = 'total'"
                        ).fetchone()[0]
    assert plain == sum(report(i, 2023).applications["received"]["total"] for i in range(UNITS))


def test_counted_is_marked_again_when_a_later_run_adds_reports(run, tmp_path):
    import shutil

    out = tmp_path / "out"
    shutil.copytree(run, out)
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "x.txt").write_text(write("tab_exact", report(UNITS + 1, 2023)), encoding="utf-8")
    run_batch([str(extra)], out, LocalEngine(1))
    con = duckdb.connect()
    counted = con.execute(f"select agency, count(*) from read_parquet('{out}/reports.parquet/*.parquet', "
                          "union_by_name = true) where counted and year = 2023 group by 1").fetchall()
    assert all(n == 1 for _, n in counted) and len(counted) == UNITS + 1


def test_stats_by_agency_region_year_in_every_format(run, tmp_path):
    runner = CliRunner()
    for by in ("agency", "region", "year"):
        result = runner.invoke(cli, ["stats", str(run), "--by", by])
        assert result.exit_code == 0, result.output
        assert "实质公开率" in result.output and "口径：" in result.output
    result = runner.invoke(cli, ["stats", str(run), "--by", "year", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {r["指标代码"] for r in rows} >= {"disclosure_rate", "application_growth"}
    alt = runner.invoke(cli, ["stats", str(run), "--by", "year", "--format", "json",
                              "--basis", "disclosure_rate=decided"])
    chosen = [r for r in json.loads(alt.output)["rows"] if r["indicator"] == "disclosure_rate"]
    assert {r["basis"] for r in chosen} == {"decided"} and "不予处理" in chosen[0]["formula"]
    xlsx = tmp_path / "指标.xlsx"
    result = runner.invoke(cli, ["stats", str(run), "--by", "agency", "--format", "xlsx", "-o", str(xlsx)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(xlsx)["指标"]
    assert [c.value for c in sheet[1]][:5] == ["机关", "层级", "年度", "范围", "指标"]
    bad = runner.invoke(cli, ["stats", str(run), "--by", "year", "--basis", "disclosure_rate=whatever"])
    assert bad.exit_code == 2 and "没有这个指标或口径" in bad.output


def test_html_page_links_every_figure_to_its_evidence(run, tmp_path):
    import re

    page = tmp_path / "统计.html"
    result = CliRunner().invoke(cli, ["stats", str(run), "--html", str(page)])
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    assert "排名" in text and "地区对比" in text and '"kind": "heat"' in text
    links = set(re.findall(r"href='#(r-[0-9a-f]{16})'", text))
    anchors = set(re.findall(r"<details id='(r-[0-9a-f]{16})'", text))
    assert links and links <= anchors


def test_sql_command_formats_and_errors(run):
    runner = CliRunner()
    query = ("select year, sum(value) as received from cells where \"table\" = 'applications' and "
             "\"row\" = 'received' and \"column\" = 'total' group by year order by year")
    result = runner.invoke(cli, ["sql", query, "--out", str(run), "--format", "json"])
    assert result.exit_code == 0, result.output
    got = {r["year"]: r["received"] for r in json.loads(result.stdout)}
    assert got[2023] == sum(report(i, 2023).applications["received"]["total"] for i in range(UNITS))
    table = runner.invoke(cli, ["sql", "select count(*) as n from indicators", "--out", str(run)])
    assert table.exit_code == 0 and table.stdout.splitlines()[0].strip() == "n"
    bad = runner.invoke(cli, ["sql", "selec 1", "--out", str(run)])
    assert bad.exit_code == 1 and bad.output.startswith("错误：SQL 语法错误（第 1 行第 1 个字符")
    missing = runner.invoke(cli, ["sql", "select 1", "--out", str(run / "nope")])
    assert missing.exit_code == 1 and "zfxxgk batch" in missing.output


def test_indicator_of_a_single_report_matches_hand_computation():
    r = report(0, 2023)
    got = {i.code: (b, ind.basis_parts(r, b)) for i, b in ind.bases_chosen()}
    a = r.applications
    withheld = sum(v["total"] for k, v in a.items() if k.startswith("withheld."))
    assert got["withheld_rate"][1][0] == withheld
    assert ind.ratio(*got["disclosure_rate"][1]) == pytest.approx(
        float(a["granted"]["total"] + a["partly_granted"]["total"]) / float(a["total"]["total"]), abs=1e-6)
    assert "÷" in got["disclosure_rate"][0].formula
