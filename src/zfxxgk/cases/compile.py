"""A year of cases -> table 三 of that year's `zfxxgk.report/1` report.

Every figure is a count of cases by a date predicate, chosen so that the table's
identities hold by construction (standard.md §4.9):

- received(Y)        receipt date in Y
- carried_in(Y)      received before Y, not concluded before Y
- results(Y)         concluded in Y, by outcome row
- carried_forward(Y) received by 31 Dec Y, not concluded by then

Since a case is concluded on or after its receipt, each case received by the end of
Y and not concluded before Y is in exactly one of results(Y) and carried_forward(Y),
and carried_forward(Y) is by definition carried_in(Y+1). Cases never received (an
online application withdrawn before the receipt was confirmed) are not counted.

Tables 二 and 四 come from the registers (`registers.py`): pass `litigation` and/or
`active_figures`. Without a register the compiler leaves the table's cells blank
(null) — blank is not zero — which the checker reports as warnings, never as errors.
An explicit `active` / `review_litigation` table still wins over a register.

The report also gets a first draft of its six narrative parts
(`render.narrative_draft`): the tables' figures written out, the counting policy
stated where the applications are counted, the year's 信息处理费 taken from the
cases' fee events, the applications answered on time or late by their answer
deadlines (`answer_times`), and what no register knows left as marked placeholders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

from ..model import Report, TableData
from ..render.figures import AnswerTimes, FeeFacts
from ..render.narrative_draft import draft_sections
from ..standard import get_template, template_for_year
from .model import ApplicantType, Case, CaseStatus, EventKind, Outcome
from .policy import CountingPolicy, CountingUnit, counted_units
from .workflow import overdue
from .registers import ActiveFigures, LitigationCase, active_table, blank_table, litigation_table

COLUMNS = tuple(t.value for t in ApplicantType)

# The counting policy as the report's prose says it. Shorter than the policy's own
# description, and without outcome names (予以公开…) or numbers of rows: the
# checker's prose reader would take "第一项" after "部分公开" for a count.
NARRATIVE_NOTES = {
    CountingUnit.APPLICATION: "统计口径：一份申请包含多项内容的，按一件申请统计，并按总体办理结果计入。",
    CountingUnit.ITEM: "统计口径：一份申请包含多项内容的，每项内容按一件申请统计，各项分别计入其办理结果。",
}


@dataclass
class Compilation:
    """The report and what a reader needs to trust it: the counting policy in words
    and, for every row, the cases counted in it."""

    report: Report
    policy: CountingPolicy
    policy_note: str
    cases_by_row: dict[str, list[str]] = field(default_factory=dict)

    @property
    def cases_counted(self) -> int:
        """How many cases table 三 counts (a case in several rows counts once)."""
        return len({cid for ids in self.cases_by_row.values() for cid in ids})


def applications_table(
    cases: Iterable[Case], year: int, policy: CountingPolicy | None = None,
    template: str | None = None,
) -> tuple[TableData, dict[str, list[str]]]:
    """Table 三 of `year` and the case ids behind each row."""
    policy = CountingPolicy.resolve(policy)
    template = template or template_for_year(year) or "2021"
    tpl = get_template(template)
    rows = [r.code for r in tpl.applications.rows]
    table: TableData = {r: {c: 0 for c in (*COLUMNS, "total")} for r in rows}
    trace: dict[str, list[str]] = {r: [] for r in rows}
    start, end = date(year, 1, 1), date(year, 12, 31)

    def add(row: str, column: str, case_id: str) -> None:
        table[row][column] += 1  # type: ignore[operator]
        table[row]["total"] += 1  # type: ignore[operator]
        trace[row].append(case_id)

    for case in cases:
        received = case.received_on
        if received is None or received > end:
            continue
        closed = case.closed_on
        if closed is not None and closed < start:
            continue  # concluded in an earlier year
        for column, outcome in counted_units(case, policy):
            add("received" if received >= start else "carried_in", column.value, case.id)
            if closed is not None and closed <= end:
                row = (outcome or Outcome.OTHER).row(template)
                add(row, column.value, case.id)
                add("total", column.value, case.id)
            else:
                add("carried_forward", column.value, case.id)
    return {r: table[r] for r in rows}, trace


_SETTLES_FEE = (EventKind.FEE_PAID, EventKind.FEE_EXPIRED, EventKind.ANSWERED, EventKind.WITHDRAWN)


def fee_facts(cases: Iterable[Case], year: int) -> FeeFacts:
    """信息处理费 of `year` from the cases' events: notices sent and fees paid in
    the year (a notice of December paid in January counts in each year once), and
    how many of the year's notices were still unsettled on 31 December."""
    notices = billed = paid = collected = still_open = 0
    for case in cases:
        amount = case.fee_amount or 0
        noticed = False  # a notice of this year not settled (paid, lapsed, answered, withdrawn)
        for e in case.events:
            if e.on.year > year:
                continue
            if e.kind is EventKind.FEE_NOTICE:
                noticed = e.on.year == year
            elif e.kind in _SETTLES_FEE:
                noticed = False
            if e.on.year != year:
                continue
            if e.kind is EventKind.FEE_NOTICE:
                notices += 1
                billed += amount
            elif e.kind is EventKind.FEE_PAID:
                paid += 1
                collected += amount
        still_open += noticed
    return FeeFacts(notices, billed, paid, collected, still_open)


def answer_times(cases: Iterable[Case], year: int) -> AnswerTimes:
    """The applications answered in `year` (closed by an answer, not by a lapse or a
    withdrawal), each on time or late by its answer deadline (`workflow.overdue`)."""
    on_time = late = unknown = 0
    for case in cases:
        closed = case.closed_on
        if closed is None or closed.year != year or case.status is not CaseStatus.CLOSED:
            continue
        if not case.events or case.events[-1].kind is not EventKind.ANSWERED:
            continue
        missed = overdue(case, closed)
        if missed is None:
            unknown += 1
        elif missed:
            late += 1
        else:
            on_time += 1
    return AnswerTimes(on_time, late, unknown)


def compile_year(
    cases: Iterable[Case],
    year: int,
    agency: str,
    *,
    policy: CountingPolicy | None = None,
    active: TableData | None = None,
    review_litigation: TableData | None = None,
    litigation: Iterable[LitigationCase] | None = None,
    active_figures: Iterable[ActiveFigures] | None = None,
) -> Compilation:
    """The year's report: table 三 from the cases of `agency`; table 四 from the
    `litigation` register and table 二 from `active_figures` when given (blank
    otherwise, or when the register has no figures for this agency and year);
    `sections` a draft of the six parts with those figures filled in."""
    policy = CountingPolicy.resolve(policy)
    template = template_for_year(year) or "2021"
    mine = [c for c in cases if c.agency == agency]
    applications, trace = applications_table(mine, year, policy, template)
    if review_litigation is None and litigation is not None:
        review_litigation = litigation_table(litigation, year, agency, template)
    if active is None and active_figures is not None:
        active = active_table(active_figures, year, agency)
    report = Report(
        agency=agency, agency_key=agency, year=year, template=template,  # type: ignore[arg-type]
        active=active if active is not None else blank_table(template, "active"),
        applications=applications,
        review_litigation=(review_litigation if review_litigation is not None
                           else blank_table(template, "review_litigation")),
    )
    fees = fee_facts(mine, year) if mine else None  # no cases: the fee is not known
    answers = answer_times(mine, year) if mine else None
    report.sections = draft_sections(report, fees, counting_note=NARRATIVE_NOTES[policy.unit],
                                     answers=answers)
    return Compilation(report, policy, policy.describe(), trace)
