"""Browser test of review without filing: a 审核员 uploads a zip for a batch review;
the office's report list stays as it was until 入库 (one report, then the rest);
the same zip uploaded again stores nothing new. Screenshot of the batch with its
入库 buttons (docs/screenshots/batch-review.png with ZFXXGK_SCREENSHOTS=1)."""

from __future__ import annotations

import io
import zipfile

import pytest

from .conftest import EXAMPLES
from .test_browser import (batch_worker, browser, login, page, shot, shots_dir,  # noqa: F401
                           site)

pytestmark = pytest.mark.slow
NAMES = ("wanghu-street-2023.txt", "qinghe-city-2024.txt", "transport-bureau-2024.md")


def _zip(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name in NAMES:
            z.writestr(f"报告/{name}", (EXAMPLES / name).read_bytes())
    path = tmp_path / "报告.zip"
    path.write_bytes(buf.getvalue())
    return str(path)


def _listed(page, site) -> int:
    page.goto(f"{site}/")
    return page.locator("table.list tbody tr td a[href^='/reports/']").count()


def _review(page, site, archive) -> str:
    page.goto(f"{site}/batches/new")
    page.set_input_files("input[name=files]", archive)
    page.click("button:has-text('上传并核查')")
    page.wait_for_url(f"{site}/batches/*")
    page.wait_for_selector("h1 .status.done", timeout=60000)  # the htmx poll reloads it
    return page.url


def test_review_batch_files_only_on_request(site, page, shot, batch_worker, tmp_path):  # noqa: F811
    from zfxxgk.web.reports.models import Report

    login(page, site, "reviewer")
    assert _listed(page, site) == 0
    batch_worker()
    archive = _zip(tmp_path)
    batch = _review(page, site, archive)
    assert page.locator("table.list tbody tr").count() == len(NAMES)
    assert page.locator("td.filing button:has-text('入库')").count() == len(NAMES)
    shot("batch-review.png")
    assert _listed(page, site) == 0  # a review leaves the office's list as it was

    page.goto(batch)
    row = page.locator("table.list tbody tr", has_text="望湖街道")
    with page.expect_response(lambda r: r.url.endswith("/file") and r.request.method == "POST") as filed:
        row.locator("button:has-text('入库')").click()
    assert filed.value.status == 302
    page.wait_for_url(batch)
    assert page.locator("td.filing", has_text="已入库").count() == 1
    assert _listed(page, site) == 1

    page.goto(batch)
    with page.expect_response(lambda r: r.url.endswith("/file") and r.request.method == "POST"):
        page.click("#file-batch")
    page.wait_for_url(batch)
    assert page.locator("#file-batch").count() == 0
    assert _listed(page, site) == len(NAMES)

    stored = Report.objects.count()
    again = _review(page, site, archive)
    assert again != batch and Report.objects.count() == stored == len(NAMES)
    assert page.locator("td.filing", has_text="已入库").count() == len(NAMES)
    assert _listed(page, site) == len(NAMES)
