"""Register pages (表四 entries, 表二 figures) and the compile button."""

from __future__ import annotations

import html
import re
from datetime import date
from decimal import Decimal
from urllib.parse import quote_plus

import pytest

from zfxxgk.web.cases.store import NEW, register_version

from .conftest import step

pytestmark = pytest.mark.django_db

AGENCY = "青禾市人民政府"


@pytest.fixture
def agency(db):
    from zfxxgk.web.reports.models import Agency

    return Agency.objects.create(key=AGENCY, name=AGENCY)


ENTRY = {"agency": AGENCY, "number": "青复〔2025〕12号", "kind": "review",
         "received_on": "2025-03-02", "outcome": "corrected", "concluded_on": "2025-05-20"}


def test_register_permissions(login, agency):
    from zfxxgk.web.cases.models import ActiveFiguresRecord, LitigationRecord

    for role in ("reader", "reviewer"):
        c = login(role)
        assert c.get("/registers/").status_code == 200
        assert c.post("/registers/", ENTRY).status_code == 403
        assert c.post("/registers/active", {"agency": AGENCY, "year": "2025",
                                            "cell:rules.issued": "1"}).status_code == 403
        assert c.post("/api/registers/litigation", ENTRY,
                      content_type="application/json").status_code == 403
    assert login("nobody").get("/registers/").status_code == 403
    assert not LitigationRecord.objects.exists() and not ActiveFiguresRecord.objects.exists()
    for role in ("clerk", "admin"):
        r = login(role).post("/registers/", {**ENTRY, "number": f"{role}-1"})
        assert r.status_code == 302
    assert LitigationRecord.objects.count() == 2


def test_litigation_entry_and_errors(login, agency):
    from zfxxgk.web.audit.models import AuditEntry
    from zfxxgk.web.cases.models import LitigationRecord

    c = login("clerk")
    r = c.post("/registers/", {**ENTRY, "concluded_on": ""})
    assert r.status_code == 400 and "结果为“纠正”，须填写审结日期" in r.content.decode()
    r = c.post("/registers/", {**ENTRY, "concluded_on": "2025-01-01"})
    assert r.status_code == 400 and "审结日期早于收到日期" in r.content.decode()
    r = c.post("/registers/", {**ENTRY, "received_on": "2025年3月2日"})
    assert r.status_code == 400 and "收到日期应写作 YYYY-MM-DD" in r.content.decode()
    assert not LitigationRecord.objects.exists()
    assert c.post("/registers/", ENTRY).status_code == 302
    row = LitigationRecord.objects.get()
    assert (row.kind, row.outcome, row.concluded_on) == ("review", "corrected", date(2025, 5, 20))
    page = c.get(f"/registers/?agency={AGENCY}")
    assert "青复〔2025〕12号" in page.content.decode()
    assert page["Link"].startswith(f"</api/registers?agency={quote_plus(AGENCY)}>")
    r = c.post(f"/registers/litigation/{row.pk}", {**ENTRY, "outcome": "pending", "concluded_on": "",
                                                   "version": register_version(row)})
    assert r.status_code == 302
    row.refresh_from_db()
    assert (row.outcome, row.concluded_on) == ("pending", None)
    assert AuditEntry.objects.filter(object_type="litigationrecord").count() == 2
    body = login("reader").get(f"/api/registers/litigation/{row.pk}").json()
    assert body["outcome_label"] == "尚未审结"


def test_active_figures_blank_is_null(login, agency):
    from zfxxgk.web.cases.models import ActiveFiguresRecord

    c = login("clerk")
    url = f"/registers/active?agency={AGENCY}&year=2025"
    page = c.get(url)
    assert page.status_code == 200 and 'name="cell:rules.issued"' in page.content.decode()
    # "没有的数字留空" read as "none: leave it blank" — a zero the office had came out blank
    assert "本年没有发生的填0" in page.content.decode() and "没有的数字留空" not in page.content.decode()
    r = c.post("/registers/active", {"agency": AGENCY, "year": "2025", "cell:rules.issued": "x"})
    assert r.status_code == 400 and "不是数字" in r.content.decode()
    r = c.post("/registers/active", {"agency": AGENCY, "year": "2025", "cell:rules.issued": "1.5"})
    assert r.status_code == 400 and "件数须为整数" in r.content.decode()
    for typed in ("1e3", "1_000", "\u0663", "NaN", "-2"):  # Decimal() read the first four as numbers
        r = c.post("/registers/active", {"agency": AGENCY, "year": "2025", "cell:rules.issued": typed})
        assert r.status_code == 400 and ("不是数字" in r.content.decode() or "不能为负数" in r.content.decode())
    assert not ActiveFiguresRecord.objects.exists()
    r = c.post("/registers/active", {"agency": AGENCY, "year": "2025", "cell:rules.issued": "2",
                                     "cell:rules.repealed": "0", "cell:fees.amount": "1.2345",
                                     "cell:licensing.decisions": "", "version": NEW})
    assert r.status_code == 302
    cells = ActiveFiguresRecord.objects.get().cells
    assert cells == {"rules": {"issued": 2, "repealed": 0}, "fees": {"amount": Decimal("1.2345")}}
    body = login("reader").get(f"/api/registers/active?agency={AGENCY}&year=2025").json()
    rules = next(r for r in body["rows"] if r["code"] == "rules")
    assert rules["cells"] == {"issued": 2, "repealed": 0, "in_force": None}


def _cases(users, agency):
    from zfxxgk.cases.model import ApplicantType, Case, Channel, Event, EventKind, Outcome
    from zfxxgk.web.cases import store

    def received(n, day, kind=ApplicantType.NATURAL_PERSON):
        return [Event(EventKind.RECEIVED, day, channel=Channel.IN_PERSON)]

    store.save_case(Case("A-1", AGENCY, ApplicantType.NATURAL_PERSON,
                         events=received(1, date(2025, 3, 3)) + [
                             Event(EventKind.ANSWERED, date(2025, 3, 10), outcome=Outcome.GRANTED)]),
                    users["clerk"], agency=agency)
    store.save_case(Case("A-2", AGENCY, ApplicantType.COMMERCIAL,
                         events=received(2, date(2025, 12, 29))), users["clerk"], agency=agency)


def test_compile_button_makes_a_draft_report(login, users, agency):
    from zfxxgk.web.reports.models import Report

    _cases(users, agency)
    login("clerk").post("/registers/", ENTRY)
    c = login("clerk")
    page = c.get(f"/compile?agency={AGENCY}&year=2025")
    text = page.content.decode()
    assert page.status_code == 200 and "统计口径：一份申请按一件统计" in text
    assert page["Link"].startswith("</api/registers/compile?agency=")
    assert "没有本年度的主动公开数据登记，留空" in text and "由登记统计" in text
    r = c.post("/compile", {"agency": AGENCY, "year": "2025"})
    row = Report.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/reports/{row.pk}"
    assert (row.status, row.year, row.agency.name) == ("draft", 2025, AGENCY)
    t3 = row.data["applications"]
    assert t3["received"]["total"] == 2 and t3["granted"]["natural_person"] == 1
    assert t3["carried_forward"]["commercial"] == 1
    assert "统计口径" in row.source_name
    # the list's 来源文件 column gives the first sentence (the policy took four lines
    # and squeezed the titles), the whole in the tooltip and on the report's page
    listing = c.get("/").content.decode()
    assert '<td class="src" title="由依申请公开案件和登记编制。统计口径：' in listing
    assert '">由依申请公开案件和登记编制</td>' in listing
    detail = c.get(f"/reports/{row.pk}")
    assert detail.status_code == 200
    # into the existing workflow: the clerk submits it for review
    assert step(c, row.pk, "submit").status_code == 302
    row.refresh_from_db()
    assert row.status == "review"


def test_compile_declaring_no_litigation(login, users, agency):
    """Table 四 is blank without a register, zeros only when the office says it had
    none, and that declaration is refused when the register counts one that year."""
    from zfxxgk.web.reports.models import Report

    _cases(users, agency)
    c = login("clerk")
    page = c.get(f"/compile?agency={AGENCY}&year=2025").content.decode()
    assert "没有复议、诉讼登记，留空" in page
    body = c.get(f"/api/registers/compile?agency={AGENCY}&year=2025").json()
    assert body["report"]["review_litigation"]["review"]["total"] is None
    page = c.get(f"/compile?agency={AGENCY}&year=2025&no_litigation=1")
    assert "声明本年度没有行政复议、行政诉讼，填0" in page.content.decode()
    assert "no_litigation=true" in page["Link"]
    assert c.post("/compile", {"agency": AGENCY, "year": "2025", "no_litigation": "1"}).status_code == 302
    t4 = Report.objects.get().data["review_litigation"]
    assert all(v == 0 for row in t4.values() for v in row.values())
    c.post("/registers/", ENTRY)  # a reconsideration received and decided in 2025
    r = c.get(f"/compile?agency={AGENCY}&year=2025&no_litigation=1")
    assert r.status_code == 400 and "登记中有1件计入2025年" in r.content.decode()
    r = c.post("/api/registers/compile", {"agency": AGENCY, "year": 2025, "no_litigation": True})
    assert r.status_code == 400 and Report.objects.count() == 1
    # a year the register has nothing in may be declared
    assert c.get(f"/compile?agency={AGENCY}&year=2024&no_litigation=1").status_code == 200


def test_compile_permissions_and_errors(login, users, agency):
    from zfxxgk.web.reports.models import Report

    _cases(users, agency)
    assert login("reader").post("/compile", {"agency": AGENCY, "year": "2025"}).status_code == 403
    assert login("reader").get(f"/compile?agency={AGENCY}&year=2025").status_code == 200
    r = login("clerk").get("/compile?agency=没有的机关&year=2025")
    assert r.status_code == 404 and "没有机关“没有的机关”" in r.content.decode()
    r = login("clerk").get(f"/compile?agency={AGENCY}&year=abc")
    assert r.status_code == 400 and "请填写年度" in r.content.decode()
    assert not Report.objects.exists()
    body = login("reader").get(f"/api/registers/compile?agency={AGENCY}&year=2025").json()
    assert body["cases_counted"] == 2 and body["policy"] == "application"
    r = login("admin").post("/api/registers/compile", {"agency": AGENCY, "year": 2025})
    assert r.status_code == 201 and r.json()["status"] == "draft"


def test_every_register_page_has_a_working_json_twin(login, users, agency):
    """The Link header of each page answers with JSON for the same reader."""
    _cases(users, agency)
    login("clerk").post("/registers/", ENTRY)
    c = login("clerk")
    pages = ["/cases/import", "/calendar/", "/registers/", f"/registers/?agency={AGENCY}",
             "/registers/active", f"/registers/active?agency={AGENCY}&year=2025", "/compile",
             f"/compile?agency={AGENCY}&year=2025"]
    from zfxxgk.web.cases.models import LitigationRecord

    pages.append(f"/registers/litigation/{LitigationRecord.objects.get().pk}")
    for url in pages:
        r = c.get(url)
        assert r.status_code == 200, url
        twin = r["Link"].split(">;")[0].lstrip("<")
        j = c.get(twin)
        assert j.status_code == 200 and j["Content-Type"].startswith("application/json"), (url, twin)


def test_compile_by_item_counts_each_item(login, users, agency):
    """The counting policy chosen on the page is the one the draft is counted with."""
    from zfxxgk.cases.model import ApplicantType, Case, Channel, Event, EventKind, Outcome
    from zfxxgk.web.cases import store
    from zfxxgk.web.reports.models import Report

    store.save_case(Case("M-1", AGENCY, ApplicantType.NATURAL_PERSON, items=("甲", "乙"), events=[
        Event(EventKind.RECEIVED, date(2025, 3, 3), channel=Channel.IN_PERSON),
        Event(EventKind.ANSWERED, date(2025, 3, 10),
              item_outcomes=(Outcome.GRANTED, Outcome.NOT_HELD))]), users["clerk"], agency=agency)
    c = login("clerk")
    page = c.get(f"/compile?agency={AGENCY}&year=2025&unit=item").content.decode()
    assert "每项内容按一件申请统计" in page
    c.post("/compile", {"agency": AGENCY, "year": "2025", "unit": "item"})
    t3 = Report.objects.get().data["applications"]
    assert (t3["received"]["total"], t3["granted"]["total"], t3["unavailable.not_held"]["total"]) == (2, 1, 1)
    r = c.get(f"/compile?agency={AGENCY}&year=2025&unit=page")
    assert r.status_code == 400 and "没有这种统计口径" in r.content.decode()


def _put_active(c, issued: int, if_match: str | None):
    headers = {"HTTP_IF_MATCH": if_match} if if_match is not None else {}
    return c.put("/api/registers/active", {"agency": AGENCY, "year": 2025, "cells": {"rules": {"issued": issued}}},
                 content_type="application/json", **headers)


def test_table_two_is_saved_from_its_version_nothing_lost(login, agency, users):
    """PUT replaces the whole table: without If-Match it overwrote whatever another
    person had saved since (428 now); from a stale version it is refused (412)."""
    from django.test import Client

    from zfxxgk.web.cases.models import ActiveFiguresRecord

    first = login("clerk")
    second = Client()
    second.force_login(users["clerk"])
    url = f"/api/registers/active?agency={AGENCY}&year=2025"
    r = _put_active(first, 1, None)
    assert r.status_code == 428 and "If-Match" in r.json()["error"] and "ETag" in r.json()["error"]
    assert not ActiveFiguresRecord.objects.exists()
    tag1, tag2 = first.get(url)["ETag"], second.get(url)["ETag"]
    assert tag1 == tag2 == '"0"'
    r = _put_active(first, 5, tag1)
    assert r.status_code == 200 and r["ETag"] != tag1
    assert _put_active(second, 7, tag2).status_code == 412
    assert ActiveFiguresRecord.objects.get().cells["rules"]["issued"] == 5
    assert _put_active(second, 7, second.get(url)["ETag"]).status_code == 200
    # the page's form carries the version too: a stale form is refused, not applied
    page = first.get(f"/registers/active?agency={AGENCY}&year=2025").content.decode()
    stale = html.unescape(re.search(r'name="version" value="([^"]+)"', page).group(1))
    assert _put_active(second, 9, second.get(url)["ETag"]).status_code == 200
    r = first.post("/registers/active", {"agency": AGENCY, "year": "2025", "version": stale,
                                         "cell:rules.issued": "3"})
    assert r.status_code == 412 and "已被他人修改" in r.content.decode()
    assert ActiveFiguresRecord.objects.get().cells["rules"]["issued"] == 9


@pytest.mark.parametrize("today, year", [(date(2026, 12, 7), 2026), (date(2027, 1, 12), 2026),
                                         (date(2026, 11, 30), 2025)])
def test_compile_page_defaults_to_the_year_a_clerk_means(login, agency, monkeypatch, today, year):
    """December: the year about to end (a clerk starts on it); January to November: the
    last one. The rule is on the page; a year not over is said to be so."""
    from zfxxgk.web.cases import store

    monkeypatch.setattr(store, "today", lambda: today)
    c = login("clerk")
    text = c.get("/compile").content.decode()
    assert f'name="year" type="number" min="2008" max="2100" value="{year}"' in text
    assert "1至11月默认为上一年度，12月起默认为本年度" in text
    preview = c.get(f"/compile?agency={AGENCY}&year={year}").content.decode()
    assert ("年尚未结束：只计入截至" in preview) == (year == today.year)
    picked = c.get("/registers/active").content.decode()
    assert f'value="{year}"' in picked


def test_compile_preview_traces_each_row_to_its_cases(login, users, agency):
    """A figure of the draft leads to its applications: the preview lists, per row of
    table 三, the cases counted there (linked to their pages), and the API says the
    same. Before, it gave the four totals only and a wrong figure could not be traced."""
    from zfxxgk.web.cases.models import CaseRecord

    _cases(users, agency)
    c = login("clerk")
    page = c.get(f"/compile?agency={AGENCY}&year=2025").content.decode()
    a1, a2 = (CaseRecord.objects.get(number=n).pk for n in ("A-1", "A-2"))
    granted = re.search(r'<tr data-row="granted"><th>（一）予以公开</th><td>1</td>\s*<td>(.*?)</td></tr>', page)
    assert granted and granted.group(1) == f'<a href="/cases/{a1}">A-1</a>（自然人）'
    forward = re.search(r'<tr data-row="carried_forward"><th>[^<]*结转下年度[^<]*</th><td>1</td>\s*<td>(.*?)</td>', page)
    assert forward and forward.group(1) == f'<a href="/cases/{a2}">A-2</a>（商业企业）'
    received = re.search(r'<tr data-row="received">.*?<td>2</td>\s*<td>(.*?)</td>', page)
    assert received and "A-1" in received.group(1) and "A-2" in received.group(1)
    assert 'data-row="total"' not in page and 'data-row="withheld.state_secret"' not in page
    rows = {r["code"]: r for r in c.get(f"/api/registers/compile?agency={AGENCY}&year=2025").json()["rows"]}
    assert rows["granted"]["cases"] == [{"number": "A-1", "times": 1, "url": f"/cases/{a1}", "applicant": "自然人"}]
    assert rows["received"]["count"] == 2 and set(rows) == {"received", "granted", "carried_forward"}


def test_compile_preview_by_item_says_how_many_items(login, users, agency):
    from zfxxgk.cases.model import ApplicantType, Case, Channel, Event, EventKind, Outcome
    from zfxxgk.web.cases import store

    store.save_case(Case("M-1", AGENCY, ApplicantType.NATURAL_PERSON, items=("甲", "乙"), events=[
        Event(EventKind.RECEIVED, date(2025, 3, 3), channel=Channel.IN_PERSON),
        Event(EventKind.ANSWERED, date(2025, 3, 10),
              item_outcomes=(Outcome.GRANTED, Outcome.GRANTED))]), users["clerk"], agency=agency)
    page = login("clerk").get(f"/compile?agency={AGENCY}&year=2025&unit=item").content.decode()
    assert re.search(r'data-row="granted"><th>（一）予以公开</th><td>2</td>\s*<td><a href="/cases/\d+">M-1</a>（自然人，2项）</td>', page)


def test_compile_preview_names_the_reports_already_there(login, users, agency):
    """Compiling again made a second report of the year beside a published one, with
    the same title in the list; the preview now names those already there."""
    from zfxxgk.web.reports.models import Report

    _cases(users, agency)
    c = login("clerk")
    assert 'id="existing"' not in c.get(f"/compile?agency={AGENCY}&year=2025").content.decode()
    c.post("/compile", {"agency": AGENCY, "year": "2025"})
    row = Report.objects.get()
    page = c.get(f"/compile?agency={AGENCY}&year=2025").content.decode()
    notice = re.search(r'<p class="note" role="status" id="existing">(.*?)</p>', page)
    assert notice and f'<a href="/reports/{row.pk}">第1版（录入）</a>' in notice.group(1)
    assert "建立更正版本" in notice.group(1)
