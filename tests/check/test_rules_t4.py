"""T4-1: each review/litigation group's total is the sum of its four results."""

from __future__ import annotations

from zfxxgk.check import run

R = "review_litigation"


def test_quiet_when_groups_add_up(consistent):
    assert run(consistent(), select="T4") == []


def test_fires_per_group(consistent, put, keys):
    r = consistent()
    put(r, f"{R}.suit_direct.total", 6)
    out = run(r, select="T4")
    assert keys(out) == [("T4-1", f"{R}.suit_direct.total")]
    assert out[0].severity == "error"
    assert out[0].message == "行政诉讼·未经复议直接起诉的总计（6）不等于结果维持、结果纠正、其他结果、尚未审结之和（7）"


def test_blank_is_uncheckable(consistent, put, keys):
    r = consistent()
    put(r, f"{R}.review.pending", None)
    out = run(r, select="T4-1")
    assert keys(out) == [("T4-1", f"{R}.review.pending")]
    assert out[0].severity == "info"


def test_missing_row_left_to_f_table(consistent, keys):
    r = consistent()
    del r.review_litigation["suit_after_review"]
    assert run(r, select="T4") == []
    assert keys(run(r, select="F-TABLE")) == [("F-TABLE", f"{R}.suit_after_review.upheld")]
