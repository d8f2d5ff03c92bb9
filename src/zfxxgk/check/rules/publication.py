"""When a report must be public (standard.md §3.6, 条例 第四十九条): P-1, P-2.

The deadline depends on the body: departments of governments at county level and
above publish by 31 January (P-1), and so, in practice and under local notices, do
乡镇 and 街道 (P-3, filed under P-1 here); a 县级以上人民政府's report on itself or its
area is published by its competent department by 31 March (P-2). The date used is
the one the document gives at its end (落款, `published_on`), else the portal's
(`portal_date`), and the finding says which. Both are warnings: a 落款 date is when
the report was signed, not proof of when it went online.
"""

from __future__ import annotations

from datetime import date
from typing import Iterator

from ...model import Note
from .. import messages as msg
from ..context import Context
from ..engine import Finding, finding, rule
from ...parse.scope import body_kind


def _date(ctx: Context) -> tuple[date | None, str | None]:
    r = ctx.report
    if r.published_on is not None:
        return r.published_on, "published_on"
    if r.portal_date is not None:
        return r.portal_date, "portal_date"
    return None, None


def _deadline_rule(ctx: Context) -> str | None:
    kind = body_kind(ctx.report.agency)
    if kind == "government":
        return "P-2"
    if kind in ("township", "department"):
        return "P-1"
    return None


def _signature_note(ctx: Context, source: str) -> Note:
    """Where the date is printed: the last source line that holds it."""
    if source == "published_on":
        d = ctx.report.published_on
        for n, text in sorted(ctx.report.source_lines.items(), reverse=True):
            t = "".join(text.split())
            if f"{d.year}年{d.month}月{d.day}日" in t or f"{d.year}年{d.month:02d}月{d.day:02d}日" in t:
                return Note("publication", line=n)
    return Note("publication")


def _late(ctx: Context, rule_id: str, month: int, day: int) -> Iterator[Finding]:
    if _deadline_rule(ctx) != rule_id or ctx.report.year is None:
        return
    when, source = _date(ctx)
    if when is None:
        return
    year = ctx.report.year
    deadline = date(year + 1, month, day)
    note = _signature_note(ctx, source)
    if when > deadline:
        yield finding(ctx.report, rule_id, [],
                      msg.P_LATE.format(source=msg.DATE_SOURCES[source], date=when.isoformat(),
                                        deadline=deadline.isoformat(), who=msg.P_WHO[rule_id],
                                        rule_date=f"{month}月{day}日"), msg.P_FIX, note=note)
    elif when <= date(year, 12, 31):
        yield finding(ctx.report, rule_id, [],
                      msg.P_EARLY.format(source=msg.DATE_SOURCES[source], date=when.isoformat(),
                                         year=year), msg.P_EARLY_FIX, note=note)


@rule("P-1", "warning", title="政府部门、乡镇街道1月31日前公布",
      description="县级以上人民政府部门（以及按各地通知执行的乡镇、街道）应在每年1月31日前公布上一年度报告；"
                  "按报告落款日期判断，没有落款日期时按网站发布日期，并说明用的是哪一个。")
def department_deadline(ctx: Context) -> Iterator[Finding]:
    yield from _late(ctx, "P-1", 1, 31)


@rule("P-2", "warning", title="县级以上人民政府3月31日前公布",
      description="县级以上地方人民政府的年度报告应在每年3月31日前公布；"
                  "按报告落款日期判断，没有落款日期时按网站发布日期，并说明用的是哪一个。")
def government_deadline(ctx: Context) -> Iterator[Finding]:
    yield from _late(ctx, "P-2", 3, 31)
