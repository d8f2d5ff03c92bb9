"""Random case histories over several years compile to reports the checker accepts,
and each year's 上年结转 equals the previous year's 结转下年度."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from zfxxgk import check
from zfxxgk.cases.calendar import WorkdayCalendar
from zfxxgk.cases.compile import applications_table, compile_year
from zfxxgk.cases.law import DeadlineKind as K
from zfxxgk.cases.model import (
    ApplicantType, Case, Channel, ConsultParty, Event, EventKind as E, Outcome,
)
from zfxxgk.cases.policy import CountingPolicy, CountingUnit, derive_outcome
from zfxxgk.cases.workflow import apply
from zfxxgk.standard import get_template

CAL = WorkdayCalendar.bundled()
AGENCY = "青禾市人民政府"
ANSWERS = [o for o in Outcome if o not in (Outcome.NO_CORRECTION, Outcome.NO_FEE, Outcome.STILL_UNCLEAR)]
YEARS = range(2019, 2025)


@st.composite
def histories(draw, cid: str) -> Case:
    """One case, driven through a random legal path with random gaps."""
    gap = st.integers(0, 40).map(lambda n: timedelta(days=n))
    items = draw(st.sampled_from([(), ("甲", "乙"), ("甲", "乙", "丙")]))
    c = Case(cid, AGENCY, draw(st.sampled_from(list(ApplicantType))), items=items)
    day = date(2019, 1, 1) + timedelta(days=draw(st.integers(0, 365 * 6)))
    channel = draw(st.sampled_from(list(Channel)))
    c = apply(c, Event(E.RECEIVED, day, channel=channel), CAL)
    if channel.needs_confirmation:
        if draw(st.booleans()) and draw(st.booleans()):
            return apply(c, Event(E.WITHDRAWN, day + draw(gap)), CAL)  # never received
        day += draw(gap)
        c = apply(c, Event(E.RECEIPT_CONFIRMED, day), CAL)
    path = draw(st.sampled_from(["answer", "correction", "no_correction", "consult", "extend",
                                 "fee", "no_fee", "withdraw", "open"]))
    if path in ("correction", "no_correction"):
        day += draw(gap)
        c = apply(c, Event(E.CORRECTION_REQUESTED, day, days=draw(st.integers(5, 15))), CAL)
        if path == "no_correction":
            due = c.deadlines[K.CORRECTION_REPLY].due
            return apply(c, Event(E.CORRECTION_EXPIRED, due + timedelta(days=1) + draw(gap)), CAL)
        day = max(day, day + draw(gap))
        c = apply(c, Event(E.CORRECTION_RECEIVED, day), CAL)
    if path == "consult":
        day += draw(gap)
        c = apply(c, Event(E.CONSULTATION_SENT, day, party=draw(st.sampled_from(list(ConsultParty)))), CAL)
        day += draw(gap)
        c = apply(c, Event(E.CONSULTATION_CLOSED, day), CAL)
    if path == "extend":
        due = c.deadlines[K.ANSWER].due
        day = min(day + draw(gap), due)
        c = apply(c, Event(E.EXTENDED, day, days=draw(st.integers(1, 20)), approver="主任", notice_on=day), CAL)
    if path in ("fee", "no_fee"):
        day += draw(gap)
        c = apply(c, Event(E.FEE_NOTICE, day, fee_method="pages", quantity=draw(st.integers(31, 400))), CAL)
        if path == "no_fee":
            due = c.deadlines[K.FEE_PAYMENT].due
            return apply(c, Event(E.FEE_EXPIRED, due + timedelta(days=1) + draw(gap)), CAL)
        day += draw(gap)
        c = apply(c, Event(E.FEE_PAID, day), CAL)
    if path == "withdraw":
        return apply(c, Event(E.WITHDRAWN, day + draw(gap)), CAL)
    if path == "open":
        return c
    day += draw(gap) + draw(gap)
    choices = ANSWERS + ([Outcome.STILL_UNCLEAR] if c.correction_received else [])
    if items and draw(st.booleans()):
        per_item = tuple(draw(st.sampled_from(choices)) for _ in items)
        return apply(c, Event(E.ANSWERED, day, item_outcomes=per_item), CAL)
    return apply(c, Event(E.ANSWERED, day, outcome=draw(st.sampled_from(choices))), CAL)


case_lists = st.integers(0, 25).flatmap(
    lambda n: st.tuples(*[histories(f"C{i:03d}") for i in range(n)]))
policies = st.sampled_from([CountingPolicy(), CountingPolicy(CountingUnit.ITEM)])


@settings(max_examples=40)
@given(case_lists, policies)
def test_compiled_reports_pass_the_checker_and_chain(cases, policy):
    previous = None
    for year in YEARS:
        comp = compile_year(cases, year, AGENCY, policy=policy)
        report = comp.report
        assert report.template == ("2019" if year <= 2020 else "2021")
        errors = [(f.rule, f.message) for f in check.run(report) if f.severity == "error"]
        assert errors == []
        apps = report.applications
        assert set(apps) == {r.code for r in get_template(report.template).applications.rows}
        if previous is not None:
            assert apps["carried_in"] == previous["carried_forward"]
        previous = apps
    assert comp.policy_note.startswith("统计口径")


def _case(cid, received, closed=None, outcome=Outcome.GRANTED, kind=ApplicantType.NATURAL_PERSON, **kw):
    c = Case(cid, AGENCY, kind, **kw)
    c = apply(c, Event(E.RECEIVED, received, channel=Channel.IN_PERSON), CAL)
    if closed:
        c = apply(c, Event(E.ANSWERED, closed, outcome=outcome), CAL)
    return c


def test_a_small_year_by_hand():
    cases = [
        _case("a", date(2023, 12, 20), date(2024, 1, 10), Outcome.NOT_HELD),  # carried in, concluded
        _case("b", date(2023, 12, 28)),  # carried in, still open -> carried forward
        _case("c", date(2024, 3, 1), date(2024, 3, 20), Outcome.GRANTED, ApplicantType.LEGAL_SERVICE),
        _case("d", date(2024, 12, 30), date(2025, 1, 8)),  # received, carried forward
        _case("e", date(2022, 5, 1), date(2022, 5, 10)),  # earlier year: not counted
        _case("f", date(2025, 1, 3)),  # later year: not counted
        Case("g", "别的机关", ApplicantType.COMMERCIAL),  # another agency
    ]
    comp = compile_year(cases, 2024, AGENCY)
    t = comp.report.applications
    assert t["received"]["total"] == 2 and t["received"]["legal_service"] == 1
    assert t["carried_in"]["natural_person"] == 2
    assert t["unavailable.not_held"]["natural_person"] == 1 and t["granted"]["legal_service"] == 1
    assert t["total"]["total"] == 2 and t["carried_forward"]["total"] == 2
    assert comp.cases_by_row["carried_forward"] == ["b", "d"]
    # tables 二 and 四 are left blank for their registers, never zero
    assert comp.report.active["rules"]["issued"] is None
    assert comp.report.review_litigation["review"]["total"] is None


def test_2019_template_folds_the_other_rows():
    cases = [_case("a", date(2020, 3, 2), date(2020, 3, 3), Outcome.OTHER)]
    t, _ = applications_table(cases, 2020)
    assert t["other"]["total"] == 1 and "other.misc" not in t


def test_multi_item_counting_policy():
    c = _case("m", date(2024, 3, 1), items=("甲", "乙", "丙"))
    c = apply(c, Event(E.ANSWERED, date(2024, 3, 5),
                       item_outcomes=(Outcome.GRANTED, Outcome.NOT_HELD, Outcome.GRANTED)), CAL)
    assert c.outcome is Outcome.PARTLY_GRANTED
    per_app, _ = applications_table([c], 2024, CountingPolicy())
    per_item, _ = applications_table([c], 2024, CountingPolicy.resolve("item"))
    assert per_app["received"]["total"] == 1 and per_app["partly_granted"]["total"] == 1
    assert per_item["received"]["total"] == 3
    assert per_item["granted"]["total"] == 2 and per_item["unavailable.not_held"]["total"] == 1
    assert "每项内容按一件申请统计" in CountingPolicy(CountingUnit.ITEM).describe()


def test_derive_outcome():
    G, N, S = Outcome.GRANTED, Outcome.NOT_HELD, Outcome.STATE_SECRET
    assert derive_outcome([G, G]) is G
    assert derive_outcome([N, G]) is Outcome.PARTLY_GRANTED
    assert derive_outcome([S, N]) is S
