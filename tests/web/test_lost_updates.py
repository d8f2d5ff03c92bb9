"""Two people on one thing: the later save made from what the earlier one changed
is refused (412 with a Chinese message on the API, the message on the page),
nothing of it stored, for 复议诉讼 entries, reviewers' verdicts and workflow
steps; an API change that names no version is answered 428."""

from __future__ import annotations

import json
from html import unescape

import pytest
from django.test import Client

from zfxxgk.web.cases.models import LitigationRecord
from zfxxgk.web.reports.models import Report, Verdict
from zfxxgk.web.reports.versioning import etag

from .conftest import make_user

pytestmark = pytest.mark.django_db

AGENCY = "青禾市人民政府"
ENTRY = {"agency": AGENCY, "number": "青复〔2025〕12号", "kind": "review",
         "received_on": "2025-03-02", "outcome": "pending"}


def _as(users, name: str) -> Client:
    c = Client()
    c.force_login(users[name])
    return c


def _version_on_page(html: str) -> str:
    import re

    return unescape(re.search(r'name="version" value="([^"]+)"', html).group(1))


@pytest.fixture
def entry(users):
    from zfxxgk.web.reports.models import Agency

    Agency.objects.create(key=AGENCY, name=AGENCY)
    users["clerk2"] = make_user("clerk2", "录入员")
    r = _as(users, "clerk").post("/api/registers/litigation", ENTRY, content_type="application/json")
    assert r.status_code == 201, r.content
    return LitigationRecord.objects.get()


def test_two_clerks_on_one_entry_page(users, entry):
    first, second = _as(users, "clerk"), _as(users, "clerk2")
    url = f"/registers/litigation/{entry.pk}"
    v1 = _version_on_page(first.get(url).content.decode())
    v2 = _version_on_page(second.get(url).content.decode())
    assert v1 == v2
    done = {**ENTRY, "outcome": "corrected", "concluded_on": "2025-05-20"}
    assert first.post(url, {**done, "version": v1}).status_code == 302
    r = second.post(url, {**ENTRY, "outcome": "upheld", "concluded_on": "2025-06-01", "version": v2})
    assert r.status_code == 412
    assert "已被他人修改，您的改动没有保存" in r.content.decode()
    entry.refresh_from_db()
    assert (entry.outcome, str(entry.concluded_on)) == ("corrected", "2025-05-20")
    # the refused page shows what is stored now, with its version: saved from there, it is kept
    again = _version_on_page(r.content.decode())
    assert second.post(url, {**ENTRY, "outcome": "upheld", "concluded_on": "2025-06-01",
                             "version": again}).status_code == 302
    # a form without its version (a page older than the field) stores nothing
    r = first.post(url, {**done, "note": "补记"})
    assert r.status_code == 428 and "请刷新页面" in r.content.decode()
    entry.refresh_from_db()
    assert entry.outcome == "upheld" and "补记" not in json.dumps(entry.data, ensure_ascii=False)


def test_two_clerks_on_one_entry_api(users, entry):
    first, second = _as(users, "clerk"), _as(users, "clerk2")
    url = f"/api/registers/litigation/{entry.pk}"
    tag1, tag2 = first.get(url)["ETag"], second.get(url)["ETag"]
    assert tag1 == tag2 and first.get(url).json()["version"] == tag1
    body = json.dumps({**ENTRY, "outcome": "corrected", "concluded_on": "2025-05-20"})
    r = first.post("/api/registers/litigation", body, content_type="application/json", HTTP_IF_MATCH=tag1)
    assert r.status_code == 201 and r["ETag"] != tag1
    late = json.dumps({**ENTRY, "outcome": "upheld", "concluded_on": "2025-06-01"})
    r = second.post("/api/registers/litigation", late, content_type="application/json", HTTP_IF_MATCH=tag2)
    assert r.status_code == 412 and "已被他人修改" in r.json()["error"]
    r = second.post("/api/registers/litigation", late, content_type="application/json")
    assert r.status_code == 428 and "If-Match" in r.json()["error"]
    entry.refresh_from_db()
    assert entry.outcome == "corrected"


def test_adding_a_number_already_entered_does_not_overwrite_it(users, entry):
    r = _as(users, "clerk2").post("/registers/", {**ENTRY, "outcome": "upheld", "concluded_on": "2025-06-01"})
    assert r.status_code == 412 and "已经登记" in r.content.decode()
    entry.refresh_from_db()
    assert entry.outcome == "pending"


@pytest.fixture
def reviewed(stored, users):
    users["reviewer2"] = make_user("reviewer2", "审核员")
    row = stored("wanghu-street-2023.txt")
    return row, row.findings.get(rule="T3-3").position


def test_two_reviewers_on_one_report_page(users, reviewed):
    row, position = reviewed
    first, second = _as(users, "reviewer"), _as(users, "reviewer2")
    v1 = _version_on_page(first.get(f"/reports/{row.pk}").content.decode())
    v2 = _version_on_page(second.get(f"/reports/{row.pk}").content.decode())
    url = f"/reports/{row.pk}/findings/{position}/verdict"
    assert first.post(url, {"verdict": "dismissed", "comment": "按合并口径", "version": v1}).status_code == 302
    r = second.post(url, {"verdict": "confirmed", "comment": "确有错误", "version": v2}, follow=True)
    assert "已被他人修改，您的改动没有保存" in r.content.decode()
    v = Verdict.objects.get()
    assert (v.verdict, v.comment) == ("dismissed", "按合并口径")
    r = second.post(url, {"verdict": "confirmed"}, follow=True)  # no version: refused too
    assert "请刷新页面" in r.content.decode() and Verdict.objects.get().verdict == "dismissed"


def test_verdict_api_names_its_version(users, reviewed):
    row, position = reviewed
    c = _as(users, "reviewer")
    url = f"/api/reports/{row.pk}/findings/{position}/verdict"
    body = json.dumps({"verdict": "dismissed", "comment": "按合并口径"})
    r = c.post(url, body, content_type="application/json")
    assert r.status_code == 428 and not Verdict.objects.exists()
    stale = c.get(f"/api/reports/{row.pk}")["ETag"]
    r = c.post(url, body, content_type="application/json", HTTP_IF_MATCH=stale)
    assert r.status_code == 200 and r["ETag"] == etag(Report.objects.get(pk=row.pk)) != stale
    r = c.post(url, json.dumps({"verdict": ""}), content_type="application/json", HTTP_IF_MATCH=stale)
    assert r.status_code == 412 and Verdict.objects.get().verdict == "dismissed"


def test_workflow_steps_name_their_version(users, stored):
    row = stored("wanghu-street-2023.txt")
    clerk, reviewer = _as(users, "clerk"), _as(users, "reviewer")
    r = clerk.post(f"/api/reports/{row.pk}/submit")
    assert r.status_code == 428 and Report.objects.get(pk=row.pk).status == "draft"
    tag = clerk.get(f"/api/reports/{row.pk}")["ETag"]
    assert clerk.post(f"/api/reports/{row.pk}/submit", HTTP_IF_MATCH=tag).status_code == 200
    # the reviewer read the report under review; it was sent back and changed meanwhile
    seen = reviewer.get(f"/api/reports/{row.pk}")["ETag"]
    page = _version_on_page(reviewer.get(f"/reports/{row.pk}").content.decode())
    back = reviewer.get(f"/api/reports/{row.pk}")["ETag"]
    assert reviewer.post(f"/api/reports/{row.pk}/return", HTTP_IF_MATCH=back).status_code == 200
    tag = clerk.get(f"/api/reports/{row.pk}")["ETag"]
    assert clerk.post(f"/api/reports/{row.pk}/submit", HTTP_IF_MATCH=tag).status_code == 200
    r = reviewer.post(f"/api/reports/{row.pk}/publish", HTTP_IF_MATCH=seen)
    assert r.status_code == 412 and Report.objects.get(pk=row.pk).status == "review"
    r = reviewer.post(f"/reports/{row.pk}/publish", {"version": page}, follow=True)
    assert "已被他人修改" in r.content.decode() and Report.objects.get(pk=row.pk).status == "review"
    r = clerk.post(f"/api/reports/{row.pk}/publish")  # the role is refused before the version is asked
    assert r.status_code == 403


def test_an_edit_form_without_its_version_stores_nothing(users, stored):
    """A form older than the version field was taken as made from whatever is
    stored now: it overwrote a colleague's save it never saw."""
    row = stored("wanghu-street-2023.txt")
    before = Report.objects.get(pk=row.pk).data
    r = _as(users, "clerk").post(f"/reports/{row.pk}/edit", {"cell:applications.received.natural_person": "77"})
    assert r.status_code == 428 and "请刷新页面" in r.content.decode()
    assert Report.objects.get(pk=row.pk).data == before
    assert _version_on_page(r.content.decode()) == etag(Report.objects.get(pk=row.pk))  # saved from here, it is kept
