"""What the identity rules (T3, T4) share: reading operands, and saying that an
identity cannot be checked because an operand is blank.

Blank is not 0 (standard.md §1.6): an identity with a blank operand is neither kept
nor broken, so it becomes one `info` under the identity's own id, naming the blanks.
"""

from __future__ import annotations

from typing import Iterable, Iterator

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


def sum_holds(ctx: Context, rule_id: str, cells: list[str], what: str, message: str,
              fix: str, **names: str) -> Iterator[Finding]:
    """The check every "total = sum of its parts" identity makes: `cells[0]` is the
    printed total, the rest its parts. A blank operand makes it uncheckable (`what`
    names the identity); a difference yields `message`, formatted with the printed
    total, the sum of the parts and `names`."""
    blank = blanks(ctx, cells)
    if blank:
        yield uncheckable(ctx, rule_id, what, cells, blank)
        return
    printed, parts = ctx.report.cell(cells[0]), total(ctx, cells[1:])
    if printed != parts:
        yield finding(ctx.report, rule_id, cells,
                      message.format(total=msg.number(printed), parts=msg.number(parts), **names),
                      fix)
