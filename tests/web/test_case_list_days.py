"""The case list tells each open case's answer deadline in working days, in the
words `zfxxgk cases list` prints (cases.worklists.left_text), overdue ones marked,
with one query for the cases however many are listed."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .test_cases_pages import intake

pytestmark = pytest.mark.django_db


@pytest.fixture
def march_11(monkeypatch):
    from zfxxgk.web.cases import store

    monkeypatch.setattr(store, "today", lambda: date(2026, 3, 11))


def _row(html: str, number: str) -> str:
    return next(r for r in re.findall(r"<tr>.*?</tr>", html, re.S) if f">{number}</a>" in r)


def test_list_shows_working_days_left_and_marks_overdue(login, march_11):
    client = login("clerk")
    intake(client, number="2026-0001", arrived_on="2026-02-10")  # due 2026年3月16日
    intake(client, number="2026-0002", arrived_on="2026-01-05")  # due in February
    html = client.get("/cases/").content.decode()
    soon = _row(html, "2026-0001")
    assert "2026年3月16日" in soon and "还剩3个工作日" in soon  # 3月12、13、16日
    assert "overdue" not in soon
    late = _row(html, "2026-0002")
    assert re.search(r'<span class="left overdue">已超期\d+个工作日</span>', late)
    twin = client.get("/api/cases").json()
    assert twin["today"] == "2026-03-11"
    assert {c["number"]: c["left_text"] for c in twin["cases"]}["2026-0001"] == "还剩3个工作日"


def test_due_today_and_closed_cases(login, monkeypatch):
    from zfxxgk.web.cases import store

    client = login("clerk")
    pk = intake(client, number="2026-0001", arrived_on="2026-02-10")
    monkeypatch.setattr(store, "today", lambda: date(2026, 3, 16))
    assert '<span class="left soon">今天到期</span>' in _row(client.get("/cases/").content.decode(), "2026-0001")
    r = client.post(f"/cases/{pk}/events/answered", {"on": "2026-03-02", "outcome": "granted"})
    assert r.status_code == 302
    row = _row(client.get("/cases/").content.decode(), "2026-0001")
    assert "已办结" in row and "工作日" not in row and "今天到期" not in row


def test_the_list_queries_do_not_grow_with_its_cases(login, march_11):
    client = login("clerk")
    intake(client, number="2026-0001", arrived_on="2026-02-10")
    with CaptureQueriesContext(connection) as one:
        assert client.get("/cases/").status_code == 200
    for n in range(2, 8):
        intake(client, number=f"2026-{n:04d}", arrived_on="2026-01-05")
    with CaptureQueriesContext(connection) as seven:
        html = client.get("/cases/").content.decode()
    assert html.count("已超期") == 6
    assert len(seven.captured_queries) == len(one.captured_queries)
