"""Indicators computed from the statistics tables, each with its 口径 (basis) stated.

Leaders and evaluators compare bodies by ratios such as 实质公开率 or 复议纠错率, but
several formulas circulate for each. Here every indicator is data: a numerator and a
denominator written as sums of terms, each term a row of a table (a group such as
（三）不予公开 is its sub-rows), with the formula spelled out in Chinese. The first
basis of an indicator is the default; the others are the alternatives practice uses.

Two ways to compute the same definitions, tested to agree:

* `basis_parts(report, basis)` — one report in Python (the web's dashboard);
* `sql_per_report(...)` — DuckDB over a batch run's cells (`zfxxgk stats`, `zfxxgk sql`),
  100 000 reports in seconds.

A rate is `null` when a term is blank (never a blank read as 0) or the denominator is 0.
Grouped figures (by body, region, year) are pooled: the sums of the numerators over the
sums of the denominators of the reports where both are known, with the count of reports
that entered, so a small body does not weigh as much as a large one.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

A, R = "applications", "review_litigation"


@dataclass(frozen=True)
class Term:
    """A row (or a group of rows: its code and every `code.*` sub-row) of one column."""

    table: str
    row: str
    column: str
    label: str

    @property
    def key(self) -> str:
        return f"{self.table}.{self.row}.{self.column}".replace(".", "_")


@dataclass(frozen=True)
class Basis:
    """One 口径: numerator terms over denominator terms (minus `less`)."""

    code: str
    name: str
    numerator: tuple[Term, ...]
    denominator: tuple[Term, ...]
    less: tuple[Term, ...] = ()
    shown: str = ""  # the formula in words, where listing every term would not read

    @property
    def formula(self) -> str:
        if self.shown:
            return self.shown
        num = " + ".join(t.label for t in self.numerator)
        den = " + ".join(t.label for t in self.denominator)
        if self.less:
            den += " − " + " − ".join(t.label for t in self.less)
        return f"（{num}）÷（{den}）" if len(self.numerator) > 1 else f"{num} ÷（{den}）"

    @property
    def terms(self) -> tuple[Term, ...]:
        return self.numerator + self.denominator + self.less


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    bases: tuple[Basis, ...]
    note: str = ""

    def basis(self, code: str | None = None) -> Basis:
        if code is None:
            return self.bases[0]
        for b in self.bases:
            if b.code == code:
                return b
        raise KeyError(code)


def _t3(row: str, label: str) -> Term:
    return Term(A, row, "total", label)


def _t4(row: str, column: str, label: str) -> Term:
    return Term(R, row, column, label)


GRANTED, PARTLY = _t3("granted", "予以公开"), _t3("partly_granted", "部分公开")
WITHHELD, UNAVAILABLE = _t3("withheld", "不予公开"), _t3("unavailable", "无法提供")
NOT_PROCESSED, OTHER = _t3("not_processed", "不予处理"), _t3("other", "其他处理")
RESULTS_TOTAL, RECEIVED = _t3("total", "办理结果总计"), _t3("received", "本年新收申请")
REVIEW = {c: _t4("review", c, f"行政复议{lab}") for c, lab in
          (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("total", "总计"))}
SUITS = {c: (_t4("suit_direct", c, f"未经复议直接起诉{lab}"), _t4("suit_after_review", c, f"复议后起诉{lab}"))
         for c, lab in (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"),
                        ("total", "总计"))}
DECIDED_REVIEWS = (REVIEW["upheld"], REVIEW["corrected"], REVIEW["other"])
DECIDED_SUITS = SUITS["upheld"] + SUITS["corrected"] + SUITS["other"]
OUTCOME_SHARE_NOTE = "“剔除不予处理、其他处理”口径只计实际作出公开与否决定的申请"


def _share(code: str, name: str, numerator: tuple[Term, ...], note: str = "") -> Indicator:
    return Indicator(code, name, (
        Basis("results_total", "占办理结果总计", numerator, (RESULTS_TOTAL,)),
        Basis("decided", "剔除不予处理、其他处理", numerator, (RESULTS_TOTAL,),
              less=(NOT_PROCESSED, OTHER)),
    ), note)


INDICATORS: tuple[Indicator, ...] = (
    _share("disclosure_rate", "实质公开率", (GRANTED, PARTLY), OUTCOME_SHARE_NOTE),
    _share("withheld_rate", "不予公开率", (WITHHELD,)),
    _share("unavailable_rate", "无法提供率", (UNAVAILABLE,)),
    Indicator("not_processed_rate", "不予处理率", (
        Basis("results_total", "占办理结果总计", (NOT_PROCESSED,), (RESULTS_TOTAL,)),)),
    Indicator("review_correction_rate", "复议纠错率", (
        Basis("decided", "占已审结复议", (REVIEW["corrected"],), DECIDED_REVIEWS),
        Basis("all", "占复议总计（含尚未审结）", (REVIEW["corrected"],), (REVIEW["total"],)),
    ), "已审结 = 结果维持 + 结果纠正 + 其他结果"),
    Indicator("litigation_loss_rate", "诉讼败诉率", (
        Basis("decided", "占已审结诉讼", SUITS["corrected"], DECIDED_SUITS,
              shown="诉讼结果纠正 ÷（诉讼结果维持 + 结果纠正 + 其他结果）"),
        Basis("all", "占诉讼总计（含尚未审结）", SUITS["corrected"], SUITS["total"],
              shown="诉讼结果纠正 ÷ 诉讼总计"),
    ), "诉讼 = 未经复议直接起诉 + 复议后起诉；败诉即结果纠正"),
)
GROWTH = Indicator("application_growth", "申请增长率", (
    Basis("year_on_year", "与同一机关上一年度相比", (RECEIVED,), (RECEIVED,),
          shown="（本年新收申请 − 上年新收申请）÷ 上年新收申请"),),
    "只比较相邻两年都有报告的机关")
ALL = INDICATORS + (GROWTH,)


def by_code(code: str) -> Indicator:
    for ind in ALL:
        if ind.code == code:
            return ind
    raise KeyError(code)


def all_terms() -> dict[str, Term]:
    """Every term an indicator reads, by key (as the first basis using it names it)."""
    out: dict[str, Term] = {}
    for ind in ALL:
        for basis in ind.bases:
            for t in basis.terms:
                out.setdefault(t.key, t)
    return out


def bases_chosen(choices: dict[str, str] | None = None) -> list[tuple[Indicator, Basis]]:
    """The ratio indicators with the basis chosen for each (default: the first)."""
    choices = choices or {}
    return [(ind, ind.basis(choices.get(ind.code))) for ind in INDICATORS]


# --- one report in Python ---------------------------------------------------------


def term_value(report: Any, term: Term) -> Decimal | int | None:
    """A row's value, or its group's: the row itself when printed with a value, else
    the sum of its sub-rows when every one is filled; None when not knowable."""
    rows = getattr(report, term.table) or {}
    own = (rows.get(term.row) or {}).get(term.column)
    if own is not None:
        return own
    subs = [cols.get(term.column) for row, cols in rows.items() if row.startswith(term.row + ".")]
    if subs and all(v is not None for v in subs):
        return sum(subs)
    return None


def ratio(numerator: Any, denominator: Any) -> float | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    return round(float(numerator) / float(denominator), 6)


def basis_parts(report: Any, basis: Basis) -> tuple[Any, Any]:
    """(numerator, denominator) of one report; None where a term is blank."""
    values = {t.key: term_value(report, t) for t in basis.terms}
    if any(values[t.key] is None for t in basis.terms):
        return None, None
    num = sum(values[t.key] for t in basis.numerator)
    den = sum(values[t.key] for t in basis.denominator) - sum(values[t.key] for t in basis.less)
    return num, den


def describe() -> list[dict[str, str]]:
    """Every indicator and basis, for the documentation and the pages' 口径 notes."""
    return [{"code": ind.code, "name": ind.name, "basis": b.code, "basis_name": b.name,
             "formula": b.formula, "default": "是" if i == 0 else "", "note": ind.note}
            for ind in ALL for i, b in enumerate(ind.bases)]
