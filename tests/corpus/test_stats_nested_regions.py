"""Area summaries of one year are added together only where neither lies inside
the other: 淮安市's summary already holds 洪泽区's, so 2024's 予以公开 over the
two real summaries is the city's 1362, not 1362 + 50 = 1412 (the walk-through's
wrong total); two sibling districts are still both added."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from layouts import write
from strategies import distinct_report
from zfxxgk.cli import cli
from zfxxgk.corpus import stats
from zfxxgk.corpus.engines import LocalEngine
from zfxxgk.corpus.nesting import nested_regions
from zfxxgk.corpus.run import run_batch

CITY, DISTRICT = "淮安市人民政府", "淮安市洪泽区人民政府"
SIBLINGS = ("青禾市云岭区人民政府", "青禾市望湖区人民政府")


def _region_report(agency: str, seed: int):
    """A district's area summary (its penalties are the whole area's: scope region)."""
    report = distinct_report("2021", seed=seed, agency=agency, year=2024)
    report.active["penalty"]["decisions"] = 4321 + seed
    return report


@pytest.fixture(scope="module")
def run(samples, tmp_path_factory):
    root = tmp_path_factory.mktemp("nested")
    src = root / "in"
    src.mkdir()
    for name in ("huaian-city-2024.txt", "hongze-district-2024.txt"):
        shutil.copy(samples / "real" / name, src / name)
    siblings = [_region_report(agency, seed) for seed, agency in enumerate(SIBLINGS, start=1)]
    for i, report in enumerate(siblings):
        (src / f"sibling-{i}.txt").write_text(write("tab_exact", report), encoding="utf-8")
    out = root / "out"
    assert run_batch([str(src)], out, LocalEngine(1), chunk_size=5).failed == 0
    return out, sum(r.applications["granted"]["total"] for r in siblings)


def _granted_2024_region(data) -> int:
    [row] = [r for r in data["outcomes"] if (r["year"], r["scope"], r["key"]) == (2024, "region", "granted")]
    return row["value"]


def test_a_district_inside_its_city_is_not_added_again(run):
    out, siblings = run
    data = stats.compute(out)
    # 1362 (淮安市, which holds 洪泽区's 50) + both siblings; the old sum was 1412 + siblings
    assert _granted_2024_region(data) == 1362 + siblings
    assert [(r["year"], r["label"], r["value"]) for r in data["nested_regions"]] == [(2024, DISTRICT, CITY)]
    assert {r["key"]: r["value"] for r in data["overview"]}["nested_regions"] == 1


def test_the_cli_says_which_summaries_were_not_added(run):
    out, siblings = run
    text = CliRunner().invoke(cli, ["stats", str(out)])
    assert text.exit_code == 0, text.output
    assert "已含在上级区域汇总中、未重复相加的区域汇总报告  1" in text.output
    assert f"2024  本行政区域汇总  予以公开  {1362 + siblings}" in text.output
    assert f"2024  {DISTRICT}  {CITY}" in text.output
    doc = json.loads(CliRunner().invoke(cli, ["stats", str(out), "--format", "json"]).output)
    [nested] = doc["sections"]["nested_regions"]["rows"]
    assert nested["label"] == DISTRICT and nested["value"] == CITY
    assert nested["source"].endswith("hongze-district-2024.txt")


def _row(agency: str, year: int = 2024, scope: str = "region") -> dict:
    return {"agency": agency, "agency_key": agency, "year": year, "scope": scope}


def test_nesting_follows_the_placement_of_names():
    province, city, county = _row("江苏省人民政府"), _row(CITY), _row(DISTRICT)
    town = _row("淮安市洪泽区高良涧街道办事处")
    pairs = nested_regions([province, city, county, town, *(_row(a) for a in SIBLINGS)])
    # each to the nearest summary above it; siblings and the top stay
    held = {r["agency"]: h["agency"] for r, h in pairs}
    assert held == {DISTRICT: CITY, "淮安市洪泽区高良涧街道办事处": DISTRICT}
    # another year, another scope, and a summary with no government above it: not nested
    assert nested_regions([city, _row(DISTRICT, year=2023), _row("淮安市洪泽区教育局", scope="agency")]) == []
    # a short name of the holder counts; a short name two summaries could be links to neither
    assert [h["agency"] for _, h in nested_regions([_row("洪泽区人民政府"), town])] == ["洪泽区人民政府"]
    two = [_row("南京市鼓楼区人民政府"), _row("福州市鼓楼区人民政府"), _row("鼓楼区安乐街道办事处")]
    assert nested_regions(two) == []


CITY_OFFICE, DISTRICT_OFFICE = "淮安市人民政府办公室", "淮安市洪泽区人民政府办公室"


def test_a_summary_signed_by_the_general_office_covers_its_governments_area():
    """The office that compiles its government's area summary often signs it: the
    city's summary signed 淮安市人民政府办公室 holds 洪泽区's, and 洪泽区's signed by
    its office lies inside the city's (was: neither, so both were added)."""
    city, district = _row(CITY_OFFICE), _row(DISTRICT_OFFICE)
    assert [(r["agency"], h["agency"]) for r, h in nested_regions([city, _row(DISTRICT)])] == \
        [(DISTRICT, CITY_OFFICE)]
    assert [(r["agency"], h["agency"]) for r, h in nested_regions([_row(CITY), district])] == \
        [(DISTRICT_OFFICE, CITY)]
    assert [(r["agency"], h["agency"]) for r, h in nested_regions([city, district])] == \
        [(DISTRICT_OFFICE, CITY_OFFICE)]
    # an office is not the area of another body, nor a department's summary the city's
    assert nested_regions([_row("淮安市教育局"), district]) == []


def test_office_signed_summaries_end_to_end(samples, tmp_path):
    """The real 淮安市 and 洪泽区 2024 summaries as their offices sign them: read as
    area summaries (the report says so: 全市共…申请, table 二's 2 776 penalties) and
    the district's not added to the city's."""
    src = tmp_path / "in"
    src.mkdir()
    for name, office in (("huaian-city-2024.txt", CITY_OFFICE), ("hongze-district-2024.txt", DISTRICT_OFFICE)):
        lines = (samples / "real" / name).read_text(encoding="utf-8").splitlines()
        (src / name).write_text("\n".join([office, *lines[1:]]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_batch([str(src)], out, LocalEngine(1)).failed == 0
    data = stats.compute(out)
    assert {r["scope"] for r in data["outcomes"]} == {"region"}
    assert _granted_2024_region(data) == 1362
    assert [(r["label"], r["value"]) for r in data["nested_regions"]] == [(DISTRICT_OFFICE, CITY_OFFICE)]
