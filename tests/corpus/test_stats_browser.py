"""The indicator page in a real browser: the heat map and the rankings draw, and a
figure leads to its evidence (docs/screenshots/stats-indicators.png with
ZFXXGK_SCREENSHOTS=1, else into a temporary folder so the step cannot rot)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus_gen import write_corpus
from zfxxgk.cli import cli
from zfxxgk.corpus.engines import LocalEngine
from zfxxgk.corpus.run import run_batch

pytestmark = pytest.mark.slow
CHROMIUM = os.environ.get("ZFXXGK_CHROMIUM", "/usr/bin/chromium")
DOC_SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
playwright_api = pytest.importorskip("playwright.sync_api")
if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
    pytest.skip(f"chromium not found at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def page_file(tmp_path_factory):
    root = tmp_path_factory.mktemp("statspage")
    write_corpus(root / "in", 8, years=(2021, 2022, 2023))
    assert run_batch([str(root / "in")], root / "out", LocalEngine(2)).failed == 0
    page = root / "统计.html"
    result = CliRunner().invoke(cli, ["stats", str(root / "out"), "--html", str(page)])
    assert result.exit_code == 0, result.output
    return page


def test_indicator_page_draws_and_links_figures_to_evidence(page_file, tmp_path):
    shots = DOC_SHOTS if os.environ.get("ZFXXGK_SCREENSHOTS") else tmp_path
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 1500})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(page_file.as_uri())
            page.wait_for_selector("#chart-heat svg")
            page.wait_for_selector("#chart-rank-disclosure_rate svg")
            assert errors == []
            page.locator("#indicators h2", has_text="排名").scroll_into_view_if_needed()
            page.screenshot(path=str(shots / "stats-indicators.png"))
            link = page.locator("#indicators table a[href^='#r-']").first
            target = link.get_attribute("href")
            link.click()
            assert page.evaluate("location.hash") == target
            evidence = page.locator(f"details{target}")
            assert evidence.count() == 1 and "街道办事处" in evidence.inner_text()
        finally:
            browser.close()
