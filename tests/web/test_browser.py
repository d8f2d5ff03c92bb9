"""Browser tests: Playwright driving Debian's chromium against a live server.

The flows of issue #7's "Done when": upload a seed -> its findings -> its DOCX;
a 录入员 edits a cell, sees the live identity warning (htmx) and submits; a
审核员 publishes; a 只读 user gets 403 on the edit page. Screenshots of the main
pages go to docs/screenshots/. One browser for the module; skipped when chromium
or playwright is missing (CI installs both: scripts/apt-packages.txt, the test extra).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest


CHROMIUM = os.environ.get("ZFXXGK_CHROMIUM", "/usr/bin/chromium")
# Screenshots are written to docs/screenshots/ (committed, shown in the README) only
# when asked for: ZFXXGK_SCREENSHOTS=1 pytest tests/web/test_browser.py. Otherwise
# they are still taken, into a temporary folder, so the step cannot rot.
DOC_SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

playwright_api = pytest.importorskip("playwright.sync_api")
if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
    pytest.skip(f"chromium not found at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

# Playwright's sync API keeps an event loop in this thread; the ORM calls the tests
# make here are plain synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from .conftest import EXAMPLES, PASSWORD, ROLES  # noqa: E402

pytestmark = pytest.mark.slow  # drives a real Chromium


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def site(live_server, transactional_db):
    """The live server with its role groups and one user per role."""
    from django.contrib.auth.models import Group, User

    from zfxxgk.web.accounts.roles import ensure_roles

    ensure_roles()
    for name, group in ROLES.items():
        User.objects.create_user(name, password=PASSWORD).groups.add(Group.objects.get(name=group))
    return live_server.url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN",
                                  accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(40000)  # the machine running the suite may be busy
    yield pg
    context.close()


def login(page, site: str, user: str) -> None:
    page.goto(f"{site}/accounts/login/")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{site}/")


@pytest.fixture(scope="module")
def shots_dir(tmp_path_factory) -> Path:
    if os.environ.get("ZFXXGK_SCREENSHOTS"):
        DOC_SHOTS.mkdir(parents=True, exist_ok=True)
        return DOC_SHOTS
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture
def shot(page, shots_dir):
    def take(name: str) -> None:
        page.screenshot(path=str(shots_dir / name), full_page=False)
        assert (shots_dir / name).stat().st_size > 10_000  # a page, not a blank
    return take


def test_upload_seed_findings_docx(site, page, shot, samples, tmp_path):
    seed = sorted((samples / "seeds").glob("*.txt"))[0]
    login(page, site, "clerk")
    page.click("text=上传报告")
    page.set_input_files("input[name=file]", str(seed))
    page.click("button:has-text('核查')")
    page.wait_for_url(f"{site}/reports/*")
    assert page.locator("table.official").count() == 3
    assert page.locator("#findings h2").inner_text().startswith("错误")
    shot("report-page.png")
    with page.expect_download() as info:
        page.click("a.download:has-text('DOCX')")
    path = tmp_path / "r.docx"
    info.value.save_as(path)
    assert path.read_bytes()[:2] == b"PK" and info.value.suggested_filename.endswith(".docx")


def test_clerk_edits_sees_warning_submits_reviewer_publishes(site, page, shot):
    from zfxxgk.web.reports.models import Report, Status
    from zfxxgk.web.reports.services import create_report

    row = create_report((EXAMPLES / "qinghe-city-2024.txt").read_bytes(), "qinghe-city-2024.txt", None)
    login(page, site, "clerk")
    page.goto(f"{site}/reports/{row.pk}")
    page.click("text=修改表格")
    page.wait_for_url(f"{site}/reports/{row.pk}/edit")
    page.wait_for_load_state("load")
    page.wait_for_function("() => window.htmx !== undefined")
    cell = page.locator('input[name="cell:applications.received.natural_person"]')
    # wait for the request the page sends (not for time): its answer is the live check
    with page.expect_response(lambda r: r.url.endswith(f"/reports/{row.pk}/edit/check")
                              and r.request.method == "POST") as checked:
        cell.fill("999")
    assert checked.value.ok
    # the live check (htmx) names the broken identity without saving anything
    page.locator("#findings .finding.error[data-rule^='T3']").first.wait_for()
    assert "按当前填写核查" in page.locator("#findings h2").inner_text()
    assert Report.objects.get(pk=row.pk).errors == 0
    # typed into （七）总计 (printed 759): the quote shows the value on screen, not the old line
    with page.expect_response(lambda r: r.url.endswith(f"/reports/{row.pk}/edit/check")
                              and r.request.method == "POST"):
        page.locator('input[name="cell:applications.total.natural_person"]').fill("12")
    page.locator("#findings blockquote", has_text="第24行 自然人：12").first.wait_for()  # swapped in
    quotes = page.locator("#findings blockquote").all_inner_texts()
    assert any(q.startswith("表三 第24行 自然人：12") for q in quotes), quotes
    assert not any("759" in q for q in quotes), quotes
    shot("edit-live-check.png")
    page.click("button:has-text('保存并提交审核')")
    page.wait_for_url(f"{site}/reports/{row.pk}")
    assert "审核" in page.locator(".status").first.inner_text()
    row.refresh_from_db()
    assert row.status == Status.REVIEW and row.data["applications"]["received"]["natural_person"] == 999

    page.click("button:has-text('退出')")
    login(page, site, "reviewer")
    page.goto(f"{site}/reports/{row.pk}")
    page.click("summary:has-text('发布')")  # publishing cannot be undone: asked first
    assert "不能再修改" in page.locator("details.confirm[open]").inner_text()
    page.click("button:has-text('确定发布')")
    page.wait_for_url(f"{site}/reports/{row.pk}")
    assert "发布" in page.locator(".status").first.inner_text()
    row.refresh_from_db()
    assert row.status == Status.PUBLISHED


def test_clerk_drafts_the_narrative_parts(site, page, shot):
    """插入草稿 fills part 一 from the tables (htmx, in place); a wrong number typed
    into it is named beside the part at once; saving puts the text on the report page."""
    from zfxxgk.web.reports.models import Report
    from zfxxgk.web.reports.services import create_report

    row = create_report((EXAMPLES / "qinghe-city-2024.txt").read_bytes(), "qinghe-city-2024.txt", None)
    received = row.data["applications"]["received"]["total"]
    login(page, site, "clerk")
    page.goto(f"{site}/reports/{row.pk}/edit")
    part = page.locator("#part-1")
    assert part.locator("table.figures td[title='applications.received.total']").inner_text() == "表三 第1行 总计"
    part.locator("textarea").fill("")
    part.locator("button:has-text('插入草稿')").click()
    page.wait_for_function(  # a function, not a string to eval: the page's CSP forbids eval
        "() => document.querySelector('#section-1').value.includes('新收政府信息公开申请')")
    text = page.locator("#section-1").input_value()
    assert f"新收政府信息公开申请{received}件" in text and "【待补充" in text
    assert page.url.endswith(f"/reports/{row.pk}/edit")  # in place, no page load
    page.locator("#section-1").fill(text.replace(f"申请{received}件", f"申请{received + 7}件"))
    page.locator("#part-check-1 .finding[data-rule='N-1']").wait_for()
    page.locator("#part-1").scroll_into_view_if_needed()
    shot("edit-narrative.png")
    page.locator("#section-1").fill(text)
    page.locator("#part-check-1 .finding[data-rule='N-1']").wait_for(state="detached")
    page.click("button[name=then][value=save]")
    page.wait_for_url(f"{site}/reports/{row.pk}")
    assert page.locator(".report-text mark.todo").count() >= 1
    assert f"申请{received}件" in Report.objects.get(pk=row.pk).data["sections"]["1"]


def test_reader_cannot_edit(site, page):
    from zfxxgk.web.reports.services import create_report

    row = create_report((EXAMPLES / "wanghu-street-2023.txt").read_bytes(), "wanghu-street-2023.txt", None)
    login(page, site, "reader")
    page.goto(f"{site}/reports/{row.pk}")
    assert page.locator("text=修改表格").count() == 0
    response = page.goto(f"{site}/reports/{row.pk}/edit")
    assert response.status == 403
    assert "没有权限" in page.content()


@pytest.fixture
def batch_worker(site):
    """start() -> the background batch worker, as `zfxxgk serve` starts it, in a
    real thread (started by the test once the page shows the batch queued)."""
    from zfxxgk.web.reports.worker import Worker

    worker = Worker(poll_s=0.2)
    yield worker.start
    worker.stop()
    if hasattr(worker, "thread"):
        worker.thread.join(30)


def test_batch_and_dashboard_screens(site, page, shot, batch_worker):
    login(page, site, "reviewer")
    page.click("text=批量核查")
    files = [str(p) for p in sorted(EXAMPLES.iterdir()) if p.name != "README.md"]
    page.set_input_files("input[name=files]", files)
    page.click("button:has-text('上传并核查')")
    page.wait_for_url(f"{site}/batches/*")
    assert "排队中" in page.locator("#progress").inner_text()
    batch_worker()
    # The progress box polls (htmx) and reloads the page when the worker is done.
    page.wait_for_selector("h1 .status.done", timeout=60000)
    assert page.locator("table.list tbody tr").count() == len(files)
    assert page.locator("#progress[hx-get]").count() == 0
    shot("batch-table.png")
    with page.expect_response(lambda r: r.url.endswith("/file") and r.request.method == "POST"):
        page.click("#file-batch")  # 入库: the review's reports join the list and the dashboard
    page.goto(f"{site}/dashboard")
    page.wait_for_function("() => document.querySelector('#c-outcomes canvas') !== null")
    shot("dashboard.png")
    # counts drawn on whole-number axes, every rule named
    axes = page.evaluate("""() => ['c-rules', 'c-years'].map(id => {
        const o = echarts.getInstanceByDom(document.getElementById(id)).getOption();
        return [o.xAxis[0].minInterval, o.yAxis[0].minInterval, o.yAxis[0].axisLabel.interval]; })""")
    assert axes[0][0] == 1 and axes[0][2] == 0 and axes[1][1] == 1, axes
    with page.expect_download() as got:  # the figures behind the page, as data
        page.click("a:has-text('计入统计的报告数据')")
    lines = Path(got.value.path()).read_text(encoding="utf-8-sig").splitlines()  # BOM: for Excel
    assert lines[0].startswith("机关,层级,地区,范围,年度,表格格式,表,行,列,数值,空白原因") and len(lines) > 100
    page.select_option("select[name=level]", "township")  # one level: the page and its CSV follow
    page.click("button:has-text('查看')")
    page.wait_for_url(f"{site}/dashboard?*level=township*")
    assert "乡镇街道" in page.locator("h1").inner_text()
    with page.expect_download() as got:
        page.click("a:has-text('计入统计的报告数据')")
    rows = Path(got.value.path()).read_text(encoding="utf-8-sig").splitlines()[1:]
    assert rows and {r.split(",")[1] for r in rows} == {"乡镇街道"}
    page.goto(f"{site}/")
    shot("reports-list.png")


def test_an_administrator_adds_a_reviewer_in_one_save(site, page):
    """Django's add-user page asked for a name and password, then a second page for the
    role; one 保存 now makes the whole account, role and region included."""
    from django.contrib.auth.models import User

    admin = User.objects.get(username="admin")
    admin.is_staff = True
    admin.save()
    login(page, site, "admin")
    page.goto(f"{site}/admin/auth/user/add/")
    page.fill("input[name=username]", "region_reviewer")
    page.fill("input[name=password1]", "Region-shen-2026")
    page.fill("input[name=password2]", "Region-shen-2026")
    page.select_option("select[name=groups_old]", label="审核员")
    page.click("#id_groups_add")
    page.fill("input[name='membership-0-region']", "青禾市云岭区")
    page.click("input[name=_save]")
    page.wait_for_url(f"{site}/admin/auth/user/")
    user = User.objects.get(username="region_reviewer")
    assert [g.name for g in user.groups.all()] == ["审核员"] and user.membership.region == "青禾市云岭区"


def test_agency_tree_and_year_over_year(site, page, shot, samples):
    from zfxxgk.web.reports.models import Agency
    from zfxxgk.web.reports.services import create_report

    files = [p for p in sorted(EXAMPLES.iterdir()) if p.name != "README.md"]
    files += [samples / "real" / f"{n}.txt" for n in ("hongze-district-2023", "hongze-district-2024",
                                                      "huaian-city-2024")]
    for path in files:
        create_report(path.read_bytes(), path.name, None)
    login(page, site, "reader")
    page.click("header >> text=机关")
    page.wait_for_url(f"{site}/agencies/")
    district = page.locator("summary a:has-text('淮安市洪泽区人民政府')")
    assert district.count() == 0  # a leaf: no children, so no <details>
    row = page.locator("li.leaf:has(a:has-text('淮安市洪泽区人民政府'))")
    assert row.locator(".ycell .status").count() == 2  # 2023 and 2024
    shot("agency-tree.png")
    # collapsible without JavaScript: a closed <details> hides its children
    page.locator("summary:has(a:has-text('淮安市人民政府'))").click(position={"x": 3, "y": 8})
    assert not row.is_visible()

    agency = Agency.objects.get(name="淮安市洪泽区人民政府")
    page.goto(f"{site}/agencies/{agency.pk}/years")
    assert "2023 年度与 2024 年度对比" in page.locator("h1").inner_text()
    assert page.locator("table.yoy").count() == 3
    assert page.locator("table.yoy td.changed").count() > 0
    shot("year-over-year.png")


def test_batch_page_refreshes_without_javascript(site, browser, batch_worker):
    """JavaScript off: the page reloads itself (meta refresh) until the batch is done."""
    from django.contrib.auth.models import User

    from zfxxgk.web.reports import batchjobs

    files = [(p.name, p.read_bytes()) for p in sorted(EXAMPLES.iterdir()) if p.suffix == ".txt"]
    batch = batchjobs.stage_batch(files, User.objects.get(username="clerk"), "无脚本")
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    try:
        pg = context.new_page()
        login(pg, site, "reader")
        pg.goto(f"{site}/batches/{batch.pk}")
        assert "排队中" in pg.locator("#progress").inner_text()
        batch_worker()
        pg.wait_for_selector("h1 .status.done", timeout=30000)
        assert pg.locator("table.list tbody tr").count() == len(files)
    finally:
        context.close()


def test_draft_uploaded_gives_the_findings_check_gives(site, page, tmp_path):
    """`zfxxgk new` → one mistake → 上传报告: the report page lists the error rules
    `zfxxgk check` lists for the same file."""
    from zfxxgk import api

    from .test_draft_upload import AGENCY, draft_with_one_mistake

    data = draft_with_one_mistake()
    expected = sorted({f.rule for f in api.check_report(api.parse_bytes(data, source="草稿.yaml"))
                       if f.severity == "error"})
    path = tmp_path / "草稿.yaml"
    path.write_bytes(data)
    login(page, site, "clerk")
    page.click("text=上传报告")
    page.set_input_files("input[name=file]", str(path))
    page.click("button:has-text('核查')")
    page.wait_for_url(f"{site}/reports/*")
    assert AGENCY in page.locator("h1").inner_text()
    shown = page.locator("#findings .finding.error").evaluate_all(
        "els => els.map(e => e.dataset.rule)")
    assert sorted(set(shown)) == expected == ["T3-2"]


def test_reviewer_sees_the_changes_before_publishing(site, page, shot):
    """A corrected version submitted for review: its page lists what changed against
    the published version, above the findings, where the reviewer decides."""
    from django.contrib.auth.models import User

    from zfxxgk.web.reports.editing import save_cells
    from zfxxgk.web.reports.services import create_report
    from zfxxgk.web.reports.workflow import new_version, transition

    clerk, reviewer = User.objects.get(username="clerk"), User.objects.get(username="reviewer")
    row = create_report((EXAMPLES / "wanghu-street-2023.txt").read_bytes(), "wanghu-street-2023.txt", clerk)
    row = transition(transition(row, "submit", clerk), "publish", reviewer)
    new = new_version(row, clerk)
    save_cells(new, {"applications.total.total": "13", "applications.received.natural_person": "11"}, clerk,
               sections={"5": "（新增）下一年度将按期更新政府信息公开指南。"})
    transition(new, "submit", clerk)
    login(page, site, "reviewer")
    page.goto(f"{site}/reports/{new.pk}")
    changes = page.locator("#changes")
    assert "与第1版（发布）相比的改动：3 处" in changes.locator("h2").inner_text()
    assert changes.locator("tr[data-cell='applications.total.total']").inner_text().split() == \
        ["表三", "第24行", "总计", "10", "13"]
    changes.scroll_into_view_if_needed()
    shot("review-changes.png")


def test_the_menu_keeps_its_words_whole_on_a_phone(site, page):
    """At a phone's width the menu squeezed into one row stood one character a line
    (依申请公开 five lines high, the header 170 px tall); it wraps under the brand."""
    login(page, site, "admin")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site}/")
    header = page.evaluate("document.querySelector('header.top').getBoundingClientRect().height")
    line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('header.top nav a')).lineHeight)"
                         " || 24")
    tall = page.evaluate("[...document.querySelectorAll('header.top nav a, header.top .brand')]"
                         ".map(a => [a.textContent, a.getBoundingClientRect().height])")
    assert all(h < 2 * line for _, h in tall), tall
    assert header < 140, header
