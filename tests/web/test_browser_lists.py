"""The lists a district reviewer and an administrator read, in a browser: a draft the
reviewer sent back shows 已退回 with the reason on hover; the case list writes days
as people write them, with the working days left (overdue in red); the admin's user list names each user's role and agency.
Screenshots: docs/screenshots/report-list-returned.png, case-list.png,
admin-users.png (ZFXXGK_SCREENSHOTS=1)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from .conftest import EXAMPLES
from .test_browser import browser, login, page, shot, shots_dir, site  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow  # drives a real Chromium


def test_reviewer_sees_the_returned_draft_in_the_list(site, page, shot):  # noqa: F811
    from zfxxgk.web.reports import workflow
    from zfxxgk.web.reports.models import Report
    from zfxxgk.web.reports.services import create_report
    from django.contrib.auth.models import User

    for name in ("qinghe-city-2024.txt", "wanghu-street-2023.txt"):
        create_report((EXAMPLES / name).read_bytes(), name, None)
    row = Report.objects.get(source_name="wanghu-street-2023.txt")
    workflow.transition(row, "submit", User.objects.get(username="clerk"))
    row.refresh_from_db()
    workflow.transition(row, "return", User.objects.get(username="reviewer"),
                        reason="表三第5行自然人列与正文不一致，请核对")
    login(page, site, "clerk")
    page.goto(f"{site}/")
    badge = page.locator("span.status.returned")
    assert badge.inner_text() == "已退回"
    assert badge.get_attribute("title").startswith("退回理由：表三第5行自然人列与正文不一致，请核对（reviewer，")
    badge.hover()
    shot("report-list-returned.png")


def test_case_list_days_one_way(site, page, shot, monkeypatch):  # noqa: F811
    from zfxxgk.cases.model import ApplicantType, Case, Channel, Event, EventKind
    from zfxxgk.web.cases import store

    monkeypatch.setattr(store, "today", lambda: date(2026, 3, 11))  # the live server's thread too
    agency = store.agency_for("青禾市云岭区望湖街道办事处", create=True)
    for number, day in (("2026-0001", date(2026, 2, 10)), ("2026-0002", date(2026, 1, 5))):
        store.create_case(Case(number, agency.name, ApplicantType.NATURAL_PERSON, subject="某地块征收批复",
                               events=[Event(EventKind.RECEIVED, day, channel=Channel.IN_PERSON)]),
                          None, agency=agency)
    login(page, site, "clerk")
    page.goto(f"{site}/cases/")
    text = page.locator("table.list").inner_text()
    assert "2026年2月10日" in text and "2026年3月16日" in text
    assert not re.search(r"20\d\d-\d\d-\d\d", text)
    # the working days left as `zfxxgk cases list` says them; overdue in red
    assert "还剩3个工作日" in page.locator("tr", has_text="2026-0001").inner_text()
    late = page.locator("tr", has_text="2026-0002").locator("span.left")
    assert late.inner_text().startswith("已超期")
    assert late.evaluate("e => getComputedStyle(e).color") == "rgb(170, 0, 0)"
    shot("case-list.png")


def test_admin_user_list_has_role_and_agency(site, page, shot):  # noqa: F811
    from django.contrib.auth.models import User

    from zfxxgk.web.accounts.models import Membership
    from zfxxgk.web.reports.models import Agency

    agency = Agency.objects.create(key="望湖街道", name="青禾市云岭区望湖街道办事处")
    Membership.objects.create(user=User.objects.get(username="clerk"), agency=agency)
    Membership.objects.create(user=User.objects.get(username="reviewer"), region="青禾市云岭区")
    admin = User.objects.get(username="admin")
    admin.is_staff = True
    admin.save()
    login(page, site, "admin")
    page.goto(f"{site}/admin/auth/user/")
    heads = page.locator("#result_list thead").inner_text()
    assert "角色" in heads and "所属机关或地区" in heads
    row = page.locator("#result_list tr", has=page.locator("a", has_text=re.compile("^clerk$")))
    assert "录入员" in row.inner_text() and "青禾市云岭区望湖街道办事处" in row.inner_text()
    shot("admin-users.png")


def test_reviewer_filters_sorts_pages_and_finds_the_returned(site, page, shot):  # noqa: F811
    """At 200 reports: 只看有错误的, then a click on 错误 keeps the filter (it showed
    every report again); the list comes in pages of 50 whose links keep filter and
    sort; 状态 已退回 finds the draft sent back to its clerk, whose page links back."""
    from django.contrib.auth.models import User

    from zfxxgk.web.reports import workflow
    from zfxxgk.web.reports.models import Report
    from zfxxgk.web.reports.services import create_report

    from .test_review_lists import many

    many(199)  # 67 with errors, and the example below: 68
    row = create_report((EXAMPLES / "wanghu-street-2023.txt").read_bytes(), "wanghu-street-2023.txt", None)
    workflow.transition(row, "submit", User.objects.get(username="clerk"))
    row.refresh_from_db()
    workflow.transition(row, "return", User.objects.get(username="reviewer"), reason="请核对表三第5行")
    login(page, site, "reviewer")
    page.goto(f"{site}/")
    rows = page.locator("table.list tbody tr")
    assert rows.count() == 50 and "第 1–50 份，共 200 份" in page.locator("nav.pages").first.inner_text()
    page.check("input[name=problems]")
    page.click("button:has-text('筛选')")
    page.wait_for_url("**problems=errors**")
    assert rows.count() == 50 and "共 68 份" in page.locator("main").inner_text()
    page.click("th a:has-text('错误')")
    page.wait_for_url("**sort=-errors**")
    assert "problems=errors" in page.url and "共 68 份" in page.locator("main").inner_text()
    page.locator("nav.pages a[rel=next]").first.click()
    page.wait_for_url("**page=2**")
    assert rows.count() == 18 and "problems=errors" in page.url and "sort=-errors" in page.url
    page.select_option("select[name=status]", "returned")
    page.uncheck("input[name=problems]")
    page.click("button:has-text('筛选')")
    page.wait_for_url("**status=returned**")
    assert rows.count() == 1 and rows.first.locator("span.status.returned").inner_text() == "已退回"
    shot("reports-list-returned-filter.png")
    rows.first.locator("a").first.click()
    page.wait_for_url(f"{site}/reports/{row.pk}")
    assert Report.objects.get(pk=row.pk).status == "draft"


def test_district_reviewer_narrows_the_list_to_its_townships(site, page, shot):  # noqa: F811
    """200 reports of 云岭区's bodies and a neighbour's published ones: the reviewer
    picks 云岭区 with its bodies, then 乡镇街道; sorting and the next page keep both."""
    from django.contrib.auth.models import User

    from zfxxgk.web.accounts.models import Membership
    from zfxxgk.web.reports.models import Agency, Report, Status

    yl = Agency.objects.create(key="yl", name="青禾市云岭区人民政府", region="青禾市云岭区", level="county")
    towns = [Agency.objects.create(key=f"t{i}", name=f"青禾市云岭区第{i}街道办事处", region="青禾市云岭区",
                                   level="township", parent=yl) for i in range(30)]
    depts = [Agency.objects.create(key=f"d{i}", name=f"青禾市云岭区第{i}局", region="青禾市云岭区",
                                   level="department", parent=yl) for i in range(20)]
    sh = Agency.objects.create(key="sh", name="青禾市松湖区人民政府", region="青禾市松湖区", level="county")
    sh_town = Agency.objects.create(key="sh-t", name="青禾市松湖区东湖街道办事处", region="青禾市松湖区",
                                    level="township", parent=sh)
    bodies = towns * 4 + depts * 4  # 120 township and 80 department reports
    Report.objects.bulk_create(Report(title=f"{a.name}2023年报告", year=2023, data={}, agency=a,
                                      errors=i % 3 == 0, warnings=1, source_name=f"{i}.txt")
                               for i, a in enumerate(bodies))
    Report.objects.create(title="东湖街道2023年报告", year=2023, data={}, agency=sh_town, status=Status.PUBLISHED)
    Membership.objects.create(user=User.objects.get(username="reviewer"), region="青禾市云岭区")
    login(page, site, "reviewer")
    page.goto(f"{site}/")
    assert "共 201 份" in page.locator("main").inner_text()
    options = page.locator("select[name=agency] option").all_inner_texts()
    assert "青禾市云岭区人民政府" in options and not any("松湖" in o for o in options)
    page.select_option("select[name=agency]", str(yl.pk))
    page.check("input[name=subtree]")
    page.select_option("select[name=level]", "township")
    page.click("button:has-text('筛选')")
    page.wait_for_url("**level=township**")
    assert "共 120 份" in page.locator("main").inner_text()
    shot("reports-list-agency-level.png")
    page.click("th a:has-text('错误')")
    page.wait_for_url("**sort=-errors**")
    page.locator("nav.pages a[rel=next]").first.click()
    page.wait_for_url("**page=2**")
    assert all(f in page.url for f in (f"agency={yl.pk}", "subtree=1", "level=township"))
    rows = page.locator("table.list tbody tr")
    assert rows.count() == 50 and "共 120 份" in page.locator("main").inner_text()
    assert page.locator("input[name=subtree]").is_checked()
    assert page.locator("select[name=level]").input_value() == "township"
    assert all("街道" in t for t in rows.locator("td:first-child").all_inner_texts())
