"""Table 二 heuristics (standard.md §3.3): T2-2 and T2-4. Table 二 has no official
identity, so both are warnings.

T2-4 looks for a 收费 amount written in 元 where the column asks for 万元. A fixed
threshold would be wrong: 淮安市's whole-city 96171.6 万元 is right, while the same
number from a street office would be absurd. So the ceiling depends on the body's
level (and its scope), and a jump of a thousand times against its own previous year
is the other sign.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from .. import messages as msg
from ..context import Context
from ..engine import Finding, finding, rule
from ..labels import describe_row
from ...parse.scope import body_kind

FEE = "active.fees.amount"
# Plausible yearly administrative fees, in 万元, by level (generous: the rule must
# not fire on a right report).
CEILINGS = {"township": Decimal(5_000), "department": Decimal(500_000),
            "county": Decimal(2_000_000), "city": Decimal(10_000_000),
            "province": Decimal(100_000_000)}
JUMP = 1000
_PROVINCE = re.compile(r"(?:省|自治区)人民政府$|^(?:北京|天津|上海|重庆)市人民政府$")
_COUNTY = re.compile(r"(?:县|区|旗|县级市)人民政府$")


def level(agency: str | None) -> str | None:
    kind = body_kind(agency)
    if kind in ("township", "department"):
        return kind
    if kind != "government":
        return None
    if _PROVINCE.search(agency):
        return "province"
    if _COUNTY.search(agency) or re.search(r"市.+市人民政府$", agency):
        return "county"
    return "city"


@rule("T2-2", "warning", table="active", title="对外公开总数量不小于本年新公开数量（2019年格式）",
      description="2019年格式：规章、规范性文件的对外公开总数量不小于本年新公开数量。")
def public_total_covers_new(ctx: Context) -> Iterator[Finding]:
    if ctx.template.code != "2019":
        return
    for row in ("rules", "normative_docs"):
        cells = [f"active.{row}.public_total", f"active.{row}.published"]
        total, published = (ctx.report.cell(c) for c in cells)
        if total is None or published is None or total >= published:
            continue
        yield finding(ctx.report, "T2-2", cells,
                      msg.T2_2.format(row=describe_row("active", row, ctx.template),
                                      total=total, published=published), msg.T2_2_FIX)


@rule("T2-4", "warning", table="active", title="行政事业性收费金额的单位",
      description="2021年格式：本年收费金额以万元为单位；按机关层级明显过大，或是同一机关上年的一千倍以上，"
                  "可能是以元填写。")
def fee_unit(ctx: Context) -> Iterator[Finding]:
    if ctx.template.code != "2021":
        return
    amount = ctx.report.cell(FEE)
    if amount is None or amount <= 0:
        return
    lv = level(ctx.report.agency)
    if lv == "county" and ctx.report.scope != "region":  # as parse found it (or the JSON says)
        lv = "department"  # a government's own office charges like a department
    if lv is not None and amount > CEILINGS[lv]:
        yield finding(ctx.report, "T2-4", [FEE],
                      msg.T2_4_LEVEL.format(amount=msg.number(amount), level=msg.LEVEL_NAMES[lv],
                                            ceiling=msg.number(CEILINGS[lv])), msg.T2_4_FIX)
        return
    prev = ctx.previous_context
    before = prev.report.cell(FEE) if prev is not None and prev.template.code == "2021" else None
    if before is not None and before > 0 and amount >= before * JUMP:
        yield finding(ctx.report, "T2-4", [FEE],
                      msg.T2_4_JUMP.format(amount=msg.number(amount), prev=msg.number(before),
                                           prev_year=prev.report.year,
                                           ratio=msg.number(int(amount / before))), msg.T2_4_FIX)
