"""Table 四's identity (standard.md §3.2): T4-1. T4-2 (integers ≥ 0) is F-VALUE's."""

from __future__ import annotations

from typing import Iterator

from ...standard.identities import review_identities
from .. import messages as msg
from ..context import Context
from ..engine import Finding, rule
from ..labels import describe_row
from .identity import holds

T = "review_litigation"


@rule("T4-1", "error", table=T, title="复议、诉讼的总计等于四项结果之和",
      description="行政复议、未经复议直接起诉、复议后起诉三组，各自的总计等于"
                  "结果维持、结果纠正、其他结果、尚未审结之和。")
def groups_add_up(ctx: Context) -> Iterator[Finding]:
    for ident in review_identities(ctx.template):
        if ctx.row_missing(T, ident.key):
            continue  # F-TABLE reports the row
        group = describe_row(T, ident.key, ctx.template)
        yield from holds(ctx, "T4-1", ident, msg.T4_1_WHAT.format(group=group), msg.T4_1,
                         msg.T4_1_FIX.format(group=group), group=group)
