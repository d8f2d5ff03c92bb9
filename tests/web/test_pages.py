"""HTML pages: upload -> report page with flagged cells and findings, downloads,
the JSON twin of every page, bad uploads, CSRF, roles (403), audit entries."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.test import Client

from zfxxgk.web.audit.models import AuditEntry
from zfxxgk.web.reports.models import Report, Status

from .conftest import EXAMPLES, current, step

pytestmark = pytest.mark.django_db


def test_login_required(client):
    r = client.get("/")
    assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")
    assert client.get("/accounts/login/").status_code == 200


def _upload(c: Client, name: str, data: bytes):
    f = io.BytesIO(data)
    f.name = name
    return c.post("/reports/new", {"file": f})


def test_upload_example_to_report_page(login, example_bytes):
    c = login("clerk")
    r = _upload(c, "wanghu-street-2023.txt", example_bytes("wanghu-street-2023.txt"))
    assert r.status_code == 302
    row = Report.objects.get()
    assert r["Location"] == f"/reports/{row.pk}"
    assert row.errors == 3 and row.status == Status.DRAFT and len(row.sha256) == 64
    page = c.get(r["Location"])
    html = page.content.decode()
    assert page["Link"] == f'</api/reports/{row.pk}>; rel="alternate"; type="application/json"'
    assert "望湖街道办事处2023年政府信息公开工作年度报告" in html
    assert 'class="flag-error"' in html and "[T3-1]" in html
    assert "<blockquote>" in html  # the source excerpt beside the finding
    assert html.count('<table class="official"') == 3
    assert AuditEntry.objects.filter(action="上传", object_id=str(row.pk)).exists()


def test_upload_real_seed(login, samples):
    seed = sorted((samples / "seeds").glob("*.txt"))[0]
    c = login("clerk")
    r = _upload(c, seed.name, seed.read_bytes())
    assert r.status_code == 302
    row = Report.objects.get()
    assert row.year and row.template in ("2019", "2021")
    assert row.findings.count() == row.errors + row.warnings + row.infos
    assert seed.name in c.get(r["Location"]).content.decode()


def test_paste_text(login, example_bytes):
    c = login("reviewer")
    r = c.post("/reports/new", {"text": example_bytes("qinghe-city-2024.txt").decode("utf-8")})
    assert r.status_code == 302
    assert Report.objects.get().source_name == "粘贴的文本.txt"


@pytest.mark.parametrize("name,data,words", [
    ("空.txt", b"", "空"),
    ("图片.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "PNG 图片"),
    ("小说.txt", "从前有座山，山里有座庙。".encode() * 20, "不是政府信息公开工作年度报告"),
])
def test_bad_uploads_refused_with_reason(login, name, data, words):
    r = _upload(login("clerk"), name, data)
    assert r.status_code == 400
    assert words in r.content.decode()
    assert not Report.objects.exists()


def test_upload_size_limit(login, settings):
    settings.MAX_UPLOAD_BYTES = 1000
    r = _upload(login("clerk"), "大.txt", "政府信息公开工作年度报告".encode() * 200)
    # 413, as the API answers the same refusal (the service's status, not a blanket 400)
    assert r.status_code == 413 and "超过" in r.content.decode()


def test_csrf_enforced(users, example_bytes):
    c = Client(enforce_csrf_checks=True)
    c.force_login(users["clerk"])
    r = _upload(c, "a.txt", example_bytes("qinghe-city-2024.txt"))
    assert r.status_code == 403 and not Report.objects.exists()


def test_reader_cannot_write(login, stored):
    row = stored()
    c = login("reader")
    assert c.get(f"/reports/{row.pk}").status_code == 200
    assert c.get("/reports/new").status_code == 403
    assert c.get(f"/reports/{row.pk}/edit").status_code == 403
    assert c.post(f"/reports/{row.pk}/edit", {"version": current(row.pk), "cell:applications.received.natural_person": "9"}).status_code == 403
    assert step(c, row.pk, "submit").status_code == 403
    assert c.post("/batches/new").status_code == 403
    assert "修改表格" not in c.get(f"/reports/{row.pk}").content.decode()


def test_csv_download_is_the_cli_csv(login, stored):
    """The report page offers CSV beside the others: it answered 503 (no renderer
    makes CSV). It is `zfxxgk parse --format csv`'s table, the source column aside."""
    from click.testing import CliRunner

    from zfxxgk.cli import cli

    row = stored("qinghe-city-2024.txt")
    r = login("reader").get(f"/reports/{row.pk}/download.csv")
    assert r.status_code == 200 and "attachment" in r["Content-Disposition"]
    cli_csv = CliRunner().invoke(cli, ["parse", "--format", "csv", str(EXAMPLES / "qinghe-city-2024.txt")]).output

    def cells(text: str) -> list[list[str]]:
        return [line.split(",")[1:] for line in text.splitlines()[1:]]
    assert len(cells(cli_csv)) == 200 and cells(r.content.decode("utf-8-sig")) == cells(cli_csv)


def test_no_role_cannot_even_read(login, stored):
    row = stored()
    assert login("nobody").get(f"/reports/{row.pk}").status_code == 403


@pytest.mark.parametrize("fmt,magic", [("json", b"{"), ("docx", b"PK"), ("xlsx", b"PK"),
                                       ("pdf", b"%PDF"), ("html", b"<!DOCTYPE html>")])
def test_downloads(login, stored, fmt, magic):
    row = stored("qinghe-city-2024.txt")
    r = login("reader").get(f"/reports/{row.pk}/download.{fmt}")
    assert r.status_code == 200 and r.content.startswith(magic)
    if fmt != "html":
        assert "attachment" in r["Content-Disposition"]


def test_edit_cell_live_check_save_and_submit(login, stored):
    row = stored("qinghe-city-2024.txt")
    assert row.errors == 0
    c = login("clerk")
    code = "applications.received.natural_person"
    assert c.get(f"/reports/{row.pk}/edit").status_code == 200
    live = c.post(f"/reports/{row.pk}/edit/check", {f"cell:{code}": "999"})
    assert live.status_code == 200 and "T3-" in live.content.decode()
    assert Report.objects.get(pk=row.pk).errors == 0  # the live check saves nothing
    bad = c.post(f"/reports/{row.pk}/edit", {"version": current(row.pk), f"cell:{code}": "abc"})
    assert bad.status_code == 400 and "不是数字" in bad.content.decode()
    # digits no report prints, an exponent no report prints: refused, not stored
    for huge, words in (("9" * 30, "位数过多"), ("1e999", "不是数字"), ("1e3", "不是数字")):
        bad = c.post(f"/reports/{row.pk}/edit", {"version": current(row.pk), f"cell:{code}": huge})
        assert bad.status_code == 400 and words in bad.content.decode()
    r = c.post(f"/reports/{row.pk}/edit", {"version": current(row.pk), f"cell:{code}": "999", "then": "submit"})
    assert r.status_code == 302
    row.refresh_from_db()
    assert row.status == Status.REVIEW and row.errors > 0
    assert row.data["applications"]["received"]["natural_person"] == 999
    entry = AuditEntry.objects.get(action="修改单元格")
    assert entry.before == {code: 766} and entry.after == {code: 999} and entry.user.username == "clerk"
    assert c.get(f"/reports/{row.pk}/edit").status_code == 409  # in review: not editable


def test_workflow_roles(login, stored):
    row = stored("qinghe-city-2024.txt")
    clerk = login("clerk")
    assert step(clerk, row.pk, "submit").status_code == 302
    assert step(clerk, row.pk, "publish").status_code == 403
    reviewer = login("reviewer")
    assert step(reviewer, row.pk, "publish").status_code == 302
    row.refresh_from_db()
    assert row.status == Status.PUBLISHED and row.published_at
    clerk = login("clerk")
    assert clerk.get(f"/reports/{row.pk}/edit").status_code == 409
    r = clerk.post(f"/reports/{row.pk}/versions/new")
    new = Report.objects.exclude(pk=row.pk).get()
    assert r["Location"] == f"/reports/{new.pk}/edit"
    assert (new.version, new.status, new.previous_version_id) == (2, Status.DRAFT, row.pk)
    assert [e.action for e in AuditEntry.objects.order_by("id")] == ["上传", "提交审核", "发布", "建立新版本"]


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_batch_zip_and_export(login, example_bytes, run_batches):
    c = login("reviewer")
    archive = io.BytesIO(_zip({"a/wanghu-street-2023.txt": example_bytes("wanghu-street-2023.txt"),
                               "a/qinghe-city-2024.txt": example_bytes("qinghe-city-2024.txt"),
                               "a/notes.txt": "会议纪要".encode()}))
    archive.name = "报告.zip"
    loose = io.BytesIO(example_bytes("transport-bureau-2024.md"))
    loose.name = "transport-bureau-2024.md"
    r = c.post("/batches/new", {"files": [archive, loose], "name": "区直部门"})
    assert r.status_code == 302
    assert "排队中" in c.get(r["Location"]).content.decode()
    run_batches()
    page = c.get(r["Location"])
    html = page.content.decode()
    assert page["Link"].startswith("</api/batches/")
    assert "共 3 份报告" in html and "1 个文件无法读取" in html and "notes.txt" in html
    x = c.get(r["Location"] + "/export.xlsx")
    assert x.status_code == 200 and x.content[:2] == b"PK"
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(x.content))
    rows = list(book["报告"].values)
    assert rows[0][:2] == ("编号", "标题") and len(rows) == 4
    problems = [dict(zip(next(iter(book["问题"].values)), row)) for row in list(book["问题"].values)[1:]]
    t3 = [p for p in problems if p["规则"] == "T3-1"]
    assert t3 and all(p["级别"] == "错误" for p in t3)
    # cells by their printed labels, as `zfxxgk check --format xlsx` writes them
    assert all(p["单元格"] and not p["单元格"].startswith("applications.") for p in t3)


def test_list_filter_sort_and_alternate(login, stored):
    stored("wanghu-street-2023.txt")
    stored("qinghe-city-2024.txt")
    c = login("reader")
    r = c.get("/?problems=errors&sort=-errors")
    assert r["Link"] == '</api/reports?problems=errors&sort=-errors>; rel="alternate"; type="application/json"'
    html = r.content.decode()
    assert "望湖街道" in html and "青禾市人民政府2024" not in html
    assert c.get("/reports/export.xlsx").status_code == 200


@pytest.mark.parametrize("url", ["/agencies/", "/dashboard", "/audit/"])
def test_other_pages(login, stored, url):
    stored()
    r = login("admin").get(url)
    assert r.status_code == 200 and "Link" in r


def test_audit_page_needs_role(login):
    assert login("clerk").get("/audit/").status_code == 403


def test_static_vendored(client):
    for path in ("zfxxgk/htmx.min.js", "zfxxgk/echarts.min.js", "zfxxgk/app.css"):
        r = client.get("/static/" + path)
        assert r.status_code == 200
        r.close()
    assert client.get("/static/../settings.py").status_code == 404


def test_a_report_page_shows_the_whole_menu(login, stored):
    """The page's own buttons do not hide the menu's links (they once shared a name)."""
    pk = stored().pk
    page = login("clerk").get(f"/reports/{pk}").content.decode()
    assert "上传报告" in page and "批量核查" in page and "修改表格和正文" in page


def test_the_admin_site_is_linked_for_staff_only(staff, login):
    """serve prints the admin's password with “请登录后在‘管理后台’修改”, but no page
    led there: the 管理员 had to know /admin/."""
    assert '<a href="/admin/">管理后台</a>' in staff.get("/").content.decode()
    assert "管理后台" not in login("clerk").get("/").content.decode()
    from django.contrib.auth.models import User

    User.objects.filter(username="clerk").update(is_staff=True)  # the flag alone opens no door
    assert "管理后台" not in login("clerk").get("/").content.decode()


def test_a_published_report_without_a_date_is_signed_with_its_publication_day(login, stored):
    """A report compiled or typed in the web has no 落款日期: once published its
    documents end with the agency's name and the day it was published (they ended
    with the name alone); a draft's stay undated, a date of its own is kept."""
    import re as _re

    from django.utils import timezone

    row = stored("qinghe-city-2024.txt")
    row.data = {**row.data, "published_on": None}
    row.save()
    signature = _re.compile(r'<p class="signature">(\d{4})年(\d{1,2})月(\d{1,2})日</p>')
    assert not signature.search(login("reader").get(f"/reports/{row.pk}/download.html").content.decode())
    row.status, row.published_at = Status.PUBLISHED, timezone.now()
    row.save()
    day = timezone.localdate(row.published_at)
    found = signature.search(login("reader").get(f"/reports/{row.pk}/download.html").content.decode())
    assert found and tuple(map(int, found.groups())) == (day.year, day.month, day.day)
    row.data = {**row.data, "published_on": "2025-01-20"}
    row.save()
    assert "2025年1月20日" in login("reader").get(f"/reports/{row.pk}/download.html").content.decode()


def test_each_workflow_step_says_it_was_done(login, stored):
    """After 提交审核, 退回修改 and 发布 the report's page looked as before the press
    (only the small status word changed); now it says what was done."""
    from .conftest import current

    row = stored("qinghe-city-2024.txt")
    clerk = login("clerk")
    r = clerk.post(f"/reports/{row.pk}/edit", {"version": current(row.pk), "then": "submit"}, follow=True)
    assert "，已提交审核" in r.content.decode()
    reviewer = login("reviewer")
    r = reviewer.post(f"/reports/{row.pk}/return", {"version": current(row.pk), "reason": "请核对"}, follow=True)
    assert "已退回修改：录入员在报告页上看到退回理由。" in r.content.decode()
    step(login("clerk"), row.pk, "submit")
    r = login("reviewer").post(f"/reports/{row.pk}/publish", {"version": current(row.pk)}, follow=True)
    assert "已发布。更正须建立新版本。" in r.content.decode()


def test_publishing_a_year_not_over_says_so(login, stored):
    """The reviewer's 发布 box says when the report's year has not ended (the clerk's
    2026 report could be published on 7 December with December's cases missing)."""
    from django.utils import timezone

    row = stored("qinghe-city-2024.txt")
    step(login("clerk"), row.pk, "submit")
    row.refresh_from_db()
    assert row.status == Status.REVIEW
    assert "确定发布" in login("reviewer").get(f"/reports/{row.pk}").content.decode()
    assert 'id="year-open"' not in login("reviewer").get(f"/reports/{row.pk}").content.decode()
    this_year = timezone.localdate().year
    row.year = this_year
    row.save()
    page = login("reviewer").get(f"/reports/{row.pk}").content.decode()
    assert f"这是{this_year}年的报告，而{this_year}年尚未结束" in page
