"""Cases as data for their pages and their API twins: one builder per resource, so
a page and its JSON say the same thing. Personal data is always the masked copy
here; clear values come only from `store.reveal`, which logs them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import reverse

from ...cases import worklists
from .. import clock
from ..params import whole
from ...cases.calendar import WorkdayCalendar
from ...cases.counting import Deadline
from ...standard.dates import zh_date
from ...cases.law import PERIODS, DeadlineKind
from ...cases.letters import LetterError, LetterKind, build
from ...cases.model import (ApplicantType, Case, CaseStatus, Channel, ConsultParty, Event, EventKind,
                            Outcome)
from ...cases.personal import FIELD_LABELS, display
from ...cases.workflow import EVENT_LABELS, TRANSITIONS, TransitionError, apply
from ...standard import get_template
from ...standard.vocabulary import OUTCOME_NAMES
from . import calendar_words, store
from .models import CaseRecord
from .querysets import visible
from .registers_data import litigation_of_case


def outcome_label(outcome: Outcome | str | None) -> str:
    """The result row in words, e.g. 不予公开：属于国家秘密."""
    if not outcome:
        return ""
    code = Outcome(outcome).value
    group = OUTCOME_NAMES[code.split(".")[0]]
    if code in ("granted", "partly_granted"):  # rows of their own: the group names them
        return group
    row = next(r for r in get_template("2021").applications.rows if r.code == code)
    return f"{group}：{row.label.lstrip('（）一二三四五六七0123456789.')}"


OUTCOME_CHOICES = [(o.value, outcome_label(o)) for o in Outcome
                   if o not in (Outcome.NO_CORRECTION, Outcome.NO_FEE)]
APPLICANT_CHOICES = [(t.value, t.label) for t in ApplicantType]
CHANNEL_CHOICES = [(c.value, c.label) for c in Channel]
PARTY_CHOICES = [(p.value, p.label) for p in ConsultParty]
STATUS_CHOICES = [(s.value, s.label) for s in CaseStatus]


def _due(kind: DeadlineKind, dl: Deadline) -> dict[str, Any]:
    """What a deadline is and when it falls: a case page's and a work list's."""
    return {"kind": kind.value, "label": kind.label, "whose": kind.whose, "due": dl.due.isoformat(),
            "due_text": zh_date(dl.due, weekday=True), "provisional": dl.provisional,
            "calendar_version": dl.calendar_version, "explanation": dl.explanation}


def deadline_data(kind: DeadlineKind, dl: Deadline, today: date | None = None,
                  cal: WorkdayCalendar | None = None) -> dict[str, Any]:
    out = {
        **_due(kind, dl), "article": PERIODS[kind].article,
        "days": dl.days, "trigger": dl.trigger.isoformat(),
        "holidays": [[d.isoformat(), n] for d, n in dl.holidays],
        "makeup_days": [[d.isoformat(), n] for d, n in dl.makeup_days],
        "weekends": dl.weekends, "paused": [p.to_dict() for p in dl.paused],
        "paused_workdays": dl.paused_workdays, "remaining": None, "overdue_days": None,
    }
    if today is not None and cal is not None:
        left = worklists.remaining(cal, today, dl.due)
        out["remaining"], out["overdue_days"] = left, max(0, -left)
    return out


def _deadlines(case: Case, today: date | None = None,
               cal: WorkdayCalendar | None = None) -> list[dict[str, Any]]:
    """The case's deadlines, the earliest first, each with its calendar in words."""
    entered = calendar_words.entered_years()
    return [{**deadline_data(k, d, today, cal),
             "calendar_text": calendar_words.describe(d.calendar_version, entered)}
            for k, d in sorted(case.deadlines.items(), key=lambda kv: (kv[1].due, kv[0].value))]


def _event_data(e: Event) -> dict[str, Any]:
    d = e.to_dict()
    d["label"] = EVENT_LABELS[e.kind]
    details = (  # each part only for a field the event has
        e.channel and f"渠道：{e.channel.label}",
        e.confirmed_on and f"签收或确认：{zh_date(e.confirmed_on)}",
        e.reply_by and f"补正期限：{zh_date(e.reply_by)}",
        e.days and f"{e.days}个工作日",
        e.approver and f"批准人：{e.approver}",
        e.notice_on and f"告知日期：{zh_date(e.notice_on)}",
        e.party and e.party.label,
        e.fee_method and f"{'按件' if e.fee_method == 'pieces' else '按量'}计收，数量{e.quantity}",
        e.outcome and f"结果：{outcome_label(e.outcome)}",
        e.item_outcomes and "逐项：" + "；".join(outcome_label(o) for o in e.item_outcomes),
        e.note)
    d["details"] = "，".join(x for x in details if x)
    return d


def letters_available(case: Case) -> list[str]:
    out = []
    for kind in LetterKind:
        if kind is LetterKind.CONSULTATION:
            continue  # needs a recipient: offered with its own field
        try:
            build(case, kind)
        except LetterError:
            continue
        out.append(kind.value)
    if case.applicant and any(e.kind.value == "consultation_sent" for e in case.events):
        out.append(LetterKind.CONSULTATION.value)
    return out


def case_detail(record: CaseRecord, user=None) -> dict[str, Any]:
    """The case as its page and its API twin show it; with `user`, the reveal log
    too when their role may read it."""
    case = store.case_of(record)
    today, cal = store.today(), store.calendar()
    pk = record.pk
    out = {
        "id": pk, "number": record.number,
        "agency": {"id": record.agency_id, "name": record.agency.name},
        "subject": case.subject, "items": list(case.items),
        "applicant_type": {"code": case.applicant_type.value, "label": case.applicant_type.label},
        "applicant": ({"masked": True, **display(case.applicant),
                       "anonymised": case.applicant.anonymised_on is not None}
                      if case.applicant else None),
        "status": {"code": case.status.value, "label": case.status.label, "open": case.is_open},
        "channel": ({"code": case.channel.value, "label": case.channel.label}
                    if case.channel else None),
        "received_on": case.received_on and case.received_on.isoformat(),
        "clock_start": case.clock_start and case.clock_start.isoformat(),
        "closed_on": case.closed_on and case.closed_on.isoformat(),
        "outcome": ({"code": case.outcome.value, "label": outcome_label(case.outcome)}
                    if case.outcome else None),
        "item_outcomes": [{"item": i, "label": outcome_label(o)}
                          for i, o in zip(case.items, case.item_outcomes)],
        "provisional": record.provisional, "calendar_version": record.calendar_version,
        "deadlines": _deadlines(case, today if case.is_open else None, cal),
        "paused": ({"since": case.paused_since.isoformat(), "reason": case.pause_reason}
                   if case.paused_since else None),
        "pauses": [p.to_dict() for p in case.pauses],
        "extension_days": case.extension_days,
        "fee": ({"amount": case.fee_amount, "explanation": case.fee_explanation,
                 "amount_text": f"{case.fee_amount:,}"}  # as its explanation writes it: 1,500
                if case.fee_amount is not None else None),
        "warnings": list(case.warnings),
        "events": [_event_data(e) for e in case.events],
        "actions": [k.value for k, froms in TRANSITIONS.items()
                    if case.status in froms and k.value != "received"],
        "letters": letters_available(case),
        "litigation": litigation_of_case(record),  # 复议、诉讼 that name this application
        "created_at": clock.iso(record.created_at), "created_on": clock.date_text(record.created_at),
        "updated_at": clock.iso(record.updated_at),
        "urls": {"page": reverse("cases:detail", args=[pk]), "api": reverse("api:get_case", args=[pk])},
    }
    if user is not None and user.has_perm("cases.view_personalaccess"):
        out["accesses"] = access_log(record)
    return out


def access_log(record: CaseRecord) -> list[dict[str, Any]]:
    """Who saw the applicant's clear data, when, in which role, why."""
    return [{"at": clock.iso(a.at), "at_text": clock.text(a.at), "field": a.field,
             "field_label": FIELD_LABELS.get(a.field, a.field),
             "user": a.user.get_username() if a.user else None, "role": a.role,
             "purpose": a.purpose}
            for a in record.accesses.select_related("user")[:200]]


def intake_preview(d) -> dict[str, Any]:
    """The deadlines an intake form would get, before anything is saved."""
    try:
        on = date.fromisoformat(str(d.get("arrived_on") or ""))
        confirmed = d.get("confirmed_on") or ""
        confirmed_on = date.fromisoformat(str(confirmed)) if confirmed else None
        channel = Channel(d.get("channel") or "in_person")
    except ValueError:
        raise store.StoreError("填写申请到达日期后显示答复期限") from None
    try:
        case = apply(Case("preview", "", ApplicantType.NATURAL_PERSON),
                     Event(EventKind.RECEIVED, on, channel=channel, confirmed_on=confirmed_on),
                     store.calendar())
    except TransitionError as e:
        raise store.StoreError(str(e)) from None
    return {"status": case.status.label, "received_on": case.received_on and case.received_on.isoformat(),
            "deadlines": _deadlines(case)}


def answer_left(r: CaseRecord, today: date, cal: WorkdayCalendar) -> dict[str, Any]:
    """The answer deadline's working days left as of `today`, in figures and words
    (None and "" for a closed case or one without a deadline): the list's column."""
    if r.due_on is None or not CaseStatus(r.status).is_open:
        return {"remaining": None, "left_text": ""}
    left = worklists.remaining(cal, today, r.due_on)
    return {"remaining": left, "left_text": worklists.left_text(left)}


def case_row(r: CaseRecord) -> dict[str, Any]:
    return {"id": r.pk, "number": r.number, "agency": r.agency.name, "subject": r.subject,
            "status": {"code": r.status, "label": CaseStatus(r.status).label},
            "applicant_type": ApplicantType(r.applicant_type).label,
            "received_on": r.received_on and r.received_on.isoformat(),
            "due_on": r.due_on and r.due_on.isoformat(), "provisional": r.provisional,
            "calendar_version": r.calendar_version,
            "closed_on": r.closed_on and r.closed_on.isoformat(),
            "outcome": outcome_label(r.outcome) if r.outcome else ""}


def case_list(params, user=None, today: date | None = None) -> dict[str, Any]:
    """The cases of the user's scope (all for the command line: no user), each open
    one with its answer deadline's working days left as of `today` (default: today)."""
    qs = filtered_cases(params, user)
    today, cal = today or store.today(), store.calendar()
    rows = [{**case_row(r), **answer_left(r, today, cal)} for r in qs[:500]]
    return {"count": qs.count(), "today": today.isoformat(), "cases": rows}


def filtered_cases(params, user=None):
    """The list's cases under its filters (status, agency, year, text), newest first:
    the page shows the first 500, the 台账 export all of them."""
    qs = visible(user, CaseRecord.objects.select_related("agency"))
    status, agency, q = params.get("status"), params.get("agency"), params.get("q")
    year = params.get("year")
    if status == "open":
        qs = qs.exclude(status__in=["closed", "withdrawn"])
    elif status:
        qs = qs.filter(status=status)
    if agency:  # an id (the list's picker) or a name (a link, the API's other filters)
        pk = whole(agency)
        qs = qs.filter(agency_id=pk) if pk is not None else qs.filter(agency__name=agency)
    if whole(year) is not None:
        qs = qs.filter(received_on__year=whole(year))
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(subject__icontains=q))
    return qs


# --- work lists and reminders ---------------------------------------------------------------

SOON = 5  # working days: the due-soon list
REMIND = 3  # working days: a reminder


def _item(w: worklists.WorkItem, pks: dict[tuple[str, str], int]) -> dict[str, Any]:
    pk = pks[(w.case.agency, w.case.id)]
    return {"case": pk, "number": w.case.id, "agency": w.case.agency,
            "subject": w.case.subject, "status": w.case.status.label, **_due(w.kind, w.deadline),
            "remaining": w.remaining, "expired": w.expired, "overdue_days": max(0, -w.remaining),
            "describe": w.describe(), **_action(w.action, pk)}


def _action(kind: EventKind | None, pk: int) -> dict[str, Any]:
    """The case-page action a lapsed period calls for, with the link that opens its form."""
    if kind is None:
        return {"action": None, "action_label": None, "action_url": None}
    url = f"{reverse('cases:detail', args=[pk])}?action={kind.value}#action-{kind.value}"
    return {"action": kind.value, "action_label": f"记录{EVENT_LABELS[kind]}", "action_url": url}


def _open_cases(user=None) -> tuple[list[Case], dict[tuple[str, str], int]]:
    records = list(visible(user, store.open_records()))
    return ([store.case_of(r) for r in records],
            {(r.agency.name, r.number): r.pk for r in records})


def work_lists(today: date | None = None, user=None) -> dict[str, Any]:
    today = today or store.today()
    cal = store.calendar()
    cases, pks = _open_cases(user)
    lists = {"overdue": worklists.overdue(cases, today, cal),
             "due_soon": worklists.due_soon(cases, today, cal, SOON),
             "waiting_for_applicant": worklists.waiting_for_applicant(cases, today, cal),
             "waiting_for_party": worklists.waiting_for_party(cases, today, cal)}
    return {
        "today": today.isoformat(), "soon_days": SOON,
        **{name: [_item(w, pks) for w in items] for name, items in lists.items()},
        "awaiting_confirmation": [
            {"case": pks[(c.agency, c.id)], "number": c.id, "agency": c.agency,
             "subject": c.subject} for c in cases if c.status is CaseStatus.AWAITING_CONFIRMATION],
    }


def reminders(today: date | None = None, user=None) -> dict[str, Any]:
    """What needs someone's action now, most urgent first, each with its reason."""
    lists = work_lists(today, user)
    out: list[dict[str, Any]] = []
    for w in lists["overdue"]:
        out.append({**w, "level": "overdue",
                    "message": f"{w['label']}已过（{w['due_text']}），已超期{w['overdue_days']}个工作日"})
    for w in lists["due_soon"]:
        if w["remaining"] <= REMIND:
            when = "今天到期" if w["remaining"] == 0 else f"还剩{w['remaining']}个工作日"
            out.append({**w, "level": "soon", "message": f"{w['label']}{w['due_text']}，{when}"})
    for w in lists["waiting_for_applicant"] + lists["waiting_for_party"]:
        if w["expired"]:
            out.append({**w, "level": "expired",
                        "message": f"{w['label']}{w['due_text']}已届满，请{w['action_label']}"})
    for c in lists["awaiting_confirmation"]:
        out.append({**c, "level": "confirm", "kind": "confirmation",
                    "message": "申请尚未确认收到，答复期限尚未起算"})
    out.extend(_approval_reminders(user))
    for item in out:
        item.setdefault("provisional", False)
    return {"today": lists["today"], "count": len(out), "reminders": out}


def _approval_reminders(user) -> list[dict[str, Any]]:
    """The extension requests waiting for this approver (or for any 管理员)."""
    if user is None or not user.has_perm("cases.approve_caserecord"):
        return []
    from .approving import pending_for

    return [{"case": a.case_id, "number": a.case.number, "agency": a.case.agency.name,
             "subject": a.case.subject, "level": "approval", "kind": "approval",
             "message": f"待审批：延期答复{a.event.get('days')}个工作日"
                        f"（{a.requested_by.get_username() if a.requested_by else '—'}提交）"}
            for a in pending_for(user).select_related("case__agency")]

