"""Reminders for an applicant's period that ran out: the case, the missed day and
the action to record (记录逾期未补正 / 记录逾期未缴费), linking to the case page
with that action's form open; only the user's own agencies."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from .test_cases_pages import intake

pytestmark = pytest.mark.django_db

OTHER = "青禾市交通运输局"


def _expired(client, today: str) -> dict[str, dict]:
    body = client.get(f"/api/cases/reminders?today={today}").json()
    return {r["number"]: r for r in body["reminders"] if r["level"] == "expired"}


def _cases(login) -> tuple[int, int, int]:
    """A: 补正 asked, never answered (period to 2025-10-17); B: 补正 asked and
    answered; C: another agency's fee notice, period to 2025-11-04."""
    from zfxxgk.web.cases import store

    store.agency_for(OTHER, create=True)
    c = login("clerk")
    a, b = intake(c, number="A"), intake(c, number="B")
    c_pk = intake(c, number="C", agency=OTHER)
    for pk in (a, b):
        assert c.post(f"/cases/{pk}/events/correction_requested",
                      {"on": "2025-09-29", "reply_by": "2025-10-17"}).status_code == 302
    assert c.post(f"/cases/{b}/events/correction_received", {"on": "2025-10-10"}).status_code == 302
    assert c.post(f"/cases/{c_pk}/events/fee_notice", {"on": "2025-09-29", "fee_method": "pieces",
                                                      "quantity": "25", "notice_on": "2025-09-30"}
                  ).status_code == 302
    return a, b, c_pk


def test_lapsed_correction_and_fee_are_reminded_with_their_action(login):
    a, _, c_pk = _cases(login)
    clerk = login("clerk")
    assert _expired(clerk, "2025-10-17") == {}  # the last day of the period: still running
    late = _expired(clerk, "2025-10-20")
    assert set(late) == {"A"}  # B answered; C's fee period still runs
    r = late["A"]
    assert r["case"] == a and r["action"] == "correction_expired"
    assert r["due"] == "2025-10-17" and r["action_label"] == "记录逾期未补正"
    assert r["message"] == "申请人补正期限2025年10月17日（星期五）已届满，请记录逾期未补正"
    assert r["action_url"] == f"/cases/{a}?action=correction_expired#action-correction_expired"
    page = clerk.get("/cases/reminders?today=2025-10-20").content.decode()
    assert f'href="/cases/{a}?action=correction_expired#action-correction_expired"' in page
    assert ">记录逾期未补正</a>" in page
    # the link opens the form that records it
    detail = clerk.get(r["action_url"]).content.decode()
    assert '<details class="action" id="action-correction_expired" open>' in detail
    fee = _expired(clerk, "2025-11-05")["C"]
    assert fee["case"] == c_pk and fee["action"] == "fee_expired"
    assert fee["action_label"] == "记录逾期未缴费" and fee["due"] == "2025-11-04"
    assert "请记录逾期未缴费" in fee["message"]
    # recorded: the reminder is gone
    assert clerk.post(f"/cases/{a}/events/correction_expired", {"on": "2025-10-20"}).status_code == 302
    assert "A" not in _expired(clerk, "2025-10-20")


def test_a_scoped_user_is_reminded_only_of_their_agencies_cases(login):
    from zfxxgk.web.accounts.manage import add_user

    _cases(login)
    add_user("clerk_t", "录入员", "测试-password-123", agency=OTHER)
    add_user("clerk_q", "录入员", "测试-password-123", agency="青禾市人民政府")
    c = login("clerk")
    c.force_login(User.objects.get(username="clerk_q"))
    mine = _expired(c, "2025-11-05")
    assert set(mine) == {"A"} and mine["A"]["action_label"] == "记录逾期未补正"
    assert "记录逾期未缴费" not in c.get("/cases/reminders?today=2025-11-05").content.decode()
    c.force_login(User.objects.get(username="clerk_t"))
    mine = _expired(c, "2025-11-05")
    assert set(mine) == {"C"} and mine["C"]["action_label"] == "记录逾期未缴费"
    assert "记录逾期未补正" not in c.get("/cases/reminders?today=2025-11-05").content.decode()


def test_a_running_period_has_no_action(login):
    _cases(login)
    work = login("clerk").get("/api/cases/work?today=2025-10-15").json()
    assert {(w["number"], w["action"]) for w in work["waiting_for_applicant"]} == {("A", None), ("C", None)}
