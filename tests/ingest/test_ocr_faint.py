"""A watermark's light grey strokes are made paper before a page is read
(ingest/ocr/faint.py); print, light or soft print and shaded paper are not
watermarks and keep every level."""

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


def _ink(grey: np.ndarray) -> int:
    return int((geometry.binarize(grey) > 0).sum())


def test_a_watermark_is_lifted_and_the_print_kept(table_page):
    plain = np.asarray(table_page)
    marked = np.asarray(S.watermark(table_page, "内部资料 请勿外传 青禾市交通运输局   " * 3,
                                    random.Random(5)).convert("L"))
    extra = _ink(marked) - _ink(plain)
    assert extra > 0.3 * _ink(plain)  # the binariser took its strokes for ink
    lifted = faint.lifted(marked)
    assert _ink(lifted) - _ink(plain) < 0.2 * extra
    # the print is kept: nearly every pixel of it is ink still
    print_ink = geometry.binarize(plain) > 0
    assert (geometry.binarize(lifted)[print_ink] > 0).mean() > 0.95


def test_pages_without_a_watermark_are_left_as_they_are(table_page):
    from PIL import Image

    plain = np.asarray(table_page)
    light = (165 + plain.astype(np.float32) / 255 * 85).astype(np.uint8)  # pale print
    small = np.asarray(table_page.resize((table_page.width // 2, table_page.height // 2),
                                         Image.Resampling.LANCZOS))  # 75 dpi: soft print
    shaded = (plain * np.linspace(0.55, 1, plain.shape[1])[None, :]).astype(np.uint8)
    for page in (plain, light, small, shaded):
        assert faint.threshold(page) is None
        assert faint.lifted(page) is page
