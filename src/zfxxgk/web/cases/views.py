"""The case pages: list, intake, one case with every action of the state machine,
letters, work lists and reminders. Facts come from `data.py` (the builders the API
returns), changes go through `store.py`; a page only translates forms and errors.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.db.models import F
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from ...cases.letter_settings import LetterSettings
from ...cases.letters import LetterError, LetterKind, build, to_docx
from ...cases.workflow import EVENT_LABELS
from ...cases.model import EventKind
from ...cases.personal import FIELD_LABELS
from ..common import download, needs, page, query_string as _query
from ..params import whole
from ..reports.querysets import scoped_agencies
from .querysets import agencies_with_cases, case_for, own_agency
from . import approving, data, forms, store
from .models import CaseRecord
from ..reports.services import ServiceError


def _today(request) -> tuple[date, str]:
    """`?today=` shows a work list as of another day (e.g. next Monday); the day
    and the query that carries it to the JSON twin."""
    raw = request.GET.get("today", "")
    try:
        today = date.fromisoformat(raw) if raw else store.today()
    except ValueError:
        today = store.today()
    return today, f"?today={today.isoformat()}" if "today" in request.GET else ""


@needs("cases")
def case_list(request):
    ctx = data.case_list(request.GET, request.user)
    ctx.update(params=request.GET, statuses=data.STATUS_CHOICES, agency_chosen=whole(request.GET.get("agency")),
               agencies=agencies_with_cases(request.user).values("id", label=F("name")))
    return page(request, "cases/list.html", ctx, reverse("api:list_cases") + _query(request))


@needs("cases")
def case_export(request):
    """The list's cases under its filters as a 台账 workbook, oldest first (a register's order)."""
    from .ledger_export import ledger_xlsx

    qs = data.filtered_cases(request.GET, request.user).order_by(
        F("received_on").asc(nulls_last=True), "number")
    year = whole(request.GET.get("year"))
    return download(ledger_xlsx(qs), "xlsx", f"政府信息公开申请台账{f'（{year}年收到）' if year else ''}.xlsx")


def _intake_context(user, values=None, error: str | None = None) -> dict:
    year = store.today().year
    taken = CaseRecord.objects.filter(number__startswith=f"{year}-").count()
    defaults = {"number": f"{year}-{taken + 1:04d}", "arrived_on": store.today().isoformat(),
                "applicant_type": "natural_person", "channel": "in_person", "items": "",
                "agency": own_agency(user)}
    # every key the form reads present, so the template never falls back to a
    # dict's own methods (values.items printed dict_items([...]))
    return {"values": defaults if values is None else {**dict.fromkeys(defaults, ""), **dict(values.items())},
            "error": error, "applicant_types": data.APPLICANT_CHOICES,
            "channels": data.CHANNEL_CHOICES,
            "agency_names": scoped_agencies(user).values_list("name", flat=True)}


@needs("case_add")
@require_http_methods(["GET", "POST"])
def case_new(request):
    if request.method == "POST":
        try:
            record = store.create_case(forms.intake(request.POST, request.user), request.user)
            messages.success(request, f"已登记申请{record.number}")
            return redirect("cases:detail", record.pk)
        except ServiceError as e:
            ctx = _intake_context(request.user, request.POST, e.message)
            return page(request, "cases/new.html", ctx,
                        reverse("api:list_cases"), status=e.status if e.status != 404 else 400)
    return page(request, "cases/new.html", _intake_context(request.user), reverse("api:list_cases"))


@needs("case_add")
@require_POST
def intake_preview(request):
    """htmx: the deadlines of the application being entered, before it is saved."""
    try:
        ctx = {"preview": data.intake_preview(request.POST)}
    except ServiceError as e:
        ctx = {"preview": None, "message": e.message}
    return page(request, "cases/_preview.html", ctx, reverse("api:deadline_preview"))


def _detail_page(request, record: CaseRecord, *, error: str | None = None,
                 open_action: str = "", revealed: dict | None = None, status: int = 200):
    d = data.case_detail(record, request.user)
    letters, fault = store.letter_settings_checked(record.agency) if d["letters"] else (None, None)
    ctx = {"c": d, "record": record, "error": error, "open_action": open_action,
           "revealed": revealed, "outcomes": data.OUTCOME_CHOICES,
           "parties": data.PARTY_CHOICES, "approvers": forms.approvers(),
           "event_labels": {k.value: v for k, v in EVENT_LABELS.items()},
           "personal_fields": list(FIELD_LABELS.items()), "values": request.POST,
           # a refused action's form is shown again with what was typed into it
           "kept": {open_action: request.POST} if open_action and request.method == "POST" else {},
           "today": store.today().isoformat(),
           "approvals": record.approvals.select_related("approver")[:5],
           "letters_unset": letters == LetterSettings(), "letters_fault": fault}
    return page(request, "cases/detail.html", ctx, d["urls"]["api"], status=status)


@needs("cases")
def case_detail(request, pk: int):
    """`?action=correction_expired` (a reminder's link) opens that action's form."""
    return _detail_page(request, case_for(request.user, pk), open_action=request.GET.get("action", ""))


@needs("case_work")
@require_POST
def case_event(request, pk: int, kind: str):
    """One action of the case page; 延期答复 is the clerk's half of a two-step
    decision: stored pending, the deadline unchanged until the approver agrees."""
    record = case_for(request.user, pk)
    try:
        event = forms.event(kind, request.POST, request.user, store.case_of(record).items)
        if event.kind is EventKind.EXTENDED:
            approving.request_extension(record, event, request.user, request.POST.get("approver", ""))
            messages.success(request, "已提交延期答复申请，待批准人审批；批准前答复期限不变")
        else:
            store.record_event(record, event, request.user)
            messages.success(request, f"已记录：{EVENT_LABELS[event.kind]}")
    except ServiceError as e:
        return _detail_page(request, record, error=e.message, open_action=kind, status=e.status)
    return redirect("cases:detail", record.pk)


@needs("personal")
@require_POST
def case_reveal(request, pk: int):
    record = case_for(request.user, pk)
    purpose = request.POST.get("purpose", "")
    try:
        revealed = store.reveal(record, request.user, purpose)
    except ServiceError as e:
        return _detail_page(request, record, error=e.message, status=e.status)
    response = _detail_page(request, record, revealed=revealed)
    response["Cache-Control"] = "no-store"
    return response


@needs("cases")
def case_letter(request, pk: int, kind: str):
    record = case_for(request.user, pk)
    try:
        letter_kind = LetterKind(kind)
        letter = build(store.case_of(record), letter_kind, recipient=request.GET.get("to", ""),
                       cal=store.calendar(), settings=store.letter_settings(record.agency))
    except ValueError as e:  # LetterError is a ValueError, as is an unknown kind
        message = str(e) if isinstance(e, LetterError) else f"没有这种文书：{kind}"
        return _detail_page(request, record, error=message, status=400)
    except ServiceError as e:
        return _detail_page(request, record, error=e.message, status=e.status)
    return download(to_docx(letter), "docx", f"{record.number}-{letter_kind.value}.docx")


@needs("cases")
def work_lists(request):
    today, suffix = _today(request)
    ctx = data.work_lists(today, request.user)
    if request.user.has_perm("cases.approve_caserecord"):
        ctx["approvals"] = list(approving.pending_for(request.user))
    return page(request, "cases/work.html", ctx, reverse("api:work_lists") + suffix)


@needs("cases")
def reminders(request):
    today, suffix = _today(request)
    return page(request, "cases/reminders.html", data.reminders(today, request.user),
                reverse("api:reminders") + suffix)


@needs("case_approve")
@require_POST
def approval_decide(request, pk: int):
    """The approver's half: 批准 applies the extension, 退回 needs a reason."""
    row, _ = approving.request_for(request.user, pk)
    approve = request.POST.get("decision") == "approve"
    try:
        approving.decide(row, request.user, approve, request.POST.get("reason", ""))
    except ServiceError as e:
        return approvals(request, e.message, e.status)
    messages.success(request, "已批准延期答复" if approve else "已退回延期答复申请")
    return redirect("cases:approvals")


@needs("case_approve")
def approvals(request, error: str | None = None, status: int = 200):
    """The requests waiting for this approver; after a refused decision, its reason."""
    return page(request, "cases/approvals.html",
                {"approvals": approving.pending_for(request.user), "error": error},
                reverse("api:list_approvals"), status=status)
