"""A district reviewer's lists at 200 reports (the walk-through of December 2026):
the report list and a batch's table come in pages of 50 whose links keep the
filters; a sortable head keeps them too (after 只看有错误的, a click on 错误 showed
all 195 again); 状态 已退回 finds the drafts sent back to their clerks; the lists
leave the reports' large columns unread; a report names its batch; the CSV
downloads open in Excel (a byte order mark) with Chinese readable."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import step

pytestmark = pytest.mark.django_db


def many(n: int, batch=None, **fields) -> list:
    """n bare filed reports (the list reads only their summary), every third with errors."""
    from zfxxgk.web.reports.models import Report

    return Report.objects.bulk_create(
        Report(title=f"青禾市云岭区第{i:03d}号单位2023年政府信息公开工作年度报告", year=2023, data={},
               errors=2 if i % 3 == 0 else 0, source_name=f"{i:03d}.txt", batch=batch, **fields)
        for i in range(n))


def rows(html: str) -> int:
    return len(re.findall(r'<tr>\s*<td><a href="/reports/\d+">', html))


def head_link(html: str, label: str) -> str:
    return re.search(rf'<th><a href="([^"]*)">{label}</a></th>', html).group(1).replace("&amp;", "&")


def test_report_list_in_pages_of_50_keeping_filters(login):
    many(120)
    c = login("reviewer")
    html = c.get("/").content.decode()
    assert rows(html) == 50 and "第 1–50 份，共 120 份" in html and "第 1 / 3 页" in html
    html = c.get("/?problems=errors&sort=-errors").content.decode()
    assert "共 40 份。" in html and rows(html) == 40 and 'rel="next"' not in html  # one page
    html = c.get("/?sort=title&page=2").content.decode()
    assert rows(html) == 50 and "第 51–100 份，共 120 份" in html
    assert 'href="?sort=title&amp;page=3" rel="next"' in html and 'href="?sort=title&amp;page=1" rel="prev"' in html
    assert "第037号" not in html and "第050号" in html  # the second page of the sort
    assert rows(c.get("/?page=99").content.decode()) == 20  # past the end: the last page
    # the JSON twin: pages of 500, the same filter
    body = c.get("/api/reports?problems=errors").json()
    assert body["count"] == 40 and body["page"]["pages"] == 1 and not body["truncated"]


def test_sortable_heads_keep_the_filters_and_go_to_page_one(login):
    many(60)
    html = login("reviewer").get("/?problems=errors&year=2023&page=2&sort=-errors").content.decode()
    assert head_link(html, "错误") == "?problems=errors&year=2023&sort=errors"  # reversed, page dropped
    assert head_link(html, "报告") == "?problems=errors&year=2023&sort=title"
    # the filter form carries the sort
    assert '<input type="hidden" name="sort" value="-errors">' in html


def test_batch_table_in_pages_with_the_unreadable_files_linked(login):
    from zfxxgk.web.reports.models import Batch, BatchStatus

    batch = Batch.objects.create(name="2023年度区属单位报告", status=BatchStatus.DONE, total=122,
                                 processed=122, rejected=[{"file": "空文件.txt", "error": "空文件.txt：文件是空的"}])
    many(121, batch=batch, filed=False)
    c = login("reviewer")
    html = c.get(f"/batches/{batch.pk}").content.decode()
    assert rows(html) == 50 and "第 1–50 份，共 121 份" in html
    assert '<a href="#rejected">1 个文件无法读取</a>' in html and '<h2 id="rejected">' in html
    html = c.get(f"/batches/{batch.pk}?problems=errors&page=2").content.decode()
    assert rows(html) == 41 and "rel=\"next\"" not in html  # 41 with errors: one page, page 2 is past it
    html = c.get(f"/batches/{batch.pk}?page=3").content.decode()
    assert rows(html) == 21 and head_link(html, "错误") == "?sort=-errors"
    assert len(c.get(f"/api/batches/{batch.pk}").json()["reports"]) == 121  # the JSON: all


def test_lists_leave_the_large_columns_unread(login):
    many(60)
    c = login("reviewer")
    for url in ("/", "/api/reports"):
        with CaptureQueriesContext(connection) as queries:
            assert c.get(url).status_code == 200
        listing = [q["sql"] for q in queries if 'FROM "reports_report"' in q["sql"] and "LIMIT" in q["sql"]]
        assert listing and not any('"reports_report"."data"' in sql or '"source_lines"' in sql for sql in listing)


def test_returned_filter_finds_the_drafts_sent_back(login, stored, users):
    from zfxxgk.web.reports.models import Report

    sent_back, waiting, again = (stored(n) for n in ("wanghu-street-2023.txt", "qinghe-city-2024.txt",
                                                     "yunling-district-2022.txt"))
    clerk, reviewer = login("clerk"), None
    for row in (sent_back, waiting, again):
        assert step(clerk, row.pk, "submit").status_code == 302
    reviewer = login("reviewer")
    for row in (sent_back, again):
        assert step(reviewer, row.pk, "return", reason="表三第5行与正文不一致").status_code == 302
    assert step(login("clerk"), again.pk, "submit").status_code == 302  # resubmitted: not 已退回
    c = login("reviewer")
    html = c.get("/?status=returned").content.decode()
    assert '<option value="returned" selected>已退回</option>' in html
    assert "共 1 份。" in html and f'href="/reports/{sent_back.pk}"' in html
    assert f'href="/reports/{again.pk}"' not in html and f'href="/reports/{waiting.pk}"' not in html
    assert [r["id"] for r in c.get("/api/reports?status=returned").json()["reports"]] == [sent_back.pk]
    assert Report.objects.get(pk=again.pk).status == "review"


def test_report_page_links_its_batch(login):
    from zfxxgk.web.reports.models import Batch

    batch = Batch.objects.create(name="2023年度区属单位报告")
    row = many(1, batch=batch)[0]
    html = login("reviewer").get(f"/reports/{row.pk}").content.decode()
    assert f'批次：<a href="/batches/{batch.pk}">2023年度区属单位报告</a>' in html


def test_csv_downloads_open_in_excel_with_chinese_readable(login, stored):
    row = stored("wanghu-street-2023.txt")
    c = login("reviewer")
    for url in ("/dashboard/cells.csv", f"/reports/{row.pk}/download.csv"):
        body = c.get(url).content
        assert body.startswith(b"\xef\xbb\xbf"), url  # Excel reads UTF-8 only with it
        header = next(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        assert header[0] in ("机关", "source")
    cells = list(csv.DictReader(io.StringIO(c.get("/dashboard/cells.csv").content.decode("utf-8-sig"))))
    assert cells and cells[0]["机关"] == "青禾市云岭区望湖街道办事处"


def test_an_unnamed_batch_is_named_with_the_time_as_pages_write_it(login, example_bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from zfxxgk.web.reports.models import Batch

    r = login("reviewer").post("/batches/new", {"files": [SimpleUploadedFile(
        "wanghu-street-2023.txt", example_bytes("wanghu-street-2023.txt"))]})
    assert r.status_code == 302
    assert re.fullmatch(r"批量核查 20\d\d年\d{1,2}月\d{1,2}日 \d\d:\d\d", Batch.objects.get().name)


def test_the_reviewer_sees_why_a_report_was_sent_back(login, stored):
    """Once the flash after 退回修改 was gone, the reviewer's page said only 录入: the
    reason they wrote was in the audit log alone. Readers still see no reason."""
    row = stored("wanghu-street-2023.txt")
    step(login("clerk"), row.pk, "submit")
    step(login("reviewer"), row.pk, "return", reason="表三第5行与正文不一致")
    page = login("reviewer").get(f"/reports/{row.pk}").content.decode()
    assert re.search(r"<strong>审核退回</strong>（reviewer，[^）]+）：表三第5行与正文不一致", page)
    assert "审核退回" not in login("reader").get(f"/reports/{row.pk}").content.decode()


def test_dashboard_tables_say_what_they_count(login, stored):
    """The dashboard's rule, year and agency tables had no heads: “2023 | 45 份 | 错误 12”
    left open whether 12 reports had errors or there were 12 errors."""
    stored("wanghu-street-2023.txt")
    html = login("reviewer").get("/dashboard").content.decode()
    for head in ("<th>规则</th><th>核对的内容</th><th>级别</th><th>问题数</th>",
                 "<th>年度</th><th>计入统计的报告</th><th>其中的错误</th>", "<th>机关</th><th>错误</th><th>警告</th>"):
        assert head in html
    assert re.search(r'<td>2023</td><td class="num"><a href="[^"]*">1 份</a></td>'
                     r'<td class="num"><a href="[^"]*">\d+ 项</a></td>', html)


def test_a_reviewer_sends_a_filed_draft_back_with_a_reason(login, example_bytes, run_batches):
    """A batch's reports, filed, are 录入 drafts the bodies' clerks own: 退回修改 was
    offered only on 审核, so the reviewer had no way to send one back with what to
    fix. It stays 录入, marked 已退回 with the reason for the clerk, and the reviewer
    finds it under 状态 已退回; the clerk's submit clears the mark."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from zfxxgk.web.reports.models import Batch, Report

    reviewer = login("reviewer")
    reviewer.post("/batches/new", {"files": [SimpleUploadedFile(
        "wanghu-street-2023.txt", example_bytes("wanghu-street-2023.txt"))]})
    run_batches()
    batch = Batch.objects.get()
    assert reviewer.post(f"/batches/{batch.pk}/file").status_code == 302
    row = Report.objects.get(filed=True)
    assert row.status == "draft"
    page = reviewer.get(f"/reports/{row.pk}").content.decode()
    assert "报告尚未提交审核，仍为“录入”状态" in page
    r = step(reviewer, row.pk, "return", reason="表三第5行与正文不一致，请核对")
    assert r.status_code == 302 and Report.objects.get(pk=row.pk).status == "draft"
    assert "已退回修改" in reviewer.get(r["Location"]).content.decode()
    listed = reviewer.get("/?status=returned").content.decode()
    assert f'href="/reports/{row.pk}"' in listed and "退回理由：表三第5行与正文不一致，请核对" in listed
    clerk_page = login("clerk").get(f"/reports/{row.pk}").content.decode()
    assert "<strong>审核退回</strong>" in clerk_page and "表三第5行与正文不一致，请核对" in clerk_page
    step(login("clerk"), row.pk, "submit")
    assert f'href="/reports/{row.pk}"' not in login("reviewer").get("/?status=returned").content.decode()


def test_the_exported_list_says_which_were_sent_back_and_why(login, stored):
    """The Excel of the list said 录入 for a draft the page marks 已退回: a reviewer
    working from the spreadsheet lost which reports were with their clerks and why.
    A reason typed as a formula stays text."""
    import openpyxl

    row, other = stored("wanghu-street-2023.txt"), stored("qinghe-city-2024.txt")
    step(login("reviewer"), row.pk, "return", reason='=HYPERLINK("http://x")请核对表三')
    body = login("reviewer").get("/reports/export.xlsx?status=returned").content
    sheet = openpyxl.load_workbook(io.BytesIO(body))["报告"]
    values = [[c.value for c in line] for line in sheet.iter_rows()]
    assert values[0][5] == "状态" and values[0][-1] == "退回理由" and len(values) == 2
    assert values[1][0] == row.pk and values[1][5] == "已退回"
    assert values[1][-1] == '=HYPERLINK("http://x")请核对表三' and sheet.cell(2, 12).data_type == "s"
    every = openpyxl.load_workbook(io.BytesIO(login("reviewer").get("/reports/export.xlsx").content))["报告"]
    (line,) = [[c.value for c in x] for x in every.iter_rows() if x[0].value == other.pk]
    assert line[5] == "录入" and line[-1] in ("", None)


def test_dashboard_figures_link_to_the_list_they_count(login, stored):
    """错误 3 项 on the dashboard was a number: the reviewer looked for the reports by
    hand. Each figure links the list with the filters that list understands."""
    w23 = stored("wanghu-street-2023.txt")
    stored("wanghu-street-2020.txt")
    stored("yunling-district-2022.txt")
    c = login("reviewer")
    page = c.get("/dashboard").content.decode().replace("&amp;", "&")
    year_errors = re.search(r'<a href="([^"]*)">3 项</a>', page).group(1)
    assert year_errors == "/?year=2023&problems=errors"
    listed = c.get(year_errors).content.decode()
    assert rows(listed) == 1 and f'href="/reports/{w23.pk}"' in listed
    assert f'<a href="/?agency={w23.agency_id}&problems=errors">3 项</a>' in page
    assert '<a href="/?year=2020">1 份</a>' in page and "已入库报告共 <a href=\"/\">3 份</a>" in page
    # a year chosen: the agency's links keep it, the level too
    page = c.get("/dashboard?year=2023&level=township").content.decode().replace("&amp;", "&")
    assert "已入库报告共 <a href=\"/?year=2023&level=township\">" in page
    assert rows(c.get("/?year=2023&level=township&problems=errors").content.decode()) <= 1
    page = c.get("/dashboard?year=2023").content.decode().replace("&amp;", "&")
    assert f'<a href="/?agency={w23.agency_id}&year=2023&problems=errors">3 项</a>' in page
