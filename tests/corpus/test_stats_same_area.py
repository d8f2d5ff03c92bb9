"""Two summaries of one area and year — the one its government signs and the copy its
general office signs (淮安市人民政府, 淮安市人民政府办公室) — are one area: their names
differ, so dedupe keeps both, and stats added both (2024 region 予以公开 2 × 1362 +
洪泽区's 50 = 2774, 洪泽区's summary no longer found inside the city's, which had two
candidates). Now the government-signed one is counted, the copy listed with why; a
copy whose figures differ is listed with 数字不一致 and the cells."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from zfxxgk.cli import cli
from zfxxgk.corpus import stats
from zfxxgk.corpus.charts import render_page
from zfxxgk.corpus.engines import LocalEngine
from zfxxgk.corpus.run import run_batch

CITY, CITY_OFFICE, DISTRICT = "淮安市人民政府", "淮安市人民政府办公室", "淮安市洪泽区人民政府"
GRANTED = "（一）予以公开 1288 21 0 0 50 3 1362"


def _signed(samples, name: str, signer: str, replace: tuple[str, str] | None = None) -> str:
    """A real sample's text with another signer on its first line (and a line changed)."""
    lines = (samples / "real" / name).read_text(encoding="utf-8").splitlines()
    text = "\n".join([signer, *lines[1:]]) + "\n"
    if replace:
        assert replace[0] in text
        text = text.replace(*replace)
    return text


def _run(samples, root, office_text: str):
    src = root / "in"
    src.mkdir()
    for name in ("huaian-city-2024.txt", "hongze-district-2024.txt"):
        shutil.copy(samples / "real" / name, src / name)
    (src / "huaian-city-2024-office.txt").write_text(office_text, encoding="utf-8")
    out = root / "out"
    assert run_batch([str(src)], out, LocalEngine(1)).failed == 0
    return out


def _granted_2024_region(data) -> int:
    [row] = [r for r in data["outcomes"] if (r["year"], r["scope"], r["key"]) == (2024, "region", "granted")]
    return row["value"]


@pytest.fixture(scope="module")
def same(samples, tmp_path_factory):
    root = tmp_path_factory.mktemp("same_area")
    return _run(samples, root, _signed(samples, "huaian-city-2024.txt", CITY_OFFICE))


@pytest.fixture(scope="module")
def differing(samples, tmp_path_factory):
    root = tmp_path_factory.mktemp("same_area_differing")
    changed = (GRANTED, "（一）予以公开 1280 21 0 0 50 3 1354")
    return _run(samples, root, _signed(samples, "huaian-city-2024.txt", CITY_OFFICE, changed))


def test_the_office_copy_of_an_area_summary_is_not_added_again(same):
    data = stats.compute(same)
    assert _granted_2024_region(data) == 1362  # was 2 × 1362 + 50
    listed = [(r["label"], r["value"], r["reason"]) for r in data["nested_regions"]]
    assert listed == [(CITY_OFFICE, CITY, "same_area"), (DISTRICT, CITY, "nested")]
    [copy] = [r for r in data["nested_regions"] if r["reason"] == "same_area"]
    assert "数字相同" in copy["note"] and "政府署名" in copy["note"]
    assert copy["source"].endswith("huaian-city-2024-office.txt")
    overview = {r["key"]: r["value"] for r in data["overview"]}
    assert (overview["same_area"], overview["nested_regions"]) == (1, 1)
    # the area is ranked once among area summaries
    ranked = [r["label"] for r in data["top_agencies"] if r["scope"] == "region"]
    assert ranked.count(CITY) == 1 and CITY_OFFICE not in ranked


def test_differing_figures_are_named_and_the_government_signed_copy_counted(differing):
    data = stats.compute(differing)
    assert _granted_2024_region(data) == 1362
    [copy] = [r for r in data["nested_regions"] if r["reason"] == "same_area"]
    assert copy["label"] == CITY_OFFICE and copy["value"] == CITY
    assert "数字不一致" in copy["note"]
    assert "予以公开·自然人 1280（采用的一份为 1288）" in copy["note"]


def test_every_output_lists_the_copy(differing):
    runner = CliRunner()
    text = runner.invoke(cli, ["stats", str(differing)])
    assert text.exit_code == 0, text.output
    assert f"2024  {CITY_OFFICE}  {CITY}  同一地区同年度的另一份汇总，数字不一致" in text.output
    assert "2024  本行政区域汇总  予以公开  1362" in text.output
    doc = json.loads(runner.invoke(cli, ["stats", str(differing), "--format", "json"]).output)
    rows = doc["sections"]["nested_regions"]["rows"]
    assert [r["reason"] for r in rows] == ["same_area", "nested"]
    csv_text = runner.invoke(cli, ["stats", str(differing), "--format", "csv"]).output
    assert any(line.startswith(f"nested_regions,2024,region,") and CITY_OFFICE in line and "数字不一致" in line
               for line in csv_text.splitlines())
    assert "数字不一致" in render_page(stats.compute(differing))


def _row(agency: str, **kw) -> dict:
    return {"agency": agency, "agency_key": agency, "year": 2024, "scope": "region", **kw}


def test_same_area_follows_placement():
    from zfxxgk.corpus.nesting import regions_not_added, same_area

    gov, office = _row(CITY, filled=1), _row(CITY_OFFICE, filled=999)
    # the government-signed copy is kept even when the office's is more complete
    assert [(r["agency"], k["agency"]) for r, k in same_area([office, gov])] == [(CITY_OFFICE, CITY)]
    # a short name of the one fuller area is that area; the district under the office copy is nested once
    short = _row("洪泽区人民政府")
    pairs, nested = regions_not_added([_row(DISTRICT), short, office, gov, _row("淮安市洪泽区人民政府办公室")])
    assert sorted(r["agency"] for r, _ in pairs) == ["洪泽区人民政府", "淮安市人民政府办公室", "淮安市洪泽区人民政府办公室"]
    assert [(r["agency"], h["agency"]) for r, h in nested] == [(DISTRICT, CITY)]
    # other years, a department, two 鼓楼区 a short name could be: not one area
    assert same_area([gov, _row(CITY_OFFICE, year=2023), _row("淮安市教育局")]) == []
    assert same_area([_row("南京市鼓楼区人民政府"), _row("福州市鼓楼区人民政府"), _row("鼓楼区人民政府")]) == []


@pytest.fixture(scope="module")
def office_year_before(samples, tmp_path_factory):
    """淮安市's 2024 summary signed by its government, and a 2023 one its office signed."""
    root = tmp_path_factory.mktemp("same_area_office_2023")
    return _run(samples, root, _signed(samples, "huaian-city-2024.txt", CITY_OFFICE, ("2024 年", "2023 年")))


def test_an_office_signed_summary_is_its_areas_year_in_missing_years(office_year_before):
    data = stats.compute(office_year_before)
    ranked = {(r["year"], r["label"]) for r in data["top_agencies"] if r["scope"] == "region"}
    assert {(2023, CITY_OFFICE), (2024, CITY)} <= ranked  # the office's copy is read as 2023's area summary
    # was: 淮安市人民政府办公室 (scope region) missing 2024, though 淮安市's area has 2023 and 2024
    assert [(r["label"], r["scope"], r["value"]) for r in data["missing_years"]] == []
    # an area missing a year is named by its government; an office's own report (scope agency) stays its own
    bodies = [{"body": CITY_OFFICE, "agency": CITY_OFFICE, "scope": "region", "have": [2022]},
              {"body": CITY_OFFICE, "agency": CITY_OFFICE, "scope": "agency", "have": [2023]},
              {"body": DISTRICT, "agency": DISTRICT, "scope": "region", "have": [2022, 2024]}]
    assert [(r["label"], r["scope"], r["value"]) for r in stats._missing_years(bodies)] == [
        (CITY, "region", "2023、2024"), (CITY_OFFICE, "agency", "2024"), (DISTRICT, "region", "2023")]
