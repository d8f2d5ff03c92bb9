"""Two-step 延期答复: the clerk requests, the named 审核员 decides. Until approval the
case and its deadline are untouched; a wrong user is refused with nothing stored;
both steps are in 操作记录."""

from __future__ import annotations

from datetime import date

import pytest

from zfxxgk.cases.approvals import ApprovalError, ApprovalStatus, check_decision, check_request
from zfxxgk.cases.calendar import WorkdayCalendar
from zfxxgk.cases.deadlines import answer_deadline

from .test_cases_pages import intake

EXT = {"on": "2025-10-20", "days": "20", "notice_on": "2025-10-20", "note": "需调取档案"}
BASE = answer_deadline(WorkdayCalendar.bundled(), date(2025, 9, 26)).answer
LONGER = answer_deadline(WorkdayCalendar.bundled(), date(2025, 9, 26), extension=20).answer


def answer_due(client, pk: int) -> str:
    d = client.get(f"/api/cases/{pk}").json()
    return next(x for x in d["deadlines"] if x["kind"] == "answer")["due"]


def request(login, approver="reviewer"):
    from zfxxgk.web.cases.models import ApprovalRequest

    clerk = login("clerk")
    pk = intake(clerk)
    r = clerk.post(f"/cases/{pk}/extension-request", {**EXT, "approver": approver})
    assert r.status_code == 302, r.content.decode()[:1500]
    return pk, ApprovalRequest.objects.get(case_id=pk)


def audit_of(row):
    from zfxxgk.web.audit.models import AuditEntry

    return list(AuditEntry.objects.filter(object_type="approvalrequest", object_id=str(row.pk))
                .order_by("id").values_list("action", "summary"))


@pytest.mark.django_db
def test_request_pending_wrong_user_refused_then_approved(login, users):
    pk, row = request(login)
    clerk = login("clerk")
    assert row.status == "pending" and answer_due(clerk, pk) == BASE.due.isoformat()
    html = clerk.get(f"/cases/{pk}").content.decode()
    assert "提交延期申请" in html and "待审批，批准前答复期限不变" in html
    # the direct event path is the request too: nothing applied
    r = clerk.post(f"/cases/{pk}/events/extended", {**EXT, "approver": "reviewer"})
    assert r.status_code == 409 and "已有待审批" in r.content.decode()
    # the clerk cannot decide (no permission), nor a reader
    assert clerk.post(f"/cases/approvals/{row.pk}/decide", {"decision": "approve"}).status_code == 403
    reader = login("reader")
    assert reader.post(f"/cases/approvals/{row.pk}/decide", {"decision": "approve"}).status_code == 403
    row.refresh_from_db()
    assert row.status == "pending" and answer_due(reader, pk) == BASE.due.isoformat()
    assert [a for a, _ in audit_of(row)] == ["create"]
    # the named approver sees it in the work list and approves
    reviewer = login("reviewer")
    work = reviewer.get("/cases/work").content.decode()
    assert "待我审批（1）" in work and "申请延期答复20个工作日" in work
    rem = reviewer.get("/api/cases/reminders").json()["reminders"]
    mine = [r for r in rem if r["kind"] == "approval"]
    assert len(mine) == 1 and "延期答复20个工作日（clerk提交）" in mine[0]["message"]
    assert "approval" not in [r["kind"] for r in login("reader").get("/api/cases/reminders").json()["reminders"]]
    reviewer = login("reviewer")
    r = reviewer.post(f"/cases/approvals/{row.pk}/decide", {"decision": "approve"})
    assert r.status_code == 302
    row.refresh_from_db()
    assert row.status == "approved" and row.decided_by == users["reviewer"]
    d = reviewer.get(f"/api/cases/{pk}").json()
    answer = next(x for x in d["deadlines"] if x["kind"] == "answer")
    assert answer["due"] == LONGER.due.isoformat() and "延长答复期限20个工作日" in answer["explanation"]
    entries = audit_of(row)
    assert [a for a, _ in entries] == ["create", "change"] and "已批准" in entries[1][1]
    # decided once only
    r = reviewer.post(f"/cases/approvals/{row.pk}/decide", {"decision": "approve"})
    assert r.status_code == 403 and "已批准" in r.content.decode()
    assert "待我审批（0）" in reviewer.get("/cases/work").content.decode()


@pytest.mark.django_db
def test_other_approver_refused_and_refusal_needs_reason(login, users):
    from django.contrib.auth.models import Group, User

    pk, row = request(login)
    other = User.objects.create_user("reviewer2")
    other.groups.add(Group.objects.get(name="审核员"))
    c = login("clerk")
    c.force_login(other)
    r = c.post(f"/cases/approvals/{row.pk}/decide", {"decision": "approve"})
    assert r.status_code == 403 and "只有申请指定的批准人" in r.content.decode()
    reviewer = login("reviewer")
    r = reviewer.post(f"/cases/approvals/{row.pk}/decide", {"decision": "refuse", "reason": ""})
    assert r.status_code == 403 and "退回须写明理由" in r.content.decode()
    row.refresh_from_db()
    assert row.status == "pending" and [a for a, _ in audit_of(row)] == ["create"]
    r = reviewer.post(f"/cases/approvals/{row.pk}/decide",
                      {"decision": "refuse", "reason": "理由不充分"})
    assert r.status_code == 302
    row.refresh_from_db()
    assert row.status == "refused" and row.reason == "理由不充分"
    assert "已退回：理由不充分" in login("clerk").get(f"/cases/{pk}").content.decode()
    assert answer_due(reviewer, pk) == BASE.due.isoformat()
    assert "理由不充分" in audit_of(row)[1][1]


@pytest.mark.django_db
def test_request_names_a_real_approver_not_oneself(login, users):
    from zfxxgk.web.cases.models import ApprovalRequest

    clerk = login("clerk")
    pk = intake(clerk)
    r = clerk.post(f"/cases/{pk}/extension-request", {**EXT, "approver": "clerk"})
    assert r.status_code == 400 and "不是有批准延期权限的用户" in r.content.decode()
    admin = login("admin")  # holds the permission, still may not name themselves
    r = admin.post(f"/cases/{pk}/extension-request", {**EXT, "approver": "admin"})
    assert r.status_code == 400 and "不能指定自己为批准人" in r.content.decode()
    clerk = login("clerk")
    r = clerk.post(f"/cases/{pk}/extension-request", {**EXT, "approver": "reader"})
    assert r.status_code == 400 and "不是有批准延期权限的用户" in r.content.decode()
    r = clerk.post(f"/cases/{pk}/extension-request", {**EXT, "days": "30", "approver": "reviewer"})
    assert r.status_code == 400
    assert not ApprovalRequest.objects.exists()


def test_decision_rules_are_pure():
    P = ApprovalStatus.PENDING
    check_decision(P, "clerk", "boss", "boss", False, True, "")
    check_decision(P, "clerk", "boss", "root", True, False, "不同意")
    for args in [(P, "clerk", "boss", "other", False, True, ""),   # not the named approver
                 (P, "boss", "boss", "boss", True, True, ""),       # own request
                 (P, "clerk", "boss", "boss", False, False, " "),   # refusal without reason
                 (ApprovalStatus.REFUSED, "clerk", "boss", "boss", False, True, "")]:
        with pytest.raises(ApprovalError):
            check_decision(*args)
    with pytest.raises(ApprovalError):
        check_request("clerk", "clerk")


@pytest.mark.django_db
def test_api_extension_is_a_request_too(login, users):
    from zfxxgk.web.cases.models import ApprovalRequest

    clerk = login("clerk")
    pk = intake(clerk)
    r = clerk.post(f"/api/cases/{pk}/events/extended",
                   {"on": "2025-10-20", "days": 20, "notice_on": "2025-10-20", "approver": "reviewer"},
                   content_type="application/json")
    assert r.status_code == 200 and r.json()["approval"]["status"] == "pending"
    assert answer_due(clerk, pk) == BASE.due.isoformat()
    row = ApprovalRequest.objects.get(case_id=pk)
    assert row.approver == users["reviewer"] and row.requested_by == users["clerk"]


@pytest.mark.django_db
def test_approver_must_cover_the_case_agency(login, users):
    from zfxxgk.web.accounts.manage import add_user
    from zfxxgk.web.cases import store
    from zfxxgk.web.cases.models import ApprovalRequest

    store.agency_for("青禾市交通运输局", create=True)
    add_user("rev_t", "审核员", "测试-password-123", agency="青禾市交通运输局")
    add_user("rev_q", "审核员", "测试-password-123", agency="青禾市人民政府")
    clerk = login("clerk")
    pk = intake(clerk)  # 青禾市人民政府
    r = clerk.post(f"/cases/{pk}/extension-request", {**EXT, "approver": "rev_t"})
    assert r.status_code == 400 and "不负责青禾市人民政府的申请" in r.content.decode()
    assert not ApprovalRequest.objects.exists()
    r = clerk.post(f"/cases/{pk}/extension-request", {**EXT, "approver": "rev_q"})
    assert r.status_code == 302 and ApprovalRequest.objects.get().approver.username == "rev_q"


@pytest.mark.django_db
def test_api_decides_as_the_page_does(login, users):
    """The approver's half through the API: listed for the named approver, refused
    (nothing stored) for the requester, a reader, another approver or a bad body,
    then approved; the deadline moves and both steps are in 操作记录."""
    from django.contrib.auth.models import Group, User

    pk, row = request(login)
    url = f"/api/cases/approvals/{row.pk}/decide"

    def post(client, body):
        return client.post(url, body, content_type="application/json")

    listed = login("reviewer").get("/api/cases/approvals").json()
    assert listed["count"] == 1 and listed["approvals"][0]["id"] == row.pk
    assert listed["approvals"][0]["days"] == 20 and listed["approvals"][0]["requested_by"] == "clerk"
    assert login("clerk").get("/api/cases/approvals").status_code == 403
    other = User.objects.create_user("reviewer2")
    other.groups.add(Group.objects.get(name="审核员"))
    c = login("clerk")
    assert post(c, {"decision": "approve"}).status_code == 403  # no permission
    assert post(login("reader"), {"decision": "approve"}).status_code == 403
    c.force_login(other)
    r = post(c, {"decision": "approve"})
    assert r.status_code == 403 and "只有申请指定的批准人" in r.json()["error"]
    reviewer = login("reviewer")
    r = post(reviewer, {"decision": "maybe"})
    assert r.status_code == 400 and "decision" in r.json()["error"]
    r = post(reviewer, {"decision": "refuse"})
    assert r.status_code == 403 and r.json()["error"] == "退回须写明理由"
    r = post(reviewer, {"decision": "approve"})
    assert r.status_code == 200 and r.json()["approval"]["status"] == "approved"
    row.refresh_from_db()
    assert row.status == "approved" and row.decided_by == users["reviewer"]
    assert answer_due(reviewer, pk) == LONGER.due.isoformat()
    assert [a for a, _ in audit_of(row)] == ["create", "change"]
    r = post(reviewer, {"decision": "approve"})
    assert r.status_code == 403 and "已批准" in r.json()["error"]
    assert [a for a, _ in audit_of(row)] == ["create", "change"]  # the refused retry: nothing
    assert login("reviewer").get("/api/cases/approvals").json()["count"] == 0
    r = login("reviewer").post("/api/cases/approvals/999999/decide", {"decision": "approve"},
                               content_type="application/json")
    assert r.status_code == 404


@pytest.mark.django_db
def test_api_decision_outside_scope_is_404_and_the_answer_carries_the_case(login, users):
    from zfxxgk.web.accounts.manage import add_user

    from zfxxgk.web.cases import store

    store.agency_for("青禾市交通运输局", create=True)
    add_user("rev_t", "审核员", "测试-password-123", agency="青禾市交通运输局")
    pk, row = request(login)  # 青禾市人民政府, approver `reviewer` (no agency: everything)
    c = login("clerk")
    from django.contrib.auth.models import User

    c.force_login(User.objects.get(username="rev_t"))
    r = c.post(f"/api/cases/approvals/{row.pk}/decide", {"decision": "approve"},
               content_type="application/json")
    assert r.status_code == 404 and r.json()["ok"] is False
    row.refresh_from_db()
    assert row.status == "pending" and [a for a, _ in audit_of(row)] == ["create"]
    r = login("admin").post(f"/api/cases/approvals/{row.pk}/decide",
                            {"decision": "refuse", "reason": "材料不全"},
                            content_type="application/json")
    assert r.status_code == 200
    body = r.json()
    assert body["approval"]["status"] == "refused" and body["approval"]["reason"] == "材料不全"
    assert body["approval"]["decided_by"] == "admin" and body["case"]["id"] == pk
    assert answer_due(login("reader"), pk) == BASE.due.isoformat()
