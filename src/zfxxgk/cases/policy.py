"""How a multi-item application is counted in table 三 (standard.md §4.9).

No official rule says how to count an application that asks for several things; the
spec recommends storing the items separately and counting the application once under
its overall result. That is the default here, the alternative (each item counted as
an application) is one setting away, and `describe()` is the sentence printed with
the compiled report so a reader knows which reading produced the figures.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Iterable

from .model import ApplicantType, Case, Outcome

DISCLOSED = frozenset({Outcome.GRANTED, Outcome.PARTLY_GRANTED})


class CountingUnit(enum.StrEnum):
    APPLICATION = "application"  # one application = one 件, overall result
    ITEM = "item"  # every requested item counts as one 件 with its own result


@dataclass(frozen=True)
class CountingPolicy:
    unit: CountingUnit = CountingUnit.APPLICATION

    def __post_init__(self) -> None:
        object.__setattr__(self, "unit", CountingUnit(self.unit))

    @classmethod
    def resolve(cls, value: "CountingPolicy | str | None") -> "CountingPolicy":
        """None: the default; a unit's name (a form's or an API call's `unit`) must be
        one of `CountingUnit` (ValueError otherwise)."""
        if isinstance(value, CountingPolicy):
            return value
        return cls() if value is None else cls(value)  # type: ignore[arg-type]  (__post_init__ reads it)

    def describe(self) -> str:
        if self.unit is CountingUnit.ITEM:
            return ("统计口径：一份申请包含多项内容的，每项内容按一件申请统计，"
                    "各项分别计入其办理结果。")
        return ("统计口径：一份申请按一件统计，包含多项内容的按总体结果计入一行——"
                "全部公开的计入“予以公开”，部分公开、部分不公开的计入“部分公开”，"
                "均未公开的按第一项内容的办理结果计入。")


def derive_outcome(item_outcomes: Iterable[Outcome]) -> Outcome:
    """The overall result of a multi-item application (standard.md §4.9): all
    disclosed -> 予以公开; some disclosed -> 部分公开; none -> the first item's row."""
    items = list(item_outcomes)
    if not items:
        raise ValueError("没有逐项结果，无法得出总体结果")
    if all(o is Outcome.GRANTED for o in items):
        return Outcome.GRANTED
    if any(o in DISCLOSED for o in items):
        return Outcome.PARTLY_GRANTED
    return items[0]


def counted_units(case: Case, policy: CountingPolicy) -> list[tuple[ApplicantType, Outcome | None]]:
    """What one case contributes to the table: (column, result row or None while
    open), once per counted unit."""
    if policy.unit is CountingUnit.APPLICATION or len(case.items) <= 1:
        return [(case.applicant_type, case.outcome)]
    if case.outcome is None:
        return [(case.applicant_type, None)] * len(case.items)
    per_item = case.item_outcomes or (case.outcome,) * len(case.items)
    return [(case.applicant_type, o) for o in per_item]
