"""Django forms for the case desk and the register of table 四: a POST or a JSON
body (same names) -> domain objects, with a Chinese message for every field that
cannot be read. The law's own checks (order of events, limits of an extension…)
stay in `cases.workflow` and `cases.registers`; these forms only read.

Both faces show one message at a time, as the domain's errors are one message:
`read()` raises the first field's error as a StoreError.
"""

from __future__ import annotations

from typing import Any, Mapping

from django import forms
from django.core.exceptions import ValidationError

from ...cases.model import ApplicantType, Case, Channel, ConsultParty, Event, EventKind, Outcome
from ...cases.personal import Applicant
from ...cases.registers import LitigationCase, LitigationKind, LitigationOutcome, RegisterError, split_numbers
from . import store
from .store import StoreError

DAY = "不是有效日期（应为 YYYY-MM-DD）"


class _Said:
    """A field whose messages name it and quote what was typed."""

    bad = "无效"

    def __init__(self, label: str, required: bool = True, bad: str | None = None, **kw):
        self.bad = bad or self.bad
        messages = {"required": f"{'请选择' if isinstance(self, forms.ChoiceField) else '请填写'}{label}",
                    "invalid_choice": f"{label}{self.bad}：%(value)s", **kw.pop("messages", {})}
        super().__init__(label=label, required=required, error_messages=messages, **kw)

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as e:
            if e.code != "invalid":
                raise
            raise ValidationError(f"{self.label}{self.bad}：{str(value).strip()}",
                                  code="invalid") from None


class Day(_Said, forms.DateField):
    bad = DAY

    def __init__(self, label: str, required: bool = True, **kw):
        super().__init__(label, required, input_formats=["%Y-%m-%d"], **kw)


class Whole(_Said, forms.IntegerField):
    bad = "须为整数"


class Choice(_Said, forms.TypedChoiceField):
    """One of an enum's values, cleaned to the enum member (None when left blank)."""

    def __init__(self, label: str, enum, required: bool = True, **kw):
        super().__init__(label, required, choices=[(m.value, m.value) for m in enum], coerce=enum,
                         empty_value=None, **kw)


def text(label: str, required: bool = False, **kw) -> forms.CharField:
    return forms.CharField(label=label, required=required,
                           error_messages={"required": f"请填写{label}",
                                           "max_length": f"{label}不能超过%(limit_value)d个字符"},
                           **kw)


def read(form: forms.Form) -> dict[str, Any]:
    """The cleaned fields, or the first error as a StoreError."""
    if not form.is_valid():
        errors = form.errors.as_data()
        first = next(iter(errors.values()))[0]
        raise StoreError(" ".join(first.messages))
    return form.cleaned_data


def _data(d: Mapping[str, Any], lists: tuple[str, ...] = ()) -> Any:
    """A JSON body as form data: a list (items, item_outcomes) becomes the lines
    or the repeated values a POST would carry."""
    if hasattr(d, "getlist"):
        return d
    from django.utils.datastructures import MultiValueDict

    out = MultiValueDict()
    for key, value in d.items():
        if isinstance(value, list) and key not in lists:
            value = "\n".join(str(v) for v in value)
        out.setlist(key, [str(v) for v in value] if isinstance(value, list)
                    else ["" if value is None else str(value)])
    return out


# --- the case desk ------------------------------------------------------------------------

class IntakeForm(forms.Form):
    number = text("申请编号", True, max_length=60)
    agency = text("受理机关", True)
    name = text("申请人姓名或名称", True)
    applicant_type = Choice("申请人类型", ApplicantType)
    channel = Choice("提交渠道", Channel)
    arrived_on = Day("申请到达日期")
    confirmed_on = Day("签收或确认日期", required=False)
    subject = text("申请公开的政府信息内容", True)
    items = text("申请事项")
    id_number, phone, email, address, note = (text(x) for x in ("证件号码", "电话", "电子邮箱",
                                                                 "地址", "备注"))


def _officer(user, by: str) -> str:
    """Who recorded an event: the signed-in user; for the system (the command line,
    no user) the name it was given."""
    return user.get_username() if user is not None else by


def intake(d: Mapping[str, Any], user, by: str = "") -> Case:
    """The new case with its 收到申请 event, from the intake form."""
    f = read(IntakeForm(_data(d)))
    items = [line.strip() for line in f["items"].splitlines() if line.strip()]
    applicant = store.cipher().seal(Applicant(f["name"], id_number=f["id_number"], phone=f["phone"],
                                              email=f["email"], address=f["address"]))
    event = Event(EventKind.RECEIVED, f["arrived_on"], by=_officer(user, by),
                  channel=f["channel"], confirmed_on=f["confirmed_on"], note=f["note"])
    return Case(id=f["number"], agency=f["agency"], applicant_type=f["applicant_type"],
                applicant=applicant, subject=f["subject"],
                items=tuple(items) if len(items) > 1 else (), events=[event])


def approvers():
    """Users who may approve an extension (permission cases.approve_caserecord)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    perm = Q(groups__permissions__codename="approve_caserecord") | Q(is_superuser=True)
    return get_user_model().objects.filter(perm, is_active=True).distinct().order_by("username")


class EventForm(forms.Form):
    on = Day("日期")
    note = text("备注")


class CorrectionForm(EventForm):
    days = Whole("补正期限（工作日）", required=False)
    reply_by = Day("补正期限（日期）", required=False)


class ConsultForm(EventForm):
    party = Choice("征求意见对象", ConsultParty)


class ExtensionForm(EventForm):
    days = Whole("延长的工作日数")
    notice_on = Day("延期答复告知书的发出日期")
    approver = forms.CharField(error_messages={  # who may approve: approving.request_extension
        "required": "延期答复须经政府信息公开工作机构负责人同意，请选择批准人"})


class FeeForm(EventForm):
    fee_method = forms.ChoiceField(choices=[("pieces", "按件"), ("pages", "按量")], error_messages={
        "required": "请选择计收方式（按件或按量）", "invalid_choice": "请选择计收方式（按件或按量）"})
    quantity = Whole("数量")
    already = Whole("本月此前已申请件数", required=False)
    notice_on = Day("申请人收到收费通知的日期", required=False)


class AnswerForm(EventForm):
    outcome = Choice("办理结果", Outcome, required=False)
    item_outcomes = forms.TypedMultipleChoiceField(
        required=False, choices=[(o.value, o.value) for o in Outcome], coerce=Outcome,
        error_messages={"invalid_choice": "逐项办理结果无效"})

    def __init__(self, *args, items: tuple[str, ...] = (), **kw):
        super().__init__(*args, **kw)
        self.items = items

    def clean(self):
        data = super().clean()
        if not data.get("outcome") and not (self.items and data.get("item_outcomes")):
            if "outcome" not in self.errors:
                raise ValidationError("请选择办理结果")
        return data


EVENT_FORMS = {EventKind.CORRECTION_REQUESTED: CorrectionForm, EventKind.CONSULTATION_SENT: ConsultForm,
               EventKind.EXTENDED: ExtensionForm, EventKind.FEE_NOTICE: FeeForm,
               EventKind.ANSWERED: AnswerForm}


def event(kind_raw: str, d: Mapping[str, Any], user, items: tuple[str, ...] = (),
          by: str = "") -> Event:
    """One event of the case page's action forms."""
    try:
        kind = EventKind(kind_raw)
    except ValueError:
        raise StoreError(f"未知的操作：{kind_raw}", 404) from None
    if kind is EventKind.RECEIVED:
        raise StoreError("收到申请在登记时记录")
    form_class = EVENT_FORMS.get(kind, EventForm)
    extra = {"items": items} if form_class is AnswerForm else {}
    f = dict(read(form_class(_data(d, ("item_outcomes",)), **extra)))
    on = f.pop("on")
    kw: dict[str, Any] = {"by": _officer(user, by), **f}
    if kind is EventKind.FEE_NOTICE:
        kw["already"] = f["already"] or 0
    elif kind is EventKind.ANSWERED:
        outcomes = tuple(kw.pop("item_outcomes"))
        if items and outcomes:
            kw["item_outcomes"] = outcomes
    return Event(kind, on, **kw)


# --- the register of table 四 --------------------------------------------------------------

class LitigationForm(forms.Form):
    KIND = "请选择类别：行政复议、未经复议直接起诉或复议后起诉"

    number = text("编号（复议或诉讼的案号）", True)
    kind = forms.ChoiceField(choices=[(k.value, k.label) for k in LitigationKind],
                             error_messages={"required": KIND, "invalid_choice": KIND})
    received_on = Day("收到日期", bad="应写作 YYYY-MM-DD")
    outcome = forms.ChoiceField(required=False, choices=[(o.value, o.label) for o in LitigationOutcome],
                                error_messages={"invalid_choice": "没有这种结果：%(value)s"})
    concluded_on = Day("审结日期", required=False, bad="应写作 YYYY-MM-DD")
    cases = text("涉及的申请编号")
    case_ref = text("涉及的申请编号")  # the field's earlier name, still read from API clients
    note = text("备注")


MAX_LINKED = 50  # applications one 复议/诉讼 names; more is a paste gone wrong


def litigation_from_form(post: Mapping[str, str], agency) -> LitigationCase:
    f = read(LitigationForm(_data(post)))
    numbers = split_numbers(f"{f['cases']}\n{f['case_ref']}")
    if len(numbers) > MAX_LINKED or any(len(n) > 60 for n in numbers):
        raise StoreError(f"涉及的申请编号最多{MAX_LINKED}个，每个不超过60个字符")
    try:
        return LitigationCase(
            id=f["number"][:60], agency=agency.name, kind=LitigationKind(f["kind"]),
            received_on=f["received_on"], outcome=LitigationOutcome(f["outcome"] or "pending"),
            concluded_on=f["concluded_on"], cases=numbers, note=f["note"][:300])
    except RegisterError as e:
        raise StoreError(str(e)) from None

