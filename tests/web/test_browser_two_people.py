"""Browser tests of two people at once (issue 14): two clerks edit the same draft in
two pages, and the second save is refused showing what the first one changed; a
clerk requests a 延期答复 and the named 审核员, in a browser of their own, approves
it from the work list; the deadline moves and 操作记录 holds both steps.

Each waits on the responses the pages send (expect_response, URLs), never on time."""

from __future__ import annotations

import re
from datetime import date

import pytest

from .conftest import EXAMPLES, PASSWORD
from .test_browser import browser, login, site  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow  # drives a real Chromium

CELL = "applications.received.natural_person"


@pytest.fixture
def pages(browser):  # noqa: F811
    """pages() -> a new page in a browser context of its own (its own cookies)."""
    contexts = []

    def new():
        context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(40000)  # the machine running the suite may be busy
        return page
    yield new
    for context in contexts:
        context.close()


def _clerk(name: str) -> None:
    from django.contrib.auth.models import Group, User

    User.objects.create_user(name, password=PASSWORD).groups.add(Group.objects.get(name="录入员"))


def _open_editor(page, site: str, pk: int) -> None:  # noqa: F811
    page.goto(f"{site}/reports/{pk}/edit")
    page.wait_for_function("() => window.htmx !== undefined")


def _type(page, pk: int, code: str, value: str) -> None:
    """Fill a cell and wait for the live check the page sends for it."""
    with page.expect_response(lambda r: r.url.endswith(f"/reports/{pk}/edit/check")
                              and r.request.method == "POST") as checked:
        page.fill(f'input[name="cell:{code}"]', value)
    assert checked.value.ok


def _save(page, pk: int) -> int:
    with page.expect_response(lambda r: r.url.endswith(f"/reports/{pk}/edit")
                              and r.request.method == "POST") as saved:
        page.click("button[name=then][value=save]")
    page.wait_for_load_state("load")
    return saved.value.status


def test_conflicting_edit_in_two_pages(site, pages):  # noqa: F811
    from zfxxgk.web.reports.models import Report
    from zfxxgk.web.reports.services import create_report

    row = create_report((EXAMPLES / "wanghu-street-2023.txt").read_bytes(), "wanghu-street-2023.txt",
                        None)
    before = row.data["applications"]["received"]["natural_person"]
    _clerk("clerk2")
    first, second = pages(), pages()
    login(first, site, "clerk")
    login(second, site, "clerk2")
    _open_editor(first, site, row.pk)
    _open_editor(second, site, row.pk)
    version = first.locator("input[name=version]").input_value()
    assert second.locator("input[name=version]").input_value() == version

    _type(first, row.pk, CELL, "41")
    assert _save(first, row.pk) == 302
    first.wait_for_url(f"{site}/reports/{row.pk}")
    assert "已保存 1 个单元格" in first.content()

    _type(second, row.pk, CELL, "39")
    _type(second, row.pk, "applications.received.commercial", "5")
    assert _save(second, row.pk) == 412
    conflict = second.locator("#conflict")
    text = conflict.inner_text()
    assert second.locator("p.error").count() == 1  # said once, not in every part of the form
    assert "已被他人修改" in second.locator("p.error").inner_text()
    assert "其他人做了这些修改" in text and "clerk" in text
    assert CELL in text and f"{before} → 41" in text  # what the first clerk changed
    mine = conflict.locator("table").inner_text()  # what the second one typed, kept visible
    assert "39" in mine and "5" in mine
    # the form now carries the current version and the current figures
    assert second.locator("input[name=version]").input_value() not in ("", version)
    assert second.locator(f'input[name="cell:{CELL}"]').input_value() == "41"
    assert Report.objects.get(pk=row.pk).data["applications"]["received"]["natural_person"] == 41

    _type(second, row.pk, CELL, "39")  # retyped after reading what changed
    assert _save(second, row.pk) == 302
    second.wait_for_url(f"{site}/reports/{row.pk}")
    assert Report.objects.get(pk=row.pk).data["applications"]["received"]["natural_person"] == 39


def _case() -> int:
    from zfxxgk.cases.model import ApplicantType, Case, Channel, Event, EventKind
    from zfxxgk.cases.personal import Applicant
    from zfxxgk.web.cases import store

    agency = store.agency_for("青禾市人民政府", create=True)
    case = Case("2025-0201", agency.name, ApplicantType.NATURAL_PERSON,
                applicant=store.cipher().seal(Applicant("李四", phone="13812345678")),
                subject="某路段拓宽工程的立项批复",
                events=[Event(EventKind.RECEIVED, date(2025, 9, 26), channel=Channel.IN_PERSON)])
    return store.create_case(case, None, agency=agency).pk


def test_two_step_extension_in_two_browsers(site, pages):  # noqa: F811
    from zfxxgk.cases.calendar import WorkdayCalendar
    from zfxxgk.cases.deadlines import answer_deadline
    from zfxxgk.web.cases.models import ApprovalRequest, CaseRecord

    pk = _case()
    base = answer_deadline(WorkdayCalendar.bundled(), date(2025, 9, 26)).answer
    longer = answer_deadline(WorkdayCalendar.bundled(), date(2025, 9, 26), extension=20).answer
    clerk, reviewer = pages(), pages()
    login(clerk, site, "clerk")
    login(reviewer, site, "reviewer")

    clerk.goto(f"{site}/cases/{pk}")
    clerk.click("#action-extended summary")
    clerk.fill("#action-extended input[name=on]", "2025-10-20")
    clerk.select_option("#action-extended select[name=approver]", "reviewer")
    clerk.fill("#action-extended input[name=notice_on]", "2025-10-20")
    with clerk.expect_response(lambda r: r.url.endswith(f"/cases/{pk}/extension-request")) as sent:
        clerk.click("#action-extended button[type=submit]")
    assert sent.value.status == 302
    clerk.wait_for_selector("text=已提交延期答复申请")
    assert base.explanation in clerk.locator(".deadline[data-kind=answer]").inner_text()
    assert CaseRecord.objects.get(pk=pk).due_on == base.due

    reviewer.goto(f"{site}/cases/work")
    assert "待我审批（1）" in reviewer.locator("#approvals").inner_text()
    assert "申请延期答复20个工作日" in reviewer.locator("#approvals + ul").inner_text()
    reviewer.click("#approvals + ul >> text=审批")
    reviewer.wait_for_url(re.compile(r"/cases/approvals#approval-\d+$"))
    with reviewer.expect_response(lambda r: "/decide" in r.url and r.request.method == "POST") as d:
        reviewer.click("li[id^=approval-] button:has-text('批准')")
    assert d.value.status == 302
    reviewer.wait_for_selector("text=已批准延期答复")
    assert ApprovalRequest.objects.get().status == "approved"

    clerk.reload()
    answer = clerk.locator(".deadline[data-kind=answer]").inner_text()
    assert longer.explanation in answer and "延长答复期限20个工作日" in answer
    assert CaseRecord.objects.get(pk=pk).due_on == longer.due

    reviewer.goto(f"{site}/audit/")
    rows = reviewer.locator("table.list tbody tr")
    log = [rows.nth(i).inner_text() for i in range(rows.count())]
    requested = [r for r in log if "申请延期答复20个工作日，待" in r and "clerk" in r]
    approved = [r for r in log if "延期答复申请已批准" in r and "reviewer" in r]
    assert len(requested) == 1 and len(approved) == 1, log
    assert log.index(approved[0]) < log.index(requested[0])  # newest first
