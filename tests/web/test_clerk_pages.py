"""The clerk's pages without surprises: an unchanged save logs nothing, the audit log
reads as Chinese sentences, 发布 and 退回 ask first, the intake form is prefilled
with the clerk's own agency and no Python repr."""

from __future__ import annotations

import re

import pytest

from zfxxgk.web.audit.models import AuditEntry
from zfxxgk.web.reports.models import Report, Status

from .conftest import current, step

pytestmark = pytest.mark.django_db

REPR = re.compile(r"dict_items|dict_keys|\{'|': |\bNone\b|\bTrue\b|\bFalse\b|<[A-Za-z]+ object at")


@pytest.fixture
def row(stored):
    return stored("qinghe-city-2024.txt")


def test_saving_an_unchanged_form_logs_nothing(login, row):
    c = login("clerk")
    sections = row.data.get("sections") or {}
    form = {f"section:{k}": sections.get(k, "") for k in "123456"}  # blank parts sent as ""
    r = c.post(f"/reports/{row.pk}/edit", {"version": current(row.pk), **form, "then": "save"})
    assert r.status_code == 302
    assert not AuditEntry.objects.filter(action__in=["修改正文", "修改单元格"]).exists()


def test_audit_log_reads_as_sentences(login, row):
    step(login("clerk"), row.pk, "submit")  # one client, logged in by turns
    step(login("reviewer"), row.pk, "publish")
    assert Report.objects.get(pk=row.pk).status == Status.PUBLISHED
    page = login("admin").get("/audit/").content.decode()
    assert "状态：审核 → 发布" in page and "问题：错误" in page
    body = page[page.index("<table"):page.index("</table>")]
    assert not REPR.search(body), REPR.search(body)
    assert "report" not in body  # the object named in Chinese: 报告


def test_publish_and_return_ask_first(login, row):
    step(login("clerk"), row.pk, "submit")
    page = login("reviewer").get(f"/reports/{row.pk}").content.decode()
    for label, words in (("发布", "不能再修改"), ("退回修改", "回到“录入”状态")):
        block = re.search(rf'<details class="confirm inline"><summary class="button">{label}</summary>'
                          rf'(.*?)</details>', page, re.S)
        assert block and words in block.group(1) and f"确定{label}</button>" in block.group(1)


def test_intake_form_prefilled_with_own_agency_and_no_repr(login, users):
    from zfxxgk.web.accounts.models import Membership
    from zfxxgk.web.reports.models import Agency

    agency = Agency.objects.create(key="望湖街道", name="青禾市云岭区望湖街道办事处")
    Agency.objects.create(key="别的", name="别的城市人民政府")
    Membership.objects.update_or_create(user=users["clerk"], defaults={"agency": agency})
    page = login("clerk").get("/cases/new").content.decode()
    assert 'name="agency" list="agency-names" required value="青禾市云岭区望湖街道办事处"' in page
    assert "dict_items" not in page
    assert re.search(r'<textarea name="items" rows="3"></textarea>', page)


def test_findings_on_a_word_file_name_the_forms_table_row_and_column(login):
    import io

    from zfxxgk import api
    from zfxxgk.render import render

    from .test_draft_upload import draft_with_one_mistake

    report = api.parse_bytes(draft_with_one_mistake(), source="草稿.yaml")
    f = io.BytesIO(render(report, "docx"))
    f.name = "望湖街道2025年报.docx"
    c = login("clerk")
    r = c.post("/reports/new", {"file": f})
    assert r.status_code == 302, r.content.decode()[:300]
    page = c.get(r["Location"]).content.decode()
    assert "表三 第24行 自然人" in page  # （七）总计 of the printed form, not a line of text


@pytest.mark.parametrize("path", ["/compile", "/cases/import", "/registers/active", "/registers/"])
def test_every_form_asking_for_the_agency_has_the_clerks_own(login, users, path):
    """The compile page's 机关 box was empty and required: 预览 did nothing (the browser
    refused the form without a word) until the clerk typed the office's full name."""
    from zfxxgk.web.accounts.models import Membership
    from zfxxgk.web.reports.models import Agency

    agency = Agency.objects.create(key="望湖街道", name="青禾市云岭区望湖街道办事处")
    Agency.objects.create(key="别的", name="别的城市人民政府")
    Membership.objects.update_or_create(user=users["clerk"], defaults={"agency": agency})
    page = login("clerk").get(path).content.decode()
    assert re.search(r'<input name="agency" list="agency-names" value="青禾市云岭区望湖街道办事处" required>',
                     page), path


def test_a_report_sent_back_tells_its_clerk_why(login, row):
    """退回修改 had no place for the reason: the clerk found the report 录入 again and
    could not read the audit log to learn what to fix."""
    step(login("clerk"), row.pk, "submit")
    page = login("reviewer").get(f"/reports/{row.pk}").content.decode()
    assert '<textarea name="reason" rows="3" maxlength="300"></textarea>' in page
    r = step(login("reviewer"), row.pk, "return", reason="表三第5行自然人列与正文不一致，请核对。")
    assert r.status_code == 302 and Report.objects.get(pk=row.pk).status == Status.DRAFT
    page = login("clerk").get(f"/reports/{row.pk}").content.decode()
    assert re.search(r"<strong>审核退回</strong>（reviewer，\d{4}年\d{1,2}月\d{1,2}日 [0-9:]+）：表三第5行自然人列与正文不一致，请核对。",
                     page)
    audit_page = login("admin").get("/audit/").content.decode()
    assert "退回理由：（空） → 表三第5行自然人列与正文不一致，请核对。" in audit_page, audit_page[-3000:]
    step(login("clerk"), row.pk, "submit")  # sent again: the old reason is done with
    assert "审核退回" not in login("reviewer").get(f"/reports/{row.pk}").content.decode()


def test_the_report_list_shows_a_returned_draft_and_why(login, row):
    """A draft the reviewer sent back showed only as 录入 in the list, like one never
    submitted: the list says 已退回, the reason on hover, and the JSON twin carries it."""
    step(login("clerk"), row.pk, "submit")
    step(login("reviewer"), row.pk, "return", reason="表三第5行自然人列与正文不一致")
    for who in ("clerk", "reviewer"):
        page = login(who).get("/").content.decode()
        assert re.search(r'<span class="status returned" title="退回理由：表三第5行自然人列与正文不一致'
                         r'（reviewer，\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d）">已退回</span>', page), who
    listed = login("clerk").get("/api/reports").json()
    (mine,) = [r for r in listed["reports"] if r["id"] == row.pk]
    assert mine["status"] == "draft" and mine["returned"]["reason"] == "表三第5行自然人列与正文不一致"
    step(login("clerk"), row.pk, "submit")  # sent again: 审核, no longer 已退回
    page = login("reviewer").get("/").content.decode()
    assert "status returned" not in page and '<span class="status review">审核</span>' in page
