"""Browser test of the 台账 import: a 录入员 uploads a register with one wrong row,
sees it named and no import button, fixes a mapping, uploads the corrected file and
imports it; the cases then compile into a draft report. Screenshot of the preview
with its wrong row (docs/screenshots/ledger-import.png with ZFXXGK_SCREENSHOTS=1)."""

from __future__ import annotations

import pytest
from cases.ledger_books import AGENCY, ROWS, register

from .test_browser import browser, login, page, shot, shots_dir, site  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow  # drives a real Chromium


def test_import_register_then_compile(site, page, shot, tmp_path):  # noqa: F811
    from zfxxgk.web.cases.models import CaseRecord
    from zfxxgk.web.reports.models import Report

    bad_rows = list(ROWS)
    bad_rows[2] = ("QH-2025-003", "李四", "学生", "当面", "2025-05-06", "征收补偿方案", None, None)
    bad, good = tmp_path / "台账-有误.xlsx", tmp_path / "台账.xlsx"
    bad.write_bytes(register(bad_rows))
    good.write_bytes(register())

    login(page, site, "clerk")
    page.click("header nav >> text=登记与编制")
    page.click("main >> text=导入台账")
    page.fill("input[name=agency]", AGENCY)
    page.set_input_files("input[name=file]", str(bad))
    page.click("main button:has-text('预览')")
    page.wait_for_selector("text=有错误的行（1行")
    assert "第7行（QH-2025-003）：申请人类型“学生”无法对应表三的申请人栏目" in page.content()
    assert page.locator("button[value=import]").count() == 0
    assert page.locator("tr.flag-error").count() == 1
    shot("ledger-import.png")

    # a mapping changed by hand is kept in the next preview
    page.select_option("select[name='map:subject']", "")
    page.click("button[value=preview]")
    page.wait_for_selector("text=有错误的行（1行")
    assert page.locator("select[name='map:subject']").input_value() == ""

    page.goto(f"{site}/cases/import")
    page.fill("input[name=agency]", AGENCY)
    page.set_input_files("input[name=file]", str(good))
    page.click("main button:has-text('预览')")
    page.wait_for_selector("button[value=import]")
    page.click("button[value=import]")
    page.wait_for_selector("text=新增5件")
    assert CaseRecord.objects.filter(agency__name=AGENCY).count() == 5

    page.click("main nav >> text=编制年度报告")
    page.fill("input[name=agency]", AGENCY)
    page.fill("input[name=year]", "2025")
    page.click("main button:has-text('预览')")
    page.wait_for_selector("text=统计口径：一份申请按一件统计")
    assert page.locator("tr:has(th:text-is('本年新收')) td").inner_text() == "5"
    assert page.locator("tr[data-row=received] td").first.inner_text() == "5"  # and its five cases
    page.click("button:has-text('编制为报告草稿')")
    page.wait_for_url(f"{site}/reports/*")
    report = Report.objects.get()
    assert report.status == "draft" and report.data["applications"]["received"]["total"] == 5
