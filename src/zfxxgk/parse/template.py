"""Which format the tables use, told by their own labels (standard.md §2.4).

Table 二 carries most of the evidence (its columns changed in 2021); table 三 adds
one vote: three （六） sub-rows for 2021, a single （六）其他处理 row with numbers
for 2019. A report with votes for both is read as the majority and flagged.
The single row alone cannot tell: 2021 reports print it too (the Hongze
samples); with table 二 unread, the report's year decides, or nothing does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..ingest.document import Line
from ..standard import TEMPLATES, common, template_for_year
from ..standard.normalize import normalize_label
from .matcher import RowMatcher, matcher_for
from .stream import LabelItem, region_items

_SIGNALS = {code: tuple(normalize_label(s) for s in t.signals) for code, t in TEMPLATES.items()}
_SUB_ROWS = {r.code for r in common.OTHER_SUB_ROWS}
ALL_T3_ROWS = common.T3_HEAD_ROWS + (common.OTHER_SINGLE_ROW,) + common.OTHER_SUB_ROWS + common.T3_TAIL_ROWS


@dataclass
class T3Variant:
    rows_present: set[str] = field(default_factory=set)
    vote: str | None = None  # "2019" | "2021" | None


@dataclass
class TemplateChoice:
    template: str | None
    active_template: str | None
    mixed: bool
    minority: list[str]
    # table 三's single （六） row the only label: {"decided": by the year or None, "year"}
    unsure: dict | None = None


def t3_items(lines: list[Line]) -> list:
    """Table 三's stream, read once with every row either format may print."""
    return region_items(lines, _t3_matcher())


@lru_cache(maxsize=1)
def _t3_matcher() -> RowMatcher:
    """`matcher_for(ALL_T3_ROWS)`, without its key: hashing the rows' frozen
    dataclasses, field by field, at every report."""
    return matcher_for(ALL_T3_ROWS)


def t3_variant(items: list) -> T3Variant:
    """How table 三 prints （六）其他处理: as three sub-rows, or one row with numbers."""
    labels = [it for it in items if isinstance(it, LabelItem)]
    present = {lb.match.row for lb in labels}
    subs = present & _SUB_ROWS
    single_with_values = any(lb.match.row == "other" and lb.values is not None for lb in labels)
    if subs:
        return T3Variant(subs | {"other"} if single_with_values else subs, "2021")
    if "other" in present:
        return T3Variant({"other"}, "2019")
    return T3Variant()


def detect_template(active_lines: list[Line], variant: T3Variant,
                    year: int | None = None) -> TemplateChoice:
    """`year`: the report's statistics year, asked only when table 三's single
    （六） row is the one label left (table 二 unread, a page not decoded)."""
    text = "".join(normalize_label(ln.text) for ln in active_lines)
    found = {code: [s for s in sigs if s in text] for code, sigs in _SIGNALS.items()}
    if variant.vote == "2019" and not found["2019"] and not found["2021"]:
        return _single_row_only(year)
    # 本年处理决定数量 (2021) contains 处理决定数量; 2019's signals avoid that word
    active_template = None
    if found["2021"] or found["2019"]:
        active_template = "2021" if len(found["2021"]) >= len(found["2019"]) else "2019"
    votes = {"2019": len(found["2019"]), "2021": len(found["2021"])}
    t3_signal = None
    if variant.vote:
        votes[variant.vote] += 1
        t3_signal = "（六）其他处理（单行）" if variant.vote == "2019" else "（六）其他处理下的三个子项"
    if variant.vote == "2021" and "other" in variant.rows_present:
        votes["2019"] += 1
        t3_signal = "（六）其他处理（单行）"
    if not votes["2019"] and not votes["2021"]:
        return TemplateChoice(None, None, False, [])
    template = "2021" if votes["2021"] >= votes["2019"] else "2019"
    minority_code = "2019" if template == "2021" else "2021"
    minority = list(found[minority_code])
    if t3_signal and (variant.vote == minority_code or
                      (minority_code == "2019" and "other" in variant.rows_present)):
        minority.append(t3_signal)
    return TemplateChoice(template, active_template, bool(minority), minority)


def _single_row_only(year: int | None) -> TemplateChoice:
    """Only table 三 speaks, printing （六）其他处理 as one row: the 2019 format's
    row, which 2021 reports also print. A 2019 or 2020 report agrees with it; a
    later one's year says 2021; without a year the format is left undecided."""
    by_year = template_for_year(year)
    if by_year == "2019":
        return TemplateChoice("2019", None, False, [])
    return TemplateChoice(by_year, None, False, [], unsure={"decided": by_year, "year": year})
