"""Work lists over a handful of cases, and recomputing when a year is added."""

from __future__ import annotations

from datetime import date

from zfxxgk.cases.calendar import WorkdayCalendar
from zfxxgk.cases.law import DeadlineKind as K
from zfxxgk.cases.model import ApplicantType, Case, Channel, Event, EventKind as E, Outcome
from zfxxgk.cases.recompute import recompute
from zfxxgk.cases.worklists import due_soon, overdue, waiting_for_applicant, waiting_for_party

from .test_statutory import without_year
from .test_workflow import apply_all

CAL = WorkdayCalendar.bundled()


def case(cid: str, received: date, *more: Event, cal: WorkdayCalendar = CAL) -> Case:
    c = Case(cid, "青禾市人民政府", ApplicantType.COMMERCIAL)
    return apply_all(c, [Event(E.RECEIVED, received, channel=Channel.IN_PERSON), *more], cal)


def test_work_lists():
    today = date(2024, 10, 28)
    cases = [
        case("due-soon", date(2024, 9, 27)),  # due 30 Oct: 2 working days left
        case("overdue", date(2024, 9, 20)),  # due 23 Oct
        case("later", date(2024, 10, 25)),
        case("answered", date(2024, 9, 20), Event(E.ANSWERED, date(2024, 10, 8), outcome=Outcome.GRANTED)),
        case("correction", date(2024, 9, 20), Event(E.CORRECTION_REQUESTED, date(2024, 9, 23), days=5)),
        case("fee", date(2024, 10, 8), Event(E.FEE_NOTICE, date(2024, 10, 9), fee_method="pages", quantity=40)),
        case("consult", date(2024, 10, 8), Event(E.CONSULTATION_SENT, date(2024, 10, 9))),
    ]
    soon = due_soon(cases, today, CAL, within=3)
    assert [(w.case.id, w.remaining) for w in soon] == [("due-soon", 2)]
    assert "还剩2个工作日" in soon[0].describe()
    late = overdue(cases, today, CAL)
    assert [(w.case.id, w.remaining) for w in late] == [("overdue", -3)]
    assert "已超期3个工作日" in late[0].describe()
    waiting = waiting_for_applicant(cases, today, CAL)
    assert [(w.case.id, w.kind, w.expired) for w in waiting] == [
        ("correction", K.CORRECTION_REPLY, True), ("fee", K.FEE_PAYMENT, False)]
    assert [w.case.id for w in waiting_for_party(cases, today, CAL)] == ["consult"]


def test_adding_a_year_recomputes_open_cases():
    before = without_year(CAL, 2026)
    open_case = case("open", date(2026, 1, 20), cal=before)
    assert open_case.deadlines[K.ANSWER].provisional
    # the law's 春节 only (除夕 16 Feb to 初三 19 Feb); the notice adds 20 and 23 Feb
    # off and makes Saturday 14 Feb a working day
    assert open_case.deadlines[K.ANSWER].due == date(2026, 2, 23)
    closed = case("closed", date(2025, 12, 2), Event(E.ANSWERED, date(2025, 12, 5), outcome=Outcome.GRANTED),
                  cal=before)
    updated, changes = recompute([open_case, closed], CAL)
    assert [c.id for c in updated] == ["open"]
    answer = updated[0].deadlines[K.ANSWER]
    assert answer.due == date(2026, 2, 24) and not answer.provisional
    moved = {(ch.case_id, ch.kind): ch for ch in changes}
    ch = moved[("open", K.ANSWER)]
    assert ch.moved and ch.was_provisional and not ch.now_provisional
    assert ch.old_version.endswith("2026:law2025") and ch.new_version == f"2026:{CAL.years[2026].version}"
    assert "2026年2月23日 → 2026年2月24日" in ch.describe()
    # a second run on the same calendar changes nothing
    assert recompute(updated, CAL)[1] == []
