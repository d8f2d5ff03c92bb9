"""The life of a case as an explicit state machine (standard.md §4.11).

`TRANSITIONS` says, as data, from which statuses each event may come and where it
leads; `apply` checks that, validates the event's own fields against the law
(`law.py`), and returns a new `Case` with its deadlines recomputed. A case is the
fold of its events (`replay`), which is also how deadlines are recomputed when the
calendar changes: the same events on a new calendar.

Pauses: consultation (第三十二条、第三十四条) and, per `WorkflowRules`, the fee period
stop the answer clock from the day after the letter goes out until the day the
reply (or payment) arrives, both included; the clock runs again the day after.
A 补正 is different: the answer clock restarts in full from the corrected
application's arrival (第三十条), it is not merely paused.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date, timedelta

from . import fees
from .calendar import WorkdayCalendar
from ..standard.dates import zh_date
from .counting import Deadline, Pause, count_workdays
from .law import MAX_EXTENSION_DAYS, PERIODS, DeadlineKind, WorkflowRules
from .model import END_STATUS, Case, CaseStatus, ConsultParty, Event, EventKind, Outcome

S = CaseStatus
OPEN_AFTER_RECEIPT = frozenset(set(S) - END_STATUS - {S.NEW})

# event -> statuses it may come from (the target depends on the event, see `apply`)
TRANSITIONS: dict[EventKind, frozenset[CaseStatus]] = {
    EventKind.RECEIVED: frozenset({S.NEW}),
    EventKind.RECEIPT_CONFIRMED: frozenset({S.AWAITING_CONFIRMATION}),
    EventKind.CORRECTION_REQUESTED: frozenset({S.IN_PROGRESS}),
    EventKind.CORRECTION_RECEIVED: frozenset({S.AWAITING_CORRECTION}),
    EventKind.CORRECTION_EXPIRED: frozenset({S.AWAITING_CORRECTION}),
    EventKind.CONSULTATION_SENT: frozenset({S.IN_PROGRESS}),
    EventKind.CONSULTATION_CLOSED: frozenset({S.CONSULTING}),
    EventKind.EXTENDED: frozenset({S.IN_PROGRESS}),
    EventKind.FEE_NOTICE: frozenset({S.IN_PROGRESS}),
    EventKind.FEE_PAID: frozenset({S.AWAITING_FEE}),
    EventKind.FEE_EXPIRED: frozenset({S.AWAITING_FEE}),
    EventKind.ANSWERED: frozenset({S.IN_PROGRESS}),
    EventKind.WITHDRAWN: OPEN_AFTER_RECEIPT,
}

# outcomes that only an expiry event may set, not an answer
EXPIRY_OUTCOMES = frozenset({Outcome.NO_CORRECTION, Outcome.NO_FEE})

EVENT_LABELS = {k: k.label for k in EventKind}  # as the web's forms and messages name them


class TransitionError(ValueError):
    """An event that the case's status or the law does not allow (Chinese message)."""


def apply(case: Case, event: Event, cal: WorkdayCalendar,
          rules: WorkflowRules = WorkflowRules()) -> Case:
    """The case after `event`; the given case is left unchanged."""
    if case.status not in TRANSITIONS[event.kind]:
        raise TransitionError(
            f"案件状态为“{case.status.label}”，不能记录“{event.kind.label}”")
    if case.events and event.on < case.events[-1].on:
        raise TransitionError(
            f"“{event.kind.label}”的日期{zh_date(event.on)}早于上一事件的日期")
    c = copy.deepcopy(case)
    c.events.append(event)
    _HANDLERS[event.kind](c, event, cal, rules)
    return c


def replay(case: Case, cal: WorkdayCalendar, rules: WorkflowRules = WorkflowRules()) -> Case:
    """The case rebuilt from its events on `cal` (identity and request kept)."""
    fresh = Case(id=case.id, agency=case.agency, applicant_type=case.applicant_type,
                 applicant=case.applicant, subject=case.subject, items=case.items)
    for e in case.events:
        fresh = apply(fresh, e, cal, rules)
    return fresh


# --- answer clock ---------------------------------------------------------------------

def _set_answer(c: Case, cal: WorkdayCalendar) -> None:
    """(Re)compute the answer deadline from the clock start, the extension and the
    closed pauses; while a pause is open there is no answer date to show."""
    if c.paused_since is not None or c.clock_start is None:
        c.deadlines.pop(DeadlineKind.ANSWER, None)
        return
    days = PERIODS[DeadlineKind.ANSWER].days + c.extension_days  # type: ignore[operator]
    trigger, note = answer_basis(c.correction_received, c.extension_days)
    c.deadlines[DeadlineKind.ANSWER] = _period(DeadlineKind.ANSWER, cal, c.clock_start, trigger,
                                               days, c.pauses, note=note)


def answer_basis(corrected: bool, extension: int) -> tuple[str, str]:
    """What starts the answer clock and what changed its length, in words: a 补正
    restarts it, an extension adds days (also the `deadlines` calculator's words)."""
    notes = ["补正后重新计算（《条例》第三十条）"] if corrected else []
    if extension:
        notes.append(f"含延长答复期限{extension}个工作日（《条例》第三十三条第二款）")
    return ("收到补正后的申请" if corrected else "收到申请"), "，".join(notes)


def _period(kind: DeadlineKind, cal: WorkdayCalendar, start: date, trigger: str,
            days: int | None = None, pauses=(), note: str = "") -> Deadline:
    """The deadline of one of the law's periods, named as `law.PERIODS` names it;
    `days` when the case sets its own length (an extension, an office's 补正期限)."""
    period = PERIODS[kind]
    length = period.days if days is None else days
    return count_workdays(cal, start, length, pauses,  # type: ignore[arg-type]
                          label=period.label, trigger_label=trigger, note=note)


def _open_pause(c: Case, on: date, reason: str) -> None:
    c.paused_since, c.pause_reason = on + timedelta(days=1), reason
    c.deadlines.pop(DeadlineKind.ANSWER, None)


def _close_pause(c: Case, on: date, cal: WorkdayCalendar) -> None:
    if c.paused_since is not None and on >= c.paused_since:
        c.pauses.append(Pause(c.paused_since, on, c.pause_reason))
    c.paused_since, c.pause_reason = None, ""
    _set_answer(c, cal)


def _close(c: Case, on: date, outcome: Outcome, status: CaseStatus = S.CLOSED) -> None:
    c.status, c.outcome, c.closed_on = status, outcome, on
    c.paused_since = None
    if status is S.CLOSED and overdue(c, on):
        c.warnings.append(f"逾期办结：答复期限为{zh_date(c.deadlines[DeadlineKind.ANSWER].due)}，"
                          f"{zh_date(on)}办结")


def overdue(c: Case, on: date) -> bool | None:
    """Whether concluding the case on `on` is after its answer deadline (extension
    and pauses counted in); None when no answer deadline runs (a pause is open)."""
    answer = c.deadlines.get(DeadlineKind.ANSWER)
    return None if answer is None else on > answer.due


# --- handlers -------------------------------------------------------------------------

def _received(c: Case, e: Event, cal: WorkdayCalendar, rules: WorkflowRules) -> None:
    if e.channel is None:
        raise TransitionError("收到申请须注明提交渠道")
    c.channel = e.channel
    if e.confirmed_on is not None and e.confirmed_on < e.on:
        raise TransitionError("签收或确认日期不能早于申请到达日期")
    if e.channel.needs_confirmation and e.confirmed_on is None:
        c.status = S.AWAITING_CONFIRMATION  # 第三十一条: no receipt date until confirmed
        return
    receipt = e.on if e.channel.value == "in_person" else (e.confirmed_on or e.on)
    _start(c, receipt, cal)


def _confirmed(c: Case, e: Event, cal: WorkdayCalendar, rules: WorkflowRules) -> None:
    _start(c, e.on, cal)


def _start(c: Case, receipt: date, cal: WorkdayCalendar) -> None:
    c.received_on = c.clock_start = receipt
    c.status = S.IN_PROGRESS
    c.deadlines[DeadlineKind.CORRECTION_NOTICE] = _period(DeadlineKind.CORRECTION_NOTICE, cal, receipt,
                                                          "收到申请")
    _set_answer(c, cal)


def _correction_requested(c: Case, e: Event, cal: WorkdayCalendar, rules: WorkflowRules) -> None:
    if c.correction_requested:
        raise TransitionError("补正应一次性告知，本申请已发出过补正告知（《条例》第三十条）")
    notice_due = c.deadlines.pop(DeadlineKind.CORRECTION_NOTICE, None)
    if notice_due and e.on > notice_due.due:
        c.warnings.append(f"补正告知晚于法定期限（{zh_date(notice_due.due)}）")
    if e.reply_by is None and not e.days:
        raise TransitionError("补正告知须写明补正期限（日期或工作日数）")
    if not e.days and e.reply_by is not None and e.reply_by <= e.on:
        raise TransitionError("补正期限须晚于补正告知日期")
    reply = _period(DeadlineKind.CORRECTION_REPLY, cal, e.on, "发出补正告知", e.days or 1)
    if not e.days:
        reply = _fixed(reply, e.reply_by)  # type: ignore[arg-type]
    c.correction_requested = True
    c.deadlines[DeadlineKind.CORRECTION_REPLY] = reply
    c.deadlines.pop(DeadlineKind.ANSWER, None)
    c.status = S.AWAITING_CORRECTION


def _fixed(template: Deadline, due: date) -> Deadline:
    """A deadline the office set as a date rather than a number of days."""
    return replace(template, due=due, days=0, holidays=(), makeup_days=(), weekends=0,
                   note=f"补正期限由本机关指定为{zh_date(due)}")


def _correction_received(c: Case, e: Event, cal: WorkdayCalendar, rules: WorkflowRules) -> None:
    c.correction_received = True
    c.clock_start = e.on
    c.pauses = []  # the clock restarts: earlier pauses are behind the new start
    c.deadlines.pop(DeadlineKind.CORRECTION_REPLY, None)
    c.status = S.IN_PROGRESS
    _set_answer(c, cal)


def _expires(kind: DeadlineKind, period: str, outcome: Outcome):
    """The handler of the applicant's period running out (补正, payment): refused
    until its last day has passed, then the case closes under （六）."""
    def handler(c: Case, e: Event, cal: WorkdayCalendar, rules: WorkflowRules) -> None:
        due = c.deadlines[kind].due
        if e.on <= due:
            raise TransitionError(f"{period}{zh_date(due)}尚未届满")
        _close(c, e.on, outcome)
    return handler


def _consultation_sent(c: Case, e: Event, cal: WorkdayCalendar, rules: WorkflowRules) -> None:
    party = e.party or ConsultParty.THIRD_PARTY
    c.deadlines[DeadlineKind.CONSULTATION] = _period(DeadlineKind.CONSULTATION, cal, e.on,
                                                     f"{party.label}函发出")
    _open_pause(c, e.on, party.label)
    c.status = S.CONSULTING


def _resumes(kind: DeadlineKind):
    """The handler of an event that ends a pause (an answer to the consultation, the
    fee paid): its period is over and the answer clock runs again."""
    def handler(c: Case, e: Event, cal: WorkdayCalendar, rules: WorkflowRules) -> None:
        c.deadlines.pop(kind, None)
        c.status = S.IN_PROGRESS
        _close_pause(c, e.on, cal)
    return handler


def _extended(c: Case, e: Event, cal: WorkdayCalendar, rules: WorkflowRules) -> None:
    if c.extension_days:
        raise TransitionError("本申请已延期答复过一次")
    if not e.days or not 1 <= e.days <= MAX_EXTENSION_DAYS:
        raise TransitionError(f"延长期限须为1至{MAX_EXTENSION_DAYS}个工作日（《条例》第三十三条第二款）")
    if not e.approver.strip():
        raise TransitionError("延期答复须经政府信息公开工作机构负责人同意，请填写批准人")
    if e.notice_on is None:
        raise TransitionError("延期答复须告知申请人，请填写延期答复告知书的发出日期")
    answer = c.deadlines.get(DeadlineKind.ANSWER)
    if answer and (e.on > answer.due or e.notice_on > answer.due):
        raise TransitionError(f"延期须在答复期限（{zh_date(answer.due)}）届满前决定并告知申请人")
    c.extension_days = e.days
    _set_answer(c, cal)


def _fee_notice(c: Case, e: Event, cal: WorkdayCalendar, rules: WorkflowRules) -> None:
    if e.fee_method is None or e.quantity is None:
        raise TransitionError("收费通知须写明计收方式（按件或按量）和数量")
    try:
        q = fees.quote(e.fee_method, e.quantity, e.already)
    except ValueError as err:
        raise TransitionError(f"收费通知：{err}") from None
    if q.amount == 0:
        raise TransitionError("按所选方式计算不应收费，不能发出收费通知")
    c.fee_amount, c.fee_explanation = q.amount, q.explanation
    received = e.notice_on or e.on
    c.deadlines[DeadlineKind.FEE_PAYMENT] = _period(DeadlineKind.FEE_PAYMENT, cal, received,
                                                    "申请人收到收费通知")
    if rules.fee_pauses_answer_clock:
        _open_pause(c, e.on, "收费通知至缴费")
    c.status = S.AWAITING_FEE


def _answered(c: Case, e: Event, cal: WorkdayCalendar, rules: WorkflowRules) -> None:
    from .policy import derive_outcome

    if e.item_outcomes and c.items and len(e.item_outcomes) != len(c.items):
        raise TransitionError(f"本申请有{len(c.items)}项内容，答复结果须逐项填写")
    outcome = e.outcome or (derive_outcome(e.item_outcomes) if e.item_outcomes else None)
    if outcome is None:
        raise TransitionError("答复须选择办理结果（年报表三的一行）")
    if outcome in EXPIRY_OUTCOMES or any(o in EXPIRY_OUTCOMES for o in e.item_outcomes):
        raise TransitionError("“逾期不补正”“逾期未缴费”由相应的逾期事件记录，不能作为答复结果")
    if Outcome.STILL_UNCLEAR in (outcome, *e.item_outcomes) and not c.correction_received:
        raise TransitionError("“补正后申请内容仍不明确”须以申请人已补正为前提（《条例》第三十条）")
    c.item_outcomes = tuple(e.item_outcomes)
    _close(c, e.on, outcome)


def _withdrawn(c: Case, e: Event, cal: WorkdayCalendar, rules: WorkflowRules) -> None:
    # Withdrawn before the receipt was confirmed: never received, so never counted
    # in table 三 (received_on stays None).
    c.deadlines.clear()
    _close(c, e.on, Outcome.OTHER, S.WITHDRAWN)


_HANDLERS = {
    EventKind.RECEIVED: _received, EventKind.RECEIPT_CONFIRMED: _confirmed,
    EventKind.CORRECTION_REQUESTED: _correction_requested,
    EventKind.CORRECTION_RECEIVED: _correction_received,
    EventKind.CORRECTION_EXPIRED: _expires(DeadlineKind.CORRECTION_REPLY, "补正期限", Outcome.NO_CORRECTION),
    EventKind.CONSULTATION_SENT: _consultation_sent,
    EventKind.CONSULTATION_CLOSED: _resumes(DeadlineKind.CONSULTATION),
    EventKind.EXTENDED: _extended, EventKind.FEE_NOTICE: _fee_notice,
    EventKind.FEE_PAID: _resumes(DeadlineKind.FEE_PAYMENT),
    EventKind.FEE_EXPIRED: _expires(DeadlineKind.FEE_PAYMENT, "缴费期限", Outcome.NO_FEE),
    EventKind.ANSWERED: _answered, EventKind.WITHDRAWN: _withdrawn,
}
assert set(_HANDLERS) == set(TRANSITIONS) == set(EventKind)
