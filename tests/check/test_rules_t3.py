"""T3-1, T3-2, T3-3 and T3-5 on built reports: each made to fire, kept quiet, and
made uncheckable by a blank; the (六) rows of a report mixing both formats."""

from __future__ import annotations

from zfxxgk.check import run

A = "applications"


def test_consistent_reports_are_quiet(consistent):
    for template in ("2021", "2019"):
        assert run(consistent(template), select="T3") == []


def test_t3_1_fires_when_intake_and_outcome_disagree(consistent, put, keys):
    r = consistent()
    put(r, f"{A}.carried_forward.research", 5)  # T3-5 stays quiet: 5 <= intake
    out = run(r, select="T3-1")
    assert keys(out) == [("T3-1", f"{A}.received.research")]
    f = out[0]
    assert f.severity == "error"
    assert f.cells == [f"{A}.received.research", f"{A}.carried_in.research",
                       f"{A}.total.research", f"{A}.carried_forward.research"]
    left = r.cell(f"{A}.received.research") + r.cell(f"{A}.carried_in.research")
    assert f.message == f"第一项加第二项之和（{left}）不等于第三项加第四项之和（{left + 3}）：科研机构列"
    assert f.suggestion == "核对（七）总计或结转下年度继续办理的数字"
    # where points at （七）总计, as findings.md shows
    assert f.where["line"] == r.provenance[f"{A}.total.research"].line
    assert f.where["excerpt"].startswith("total ")


def test_t3_1_blank_operand_is_uncheckable_not_broken(consistent, put, keys):
    r = consistent()
    put(r, f"{A}.carried_in.commercial", None)
    out = run(r, select="T3-1")
    assert keys(out) == [("T3-1", f"{A}.carried_in.commercial")]
    assert out[0].severity == "info"
    assert out[0].message.startswith("无法核对：") and out[0].message.endswith("有空白单元格")
    assert "商业企业" in out[0].message


def test_t3_2_fires_on_a_result_row(consistent, put, keys):
    r = consistent()
    put(r, f"{A}.withheld.process_info.nonprofit", r.cell(f"{A}.withheld.process_info.nonprofit") + 1)
    assert keys(run(r, select="T3-2")) == [("T3-2", f"{A}.total.nonprofit")]


def test_t3_2_blank_result_row_is_uncheckable(consistent, put, keys):
    r = consistent()
    put(r, f"{A}.other.misc.natural_person", None)
    out = run(r, select="T3-2")
    assert keys(out) == [("T3-2", f"{A}.other.misc.natural_person")]
    assert out[0].severity == "info"


def test_t3_2_uses_the_single_other_row_of_2019(consistent, put, keys):
    r = consistent("2019")
    assert "other" in r.applications
    put(r, f"{A}.other.legal_service", r.cell(f"{A}.other.legal_service") + 2)
    assert keys(run(r, select="T3-2")) == [("T3-2", f"{A}.total.legal_service")]


def _mix_single_into_2021(r):
    """A 2021 table that prints （六）其他处理 as one row: `other` filled, `other.*` null."""
    apps = dict(r.applications)
    single = {c: sum(apps[s][c] for s in ("other.no_correction", "other.no_fee", "other.misc"))
              for c in apps["total"]}
    for s in ("other.no_correction", "other.no_fee", "other.misc"):
        apps[s] = {c: None for c in apps[s]}
    rebuilt = {}
    for k, v in apps.items():
        if k == "total":
            rebuilt["other"] = single
        rebuilt[k] = v
    r.applications = rebuilt
    return r


def test_mixed_report_uses_the_filled_other_row_and_stays_quiet(consistent):
    r = _mix_single_into_2021(consistent())
    out = run(r, select=["T3", "F-BLANK"])
    assert out == []


def test_mixed_report_still_finds_a_wrong_total(consistent, put, keys):
    r = _mix_single_into_2021(consistent())
    put(r, f"{A}.other.commercial", r.cell(f"{A}.other.commercial") + 1)
    assert keys(run(r, select="T3-2"), "error") == [("T3-2", f"{A}.total.commercial")]


def test_both_other_kinds_filled_counts_a_subtotal_once(consistent, put, keys):
    r = _mix_single_into_2021(consistent())
    fresh = consistent()
    for s in ("other.no_correction", "other.no_fee", "other.misc"):
        r.applications[s] = dict(fresh.applications[s])
    assert run(r, select="T3-2") == []  # `other` is the sum of the three: counted once
    put(r, f"{A}.other.research", r.cell(f"{A}.other.research") + 1)
    assert keys(run(r, select="T3-2")) == [("T3-2", f"{A}.total.research")]


def test_both_other_kinds_partly_blank_is_uncheckable(consistent, put, keys):
    r = _mix_single_into_2021(consistent())
    fresh = consistent()
    for s in ("other.no_correction", "other.no_fee", "other.misc"):
        r.applications[s] = dict(fresh.applications[s])
    put(r, f"{A}.other.no_fee.research", None)
    out = run(r, select="T3-2")
    assert keys(out) == [("T3-2", f"{A}.other.no_fee.research")]
    assert out[0].severity == "info"


def test_t3_3_fires_on_a_row_total(consistent, put, keys):
    r = consistent()
    put(r, f"{A}.withheld.state_secret.total", 0)
    out = run(r, select="T3-3")
    assert keys(out) == [("T3-3", f"{A}.withheld.state_secret.total")]
    assert out[0].message.endswith("（三）不予公开·1.属于国家秘密")


def test_t3_3_skips_the_unused_other_rows_of_a_mixed_report(consistent):
    r = _mix_single_into_2021(consistent())
    assert run(r, select="T3-3") == []


def test_t3_3_blank_is_one_info_per_row(consistent, put, keys):
    r = consistent()
    put(r, f"{A}.granted.commercial", None)
    put(r, f"{A}.granted.research", None)
    out = run(r, select="T3-3")
    assert keys(out) == [("T3-3", f"{A}.granted.commercial")]
    assert out[0].severity == "info"


def test_t3_5_fires_when_carried_forward_exceeds_intake(consistent, put, keys):
    r = consistent()
    intake = r.cell(f"{A}.received.other_org") + r.cell(f"{A}.carried_in.other_org")
    put(r, f"{A}.carried_forward.other_org", intake + 1)
    out = run(r, select="T3-5")
    assert keys(out) == [("T3-5", f"{A}.carried_forward.other_org")]
    assert out[0].message == (f"四、结转下年度继续办理（{intake + 1}）大于第一项加第二项之和"
                              f"（{intake}）：其他列")


def test_t3_5_quiet_at_equality(consistent, put):
    r = consistent()
    intake = r.cell(f"{A}.received.other_org") + r.cell(f"{A}.carried_in.other_org")
    put(r, f"{A}.carried_forward.other_org", intake)
    assert run(r, select="T3-5") == []


def test_missing_table_gives_no_uncheckable_infos(consistent):
    r = consistent()
    r.applications = {}
    assert run(r, select="T3") == []
