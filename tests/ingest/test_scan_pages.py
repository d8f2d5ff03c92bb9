"""The page images a scan's tables were read from are kept while it is loaded
(ingest/scan_pages.py): the pixels the cells' boxes refer to, by page number,
only for pages with a table, and nothing is kept outside a `collecting` block.
The OCR pipeline is replaced by a fake here: what is tested is the hand-over."""

from __future__ import annotations

import io

import numpy as np
import pytest

import scans as S
from zfxxgk.ingest import scan_pages
from zfxxgk.ingest.ocr import page as ocr_page


@pytest.fixture
def fake_read(monkeypatch):
    """Pages whose top-left pixel is dark hold a table; the others only prose."""
    def read_page(grey, bilevel=None):
        upright = np.ascontiguousarray(grey[::-1, ::-1])  # "turned": what OCR worked on
        cell = ocr_page.OcrCell("7", 0.99, (10, 10, 40, 30))
        table = grey[0, 0] < 128
        items = [ocr_page.PageItem(10, grid=[[cell]], box=(10, 10, 40, 30))] if table \
            else [ocr_page.PageItem(10, text="正文", box=(10, 10, 40, 30))]
        return ocr_page.PageRead(items, image=upright)

    monkeypatch.setattr(ocr_page, "read_page", read_page)


def _page(table: bool, shade: int):
    from PIL import Image

    page = Image.new("L", (300, 200), shade)
    if table:
        page.putpixel((0, 0), 0)
    return page


def test_pages_with_tables_are_kept_as_ocr_saw_them(fake_read):
    from PIL import Image

    from zfxxgk.ingest.ocr import load_image

    tiff = S.tiff([_page(True, 200), _page(False, 220), _page(True, 240)])
    with scan_pages.collecting() as kept:
        load_image(tiff, "三页.tiff")
    assert sorted(kept) == [1, 3]
    first = Image.open(io.BytesIO(kept[1]))
    assert first.format == "JPEG" and first.mode == "L" and first.size == (300, 200)
    assert first.getpixel((299, 199)) < 128  # the turned page, not the file's frame
    assert abs(Image.open(io.BytesIO(kept[3])).getpixel((100, 100)) - 240) <= 2


def test_nothing_is_kept_outside_a_collecting_block(fake_read, monkeypatch):
    from zfxxgk.ingest import ocr
    from zfxxgk.ingest.ocr import load_image

    calls = []
    monkeypatch.setattr(scan_pages, "encode_page", lambda image: calls.append(1) or b"")
    with scan_pages.collecting():
        pass
    load_image(S.png(_page(True, 200)), "表.png")
    assert calls == [] and ocr._page_sink is None
