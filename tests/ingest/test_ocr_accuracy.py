"""What made scans of the real samples come back wrong, each pinned down: a table
cut by a page break (no bottom rule), slivers of rule read as letters beside a
digit, a "0" read as "o"; and every shared sample's scan parsing to its expected
values (slow: some fifteen CPU seconds each)."""

from __future__ import annotations

import numpy as np
import pytest

import scans as S
from samples import differences, load_expected, samples_dir, sample_pairs
from zfxxgk.api import report_from_bytes
from zfxxgk.ingest.ocr import engine, rulings
from zfxxgk.ingest.ocr.page import cell_reading, upright
from zfxxgk.model import report_to_dict


def _grid(rows: int, cols: int, bottom_rule: bool = True) -> np.ndarray:
    """A binary page (ink 255) with a ruled grid of 60×150-pixel cells."""
    page = np.zeros((rows * 60 + 200, cols * 150 + 200), dtype=np.uint8)
    bottom = 100 + rows * 60
    for r in range(rows + (1 if bottom_rule else 0)):
        page[100 + r * 60:103 + r * 60, 100:101 + cols * 150] = 255
    for c in range(cols + 1):
        page[100:bottom + 2, 100 + c * 150:103 + c * 150] = 255
    return page


def test_a_table_cut_by_the_page_break_keeps_its_last_row():
    """The vertical rules run down to the cut: the row there is a row."""
    (closed,) = rulings.find_tables(_grid(4, 3))
    (cut,) = rulings.find_tables(_grid(4, 3, bottom_rule=False))
    assert (closed.rows, closed.cols) == (4, 3)
    assert (cut.rows, cut.cols) == (4, 3)
    assert cut.cells[-1].box[3] >= 100 + 4 * 60 - 2


def test_a_stroke_beside_a_rule_does_not_move_it():
    """Half a page scanned on its own is short, so the rule masks' opening keeps
    the long strokes of the labels' characters too: strokes a few pixels right
    of a column rule made one run with it, its middle no rule, and the labels'
    column was lost (its cells joined to the next)."""
    page = _grid(6, 3)
    for r in range(6):  # characters' tall strokes just right of the second rule
        x = 258 + 7 * (r % 2)
        page[115 + r * 60:150 + r * 60, x:x + 3] = 255
    (table,) = rulings.find_tables(page)
    assert (table.rows, table.cols) == (6, 3)
    assert sorted({c.box[0] for c in table.cells}) == pytest.approx([101, 251, 401], abs=2)


def test_a_lone_cross_is_no_table():
    page = np.zeros((400, 400), dtype=np.uint8)
    page[200:203, 20:380] = 255
    page[20:380, 200:203] = 255
    assert all(t.rows < 2 or t.cols < 2 for t in rulings.find_tables(page))


def test_strokes_of_a_bold_title_are_no_table():
    """A grid a few characters wide in a page's margin-to-margin width is the long
    strokes of a big bold title, not a table (it cut "L" out of the title's 政)."""
    page = np.zeros((1200, 1600), dtype=np.uint8)
    small = _grid(2, 1)[80:240, 80:280]  # one 60×150 column of two rows
    page[400:560, 700:900] = small
    assert rulings.find_tables(page) == []
    page[600:600 + 320, 100:100 + 650] = _grid(2, 3)[:320, :650]
    assert [(t.rows, t.cols) for t in rulings.find_tables(page)] == [(2, 3)]


def test_rules_are_erased_and_a_tall_one_inside_the_cell_is_not():
    binary = _grid(2, 2)
    binary[175:205, 200:204] = 255  # a tall "1" in the middle of cell (1, 0)
    grey = 255 - binary
    tables = rulings.find_tables(binary)
    masks = rulings.line_masks(binary)
    clean_grey, clean_ink = rulings.erase_rules(grey, binary, masks, tables)
    assert not clean_ink[100:103, 100:400].any()  # the top rule
    assert not clean_ink[100:220, 100:103].any()  # the left rule
    assert clean_ink[175:205, 200:204].all() and (clean_grey[175:205, 200:204] == 0).all()


@pytest.mark.parametrize("read, digits, expected", [
    (("o", 0.39), ("0", 0.31), ("0", 0.31)),       # a zero read as a letter: doubtful digits
    (("L 0", 0.93), ("0", 0.98), ("0", 0.98)),     # a sliver of rule read beside it
    (("1O", 0.80), ("10", 0.55), ("10", 0.55)),
    (("550", 0.99), ("550", 0.99), ("550", 0.99)),  # a number stays as read
    (("-341", 0.99), ("341", 0.99), ("-341", 0.99)),  # so does a signed one (2019 form)
    (("－98", 0.97), ("98", 0.99), ("－98", 0.97)),
    (("7730.28", 0.97), ("7730.28", 0.9), ("7730.28", 0.97)),
    (("行政许可", 0.99), ("", 0.0), ("行政许可", 0.99)),  # labels are no numbers
    (("/", 0.9), ("1", 0.2), ("/", 0.9)),          # a slash for "none" is left to the parser
    (("", 0.0), ("", 0.0), ("", 0.0)),
])
def test_a_cell_that_reads_as_no_number_is_read_as_digits(read, digits, expected):
    assert cell_reading(*read, *digits) == expected


def test_digits_only_decoding_keeps_the_models_doubt():
    """CTC steps: "o" most likely, then blank, "0", "0" again (collapsed), blank, "5"."""
    characters = ["blank", "0", "5", "o", "."]
    classes = np.array([0, 1, 2, 4])
    pred = np.array([[0.05, 0.30, 0.0, 0.65, 0.0],
                     [0.90, 0.05, 0.0, 0.05, 0.0],
                     [0.10, 0.80, 0.0, 0.10, 0.0],
                     [0.10, 0.85, 0.0, 0.05, 0.0],
                     [0.95, 0.0, 0.05, 0.0, 0.0],
                     [0.02, 0.0, 0.98, 0.0, 0.0]])
    text, confidence = engine.decode_digits(pred, classes, characters)
    assert text == "005" and confidence == pytest.approx(0.30)
    assert engine.decode_digits(np.array([[1.0, 0, 0, 0, 0]]), classes, characters) == ("", 0.0)


@pytest.fixture(scope="module")
def table_page():
    """Page 3 of a real sample (tables 二 and 三) scanned at 200 dpi, skewed."""
    pdf = (samples_dir() / "real" / "hongze-district-2024.pdf").read_bytes()
    return np.asarray(S.degrade(S.rasterise(pdf, 200, [3])[0], seed=2, skew=1.4))


@pytest.mark.parametrize("quarters", [0, 1, 2, 3])
def test_a_page_turned_by_quarter_turns_is_set_upright(table_page, quarters):
    """Upside down (digits read nearly as well both ways) and on its side; the
    skew is measured on the level page either way."""
    page, turned, angle, _ = upright(np.ascontiguousarray(np.rot90(table_page, quarters)))
    assert (quarters + turned) % 4 == 0
    assert abs(angle + 1.4) <= 0.3
    assert page.shape == table_page.shape


@pytest.mark.slow
@pytest.mark.parametrize("pair", sample_pairs("real"), ids=lambda p: p[1].removesuffix(".json"))
def test_every_shared_sample_scanned_parses_to_the_expected_values(pair):
    """Each real sample printed to pixels at 200 dpi (skew, blur, noise, JPEG, as the
    bench makes them) and read back: agency, year, template and every cell."""
    name = pair[1].removesuffix(".json")
    pdf = (samples_dir() / "real" / f"{name}.pdf").read_bytes()
    expected = load_expected(samples_dir() / "real-expected" / pair[1])
    pages = [S.degrade(p, seed=10 + k) for k, p in enumerate(S.rasterise(pdf, 200))]
    report = report_from_bytes(S.image_pdf(pages, 200), f"{name}-扫描.pdf")
    assert differences(expected, report_to_dict(report)) == []
