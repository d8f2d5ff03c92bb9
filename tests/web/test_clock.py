"""One clock: times stored in UTC are shown in China time, one way, on pages and in
the JSON twins; a case registered at 20:24 UTC on 5 December is 登记于 6 December,
the day its form defaulted to. The report page shows no template comment."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from .test_cases_pages import intake

pytestmark = pytest.mark.django_db

EVENING_UTC = datetime(2026, 12, 5, 20, 24, 30, tzinfo=timezone.utc)  # 6 Dec 04:24 in Beijing


def test_settings_use_china_time(settings):
    assert settings.TIME_ZONE == "Asia/Shanghai" and settings.USE_TZ


def test_case_and_audit_times_in_china_time(login):
    from zfxxgk.web.audit.models import AuditEntry
    from zfxxgk.web.cases.models import CaseRecord

    client = login("clerk")
    pk = intake(client)
    CaseRecord.objects.filter(pk=pk).update(created_at=EVENING_UTC)
    AuditEntry.objects.update(at=EVENING_UTC)
    page = client.get(f"/cases/{pk}").content.decode()
    assert "登记于 2026年12月6日" in page
    twin = client.get(f"/api/cases/{pk}").json()
    assert twin["created_at"] == "2026-12-06T04:24:30+08:00"
    log = login("admin").get("/audit/").content.decode()
    assert "2026年12月6日 04:24" in log and "2026-12-05T20:24" not in log
    assert login("admin").get("/api/audit").json()["entries"][0]["at"] == "2026-12-06T04:24:30+08:00"


def test_report_page_shows_no_template_comment(login, stored):
    row = stored()
    html = login("clerk").get(f"/reports/{row.pk}").content.decode()
    assert not re.search(r"\{#|#\}|\{%|%\}|\{\{|\}\}", html)


ISO_DAY = re.compile(r"\b20\d\d-\d\d-\d\d\b")


def _shown(html: str) -> str:
    """The page's text a person reads: no attributes (a form's date input keeps ISO)
    and no scripts."""
    html = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    return re.sub(r"<[^>]*>", " ", html)


def test_case_pages_write_every_day_one_way(login):
    """The case page printed 收到申请之日 2026-02-10 beside 答复期限 2026年2月26日; the list,
    the case page and its events now write days as people write them, ISO stays in JSON."""
    client = login("clerk")
    pk = intake(client)
    for url in ("/cases/", f"/cases/{pk}", "/cases/work", "/cases/reminders"):
        shown = _shown(client.get(url).content.decode())
        assert not ISO_DAY.search(shown), (url, ISO_DAY.findall(shown))
    detail = _shown(client.get(f"/cases/{pk}").content.decode())
    assert "2025年9月26日" in detail  # 收到申请之日 and the event
    assert client.get(f"/api/cases/{pk}").json()["received_on"] == "2025-09-26"
