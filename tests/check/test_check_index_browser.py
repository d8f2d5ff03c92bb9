"""The HTML index of `zfxxgk check FOLDER --format html` in a browser: a click on a
column heading sorts the reports by it (plain JavaScript in the page, nothing fetched)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from zfxxgk.cli import cli

pytestmark = pytest.mark.slow
CHROMIUM = os.environ.get("ZFXXGK_CHROMIUM", "/usr/bin/chromium")
playwright_api = pytest.importorskip("playwright.sync_api")
if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
    pytest.skip(f"chromium not found at {CHROMIUM}", allow_module_level=True)


def test_index_sorts_on_click(tmp_path, samples):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("hongze-district-2023.txt", "hongze-district-2024.txt", "huaian-city-2024.txt"):
        shutil.copy(samples / "real" / name, folder / name)
    index = tmp_path / "out" / "index.html"
    index.parent.mkdir()
    CliRunner().invoke(cli, ["check", str(folder), "--format", "html", "-o", str(index)])
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            requests = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(index.as_uri())
            errors = "table.reports tbody tr td:nth-child(4)"
            page.click("table.reports th:nth-child(4)")  # 错误, ascending
            up = [int(t) for t in page.locator(errors).all_inner_texts()]
            page.click("table.reports th:nth-child(4)")  # again: descending
            down = [int(t) for t in page.locator(errors).all_inner_texts()]
            assert up == sorted(up) and down == sorted(up, reverse=True) and up != down
            assert page.locator("table.reports th[data-dir=desc]").count() == 1
            assert all(u.startswith("file:") for u in requests)  # nothing from the network
        finally:
            browser.close()
