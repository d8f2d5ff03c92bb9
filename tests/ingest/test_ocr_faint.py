"""A watermark's light grey strokes, and the other side's print showing through
thin paper, are made paper before a page is read (ingest/ocr/faint.py), on a
table page as on a signature page with two lines of print; print, light or soft
print, a page printed 2-up and shaded paper are not watermarks and keep every
level."""

from __future__ import annotations

import random

import numpy as np
import pytest
import scans as S
from strategies import distinct_report

from zfxxgk.ingest.ocr import faint, geometry
from zfxxgk.render import render


@pytest.fixture(scope="module")
def table_page():
    """Table 三's page of a rendered report, scanned in grey at 150 dpi."""
    pdf = render(distinct_report("2021", seed=3), "pdf")
    return S.degrade(S.rasterise(pdf, dpi=150, pages=[2])[0], seed=1, skew=0)


@pytest.fixture(scope="module")
def report_pages():
    """The rendered report's pages (title, tables, the signature page last),
    scanned in grey at 150 dpi."""
    pdf = render(distinct_report("2021", seed=3), "pdf")
    return [S.degrade(p, seed=k, skew=0) for k, p in enumerate(S.rasterise(pdf, dpi=150))]


def _ink(grey: np.ndarray) -> int:
    return int((geometry.binarize(grey) > 0).sum())


def _cleaned(plain: np.ndarray, marked: np.ndarray, least: float = 0.1) -> None:
    """The marks' ink (more than `least` of the print's: the binariser took them
    for ink) is mostly gone from `marked` once lifted, nearly all the print kept."""
    extra = _ink(marked) - _ink(plain)
    assert extra > least * _ink(plain)
    lifted = faint.lifted(marked)
    assert _ink(lifted) - _ink(plain) < 0.2 * extra
    print_ink = geometry.binarize(plain) > 0
    assert (geometry.binarize(lifted)[print_ink] > 0).mean() > 0.95


def test_a_watermark_is_lifted_and_the_print_kept(table_page):
    marked = np.asarray(S.watermark(table_page, "内部资料 请勿外传 青禾市交通运输局   " * 3,
                                    random.Random(5)).convert("L"))
    _cleaned(np.asarray(table_page), marked, 0.3)


def test_the_back_page_showing_through_is_lifted(report_pages):
    """Lightly (12 % of the way to black: its strokes 20 to 30 levels below the
    paper, which the binariser still takes for ink) as more strongly (18 %): the
    table page's rules crossed by the mirrored title page's lines lost the
    table 二 and the agency's name (scan_probe bleed: 361 of 398 cells)."""
    for depth in (0.12, 0.18):
        for front, back in ((0, 1), (2, 0)):  # (a table page; the signature page)
            marked = np.asarray(S.show_through(report_pages[front], report_pages[back], depth))
            _cleaned(np.asarray(report_pages[front]), marked)


def test_a_signature_page_with_a_watermark_is_cleaned(report_pages):
    """The last page (two lines of print: the agency and the date) had too little
    black print to judge, and its watermark made its lines one: nothing read."""
    page = report_pages[-1]
    marked = np.asarray(S.watermark(page, "内部资料 请勿外传 青禾市交通运输局   " * 3,
                                    random.Random(5)).convert("L"))
    _cleaned(np.asarray(page), marked)


def test_pages_without_a_watermark_are_left_as_they_are(table_page):
    from PIL import Image

    plain = np.asarray(table_page)
    light = (165 + plain.astype(np.float32) / 255 * 85).astype(np.uint8)  # pale print
    small = np.asarray(table_page.resize((table_page.width // 2, table_page.height // 2),
                                         Image.Resampling.LANCZOS))  # 75 dpi: soft print
    shaded = (plain * np.linspace(0.55, 1, plain.shape[1])[None, :]).astype(np.uint8)
    two_up = np.full((plain.shape[1], plain.shape[0]), 252, np.uint8)  # 70 %, on a landscape sheet
    reduced = np.asarray(table_page.resize((int(0.7 * table_page.width), int(0.7 * table_page.height))))
    two_up[:reduced.shape[0], :reduced.shape[1]] = reduced
    for page in (plain, light, small, shaded, two_up):
        assert faint.threshold(page) is None
        assert faint.lifted(page) is page
