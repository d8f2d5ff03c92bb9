"""The two registers besides the cases: reconsiderations and lawsuits (table 四) and
the proactive-disclosure figures (table 二). Plain dataclasses with JSON, like `model`.

Table 四 counting (standard.md §1.5 leaves the year rule open [U]; this is the reading
used here, parallel to table 三): a reconsideration or lawsuit is counted in year Y
when it was received by 31 Dec Y and not concluded before 1 Jan Y. If it was
concluded in Y it is counted under its result (维持/纠正/其他), otherwise under 尚未审结
— so 尚未审结 means "pending at 31 Dec". 总计 is the sum of the four, so T4-1 holds by
construction.

Table 二 has no identities; its register is the year's figures as entered, checked
against the year's template (unknown rows or columns are refused, cells left out stay
blank).

A register file (`zfxxgk.register/1`) holds either or both lists (`cases`: the
numbers of the applications a reconsideration or lawsuit concerns; a file of the
earlier format naming them in one `case_ref` text is read too):

    {"format": "zfxxgk.register/1",
     "litigation": [{"id": "FY-2025-01", "agency": "…", "kind": "review",
                     "received_on": "2025-03-02", "outcome": "corrected",
                     "concluded_on": "2025-05-20", "cases": ["2025-0031"]}],
     "active": [{"agency": "…", "year": 2025,
                 "cells": {"rules": {"issued": 1, "repealed": 0, "in_force": 12}}}]}
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from ..errors import InputError
from ..ingest.text import read_json
from ..model import TableData
from ..standard import get_template, template_for_year
from .records import Labelled, Record

FORMAT = "zfxxgk.register/1"


class RegisterError(ValueError):
    """A register entry that cannot be right (Chinese message)."""


class LitigationKind(Labelled):
    REVIEW = "review", "行政复议"
    SUIT_DIRECT = "suit_direct", "未经复议直接起诉"
    SUIT_AFTER_REVIEW = "suit_after_review", "复议后起诉"


class LitigationOutcome(Labelled):
    UPHELD = "upheld", "维持"  # 结果维持
    CORRECTED = "corrected", "纠正"  # revoked, changed, confirmed unlawful, ordered to act
    OTHER = "other", "其他"  # withdrawn, dismissed on procedure, mediated
    PENDING = "pending", "尚未审结"


@dataclass
class LitigationCase(Record):
    """One reconsideration or lawsuit about the agency's 政府信息公开 work."""

    id: str
    agency: str
    kind: LitigationKind
    received_on: date
    outcome: LitigationOutcome = LitigationOutcome.PENDING
    concluded_on: date | None = None
    cases: tuple[str, ...] = ()  # the numbers of the applications it concerns (registered ones)
    note: str = ""

    def __post_init__(self) -> None:
        pending = self.outcome is LitigationOutcome.PENDING
        if pending and self.concluded_on is not None:
            raise RegisterError(f"{self.id}：已填写审结日期，结果不能为“尚未审结”")
        if not pending and self.concluded_on is None:
            raise RegisterError(f"{self.id}：结果为“{self.outcome.label}”，须填写审结日期")
        if self.concluded_on is not None and self.concluded_on < self.received_on:
            raise RegisterError(f"{self.id}：审结日期早于收到日期")

    def result_in(self, year: int) -> LitigationOutcome | None:
        """The column this case is counted in for `year`, or None when not counted."""
        if self.received_on > date(year, 12, 31):
            return None
        if self.concluded_on is not None and self.concluded_on < date(year, 1, 1):
            return None
        if self.concluded_on is not None and self.concluded_on <= date(year, 12, 31):
            return self.outcome
        return LitigationOutcome.PENDING

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in super().to_dict().items()
                if v or k not in ("concluded_on", "cases", "note")}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "LitigationCase":
        """Also reads a file of the earlier format, whose `case_ref` was one line of text."""
        missing = [k for k in ("id", "agency", "kind", "received_on") if k not in d]
        if missing:
            raise RegisterError(f"复议、诉讼登记缺少字段：{missing[0]}")
        cases = d.get("cases", ())
        cases = split_numbers(cases) if isinstance(cases, str) else tuple(str(n) for n in cases)
        cases += tuple(n for n in split_numbers(str(d.get("case_ref") or "")) if n not in cases)
        try:
            return super().from_dict({**d, "id": str(d["id"]), "cases": cases})
        except RegisterError:
            raise
        except ValueError as e:
            raise RegisterError(f"复议、诉讼登记{d.get('id', '')}有误：{e}") from None


_SEPARATORS = re.compile(r"[、，,；;\s]+")


def split_numbers(text: str) -> tuple[str, ...]:
    """Application numbers as a clerk types them in one field: separated by 、，；
    or spaces, each once, in the order typed."""
    return tuple(dict.fromkeys(n for n in _SEPARATORS.split(text) if n))


def blank_table(template: str, table: str, value: int | None = None) -> TableData:
    """Every cell of one of the template's tables, each set to `value`."""
    t = get_template(template).table(table)
    return {r.code: {c.code: value for c in t.row_columns(r)} for r in t.rows}


def litigation_table(entries: Iterable[LitigationCase], year: int, agency: str,
                     template: str | None = None) -> TableData:
    """Table 四 of `year` for `agency`; 总计 is the sum of the four results."""
    table = blank_table(template or template_for_year(year) or "2021", "review_litigation", 0)
    for e in entries:
        if e.agency != agency:
            continue
        col = e.result_in(year)
        if col is None:
            continue
        row = table[e.kind.value]
        row[col.value] += 1  # type: ignore[operator]
        row["total"] += 1  # type: ignore[operator]
    return table


@dataclass
class ActiveFigures(Record):
    """Table 二 of one agency and year, as entered: {row: {column: value}}."""

    agency: str
    year: int
    cells: dict[str, dict[str, Decimal | int | None]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Checks the cells, and holds every fraction as a Decimal: an amount (万元)
        kept as a float became 8235.42 for 8235.4200, and sums of floats drift
        (0.1 + 0.2). A float given by a caller is taken as its shortest decimal."""
        template = template_for_year(self.year) or "2021"
        known = blank_table(template, "active")
        for row, cols in self.cells.items():
            if row not in known:
                raise RegisterError(f"表二（{template}年格式）没有“{row}”一行")
            for col, v in cols.items():
                if col not in known[row]:
                    raise RegisterError(f"表二“{row}”一行没有“{col}”一栏")
                if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float, Decimal))):
                    raise RegisterError(f"表二 {row}.{col} 须为数字：{v!r}")
                if isinstance(v, float):
                    cols[col] = Decimal(repr(v))
                if isinstance(cols[col], Decimal) and not cols[col].is_finite():
                    raise RegisterError(f"表二 {row}.{col} 须为数字：{v!r}")

    def table(self) -> TableData:
        blank = blank_table(template_for_year(self.year) or "2021", "active")
        return {r: {c: self.cells.get(r, {}).get(c) for c in cols} for r, cols in blank.items()}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ActiveFigures":
        try:
            return cls(d["agency"], int(d["year"]),
                       {r: dict(c) for r, c in d.get("cells", {}).items()})
        except (KeyError, TypeError, AttributeError) as e:
            raise RegisterError(f"表二登记格式有误：{e}") from None


def active_table(entries: Iterable[ActiveFigures], year: int, agency: str) -> TableData | None:
    """The figures of `agency` for `year`, or None (blank table) when not entered."""
    match = [e for e in entries if e.agency == agency and e.year == year]
    if len(match) > 1:
        raise RegisterError(f"{agency}{year}年的表二数据登记了{len(match)}次")
    return match[0].table() if match else None


@dataclass
class Registers:
    litigation: list[LitigationCase] = field(default_factory=list)
    active: list[ActiveFigures] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "litigation": [e.to_dict() for e in self.litigation],
                "active": [e.to_dict() for e in self.active]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Registers":
        if d.get("format", FORMAT) != FORMAT:
            raise RegisterError(f"登记文件格式应为 {FORMAT}：{d.get('format')}")
        return cls([LitigationCase.from_dict(x) for x in d.get("litigation", ())],
                   [ActiveFigures.from_dict(x) for x in d.get("active", ())])


def load(paths: Iterable[Path]) -> Registers:
    """All register files merged; an error names the file."""
    out = Registers()
    for p in sorted(paths):
        try:
            regs = Registers.from_dict(read_json(p, parse_float=Decimal))  # money as written
        except InputError as e:
            raise RegisterError(f"{e.source or p}：{e.message}") from None
        except RegisterError as e:
            raise RegisterError(f"{p}：{e}") from None
        out.litigation += regs.litigation
        out.active += regs.active
    return out
