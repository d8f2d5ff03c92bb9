"""Browser test of the request workflow: a 录入员 registers an application, sees its
deadline and how it was counted, requests an extension that the named 审核员 approves, answers it
and downloads the 答复书; the work list shows cases as of a chosen day. Screenshots
of the case page and the work list (docs/screenshots/ with ZFXXGK_SCREENSHOTS=1)."""

from __future__ import annotations

from datetime import date

import pytest

from .test_browser import browser, login, page, shot, shots_dir, site  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow  # drives a real Chromium

ID_NUMBER = "110101199003071234"


def _seed_work_list() -> None:
    """A few more cases so that each work list has something to show."""
    from zfxxgk.cases.model import ApplicantType, Case, Channel, Event, EventKind
    from zfxxgk.cases.personal import Applicant
    from zfxxgk.web.cases import store

    agency = store.agency_for("青禾市人民政府", create=True)

    def add(number, received, subject, *more, channel=Channel.IN_PERSON):
        case = Case(number, agency.name, ApplicantType.COMMERCIAL,
                    applicant=store.cipher().seal(Applicant("某某科技有限公司", phone="02112345678")),
                    subject=subject,
                    events=[Event(EventKind.RECEIVED, received, channel=channel), *more])
        store.create_case(case, None, agency=agency)

    add("2025-0102", date(2025, 9, 1), "2024年度道路养护资金使用情况")
    add("2025-0103", date(2025, 9, 24), "某小区规划许可证")
    add("2025-0104", date(2025, 10, 9), "某河道整治工程环评批复",
        Event(EventKind.CORRECTION_REQUESTED, date(2025, 10, 10), days=5))
    add("2025-0105", date(2025, 10, 20), "政府采购合同", channel=Channel.ONLINE)


def test_case_from_intake_to_answer(site, page, shot, tmp_path):  # noqa: F811
    from zfxxgk.cases.calendar import WorkdayCalendar
    from zfxxgk.cases.deadlines import answer_deadline
    from .test_cases_pages import docx_text
    from zfxxgk.web.cases.models import CaseRecord

    page.set_default_timeout(40000)  # the machine running the suite may be busy
    login(page, site, "clerk")
    page.click("header nav >> text=依申请公开")
    page.click("text=登记新申请")
    page.locator("#preview .deadline").first.wait_for()  # today's preview, on load
    page.fill("input[name=agency]", "青禾市人民政府")
    page.fill("input[name=number]", "2025-0101")
    page.fill("input[name=name]", "张三")
    page.fill("input[name=id_number]", ID_NUMBER)
    page.fill("input[name=phone]", "13812345678")
    page.fill("textarea[name=subject]", "某路段拓宽工程的立项批复")
    page.select_option("select[name=channel]", "in_person")
    page.fill("input[name=arrived_on]", "2025-09-26")
    page.locator("input[name=arrived_on]").dispatch_event("change")
    # the deadline is shown before saving (htmx), as it will be stored
    page.locator("#preview .deadline[data-kind=answer] .due",
                 has_text="2025年10月30日（星期四）").wait_for()
    page.click("button:has-text('登记')")
    page.wait_for_url(f"{site}/cases/*")

    # The deadline and how it was counted: National Day skipped, make-up Saturdays counted.
    expected = answer_deadline(WorkdayCalendar.bundled(), date(2025, 9, 26)).answer
    answer = page.locator(".deadline[data-kind=answer]")
    assert "2025年10月30日（星期四）" in answer.locator(".due").inner_text()
    assert expected.explanation in answer.inner_text()
    assert "国庆节" in answer.inner_text() and "调休上班日2天" in answer.inner_text()
    assert answer.locator(".provisional").count() == 0
    assert ID_NUMBER not in page.content() and "1101**********1234" in page.content()

    # Extension, approved by the 审核员.
    page.click("#action-extended summary")
    page.fill("#action-extended input[name=on]", "2025-10-20")
    page.select_option("#action-extended select[name=approver]", "reviewer")
    page.fill("#action-extended input[name=notice_on]", "2025-10-20")
    page.click("#action-extended button[type=submit]")
    page.wait_for_selector("text=已提交延期答复申请")
    case_url = page.url
    # pending: the deadline is unchanged until the 审核员 approves
    assert expected.explanation in page.locator(".deadline[data-kind=answer]").inner_text()
    page.context.clear_cookies()  # log out: the login page sends a signed-in user on
    login(page, site, "reviewer")
    page.goto(f"{site}/cases/work")
    assert "申请延期答复20个工作日" in page.locator("#approvals + ul").inner_text()
    page.click("#approvals + ul >> text=审批")
    with page.expect_response(lambda r: "/decide" in r.url and r.request.method == "POST") as resp:
        page.click("li[id^=approval-] button:has-text('批准')")
    assert resp.value.status == 302
    page.wait_for_selector("text=已批准延期答复")
    shot("case-approvals.png")
    page.context.clear_cookies()
    login(page, site, "clerk")
    page.goto(case_url)
    extended = answer_deadline(WorkdayCalendar.bundled(), date(2025, 9, 26), extension=20).answer
    assert extended.explanation in page.locator(".deadline[data-kind=answer]").inner_text()

    # The answer closes the case; its letter is a DOCX with the masked id.
    page.click("#action-answered summary")
    page.fill("#action-answered input[name=on]", "2025-11-10")
    page.select_option("#action-answered select[name=outcome]", "granted")
    page.click("#action-answered button[type=submit]")
    page.wait_for_selector("text=已记录：作出答复")
    assert page.locator("#outcome").inner_text() == "予以公开"
    assert "已办结" in page.locator("h1 .status").inner_text()
    shot("case-page.png")
    with page.expect_download() as info:
        page.click("a.download:has-text('答复书')")
    path = tmp_path / "answer.docx"
    info.value.save_as(path)
    text = docx_text(path.read_bytes())
    assert "张三" in text and "1101**********1234" in text and ID_NUMBER not in text
    assert "予以公开" in text
    record = CaseRecord.objects.get(number="2025-0101")
    assert (record.status, record.outcome, record.closed_on) == ("closed", "granted", date(2025, 11, 10))
    assert record.due_on == extended.due and record.calendar_version == extended.calendar_version


def test_work_list_and_reader(site, page, shot):  # noqa: F811
    _seed_work_list()
    login(page, site, "reader")
    page.goto(f"{site}/cases/work?today=2025-10-24")
    assert "2025-0102" in page.locator("#overdue + table").inner_text()
    assert "2025-0103" in page.locator("#due-soon + table").inner_text()
    assert "2025-0104" in page.locator("#waiting + table").inner_text()
    assert "2025-0105" in page.content()
    shot("case-work-list.png")
    # a reader sees no intake, no actions, no reveal
    page.goto(f"{site}/cases/")
    assert page.locator("text=登记新申请").count() == 0
    page.click("text=2025-0103")
    assert page.locator("details.action").count() == 0
    assert page.locator("text=查看原文").count() == 0


def test_provisional_deadline_marked(site, page):  # noqa: F811
    year = 2030  # no holiday notice bundled for it: the law's holidays assumed, marked 暂定
    login(page, site, "clerk")
    page.goto(f"{site}/cases/new")
    page.fill("input[name=agency]", "青禾市人民政府")
    page.fill("input[name=number]", f"{year}-0001")
    page.fill("input[name=name]", "李四")
    page.fill("textarea[name=subject]", "某项目批复")
    page.fill("input[name=arrived_on]", f"{year}-01-04")
    page.click("button:has-text('登记')")
    page.wait_for_url(f"{site}/cases/*")
    answer = page.locator(".deadline[data-kind=answer]")
    assert answer.locator(".provisional").inner_text() == "暂定"
    assert "【暂定】" in answer.inner_text()
    version = answer.locator(".version")  # said in words; the version kept in the markup
    assert version.get_attribute("data-calendar-version") == f"{year}:law2025"
    assert f"{year}年的节假日安排尚未录入" in version.inner_text()
    assert "期限暂定" in page.locator("h1").inner_text()


def test_compile_preview_fits_the_window_and_leads_to_cases(site, page, shot):  # noqa: F811
    """The clerk's compile preview: no sideways scrolling (the footer printed the JSON
    address percent-encoded, one 220-character word wider than the window), and a
    figure of table 三 leads to the cases counted in it."""
    from zfxxgk.cases.model import ApplicantType, Case, Channel, Event, EventKind, Outcome
    from zfxxgk.web.cases import store

    name = "青禾市云岭区望湖街道办事处"
    agency = store.agency_for(name, create=True)
    store.create_case(Case("2025-0007", name, ApplicantType.RESEARCH, subject="老旧小区改造项目清单", events=[
        Event(EventKind.RECEIVED, date(2025, 7, 6), channel=Channel.IN_PERSON),
        Event(EventKind.ANSWERED, date(2025, 7, 20), outcome=Outcome.GRANTED)]), None, agency=agency)
    # an online application not yet confirmed: received on no day, so in no year's table
    store.create_case(Case("2025-0008", name, ApplicantType.NATURAL_PERSON, subject="扬尘处罚决定", events=[
        Event(EventKind.RECEIVED, date(2025, 12, 4), channel=Channel.ONLINE)]), None, agency=agency)
    login(page, site, "clerk")
    page.set_viewport_size({"width": 1024, "height": 800})
    page.goto(f"{site}/compile?agency={name}&year=2025&unit=application")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert f"agency={name}&year=2025" in page.locator("footer").inner_text()
    # the clerk's register has one more than the preview counts: the page says which, and why
    assert "表三计入的申请\t1件" in page.locator("table.list").first.inner_text()
    missing = page.locator("#not-received")
    assert "2025-0008（待确认收到）" in missing.inner_text() and "第三十一条" in missing.inner_text()
    shot("compile-trace.png")
    page.locator("tr[data-row=granted] a", has_text="2025-0007").click()
    page.wait_for_url(f"{site}/cases/*")
    assert "老旧小区改造项目清单" in page.content()


def test_the_list_exports_the_ledger_as_filtered(site, page, tmp_path):  # noqa: F811
    """The clerk filters the list by year and takes the 台账 away as Excel (there was
    an import but no export: the office's register was typed again from the pages)."""
    import openpyxl

    _seed_work_list()
    login(page, site, "clerk")
    page.goto(f"{site}/cases/")
    page.fill("input[name=q]", "规划")
    page.click("button:has-text('筛选')")
    page.wait_for_url("**q=*")
    with page.expect_download() as info:
        page.click("a:has-text('导出台账（Excel）')")
    assert info.value.suggested_filename == "政府信息公开申请台账.xlsx"
    path = tmp_path / "台账.xlsx"
    info.value.save_as(path)
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("申请编号", "机关", "收到申请日期")
    assert [r[0] for r in rows[1:]] == ["2025-0103"] and rows[1][6] == "某小区规划许可证"


NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
国办发明电〔2026〕9号
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至13日（农历正月初八、周六）放假调休，共9天。2月14日（周日）上班。
三、清明节：4月3日（周六）至5日（周一）放假，共3天。
四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。
五、端午节：6月9日（周三）放假，共1天。
六、中秋节：9月15日（周三）放假，共1天。
七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
"""


def test_the_administrator_pastes_the_notice_as_published(site, page):  # noqa: F811
    """Walk-through: the calendar page took only a year file typed as TOML. The notice
    as published is pasted; a year stored without some law holidays is pointed out."""
    from zfxxgk.web.cases.models import CalendarYear

    CalendarYear.objects.create(year=2028, version="x", source="测试", data=(
        'year = 2028\nsource = "测试"\n[[festival]]\nname = "元旦"\nfrom = 2028-01-01\nto = 2028-01-03\n'))
    login(page, site, "admin")
    page.goto(f"{site}/calendar/")
    assert "缺少法定节假日：春节（" in page.locator(".error[data-year='2028']").inner_text()
    page.fill("textarea[name=text]", NOTICE_2027)
    page.click("button:has-text('录入并重新计算期限')")
    page.wait_for_selector("text=已录入2027年节假日安排")
    row = page.locator("table.list tr", has_text="国办发明电〔2026〕9号")
    assert "春节 2027-02-05至2027-02-13（调休上班 2027-02-14）" in row.inner_text()
    assert "管理员录入" in row.inner_text() and row.locator(".error").count() == 0
    stored = CalendarYear.objects.get(year=2027)
    assert stored.source == "国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕9号）"
