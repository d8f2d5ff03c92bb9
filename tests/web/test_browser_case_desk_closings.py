"""Browser walks of the case desk's closings and links: a request whose applicant
never sent the 补正 is closed on its page and its 视为放弃申请告知书 downloaded; the
compile preview lists it under （六）1."""

from __future__ import annotations

from datetime import date

import pytest

from .test_browser import browser, login, page, shot, site  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow  # drives a real Chromium

AGENCY = "青禾市人民政府"


def _awaiting_correction(number: str) -> int:
    from zfxxgk.cases.model import ApplicantType, Case, Channel, Event, EventKind
    from zfxxgk.cases.personal import Applicant
    from zfxxgk.web.cases import store

    agency = store.agency_for(AGENCY, create=True)
    case = Case(number, AGENCY, ApplicantType.NATURAL_PERSON, subject="某路段拓宽工程的立项批复",
                applicant=store.cipher().seal(Applicant("张三", id_number="110101199003071234")),
                events=[Event(EventKind.RECEIVED, date(2025, 9, 26), channel=Channel.IN_PERSON),
                        Event(EventKind.CORRECTION_REQUESTED, date(2025, 9, 29), days=10)])
    return store.create_case(case, None, agency=agency).pk


def test_a_lapsed_correction_closes_with_its_letter(site, page, tmp_path):  # noqa: F811
    from .test_cases_pages import docx_text

    page.set_default_timeout(40000)
    pk = _awaiting_correction("2025-0201")
    login(page, site, "clerk")
    page.goto(f"{site}/cases/{pk}")
    assert page.locator("a.download", has_text="视为放弃申请告知书").count() == 0
    page.click("#action-correction_expired summary")
    page.fill("#action-correction_expired input[name=on]", "2025-10-20")  # its last day
    page.click("#action-correction_expired button[type=submit]")
    page.wait_for_selector("text=补正期限2025年10月20日尚未届满")
    page.fill("#action-correction_expired input[name=on]", "2025-10-21")
    page.click("#action-correction_expired button[type=submit]")
    page.wait_for_selector("text=已记录：逾期未补正")
    assert "已办结" in page.locator("h1 .status").inner_text()
    with page.expect_download() as info:
        page.click("a.download:has-text('视为放弃申请告知书')")
    path = tmp_path / "closing.docx"
    info.value.save_as(path)
    text = docx_text(path.read_bytes())
    assert "视为放弃申请告知书（逾期未补正）" in text and "补正期限至2025年10月20日" in text
    page.goto(f"{site}/compile?agency={AGENCY}&year=2025&unit=application")
    row = page.locator("tr[data-row='other.no_correction']")
    assert "2025-0201" in row.inner_text()


def test_a_reconsideration_names_its_application_and_each_page_leads_to_the_other(site, page):  # noqa: F811
    """涉及申请 was a line of text: now the entry links the application and the
    application's page lists the reconsideration."""
    page.set_default_timeout(40000)
    _awaiting_correction("2025-0301")
    login(page, site, "clerk")
    page.goto(f"{site}/registers/?agency={AGENCY}")
    form = page.locator("form[method=post]", has=page.locator("input[name=number]"))
    form.locator("input[name=agency]").fill(AGENCY)
    form.locator("input[name=number]").fill("青复〔2025〕31号")
    form.locator("input[name=received_on]").fill("2025-11-03")
    form.locator("input[name=cases]").fill("2025-0399")  # a slip: no such application
    form.locator("button[type=submit]").click()
    page.wait_for_selector(f"text={AGENCY}没有编号为2025-0399的申请")
    assert form.locator("input[name=cases]").input_value() == "2025-0399"  # kept to correct
    form.locator("input[name=cases]").fill("2025-0301")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("text=已登记行政复议青复〔2025〕31号")
    page.locator("table.list a", has_text="2025-0301").click()
    page.wait_for_url(f"{site}/cases/*")
    entry = page.locator("#litigation a", has_text="青复〔2025〕31号")
    assert "行政复议" in entry.inner_text() and "尚未审结" in page.locator("#litigation").inner_text()
    entry.click()
    page.wait_for_url(f"{site}/registers/litigation/*")
    assert "2025-0301（某路段拓宽工程的立项批复）" in page.locator("#linked-cases").inner_text()
    assert page.locator("input[name=cases]").input_value() == "2025-0301"


def test_the_compiled_draft_says_how_many_answers_were_late(site, page):  # noqa: F811
    """The clerk compiles the year: part 一 counts the answers within their answer
    deadline and those after it (was a placeholder to fill by hand)."""
    from zfxxgk.cases.model import ApplicantType, Case, Channel, Event, EventKind, Outcome
    from zfxxgk.web.cases import store

    page.set_default_timeout(40000)
    agency = store.agency_for(AGENCY, create=True)
    for number, answered in (("2025-0401", date(2025, 7, 1)), ("2025-0402", date(2025, 7, 2))):
        store.create_case(Case(number, AGENCY, ApplicantType.NATURAL_PERSON, subject="某项目批复", events=[
            Event(EventKind.RECEIVED, date(2025, 6, 3), channel=Channel.IN_PERSON),
            Event(EventKind.ANSWERED, answered, outcome=Outcome.GRANTED)]), None, agency=agency)
    login(page, site, "clerk")
    page.goto(f"{site}/compile?agency={AGENCY}&year=2025&unit=application")
    page.click("button:has-text('编制为报告草稿')")
    page.wait_for_url(f"{site}/reports/*")
    page.wait_for_selector("text=本年度作出答复的申请共2份")
    assert "其中在答复期限内答复1份，超过答复期限答复1份" in page.content()
