"""A consistent report — tables whose identities hold, prose that states the
tables' own numbers, a previous year that chains — gets no error and no narrative
warning, whatever the numbers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from strategies import reports
from zfxxgk.check import run

A = "applications"


def _prose(r):
    received = r.cell(f"{A}.received.total")
    total = r.cell(f"{A}.total.total")
    review = r.cell("review_litigation.review.total")
    suits = (r.cell("review_litigation.suit_direct.total")
             + r.cell("review_litigation.suit_after_review.total"))
    granted = r.cell(f"{A}.granted.total")
    return {"1": (f"{r.year}年，本机关共收到政府信息公开申请{received}件，答复{total}件，"
                  f"其中予以公开{granted}件。\n本年度发生政府信息公开行政复议{review}件，"
                  f"政府信息公开行政诉讼{suits}件。"),
            "2": "", "3": "", "4": "", "5": "无。", "6": "本年度未收取信息处理费。"}


def _previous(r):
    prev = r.model_copy(deep=True)
    prev.year = r.year - 1
    prev.sections = None  # a copy of this year's prose would be X-4 (tests/check/test_copied_parts.py)
    prev.applications["carried_forward"] = dict(r.applications["carried_in"])
    if r.template == "2021":
        for row in ("rules", "normative_docs"):
            a = r.active[row]
            prev.active[row]["in_force"] = a["in_force"] - a["issued"] + a["repealed"]
    return prev


@given(reports(), st.booleans())
def test_consistent_reports_get_no_error(report, with_previous):
    report.sections = _prose(report)
    previous = _previous(report) if with_previous else None
    out = run(report, previous=previous)
    assert [f for f in out if f.severity == "error"] == []
    assert [f for f in out if f.rule.startswith("N-") or f.rule.startswith("X-")] == []
