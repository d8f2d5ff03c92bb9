"""The case state machine: receipt rules (第三十一条), 补正, consultation, extension,
fees, answers, withdrawal, and the transitions it refuses."""

from __future__ import annotations

import json
from datetime import date

import pytest

from zfxxgk.cases.calendar import WorkdayCalendar
from zfxxgk.cases.law import DeadlineKind as K
from zfxxgk.cases.law import WorkflowRules
from zfxxgk.cases.model import (
    ApplicantType, Case, CaseStatus, Channel, ConsultParty, Event, EventKind as E, Outcome,
)
from zfxxgk.cases.workflow import TRANSITIONS, TransitionError, apply, replay
from zfxxgk.standard import get_template

CAL = WorkdayCalendar.bundled()


def apply_all(case: Case, events, cal: WorkdayCalendar, rules: WorkflowRules = WorkflowRules()) -> Case:
    for e in events:
        case = apply(case, e, cal, rules)
    return case


def new(**kw) -> Case:
    return Case("2024-001", "青禾市人民政府", ApplicantType.NATURAL_PERSON, **kw)


def received(on=date(2024, 9, 27), channel=Channel.IN_PERSON, confirmed_on=None) -> Case:
    return apply(new(), Event(E.RECEIVED, on, channel=channel, confirmed_on=confirmed_on), CAL)


def test_outcomes_are_the_result_rows_of_table_3():
    assert [o.value for o in Outcome] == list(get_template("2021").result_rows)
    assert {o.row("2019") for o in Outcome} <= set(get_template("2019").result_rows)


def test_every_event_has_a_transition():
    assert set(TRANSITIONS) == set(E)


def test_in_person_receipt_starts_the_clock():
    c = received()
    assert c.status is CaseStatus.IN_PROGRESS and c.received_on == date(2024, 9, 27)
    assert c.deadlines[K.ANSWER].due == date(2024, 10, 30)
    assert c.deadlines[K.CORRECTION_NOTICE].due == date(2024, 10, 12)


def test_signed_post_uses_the_signing_day():
    c = received(date(2024, 9, 26), Channel.SIGNED_POST, confirmed_on=date(2024, 9, 27))
    assert c.received_on == date(2024, 9, 27)


@pytest.mark.parametrize("channel", [Channel.ORDINARY_POST, Channel.ONLINE, Channel.FAX])
def test_confirmation_channels_wait_for_the_confirmation_day(channel):
    c = received(date(2024, 9, 26), channel)
    assert c.status is CaseStatus.AWAITING_CONFIRMATION and c.received_on is None
    assert K.ANSWER not in c.deadlines
    c = apply(c, Event(E.RECEIPT_CONFIRMED, date(2024, 9, 27)), CAL)
    assert c.received_on == date(2024, 9, 27) and c.deadlines[K.ANSWER].due == date(2024, 10, 30)


def test_correction_restarts_the_clock():
    c = received(date(2024, 9, 2))
    c = apply(c, Event(E.CORRECTION_REQUESTED, date(2024, 9, 5), days=10), CAL)
    assert c.status is CaseStatus.AWAITING_CORRECTION and K.ANSWER not in c.deadlines
    assert c.deadlines[K.CORRECTION_REPLY].due == date(2024, 9, 20)
    c = apply(c, Event(E.CORRECTION_RECEIVED, date(2024, 9, 27)), CAL)
    assert c.status is CaseStatus.IN_PROGRESS and c.received_on == date(2024, 9, 2)
    assert c.deadlines[K.ANSWER].due == date(2024, 10, 30)
    assert "补正后重新计算" in c.deadlines[K.ANSWER].explanation


def test_late_correction_notice_is_recorded_and_only_one_allowed():
    c = received(date(2024, 9, 2))
    c = apply(c, Event(E.CORRECTION_REQUESTED, date(2024, 9, 20), reply_by=date(2024, 10, 15)), CAL)
    assert any("补正告知晚于法定期限" in w for w in c.warnings)
    assert c.deadlines[K.CORRECTION_REPLY].due == date(2024, 10, 15)
    c = apply(c, Event(E.CORRECTION_RECEIVED, date(2024, 9, 24)), CAL)
    with pytest.raises(TransitionError, match="一次性告知"):
        apply(c, Event(E.CORRECTION_REQUESTED, date(2024, 9, 25), days=5), CAL)


def test_correction_expiry_closes_as_no_correction():
    c = received(date(2024, 9, 2))
    c = apply(c, Event(E.CORRECTION_REQUESTED, date(2024, 9, 5), days=10), CAL)
    with pytest.raises(TransitionError, match="尚未届满"):
        apply(c, Event(E.CORRECTION_EXPIRED, date(2024, 9, 20)), CAL)
    c = apply(c, Event(E.CORRECTION_EXPIRED, date(2024, 9, 23)), CAL)
    assert c.status is CaseStatus.CLOSED and c.outcome is Outcome.NO_CORRECTION
    assert c.outcome.row("2019") == "other"


def test_consultation_pauses_the_answer_clock():
    c = received()
    c = apply(c, Event(E.CONSULTATION_SENT, date(2024, 10, 9), party=ConsultParty.AGENCY), CAL)
    assert c.status is CaseStatus.CONSULTING and K.ANSWER not in c.deadlines
    assert c.deadlines[K.CONSULTATION].due == date(2024, 10, 29)  # 12 Oct worked
    c = apply(c, Event(E.CONSULTATION_CLOSED, date(2024, 10, 11)), CAL)
    # 10 and 11 Oct (two working days) not counted: 30 Oct -> 1 Nov
    assert c.deadlines[K.ANSWER].due == date(2024, 11, 1)
    assert "征求其他机关意见" in c.deadlines[K.ANSWER].explanation


def test_extension_needs_approver_notice_and_at_most_20_days():
    c = received()
    for bad, match in [
        (Event(E.EXTENDED, date(2024, 10, 20), days=21, approver="王", notice_on=date(2024, 10, 20)), "1至20"),
        (Event(E.EXTENDED, date(2024, 10, 20), days=10, notice_on=date(2024, 10, 20)), "批准人"),
        (Event(E.EXTENDED, date(2024, 10, 20), days=10, approver="王"), "告知"),
        (Event(E.EXTENDED, date(2024, 10, 31), days=10, approver="王", notice_on=date(2024, 10, 31)), "届满前"),
    ]:
        with pytest.raises(TransitionError, match=match):
            apply(c, bad, CAL)
    c = apply(c, Event(E.EXTENDED, date(2024, 10, 28), days=20, approver="王主任",
                       notice_on=date(2024, 10, 28)), CAL)
    assert c.deadlines[K.ANSWER].due == date(2024, 11, 27)
    with pytest.raises(TransitionError, match="延期答复过一次"):
        apply(c, Event(E.EXTENDED, date(2024, 10, 29), days=1, approver="王", notice_on=date(2024, 10, 29)), CAL)


def test_fee_notice_payment_and_expiry():
    c = received(date(2024, 3, 1))
    c = apply(c, Event(E.FEE_NOTICE, date(2024, 3, 4), fee_method="pieces", quantity=45), CAL)
    assert c.status is CaseStatus.AWAITING_FEE and c.fee_amount == 5500
    assert c.deadlines[K.FEE_PAYMENT].due == date(2024, 4, 1)
    paid = apply(c, Event(E.FEE_PAID, date(2024, 3, 8)), CAL)
    # 5-8 March (four working days) paused: 29 Mar -> 1, 2, 3 Apr, 清明 4-6 Apr, 7 Apr worked
    assert paid.deadlines[K.ANSWER].due == date(2024, 4, 7)
    no_pause = apply_all(received(date(2024, 3, 1)), c.events[1:] + [Event(E.FEE_PAID, date(2024, 3, 8))],
                         CAL, WorkflowRules(fee_pauses_answer_clock=False))
    assert no_pause.deadlines[K.ANSWER].due == date(2024, 3, 29)
    expired = apply(c, Event(E.FEE_EXPIRED, date(2024, 4, 2)), CAL)
    assert expired.outcome is Outcome.NO_FEE and expired.closed_on == date(2024, 4, 2)


def test_free_fee_notice_refused():
    with pytest.raises(TransitionError, match="不应收费"):
        apply(received(), Event(E.FEE_NOTICE, date(2024, 9, 30), fee_method="pages", quantity=30), CAL)


def test_answer_and_its_checks():
    c = received()
    with pytest.raises(TransitionError, match="办理结果"):
        apply(c, Event(E.ANSWERED, date(2024, 10, 8)), CAL)
    with pytest.raises(TransitionError, match="逾期事件"):
        apply(c, Event(E.ANSWERED, date(2024, 10, 8), outcome=Outcome.NO_FEE), CAL)
    with pytest.raises(TransitionError, match="已补正"):
        apply(c, Event(E.ANSWERED, date(2024, 10, 8), outcome=Outcome.STILL_UNCLEAR), CAL)
    done = apply(c, Event(E.ANSWERED, date(2024, 10, 8), outcome=Outcome.PARTLY_GRANTED), CAL)
    assert done.status is CaseStatus.CLOSED and done.closed_on == date(2024, 10, 8)
    assert not done.warnings
    late = apply(c, Event(E.ANSWERED, date(2024, 11, 1), outcome=Outcome.GRANTED), CAL)
    assert any("逾期办结" in w for w in late.warnings)
    with pytest.raises(TransitionError, match="不能记录"):
        apply(done, Event(E.WITHDRAWN, date(2024, 10, 9)), CAL)


def test_multi_item_answer_derives_the_overall_row():
    c = apply(new(items=("甲", "乙")), Event(E.RECEIVED, date(2024, 9, 27), channel=Channel.IN_PERSON), CAL)
    with pytest.raises(TransitionError, match="逐项"):
        apply(c, Event(E.ANSWERED, date(2024, 10, 8), item_outcomes=(Outcome.GRANTED,)), CAL)
    done = apply(c, Event(E.ANSWERED, date(2024, 10, 8),
                          item_outcomes=(Outcome.GRANTED, Outcome.NOT_HELD)), CAL)
    assert done.outcome is Outcome.PARTLY_GRANTED


def test_withdrawal_and_dates_in_order():
    c = received()
    with pytest.raises(TransitionError, match="早于"):
        apply(c, Event(E.WITHDRAWN, date(2024, 9, 26)), CAL)
    w = apply(c, Event(E.WITHDRAWN, date(2024, 10, 9)), CAL)
    assert w.status is CaseStatus.WITHDRAWN and w.outcome is Outcome.OTHER and not w.deadlines
    never = apply(received(channel=Channel.ONLINE), Event(E.WITHDRAWN, date(2024, 9, 28)), CAL)
    assert never.received_on is None  # never received: not counted in table 三


def test_json_round_trip_and_replay():
    c = received(date(2024, 9, 2))
    c = apply_all(c, [
        Event(E.CORRECTION_REQUESTED, date(2024, 9, 5), days=10, by="李"),
        Event(E.CORRECTION_RECEIVED, date(2024, 9, 10)),
        Event(E.CONSULTATION_SENT, date(2024, 9, 12), party=ConsultParty.THIRD_PARTY),
        Event(E.CONSULTATION_CLOSED, date(2024, 9, 20)),
    ], CAL)
    back = Case.from_dict(json.loads(json.dumps(c.to_dict(), ensure_ascii=False)))
    assert back == c
    assert replay(back, CAL) == c
