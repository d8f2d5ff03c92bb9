"""Year against year (X-1, T2-1, T2-3), table 二 heuristics (T2-2, T2-4) and the
publication deadlines (P-1, P-2): fire and quiet, on real samples and synthetic ones."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from zfxxgk.check import run
from zfxxgk.check.pairing import pair_previous
from zfxxgk.parse import parse_text

A = "applications"


def _real(samples, name):
    path = samples / "real" / f"{name}.txt"
    return parse_text(path.read_text("utf-8"), source=str(path))


def chained(consistent, template="2021", years=(2022, 2023)):
    """Two consecutive consistent reports whose carry-over and stock flow hold."""
    last, this = consistent(template, year=years[0]), consistent(template, year=years[1])
    last.applications["carried_forward"] = dict(this.applications["carried_in"])
    if template == "2021":
        for row in ("rules", "normative_docs"):
            a = this.active[row]
            a["in_force"] = last.active[row]["in_force"] + a["issued"] - a["repealed"]
    return last, this


def test_chained_consistent_reports_are_quiet(consistent):
    for template, years in (("2021", (2022, 2023)), ("2019", (2019, 2020))):
        last, this = chained(consistent, template, years)
        assert [f for f in run(this, select="X,T2-1", previous=last)] == []


def test_hongze_2023_to_2024_is_quiet(samples):
    this, last = _real(samples, "hongze-district-2024"), _real(samples, "hongze-district-2023")
    assert this.cell(f"{A}.carried_in.total") == last.cell(f"{A}.carried_forward.total") == 0
    assert (last.cell("active.normative_docs.in_force") + this.cell("active.normative_docs.issued")
            - this.cell("active.normative_docs.repealed")) == this.cell("active.normative_docs.in_force")
    assert run(this, select="X,T2", previous=last) == []


def test_directory_pairs_the_hongze_years(samples):
    reports = [_real(samples, n) for n in ("hongze-district-2024", "huaian-city-2024",
                                           "hongze-district-2023")]
    prev = pair_previous(reports)
    assert prev[0] is reports[2] and prev[1] is None and prev[2] is None


def test_x1_fires_with_both_numbers(consistent):
    last, this = chained(consistent)
    last.applications["carried_forward"]["natural_person"] = 5
    out = run(this, select="X-1", previous=last)
    assert [(f.rule, f.severity, f.cells) for f in out] == [
        ("X-1", "error", [f"{A}.carried_in.natural_person"])]
    assert "（1）" in out[0].message and "（5）" in out[0].message and "2022" in out[0].message


def test_cross_year_rules_need_the_year_just_before(consistent):
    last, this = chained(consistent, years=(2021, 2023))
    last.applications["carried_forward"]["natural_person"] = 5
    assert run(this, select="X,T2-1", previous=last) == []
    assert run(this, select="X,T2-1") == []


def test_t2_1_fires_and_not_across_the_format_change(consistent):
    last, this = chained(consistent)
    this.active["normative_docs"]["in_force"] += 4
    out = run(this, select="T2-1", previous=last)
    assert [(f.rule, f.severity, f.cells[0]) for f in out] == [
        ("T2-1", "warning", "active.normative_docs.in_force")]
    old = consistent("2019", year=2020)
    assert run(consistent(year=2021), select="T2", previous=old) == []


def test_t2_3_2019(consistent):
    last, this = consistent("2019", year=2019), consistent("2019", year=2020)
    expected = last.cell("active.licensing.prev_items") + last.cell("active.licensing.change")
    this.active["licensing"]["prev_items"] = expected
    assert [f for f in run(this, select="T2-3", previous=last)
            if f.cells == ["active.licensing.prev_items"]] == []
    this.active["licensing"]["prev_items"] = expected + 3
    out = run(this, select="T2-3", previous=last)
    assert "active.licensing.prev_items" in [f.cells[0] for f in out]


def test_t2_2_2019(consistent):
    r = consistent("2019")
    r.active["rules"]["public_total"], r.active["rules"]["published"] = 2, 5
    assert [(f.rule, f.cells[0]) for f in run(r, select="T2-2")] == [
        ("T2-2", "active.rules.public_total")]
    assert run(consistent("2019"), select="T2-2") == []


def test_t2_4_fee_judged_by_level(samples, consistent):
    assert run(_real(samples, "huaian-city-2024"), select="T2-4") == []  # 96171.6 万元
    assert run(_real(samples, "hongze-district-2024"), select="T2-4") == []
    r = consistent()  # 测试街道办事处
    r.active["fees"]["amount"] = 251000
    out = run(r, select="T2-4")
    assert [(f.rule, f.severity) for f in out] == [("T2-4", "warning")]
    assert "251000" in out[0].message and "乡镇、街道" in out[0].message
    last = consistent(year=2022)
    last.active["fees"]["amount"] = Decimal("2.5")
    this = consistent(year=2023)
    this.active["fees"]["amount"] = 2500
    assert [f.rule for f in run(this, select="T2-4", previous=last)] == ["T2-4"]
    this.active["fees"]["amount"] = 3
    assert run(this, select="T2-4", previous=last) == []


def test_t2_4_a_county_government_by_the_reports_scope(consistent):
    """A county government's own office charges like a department; its area's summary
    like a county. The report's `scope` says which (parse sets it from the copy of
    the tables it read; a JSON file states it), not part 一's words again: a report
    read from its 本级 copy beside a 汇总 copy is `agency` whatever part 一 says."""
    r = consistent()
    r.agency, r.active["fees"]["amount"] = "青禾市云岭区人民政府", 1_000_000
    r.sections = {**(r.sections or {}), "1": "本报告汇总全区各部门政府信息公开情况。"}
    r.scope = "agency"
    assert [f.rule for f in run(r, select="T2-4")] == ["T2-4"]
    r.scope = "region"
    assert run(r, select="T2-4") == []


def test_publication_deadlines(consistent):
    r = consistent(year=2023)  # 测试街道办事处: 31 January
    r.published_on = date(2024, 1, 25)
    assert run(r, select="P") == []
    r.published_on = date(2024, 2, 5)
    out = run(r, select="P")
    assert [(f.rule, f.severity) for f in out] == [("P-1", "warning")]
    assert "落款日期" in out[0].message and "2024-01-31" in out[0].message
    r.published_on, r.portal_date = None, date(2024, 2, 5)
    assert "网站发布日期" in run(r, select="P")[0].message
    g = consistent(year=2024)
    g.agency = "淮安市洪泽区人民政府"
    g.published_on = date(2025, 3, 20)
    assert run(g, select="P") == []
    g.published_on = date(2025, 4, 2)
    assert [f.rule for f in run(g, select="P")] == ["P-2"]


def test_seed_signed_before_the_deadline_is_quiet(samples):
    path = next((samples / "seeds").glob("001_*.txt"))
    r = parse_text(path.read_text("utf-8"))
    assert r.published_on == date(2024, 1, 25)
    assert run(r, select="P") == []


def test_api_check_report_passes_the_previous_year(samples):
    """The Python API runs the cross-year rules as the CLI's --previous does."""
    from zfxxgk.api import check_report

    this, last = _real(samples, "hongze-district-2024"), _real(samples, "hongze-district-2023")
    last.applications["carried_forward"]["total"] = 7  # 2023 carried 7 forward; 2024 took in 0
    assert [f.rule for f in check_report(this, select="X")] == []
    assert [f.rule for f in check_report(this, select="X", previous=last)] == ["X-1"]
