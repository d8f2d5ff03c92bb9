"""The case desk's Django forms read a POST and a JSON body alike into the domain's
events, with one Chinese message naming the field and quoting what was typed."""

from __future__ import annotations

from datetime import date

import pytest
from django.http import QueryDict

from zfxxgk.cases.model import ConsultParty, EventKind, Outcome
from zfxxgk.web.cases import forms
from zfxxgk.web.cases.store import StoreError

pytestmark = pytest.mark.django_db


def _post(**fields) -> QueryDict:
    q = QueryDict(mutable=True)
    for key, value in fields.items():
        q.setlist(key, value if isinstance(value, list) else [value])
    return q


@pytest.mark.parametrize("body", [_post, dict])
def test_each_kind_of_event(users, body):
    clerk = users["clerk"]
    fee = forms.event("fee_notice", body(on="2025-10-09", fee_method="pages", quantity="120"), clerk)
    assert (fee.kind, fee.on, fee.fee_method, fee.quantity, fee.already) == (
        EventKind.FEE_NOTICE, date(2025, 10, 9), "pages", 120, 0)
    consult = forms.event("consultation_sent", body(on="2025-10-09", party="agency"), clerk)
    assert consult.party is ConsultParty.AGENCY and consult.by == "clerk"
    fix = forms.event("correction_requested", body(on="2025-10-09", days="5", note=" 补 "), clerk)
    assert (fix.days, fix.reply_by, fix.note) == (5, None, "补")
    answer = forms.event("answered", body(on="2025-10-09", item_outcomes=["granted", "unavailable.not_held"]),
                         clerk, items=("一", "二"))
    assert answer.outcome is None and answer.item_outcomes == (Outcome.GRANTED, Outcome.NOT_HELD)


@pytest.mark.parametrize("kind, fields, message", [
    ("fee_notice", {"on": "2025-10-09", "fee_method": "pages", "quantity": "很多"}, "数量须为整数：很多"),
    ("fee_notice", {"on": "2025-10-09", "quantity": "3"}, "请选择计收方式（按件或按量）"),
    ("consultation_sent", {"on": "2025-10-09", "party": "media"}, "征求意见对象无效：media"),
    ("consultation_sent", {"on": "2025/10/09", "party": "agency"},
     "日期不是有效日期（应为 YYYY-MM-DD）：2025/10/09"),
    ("answered", {"on": "2025-10-09"}, "请选择办理结果"),
    ("answered", {"on": "2025-10-09", "outcome": "maybe"}, "办理结果无效：maybe"),
    ("receipt_confirmed", {}, "请填写日期"),
])
def test_errors_name_the_field(users, kind, fields, message):
    with pytest.raises(StoreError) as e:
        forms.event(kind, _post(**fields), users["clerk"])
    assert e.value.message == message


def test_intake_reports_the_first_missing_field_in_form_order(users):
    with pytest.raises(StoreError) as e:
        forms.intake(_post(agency="青禾市人民政府"), users["clerk"])
    assert e.value.message == "请填写申请编号"
    with pytest.raises(StoreError) as e:
        forms.intake(_post(number="x" * 61), users["clerk"])
    assert e.value.message == "申请编号不能超过60个字符"
