"""A scan for the web tests, made from the project's own rendering of an example.

The 望湖街道 2023 example is rendered to PDF; its title and the top of table 三
(header and five rows) are cut out by the positions of their text in that PDF,
put on one small page, and one digit (自然人 of 一、本年新收, a "9") loses its
lower half, as a fold or a stain takes it. The page is then degraded as a
scanner does (tests/ingest/scans.py). Small on purpose: OCR is CPU-heavy.

One mistake is planted in the report before it is rendered: （一）予以公开 总计
is 5 where its row adds up to 4, so T3-3 flags that row whatever OCR makes of
the damaged digit (which is flagged too: F-OCR, or F-INFERRED when an identity
settles it; never silently read).
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "wanghu-street-2023.txt"
AGENCY = "青禾市云岭区望湖街道办事处"
DPI = 200
# The cell whose digit is damaged, and what its row holds in the example.
DAMAGED = "applications.received.natural_person"
RECEIVED = {"natural_person": 9, "commercial": 1, "research": 0, "nonprofit": 0,
            "legal_service": 0, "other_org": 0, "total": 10}
PLANTED = ("applications.granted.total", 5)  # the row adds up to 4


def _scans():
    """tests/ingest/scans.py, the one place scans are made (loaded by path: that
    folder is not a package)."""
    spec = importlib.util.spec_from_file_location("scans", ROOT / "tests" / "ingest" / "scans.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rendering() -> bytes:
    from zfxxgk.api import report_from_bytes
    from zfxxgk.render import render

    report = report_from_bytes(EXAMPLE.read_bytes(), EXAMPLE.name)
    table, row, col = PLANTED[0].split(".")
    getattr(report, table)[row][col] = PLANTED[1]
    return render(report, "pdf")


def _find(pdf, text: str):
    """(page index, bbox dict in points) of the first occurrence of `text`."""
    for k, page in enumerate(pdf.pages):
        hits = page.search(text)
        if hits:
            return k, hits[0]
    raise AssertionError(f"the rendering has no “{text}”")


def _bands(data: bytes) -> tuple[tuple[int, float, float], tuple[int, float, float],
                                  tuple[float, float, float, float]]:
    """The title band, the table band (page index, top, bottom in points) and the
    damaged digit's box (x0, top, x1, bottom in points, on the table's page)."""
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        t_page, title = _find(pdf, "年度报告")
        h_page, heading = _find(pdf, "三、收到和处理政府信息公开申请情况")
        _, last_row = _find(pdf, "1.属于国家秘密")
        _, received = _find(pdf, "一、本年新收政府信息公开申请数量")
        _, person = _find(pdf, "自然人")
        page = pdf.pages[h_page]
        rule = min(e["top"] for e in page.horizontal_edges if e["top"] > last_row["bottom"])
        digit = next(c for c in page.chars if c["text"] == "9"
                     and person["x0"] - 10 < c["x0"] < person["x1"] + 10
                     and abs(c["top"] - received["top"]) < 6)
    return ((t_page, title["top"] - 50, title["bottom"] + 10),
            (h_page, heading["top"] - 10, rule + 3),
            (digit["x0"], digit["top"], digit["x1"], digit["bottom"]))


@functools.cache
def table_page():
    """The small scanned page (a greyscale PIL image at 200 dpi), made once."""
    from PIL import Image

    scans = _scans()
    data = _rendering()
    title, table, digit = _bands(data)
    pages = scans.rasterise(data, DPI)
    px = DPI / 72
    top = pages[title[0]].crop((0, round(title[1] * px), pages[0].width, round(title[2] * px)))
    body = pages[table[0]].crop((0, round(table[1] * px), pages[0].width, round(table[2] * px)))
    body = body.copy()
    _damage(body, [round(v * px) for v in digit], round(table[1] * px))
    margin = 60
    page = Image.new("L", (top.width, top.height + body.height + 3 * margin), 255)
    page.paste(top, (0, margin))
    page.paste(body, (0, top.height + 2 * margin))
    return scans.degrade(page, seed=2)


def _damage(body, box: list[int], offset: int) -> None:
    """Erase the lower part of the glyph in `box` (page pixels; `offset` is where
    `body` starts on the page)."""
    import numpy as np
    from PIL import ImageDraw

    x0, y0, x1, y1 = box[0] - 3, box[1] - offset - 3, box[2] + 3, box[3] - offset + 3
    rows = np.flatnonzero((np.asarray(body)[y0:y1, x0:x1] < 128).any(axis=1))
    top, bottom = y0 + int(rows[0]), y0 + int(rows[-1])
    ImageDraw.Draw(body).rectangle((x0, top + (bottom - top) * 2 // 5, x1, bottom + 1), fill=255)


def png() -> bytes:
    return _scans().png(table_page())


def image_pdf() -> bytes:
    return _scans().image_pdf([table_page()], DPI)
