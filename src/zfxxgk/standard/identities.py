"""The identities (勾稽关系) of the official tables, written down once as data.

Table 三 (standard.md §3.1): per column, 一 + 二 = （七）总计 + 四 (T3-1) and
（七）总计 = （一）…（六） (T3-2, counting （六） as the one row or the three rows the
report prints); per row, 总计 = the six applicant columns (T3-3). Table 四 (§3.2):
three groups of five, 总计 = 维持 + 纠正 + 其他 + 尚未审结 (T4-1). Across years: 二、上年结转
equals last year's 四、结转下年度 (X-1, an identity).

The checker, the parser's solver, `fix` and the XLSX 勾稽关系 sheet all derive their
equations from the functions here, each in its own coordinates; none writes one of
its own. Cell codes are `table.row.column` as in `zfxxgk.report/1`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Collection, Sequence

from . import y2019, y2021
from .common import OTHER_SINGLE_ROW, OTHER_SUB_ROWS, find_row
from .spec import Template

_BY_CODE = {"2019": y2019.TEMPLATE, "2021": y2021.TEMPLATE}

T3 = "applications"
T4 = "review_litigation"

SIXTH_SINGLE: tuple[str, ...] = (OTHER_SINGLE_ROW.code,)
SIXTH_SPLIT: tuple[str, ...] = tuple(r.code for r in OTHER_SUB_ROWS)
SIXTH_ROWS = frozenset(SIXTH_SINGLE + SIXTH_SPLIT)

# T3-1: 一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理
INTAKE = ("received", "carried_in")
OUTCOME = ("total", "carried_forward")
# T4-1: each group's 总计 is its four results
T4_TOTAL = "total"
T4_PARTS = ("upheld", "corrected", "other", "pending")


@dataclass(frozen=True)
class Identity:
    """sum(left) == sum(right), written for one column of table 三 (`key` its column
    code), one row (`key` its row code) or one group of table 四."""

    rule: str
    key: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    what: str  # Chinese: which column / row / group, and the equation

    @property
    def cells(self) -> tuple[str, ...]:
        return self.left + self.right


@dataclass(frozen=True)
class CrossYear:
    """this == prev, `prev` read in last year's report."""

    rule: str
    this: str
    prev: str


def sums(identity: Identity, value: Callable[[str], object],
         skip: Collection[str] = ()) -> tuple | None:
    """(sum of the left cells, sum of the right ones), `value` reading each cell (a
    report's `cell`); None when a cell is blank or in `skip`: blank is not 0, so the
    identity cannot be judged. The checker, the parser's settlers and the XLSX sheet
    all judge an identity by it."""
    values = []
    for code in identity.cells:
        v = value(code)
        if v is None or code in skip:
            return None
        values.append(v)
    n = len(identity.left)
    return sum(values[:n]), sum(values[n:])


def sixth_rows(rows: Sequence[str], sixth: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """The （六） rows counted by （七）总计 among the printed `rows`: the kind printed;
    when both kinds are printed, `sixth` (default the three sub-rows, the current format)."""
    single = [r for r in SIXTH_SINGLE if r in rows]
    split = [r for r in SIXTH_SPLIT if r in rows]
    if single and split:
        return tuple(sixth) if sixth is not None else tuple(split)
    return tuple(single or split)


def result_rows(rows: Sequence[str], sixth: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """The rows （七）总计 sums, in printed order: （一） to （六）, one kind of （六）."""
    rows = list(rows)
    if "granted" not in rows or "total" not in rows:
        return ()
    between = rows[rows.index("granted"): rows.index("total")]
    keep = set(sixth_rows(between, sixth))
    return tuple(r for r in between if r not in SIXTH_ROWS or r in keep)


def application_identities(template: Template, rows: Sequence[str],
                           sixth: tuple[str, ...] | None = None) -> tuple[Identity, ...]:
    """T3-1, T3-2 per column and T3-3 per printed row of table 三."""
    return _application_identities(template.code, tuple(rows), sixth)


@lru_cache(maxsize=512)
def _application_identities(code: str, rows: tuple[str, ...],
                            sixth: tuple[str, ...] | None) -> tuple[Identity, ...]:
    """Cached by the template's code: the same rows recur in nearly every report."""
    table = _BY_CODE[code].applications
    cols = table.columns
    parts = [c.code for c in cols if c.code != "total"]
    results = result_rows(rows, sixth)
    out: list[Identity] = []

    def a(row: str, col: str) -> str:
        return f"{T3}.{row}.{col}"

    if all(r in rows for r in INTAKE + OUTCOME):
        for c in cols:
            out.append(Identity("T3-1", c.code,
                                tuple(a(r, c.code) for r in INTAKE),
                                tuple(a(r, c.code) for r in OUTCOME),
                                f"{c.label}列：一+二=（七）+四"))
    if results:
        for c in cols:
            out.append(Identity("T3-2", c.code, (a("total", c.code),),
                                tuple(a(r, c.code) for r in results),
                                f"{c.label}列：（七）总计=各项办理结果之和"))
    for row in rows:
        out.append(Identity("T3-3", row, (a(row, "total"),),
                            tuple(a(row, c) for c in parts),
                            f"{getattr(find_row(table, row), 'label', row)}：总计=六类申请人之和"))
    return tuple(out)


def review_identities(template: Template) -> tuple[Identity, ...]:
    """T4-1: in each of the three groups, 总计 = 维持 + 纠正 + 其他 + 尚未审结."""
    return _review_identities(template.code)


@lru_cache(maxsize=8)
def _review_identities(code: str) -> tuple[Identity, ...]:
    table = _BY_CODE[code].review_litigation
    groups = {g.code: g.label for g in table.groups}
    out = []
    for row in table.rows:
        label = groups.get(row.code, row.label)
        if row.group:
            label = f"{groups[row.group]}·{label}"
        out.append(Identity("T4-1", row.code, (f"{T4}.{row.code}.{T4_TOTAL}",),
                            tuple(f"{T4}.{row.code}.{c}" for c in T4_PARTS),
                            f"{label}：总计=四项结果之和"))
    return tuple(out)


def review_cells(template: Template) -> tuple[str, ...]:
    """Table 四's fifteen cells in printed order (three groups of five)."""
    table = template.review_litigation
    return tuple(f"{T4}.{r.code}.{c.code}" for r in table.rows for c in table.columns)


def identities(template: Template, application_rows: Sequence[str],
               sixth: tuple[str, ...] | None = None) -> tuple[Identity, ...]:
    """Every identity of one report's tables 三 and 四."""
    return application_identities(template, application_rows, sixth) + review_identities(template)


def carry_over(template: Template) -> tuple[CrossYear, ...]:
    """X-1: this year's 二、上年结转 is last year's 四、结转下年度, column by column."""
    return tuple(CrossYear("X-1", f"{T3}.carried_in.{c.code}", f"{T3}.carried_forward.{c.code}")
                 for c in template.applications.columns)


__all__ = ["CrossYear", "Identity", "SIXTH_ROWS", "SIXTH_SINGLE", "SIXTH_SPLIT", "T4_PARTS",
           "application_identities", "carry_over", "identities",
           "result_rows", "review_cells", "review_identities", "sixth_rows", "sums"]
