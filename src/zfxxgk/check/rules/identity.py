"""What the identity rules (T3, T4) share: reading operands, and saying that an
identity cannot be checked because an operand is blank.

Blank is not 0 (standard.md §1.6): an identity with a blank operand is neither kept
nor broken, so it becomes one `info` under the identity's own id, naming the blanks.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from ...standard.identities import Identity, sums
from .. import messages as msg
from ..context import Context
from ..engine import Finding, finding


def blanks(ctx: Context, cells: Iterable[str]) -> list[str]:
    return [c for c in cells if ctx.report.cell(c) is None]


def uncheckable(ctx: Context, rule_id: str, what: str, cells: list[str],
                blank: list[str]) -> Finding:
    """The info for an identity with blank operands: the blanks first in `cells`,
    then the operands that are filled (which locate it when the blanks were never read)."""
    ordered = blank + [c for c in cells if c not in blank]
    return finding(ctx.report, rule_id, ordered, msg.UNCHECKABLE.format(what=what),
                   msg.UNCHECKABLE_FIX, severity="info")


def total(ctx: Context, cells: Iterable[str]):
    return sum(ctx.report.cell(c) for c in cells)


def holds(ctx: Context, rule_id: str, ident: Identity, what: str, message: str, fix: str,
          at: str | None = None, **names: str) -> Iterator[Finding]:
    """The check every identity makes: the sum of its left cells equals the sum of
    its right ones. A blank operand makes it uncheckable (`what` names the
    identity); a difference yields `message`, formatted with the two sums (`left`,
    `right`) and `names`; `at` is the cell the finding points at first."""
    cells = list(ident.cells)
    got = sums(ident, ctx.report.cell)
    if got is None:
        yield uncheckable(ctx, rule_id, what, cells, blanks(ctx, cells))
        return
    left, right = got
    if left != right:
        yield finding(ctx.report, rule_id, cells,
                      message.format(left=msg.number(left), right=msg.number(right), **names),
                      fix, at=at)
