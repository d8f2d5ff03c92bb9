"""Scans as offices make them, beyond a scanner's skew and noise (bench/scan_probe.py
measures each class on whole reports): the agency's red seal over a table, a
printed number struck out and corrected by hand, a landscape table page scanned
portrait. Each test reads one small page."""

from __future__ import annotations

import numpy as np
import pytest

import scans as S
from zfxxgk.ingest.ocr import cells as ink
from zfxxgk.ingest.ocr import page as ocr_page

ROWS = (("行政许可", "4371", "265", "1038"), ("行政处罚", "52", "7730", "419"),
        ("行政强制", "618", "93", "2047"), ("行政事业性收费", "75", "3106", "884"))
CELL_W, CELL_H, LEFT, TOP = 260, 70, 120, 260


def table_page(width: int = 1400, height: int = 1980, title_text: str = "二、主动公开政府信息情况"):
    """An RGB page with a title and a ruled table of labels and numbers; also the
    ink box of each number, by (row, column)."""
    from PIL import Image, ImageDraw, ImageFont

    page = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(page)
    title = ImageFont.truetype(S.SANS_FONT, 44)
    body = ImageFont.truetype(S.SANS_FONT, 34)
    draw.text((LEFT, 120), title_text, font=title, fill=(0, 0, 0))
    boxes = {}
    for r, row in enumerate(ROWS):
        for c, text in enumerate(row):
            x, y = LEFT + c * CELL_W, TOP + r * CELL_H
            left, top, right, bottom = draw.textbbox((0, 0), text, font=body)
            at = (x + (CELL_W - right + left) // 2 - left, y + (CELL_H - bottom + top) // 2 - top)
            draw.text(at, text, font=body, fill=(0, 0, 0))
            boxes[r, c] = draw.textbbox(at, text, font=body)
    for r in range(len(ROWS) + 1):
        draw.line((LEFT, TOP + r * CELL_H, LEFT + 4 * CELL_W, TOP + r * CELL_H), fill=0, width=3)
    for c in range(5):
        draw.line((LEFT + c * CELL_W, TOP, LEFT + c * CELL_W, TOP + len(ROWS) * CELL_H), fill=0, width=3)
    for k in range(6):  # prose under the table, as a page has
        draw.text((LEFT, TOP + len(ROWS) * CELL_H + 80 + 60 * k),
                  "本年度共受理政府信息公开申请，均在法定期限内答复。", font=body, fill=(0, 0, 0))
    return page, boxes


def _texts(table: ocr_page.PageItem) -> list[list[str]]:
    return [[c.text if c else "" for c in row] for row in table.grid]


def _grid_texts(read: ocr_page.PageRead) -> list[list[str]]:
    (table,) = [it for it in read.items if it.grid is not None]
    return _texts(table)


def _grey(page) -> np.ndarray:
    return np.asarray(page.convert("L"))


def test_a_red_seal_is_paper_in_the_page_ocr_reads():
    """A colour scan is made grey with the seal's red taken out: its ring, star
    and text no longer cross the digits; black print under it stays black."""
    from zfxxgk.ingest.ocr.images import iter_pages

    page, boxes = table_page()
    x0, y0, x1, y1 = boxes[1, 2]
    sealed = S.stamp(page, ((x0 + x1) // 2, (y0 + y1) // 2), 150, "青禾市云岭区望湖街道办事处")
    (grey,) = list(iter_pages(S.png(sealed)))
    ring = np.asarray(sealed)[..., 1] < 120  # the seal's ink (green channel low)
    ring &= np.asarray(sealed)[..., 0] > 150
    assert ring.sum() > 2000
    assert grey[ring].min() >= 230
    digits = _grey(page)[y0:y1, x0:x1] < 60
    assert grey[y0:y1, x0:x1][digits].mean() < 80


def test_a_red_seal_over_a_scanned_pdf_table_leaves_its_numbers(monkeypatch):
    """The scanned PDF's page is rendered in colour, so the seal is taken out
    there too; the numbers under the seal read as printed."""
    from zfxxgk.ingest import ocr
    from zfxxgk.ingest.load import load_document

    page, boxes = table_page()
    x0, y0, x1, y1 = boxes[1, 2]
    sealed = S.stamp(page, ((x0 + x1) // 2, (y0 + y1) // 2), 150, "青禾市云岭区望湖街道办事处")
    seen = []
    monkeypatch.setattr(ocr, "_read", lambda image, n, total, bilevel=None: seen.append(image) or [])
    load_document(S.image_pdf([sealed], 170), "盖章.pdf")
    (grey,) = seen
    from PIL import Image

    red = (np.asarray(sealed)[..., 0] > 150) & (np.asarray(sealed)[..., 1] < 120)
    red &= _grey(page) > 250  # the seal's ink on paper, not over print
    red = np.asarray(Image.fromarray(red).resize(grey.shape[::-1], Image.Resampling.NEAREST))
    assert red.sum() > 2000
    assert np.median(grey[red]) >= 245 and np.percentile(grey[red], 10) >= 200, \
        "the seal's red is still ink"


def _crop(*strokes: tuple[int, int, int, int]) -> np.ndarray:
    """A 62×90 binary text line with ink rectangles (x, width, y, height)."""
    crop = np.zeros((62, 90), dtype=np.uint8)
    for x, w, y, h in strokes:
        crop[y:y + h, x:x + w] = 255
    return crop


@pytest.mark.parametrize("crop, expected", [
    (_crop((10, 30, 5, 52)), False),                  # a digit
    (_crop((10, 30, 26, 4)), False),                  # a minus sign
    (_crop((10, 30, 5, 52), (4, 70, 30, 3)), True),   # a line through the middle
    (_crop((10, 30, 5, 52), (0, 80, 59, 3)), False),  # an underline is no strike
])
def test_a_line_through_the_middle_is_a_strike(crop, expected):
    assert ink.struck(crop, 40.0) is expected


def test_a_struck_number_corrected_by_hand_is_in_doubt():
    """"265" struck out and "318" written beside it: the recogniser reads the two
    run together ("265318"), confidently; the cell must not be trusted as read."""
    page, boxes = table_page()
    S.strike_out(page, boxes[0, 2], "318")
    read = ocr_page.read_page(_grey(page))
    (table,) = [it for it in read.items if it.grid is not None]
    corrected = table.grid[0][2]
    assert corrected.confidence == 0.0
    assert table.grid[0][1].text == "4371" and table.grid[0][1].confidence > 0.95
    assert table.grid[1][2].text == "7730"


def test_a_landscape_table_page_scanned_portrait_is_turned():
    """The page lies on its side in a portrait image (taller than wide): its lines
    run down the page, and it is turned before its table is read."""
    from PIL import Image

    page, _ = table_page(width=1980, height=1100)
    turned = page.rotate(90, expand=True)
    canvas = Image.new("RGB", (turned.width, int(1.4 * turned.height)), (255, 255, 255))
    canvas.paste(turned, (0, 200))
    read = ocr_page.read_page(_grey(canvas))
    grid = _grid_texts(read)
    assert grid[0] == list(ROWS[0]) and grid[3][3] == "884"


def test_two_pages_scanned_side_by_side_are_read_left_then_right():
    """A book-style spread: the left page's title, table and prose, then the
    right page's (not the two pages' lines interleaved row by row); the boxes
    stay on the whole image."""
    from PIL import Image

    left, _ = table_page()
    right, _ = table_page(title_text="四、政府信息公开行政复议情况")
    spread = Image.new("RGB", (2 * left.width + 60, left.height), (255, 255, 255))
    spread.paste(left, (0, 0))
    spread.paste(right, (left.width + 60, 0))
    read = ocr_page.read_page(_grey(spread))
    texts = ["<table>" if it.grid is not None else it.text for it in read.items]
    assert texts.index("四、政府信息公开行政复议情况") == len(texts) // 2
    assert texts[0] == "二、主动公开政府信息情况" and texts.count("<table>") == 2
    tables = [it for it in read.items if it.grid is not None]
    assert [_texts(t)[3][3] for t in tables] == ["884", "884"]
    assert tables[1].grid[0][0].box[0] > left.width


def test_one_landscape_table_page_is_not_cut_in_two():
    from zfxxgk.ingest.ocr import geometry

    page, _ = table_page(width=2200, height=1400)
    assert geometry.spread_gutter(_grey(page)) is None


def test_upright_pages_are_not_taken_for_pages_on_their_side():
    from zfxxgk.ingest.ocr import geometry

    page, _ = table_page()
    assert not geometry.lines_run_down(_grey(page))
    assert geometry.lines_run_down(np.ascontiguousarray(np.rot90(_grey(page))))


def test_seal_free_grey_keeps_print_and_blue_ink():
    from zfxxgk.ingest.ocr.colour import seal_free_grey

    rgb = np.array([[[0, 0, 0], [255, 255, 255], [214, 40, 40], [20, 20, 120],
                     [128, 128, 128], [250, 240, 200]]], dtype=np.uint8)
    grey = seal_free_grey(rgb)[0]
    assert grey[0] == 0 and grey[1] == 255 and grey[2] == 255
    assert grey[3] < 60 and grey[4] == 128 and abs(int(grey[5]) - 240) <= 2


@pytest.mark.parametrize("ink_level, paper", [(10, 120), (20, 185)])
def test_prose_of_a_dark_or_grey_scan_is_found(ink_level, paper):
    """A dark (or grey-ground) sheet scanned a degree askew on a white lid: the
    paper along the white wedges binarises as ink, a band beside every line.
    The title and the prose lines are lines all the same (they were one block)."""
    from PIL import Image

    from zfxxgk.ingest.ocr import geometry, rulings

    page, _ = table_page()
    dim = (ink_level + np.asarray(page.convert("L"), dtype=np.float32) / 255 * (paper - ink_level))
    scan = Image.fromarray(dim.astype(np.uint8), "L").rotate(1.0, fillcolor=255)
    binary = geometry.binarize(np.asarray(scan))
    boxes = ocr_page._prose_boxes(binary, rulings.find_tables(binary))
    assert len(boxes) >= 7
    assert all(b[3] - b[1] < 80 for b in boxes)


def test_a_seal_on_a_greyscale_scan_puts_the_numbers_under_it_in_doubt():
    """Scanned in greyscale, the seal's ring is ink as dark as print: a digit it
    crosses may read as another, confidently. The ring is found (a closed
    circle of a seal's size; a table's grid makes none) and the numbers under
    it are not taken as read; those beside it are."""
    from zfxxgk.ingest.ocr import geometry, seals

    page, boxes = table_page()
    x0, y0, x1, y1 = boxes[3, 3]  # a seal over the table's bottom right, as signed
    grey = _grey(S.stamp(page, ((x0 + x1) // 2, (y0 + y1) // 2), 150, "青禾市云岭区望湖街道办事处"))
    assert seals.seal_circles(_grey(page), geometry.binarize(_grey(page))) == []
    ((x, y, r),) = seals.seal_circles(grey, geometry.binarize(grey))
    assert abs(x - (x0 + x1) // 2) < 12 and abs(y - (y0 + y1) // 2) < 12 and 130 < r < 170
    (table,) = [it for it in ocr_page.read_page(grey).items if it.grid is not None]
    under = [c for row in table.grid for c in row if c and seals.under_seal(c.box, [(x, y, r)])]
    assert len(under) >= 4
    assert all(c.confidence == 0.0 for c in under if any(ch.isdigit() for ch in c.text))
    assert all(c.confidence < 0.95 for c in under if c.text.strip() and not c.text.startswith("行政"))
    assert table.grid[0][1].text == "4371" and table.grid[0][1].confidence > 0.95


def _prose(read: ocr_page.PageRead) -> list[str]:
    return [it.text for it in read.items if it.grid is None]


def test_a_phone_photo_with_a_shadow_across_is_read():
    """The sheet a trapezium on a dark desk, a shadow across its top right: the
    shadow parts the bright paper, and the sheet is all the bright pieces (it was
    the largest alone, a wrong quadrilateral: nothing was read)."""
    photo = S.photograph(table_page()[0], (0.05, 0.03, 0.04), 0.45)
    read = ocr_page.read_page(_grey(photo))
    assert _grid_texts(read) == [list(row) for row in ROWS]
    assert _prose(read)[0] == "二、主动公开政府信息情况"


@pytest.mark.parametrize("top, left, skew", [(0.08, 0.06, 0.8), (0.05, 0.09, -0.6), (0.07, 0.07, 0)])
def test_a_scan_with_the_lid_open_is_cut_out_clean(top, left, skew):
    """The page on a wide black border is cut out with none of the border left
    along its edges: a sliver down its side ran every line of a page's prose into
    one block (the title and the agency were lost)."""
    from zfxxgk.ingest.ocr import geometry

    scan = S.degrade(S.on_black(table_page()[0], top, left), seed=1, skew=skew, jpeg=None)
    grey = _grey(scan)
    flat = geometry.warped(grey, geometry.sheet_warp(grey))
    assert abs(flat.shape[0] / flat.shape[1] - 1980 / 1400) < 0.02
    binary = geometry.binarize(flat)
    for edge in (binary[:2].T, binary[-2:].T, binary[:, :2], binary[:, -2:]):
        assert (edge > 0).any(axis=1).mean() < 0.01

@pytest.mark.parametrize("crop, expected", [
    (_crop((5, 20, 5, 52), (30, 20, 5, 52), (55, 20, 5, 52)), False),  # "387": level, close
    (_crop((5, 20, 5, 52), (28, 4, 50, 6), (35, 20, 5, 52)), False),   # "8.7": a point between
    (_crop((0, 18, 10, 40), (20, 18, 10, 40), (60, 20, 10, 40)), True),  # "38", a figure apart
    (_crop((0, 18, 10, 40), (20, 4, 10, 40), (44, 18, 10, 40)), False),  # "818": a "1" between
    (_crop((0, 18, 10, 40), (20, 4, 10, 40), (70, 18, 0, 38)), True),   # "81", a figure further
])
def test_a_line_of_two_figures_is_told_from_one_number(crop, expected):
    assert ink.apart(crop, 40.0) is expected


def test_a_figure_written_beside_a_printed_number_is_in_doubt():
    """"265" with "318" written by hand after it, not struck: the recogniser reads
    the two as one number ("265318"), confidently. Which is meant is not known:
    the cell is not trusted as read; a label with a space, a plain number are."""
    page, boxes = table_page()
    S.write_beside(page, boxes[0, 2], "318")
    read = ocr_page.read_page(_grey(page))
    (table,) = [it for it in read.items if it.grid is not None]
    assert table.grid[0][2].confidence == 0.0
    assert table.grid[0][1].text == "4371" and table.grid[0][1].confidence > 0.95
    assert table.grid[1][2].text == "7730" and table.grid[1][2].confidence > 0.95

def test_a_seals_ring_on_a_greyscale_scan_is_no_column_rule():
    """The ring's sides run nearly straight down a row or two: each was taken for
    a column rule through the cells under it (a number cut in two, the header's
    cells shifted, the table lost). The ring's ink is curved; rules are straight,
    one the ring runs along too."""
    from zfxxgk.ingest.ocr import geometry, rulings, seals

    page, _ = table_page()
    for centre in ((700, 400), (LEFT + CELL_W + 150, 420)):  # sides in cells; one on a rule
        grey = _grey(S.stamp(page, centre, 150, "青禾市云岭区望湖街道办事处"))
        binary = geometry.binarize(grey)
        rings = seals.seal_circles(grey, binary)
        assert len(rings) == 1
        (table,) = rulings.find_tables(binary, rulings.line_masks(binary), rings)
        assert (table.rows, table.cols) == (4, 4)
        assert [c.box[0] for c in table.cells if c.row == 0] == \
            pytest.approx([LEFT + k * CELL_W for k in range(4)], abs=6)


def _keystoned(page, inset: int):
    """The page as a photo flattened by a slightly wrong outline leaves it: its
    top `inset` pixels narrower each side than its bottom (the columns' rules
    lean, each its own way; the rows' stay level)."""
    import cv2
    from PIL import Image

    grey = _grey(page)
    h, w = grey.shape
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[inset, 0], [w - inset, 0], [w, h], [0, h]])
    warped = cv2.warpPerspective(grey, cv2.getPerspectiveTransform(src, dst), (w, h),
                                 borderValue=255)
    return Image.fromarray(warped, "L")


def test_a_table_whose_rules_lean_is_squared_before_its_cells_are_cut():
    """Rules leaning by a dozen pixels over the table: a cell's side was looked
    for where its column's rule is on average, and missed at the table's top
    and bottom, so two cells were one ("行政许可丨4371", and "10381" read for
    1038 beside a rule).
    The table's frame is made a rectangle first; a square table is left."""
    from zfxxgk.ingest.ocr import geometry, keystone, rulings

    leaning = _grey(_keystoned(table_page()[0], 300))
    binary = geometry.binarize(leaning)
    masks = rulings.line_masks(binary)
    assert keystone.corners(masks, rulings.find_tables(binary, masks)) is not None
    read = ocr_page.read_page(leaning)
    assert _grid_texts(read) == [list(row) for row in ROWS]
    square = _grey(table_page()[0])
    binary = geometry.binarize(square)
    masks = rulings.line_masks(binary)
    assert keystone.corners(masks, rulings.find_tables(binary, masks)) is None


def _colour_scan(page):
    """An RGB page as a colour scanner saves it: blurred, JPEG with its colour at
    half resolution (a pen's thin stroke keeps little of its blue)."""
    import io

    from PIL import Image, ImageFilter

    buf = io.BytesIO()
    page.convert("RGB").filter(ImageFilter.GaussianBlur(0.6)).save(buf, "JPEG", quality=80,
                                                                    subsampling=2)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


def test_a_figure_written_in_blue_beside_a_printed_number_is_taken_out():
    """"265" with "318" written in blue ink after it (touching or not): the pen's
    ink is taken out of the page, so the printed number is read as printed
    (it ran into the handwriting: "265318", or a row's total 14599 that nulled
    the row); the cell stays in doubt (which is meant is not known), and a
    cell the pen did not touch is read as before."""
    from zfxxgk.ingest.ocr.colour import grey_page

    page, boxes = table_page()
    S.write_beside(page, boxes[0, 2], "318")
    S.strike_out(page, boxes[2, 3], "52")
    grey = grey_page(_colour_scan(page))
    assert grey.hand is not None and grey.hand.sum() > 200
    (table,) = [it for it in ocr_page.read_page(grey).items if it.grid is not None]
    assert table.grid[0][2].text == "265" and table.grid[0][2].confidence == 0.0
    assert table.grid[2][3].text == "2047" and table.grid[2][3].confidence == 0.0
    assert table.grid[0][1].text == "4371" and table.grid[0][1].confidence > 0.95
    assert table.grid[1][2].text == "7730" and table.grid[1][2].confidence > 0.95


def test_blue_print_and_grey_pages_are_left_as_they_are():
    """A page set in blue is the page's print, not a pen's: kept as ink; a grey
    page (or one saved as RGB) has no pen to look for."""
    from PIL import ImageOps

    from zfxxgk.ingest.ocr.colour import grey_page

    page, _ = table_page()
    blue = ImageOps.colorize(page.convert("L"), black=(20, 20, 120), white=(255, 255, 255))
    grey = grey_page(_colour_scan(blue))
    assert getattr(grey, "hand", None) is None and (grey < 128).sum() > 5000
    plain = grey_page(_colour_scan(page))
    assert getattr(plain, "hand", None) is None
    assert np.array_equal(plain, np.asarray(_colour_scan(page).convert("L")))
