"""Browser test of a scan on the report page (issue 15): a 录入员 uploads a
picture of a report's table; the page shows, in each flagged cell read by OCR
and beside each F-OCR finding, the picture of that cell, loaded from the crop
view. Screenshot: docs/screenshots/report-scan-crops.png (ZFXXGK_SCREENSHOTS=1)."""

from __future__ import annotations

import pytest

from . import scanned
from .test_browser import browser, login, page, shot, shots_dir, site  # noqa: F401

pytestmark = pytest.mark.slow


def test_report_page_shows_the_crop_beside_a_flagged_cell(site, page, shot, tmp_path):  # noqa: F811
    scan = tmp_path / "望湖街道年报第3页.png"
    scan.write_bytes(scanned.png())
    crops = {}  # crop URL -> (status, content type), as the browser got them
    page.on("response", lambda r: "/crops/" in r.url and crops.__setitem__(
        r.url.split("/crops/")[1], (r.status, r.headers.get("content-type"))))
    login(page, site, "clerk")
    page.goto(f"{site}/reports/new")
    page.set_input_files("input[name=file]", str(scan))
    page.click("button:has-text('核查')")
    page.wait_for_url(f"{site}/reports/*", timeout=120000)  # OCR of one page
    cell = page.locator(f"td[data-cell='{scanned.PLANTED[0]}'] img.crop")
    cell.scroll_into_view_if_needed()
    alt = cell.get_attribute("alt")
    assert alt.startswith("第1页 表三 第") and alt.endswith("行 总计 原件截图"), alt
    figures = page.locator(".finding[data-rule='F-OCR'] figure.crop img")
    assert figures.count() >= 1
    for k in range(figures.count()):
        figures.nth(k).scroll_into_view_if_needed()
    damaged = page.locator(".finding", has=page.locator(f"img[src$='/{scanned.DAMAGED}.png']"))
    target = damaged if damaged.count() else page.locator("table.official[data-table='applications']")
    target.first.scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    assert crops[f"{scanned.PLANTED[0]}.png"] == (200, "image/png")
    shown = {src.split("/crops/")[1] for src in
             (figures.nth(k).get_attribute("src") for k in range(figures.count()))}
    assert {crops.get(name) for name in shown} == {(200, "image/png")}
    shot("report-scan-crops.png")
