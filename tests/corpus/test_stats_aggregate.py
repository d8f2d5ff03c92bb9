"""One report per body and year, statistics over the Parquet outputs, the HTML
page, and the regional summary — over a small generated region with the cases
that matter: a duplicate in two layouts, a blanked copy, a unit with broken
tables, a unit missing a year, and the region's own summary report."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from click.testing import CliRunner

from corpus_gen import REGION, body, report, write_corpus
from layouts import write
from zfxxgk.check import run as check_run
from zfxxgk.cli import cli
from zfxxgk.corpus import stats
from zfxxgk.corpus.aggregate import aggregate
from zfxxgk.corpus.dedupe import connect, dropped
from zfxxgk.corpus.engines import LocalEngine
from zfxxgk.corpus.run import run_batch
from zfxxgk.model import report_from_json
from strategies import distinct_report

UNITS = 8
BROKEN, MISSING, DOUBLED = 3, 5, 1
GOVERNMENT = f"{REGION}人民政府"


@pytest.fixture(scope="module")
def region_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("region")
    src = root / "in"
    write_corpus(src / "2022", UNITS, years=(2022,))
    write_corpus(src / "2023", UNITS, years=(2023,))
    (src / "2023" / f"{MISSING:05d}-2023.txt").unlink()
    broken = report(BROKEN, 2023)
    broken.applications["granted"]["natural_person"] += 7
    (src / "2023" / f"{BROKEN:05d}-2023.txt").write_text(write("tab_exact", broken), encoding="utf-8")
    # the same report of unit 1 again, as another layout, and a copy with blank cells
    doubled = report(DOUBLED, 2023)
    (src / "dup").mkdir()
    (src / "dup" / "again.txt").write_text(write("markdown", doubled, seed=9), encoding="utf-8")
    blanked = report(DOUBLED, 2023)
    for col in blanked.applications["granted"]:
        blanked.applications["granted"][col] = None
    (src / "dup" / "blanked.txt").write_text(write("tab_exact", blanked, seed=4), encoding="utf-8")
    # the region's government: penalties counted over its whole area -> scope region
    region_report = distinct_report("2021", seed=77, agency=GOVERNMENT, year=2023)
    region_report.active["penalty"]["decisions"] = 4321
    (src / "region-2023.txt").write_text(write("tab_exact", region_report), encoding="utf-8")
    out = root / "out"
    summary = run_batch([str(src)], out, LocalEngine(2), chunk_size=5)
    assert summary.failed == 0
    return out


def test_one_report_per_body_year_and_scope(region_run):
    con = connect(region_run)
    assert con.execute("select count(*) from reports_all").fetchone()[0] == 2 * UNITS - 1 + 2 + 1
    keys = con.execute("select agency_key, year, scope from reports").fetchall()
    assert len(keys) == len(set(keys)) == 2 * UNITS - 1 + 1
    assert (GOVERNMENT, 2023, "region") in keys
    gone = dropped(connect(region_run))
    assert len(gone) == 2
    assert all(d["agency_key"] == body(DOUBLED) and d["year"] == 2023 for d in gone)
    # the blanked copy never wins: the kept one is the most complete
    assert not any(d["kept_source"].endswith("blanked.txt") for d in gone)


def test_stats_sections(region_run):
    data = stats.compute(region_run)
    overview = {r["key"]: r["value"] for r in data["overview"]}
    assert overview["reports"] == 2 * UNITS and overview["duplicates"] == 2
    assert {(r["year"], r["key"], r["value"]) for r in data["templates"]} == \
        {(2022, "2021", UNITS), (2023, "2021", UNITS)}
    # region and agency scopes are never added together
    scopes_2023 = {r["scope"] for r in data["outcomes"] if r["year"] == 2023}
    assert scopes_2023 == {"agency", "region"}
    received_2022 = sum(r["value"] for r in data["applicants"] if r["year"] == 2022)
    assert received_2022 == sum(report(i, 2022).applications["received"]["total"] for i in range(UNITS))
    assert [r["key"] for r in data["missing_years"]] == [body(MISSING)]
    assert data["missing_years"][0]["value"] == "2023"
    t3 = {r["key"]: r for r in data["rules"]}
    assert t3["T3-2"]["value"] == 1 and t3["T3-2"]["share"] == pytest.approx(1 / (2 * UNITS), abs=1e-4)
    text = stats.format_text(data)
    assert "各规则发现问题的报告占比" in text and body(MISSING) in text
    lines = stats.format_csv(data).splitlines()
    assert lines[0] == "section,year,scope,key,label,value,share,note"


def test_stats_cli_and_html_page(region_run, tmp_path):
    page = tmp_path / "统计.html"
    result = CliRunner().invoke(cli, ["stats", str(region_run), "--format", "json", "--html", str(page)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["schema"] == "zfxxgk.stats/1" and "rules" in doc["sections"]
    html = page.read_text(encoding="utf-8")
    assert "echarts.init" in html and "<script src" not in html  # ECharts inlined, no CDN
    assert "各年度依申请公开办理结果" in html and "予以公开" in html
    assert "本行政区域汇总（不与本机关相加）" in html


def test_aggregate_sums_units_keeps_identities_and_lists_the_rest(region_run):
    summary = aggregate(region_run, REGION, 2023)
    r = summary.report
    assert (r.scope, r.year, r.region) == ("region", 2023, REGION)
    included = {u["agency_key"] for u in summary.included}
    assert included == {body(i) for i in range(UNITS)} - {body(BROKEN), body(MISSING)}
    assert GOVERNMENT not in included  # its report is a summary (scope region)
    assert [e["agency_key"] for e in summary.excluded] == [body(BROKEN)]
    assert "勾稽关系" in summary.excluded[0]["reasons"][0]
    assert [m["agency_key"] for m in summary.missing] == [body(MISSING)]
    expected = [report(i, 2023) for i in range(UNITS) if i not in (BROKEN, MISSING)]
    for code in ("received", "total", "carried_forward", "withheld.state_secret"):
        assert r.applications[code]["total"] == sum(e.applications[code]["total"] for e in expected)
    assert r.active["fees"]["amount"] == sum(Decimal(e.active["fees"]["amount"]) for e in expected)
    errors = [f for f in check_run(r) if f.severity == "error"]
    assert errors == []


def test_aggregate_cli_writes_a_region_report(region_run, tmp_path):
    out, units = tmp_path / "汇总.json", tmp_path / "units.json"
    result = CliRunner().invoke(cli, ["aggregate", str(region_run), "--region", REGION, "--year", "2023",
                                      "-o", str(out), "--units", str(units)])
    assert result.exit_code == 0, result.output
    report = report_from_json(out.read_text(encoding="utf-8"))
    assert report.scope == "region" and report.agency_key == REGION
    assert "未计入的单位" in result.stderr and body(BROKEN) in result.stderr
    listing = json.loads(units.read_text(encoding="utf-8"))
    assert len(listing["included"]) == UNITS - 2
    nothing = CliRunner().invoke(cli, ["aggregate", str(region_run), "--region", "白沙湾市", "--year", "2023"])
    assert nothing.exit_code == 1 and "没有" in nothing.output


def test_stats_on_an_empty_folder_is_a_message(tmp_path):
    result = CliRunner().invoke(cli, ["stats", str(tmp_path)])
    assert result.exit_code == 1 and "zfxxgk batch" in result.output


@pytest.mark.parametrize("command", [["stats", "OUT"], ["sql", "select count(*) from cells", "--out", "OUT"],
                                     ["aggregate", "OUT", "--region", REGION, "--year", "2023"]])
def test_a_damaged_part_is_one_chinese_line_naming_it(region_run, tmp_path, command):
    """A part cut short (a copy that stopped, a disk that filled) made every reader of
    the run print DuckDB's traceback."""
    import shutil

    out = tmp_path / "out"
    shutil.copytree(region_run, out)
    part = sorted((out / "cells.parquet").glob("part-*.parquet"))[0]
    part.write_bytes(part.read_bytes()[:300])
    result = CliRunner().invoke(cli, [str(out) if a == "OUT" else a for a in command])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert result.output == (f"错误：批量结果 {out} 已损坏：{part} 不是完整的 Parquet 文件；"
                             "请换一个 --out 文件夹重新运行 zfxxgk batch\n")


def test_the_sql_help_example_does_not_add_a_region_to_its_units(region_run):
    """The first query a researcher copies, from `zfxxgk sql --help`: new applications
    by year. It summed the region's summary report with its units' own reports (the
    walk-through's 2023 figure was one ninth too high); it keeps to the bodies' own."""
    import re

    from zfxxgk.commands.sql import sql

    example = re.search(r'zfxxgk sql "(.*?)" --out', sql.__doc__, re.S).group(1)
    query = " ".join(example.replace('\\"', '"').split())
    result = CliRunner().invoke(cli, ["sql", query, "--out", str(region_run), "--format", "json"])
    assert result.exit_code == 0, result.output
    got = {row["year"]: row for row in json.loads(result.stdout)}
    con = connect(region_run)
    own = dict(con.execute("""select year, sum(value) from cells where "table" = 'applications'
                              and "row" = 'received' and "column" = 'total' and scope = 'agency'
                              group by year""").fetchall())
    region = con.execute("""select count(*) from cells where scope = 'region' and year = 2023
                            and "table" = 'applications' and value > 0""").fetchone()[0]
    assert region > 0  # the summary is there to be added wrongly
    assert {y: list(row.values())[-1] for y, row in got.items()} == {y: int(v) for y, v in own.items()}


def test_reports_carry_the_level_their_name_proves(region_run):
    """A researcher splitting a province's figures by level (省/市/区县/乡镇街道/部门)
    had no such field: the `reports` view gives the level the agency's name proves,
    and null where it proves none (never a guess)."""
    from zfxxgk.parse.placement import place

    rows = connect(region_run).execute("select agency, level, level_name from reports").fetchall()
    names = {"province": "省", "city": "市", "county": "区县", "township": "乡镇街道", "department": "部门"}
    assert rows and any(level for _, level, _ in rows)
    for agency, level, level_name in rows:
        assert level == place(agency).level and level_name == names.get(level)
    assert "level" not in {r[0] for r in connect(region_run).execute("describe reports_all").fetchall()}


@pytest.mark.parametrize("query,lead", [
    ("select agnecy from reports", "没有名为 agnecy 的列。\nreports 的列：source、sha256、"),
    ("select c.vaule from cells c", "没有名为 vaule 的列。\ncells 的列："),
    ("select * from report", "没有名为 report 的视图或表。可以查询的视图：reports、cells、"),
    ("selec * from reports", "SQL 语法错误（第 1 行第 1 个字符，“selec”处）："),
    ("select sum(agency) from reports", "函数 sum 不能用于 VARCHAR 类型的值（第 1 行第 8 个字符）"),
])
def test_bad_sql_is_said_in_chinese_with_duckdb_as_detail(region_run, query, lead):
    """A researcher's mistyped query led with DuckDB's English (`SQL 无法执行：Binder
    Error: Referenced column ...`); the first line says what is wrong in Chinese (an
    unknown column lists the view's columns), DuckDB's text follows as the detail."""
    result = CliRunner().invoke(cli, ["sql", query, "--out", str(region_run)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert result.output.startswith("错误：" + lead), result.output
    assert "\nDuckDB 的说明：\n" in result.output and "Error" not in result.output.split("DuckDB 的说明")[0]
    assert "Traceback" not in result.output
    if "的列：" in lead:
        view = lead.split("\n")[1].split(" ")[0]
        listed = result.output.split(f"{view} 的列：")[1].split("\n")[0].split("、")
        columns = connect(region_run).execute(f"select * from {view} limit 0").description
        assert listed == [d[0] for d in columns]


def test_stats_by_agency_gives_each_agency_the_sql_views_level(region_run, tmp_path):
    """`zfxxgk stats --by agency` had no 层级 while `zfxxgk sql`'s reports view had
    level_name: both now read the one function, in CSV, XLSX and JSON alike."""
    import csv
    import io

    from openpyxl import load_workbook

    view = dict(connect(region_run).execute("select agency, level_name from reports").fetchall())
    assert any(view.values()) and set(view.values()) - {None}
    result = CliRunner().invoke(cli, ["stats", str(region_run), "--by", "agency", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[:3] == ["机关", "层级", "年度"]
    assert {r["机关"]: r["层级"] for r in rows} == {a: lv or "" for a, lv in view.items()}
    xlsx = tmp_path / "by.xlsx"
    CliRunner().invoke(cli, ["stats", str(region_run), "--by", "agency", "--format", "xlsx", "-o", str(xlsx)])
    sheet = list(load_workbook(xlsx)["指标"].iter_rows(values_only=True))
    assert sheet[0][:3] == ("机关", "层级", "年度")
    assert {r[0]: r[1] or "" for r in sheet[1:]} == {a: lv or "" for a, lv in view.items()}
    doc = json.loads(CliRunner().invoke(cli, ["stats", str(region_run), "--by", "agency",
                                              "--format", "json"]).stdout)
    assert {r["label"]: r["level_name"] for r in doc["rows"]} == view


def test_stats_xlsx_without_by_is_the_overview_one_sheet_per_section(region_run, tmp_path):
    """`--format xlsx` needed `--by`; without it the sections are sheets, the
    figures numbers (they sort and sum in Excel), equal to the JSON's."""
    import openpyxl

    out = tmp_path / "统计.xlsx"
    result = CliRunner().invoke(cli, ["stats", str(region_run), "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    data = stats.compute(region_run)
    assert book.sheetnames[:3] == ["总体情况", "各年度报告数", "各规则问题占比"] and len(book.sheetnames) == len(data)
    overview = {r[0]: r[1] for r in book["总体情况"].iter_rows(min_row=3, values_only=True)}
    assert overview["统计的报告（每个机关每年度一份）"] == 2 * UNITS
    rules = list(book["各规则问题占比"].iter_rows(min_row=3))
    assert rules[0][3].number_format == "0.0%" and rules[0][3].value == data["rules"][0]["share"]
    top = list(book["新收申请最多的机关"].iter_rows(min_row=3, values_only=True))
    first = data["top_agencies"][0]
    assert top[0][0] == first["year"] and top[0][3] == first["value"] and isinstance(top[0][3], int)
    missing = CliRunner().invoke(cli, ["stats", str(region_run), "--format", "xlsx"])
    assert missing.exit_code == 2 and "-o" in missing.output
