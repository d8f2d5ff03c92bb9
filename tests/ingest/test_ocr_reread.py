"""A doubtful number cell is read again (ocr/reread.py) with its strokes thicker
and thinner: the parser keeps it only where every reading agrees. Only doubtful
cells are read again, and no struck, sealed or written-in one."""

from __future__ import annotations

import numpy as np

import scans as S
from zfxxgk.ingest.ocr import lines, page
from zfxxgk.ingest.ocr.page import OcrCell, PageItem


def _digits(text: str) -> np.ndarray:
    """A line of printed digits as a cell's crop: grey, 32 px glyphs, a margin."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(S.SANS_FONT, 32)
    img = Image.new("L", (30 * len(text) + 20, 50), 255)
    ImageDraw.Draw(img).text((10, 4), text, font=font, fill=20)
    return np.asarray(img)


def test_a_doubtful_number_is_read_again_and_its_readings_kept():
    crop = _digits("357")
    plan = [(0, 0, [0], (0, 0, 100, 50), False, False)]
    # the first run misread it ("3517", unsure): the readings are what the ink says
    again = page._second_readings(plan, [crop], [("3517", 0.7, "3517", 0.31)])
    assert list(again) == [0]
    first_digits, *more = again[0]
    assert first_digits == "3517" and len(more) == 4
    assert "357" in more


def test_confident_struck_and_wordy_cells_are_not_read_again():
    crop = _digits("357")
    plan = [(0, 0, [0], (0, 0, 100, 50), False, False),   # sure of it
            (0, 1, [1], (0, 0, 100, 50), True, False),    # struck out / under a seal / a pen's
            (0, 2, [2], (0, 0, 100, 50), False, True),    # two figures apart
            (0, 3, [3], (0, 0, 100, 50), False, False),   # a label
            (0, 4, [4, 5], (0, 0, 100, 50), False, False)]  # two lines
    read = [("357", 0.99, "357", 0.99), ("357", 0.0, "357", 0.5), ("357", 0.6, "357", 0.5),
            ("第3项", 0.6, "3", 0.5), ("35", 0.6, "35", 0.5), ("7", 0.6, "7", 0.5)]
    assert page._second_readings(plan, [crop] * 6, read) == {}


def test_the_readings_ride_with_the_cell_to_the_pdf_loader():
    grid = [[OcrCell("500", 0.9, (1, 2, 3, 4), ("4500", "500", "4500", "4500", "4500")),
             OcrCell("12", 0.99, (5, 6, 7, 8))]]
    item = lines.ocr_lines([PageItem(10, grid=grid, box=(0, 0, 9, 9))])[0]
    assert item.ocr == (((0.9, (1, 2, 3, 4), ("4500", "500", "4500", "4500", "4500")),
                         (0.99, (5, 6, 7, 8))),)
    moved = page._shifted(PageItem(10, grid=grid, box=(0, 0, 9, 9)), 0, 0, 0.5)
    assert moved.grid[0][0].readings == grid[0][0].readings
