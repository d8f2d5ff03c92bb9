"""Letter-spaced numbers in a table without rulings (ingest/pdf_spacing.py): one
number again where the page confirms its spacing, never two cells joined."""

from __future__ import annotations

from zfxxgk.ingest.pdf_layout import Char
from zfxxgk.ingest.pdf_text import text_lines

SIZE = 9.0
WIDTH = 5.0  # a digit's advance at 9 pt


def _cell(digits: str, centre: float, top: float, gap: float) -> list[Char]:
    """`digits` centred on `centre`, each followed by `gap` points of spacing."""
    width = len(digits) * WIDTH + (len(digits) - 1) * gap
    x = centre - width / 2
    out = []
    for d in digits:
        out.append(Char(d, x, x + WIDTH, top, top + SIZE, True, "F", SIZE))
        x += WIDTH + gap
    return out


def _label(text: str, top: float) -> list[Char]:
    return [Char(c, 20 + 9 * k, 29 + 9 * k, top, top + SIZE, True, "F", SIZE)
            for k, c in enumerate(text)]


def _rows(rows: list[tuple[str, list[str]]], gap: float) -> list[str]:
    chars = []
    for k, (label, cells) in enumerate(rows):
        top = 100 + 16 * k
        chars += _label(label, top)
        for j, digits in enumerate(cells):
            chars += _cell(digits, 150 + 60 * j, top, gap)
    return [text for _, text in text_lines(chars)]


def test_letter_spaced_cells_are_read_as_their_numbers():
    """Word's 字符间距加宽 (4 pt): 规章 6 3 7 6 1 8 5 is 6 | 376 | 185, as the
    two-digit 25 standing between 376's digits in the column shows."""
    lines = _rows([("规章", ["6", "376", "185"]), ("规范性文件", ["12", "25", "3"])], gap=4.0)
    assert lines == ["规章 6 376 185", "规范性文件 12 25 3"]


def test_single_digit_cells_standing_evenly_are_not_joined():
    """Narrow columns of single digits: every row's digits in the same places,
    nothing confirms a spacing, so no two cells become one number."""
    chars = []
    for k in range(3):
        chars += _label("行", 100 + 16 * k)
        for j in range(6):
            chars += _cell(str((j + k) % 10), 150 + 9 * j, 100 + 16 * k, 4.0)
    lines = [text for _, text in text_lines(chars)]
    assert all(len(line.split()) == 7 for line in lines), lines


def test_a_gap_no_wider_than_the_spacing_keeps_the_digits_apart():
    """Cells 4.5 pt apart with 4 pt spacing (a spacing the last column confirms):
    where one number ends is not clear, so those digits stay single."""
    chars = _label("规章", 100) + _cell("37", 150, 100, 4.0) + _cell("18", 168.5, 100, 4.0)
    chars += _cell("25", 250, 100, 4.0) + _label("文件", 116) + _cell("376", 250, 116, 4.0)
    assert [text for _, text in text_lines(chars)] == ["规章 3 7 1 8 25", "文件 376"]


def test_a_report_letter_spaced_without_rulings():
    """The 2023 sample printed without rulings, its figures 4 pt letter-spaced:
    tables 二 and 三 read whole again (their digits were lost), nothing wrong."""
    from exact_cells import tables_of, wrong_cells
    from pdf_shapes import render
    from samples import samples_dir
    from zfxxgk.api import report_from_loaded
    from zfxxgk.ingest.pdf import load_pdf
    from zfxxgk.model import report_from_json

    path = samples_dir() / "real-expected" / "hongze-district-2023.json"
    expected = report_from_json(path.read_text("utf-8"))
    report = report_from_loaded(load_pdf(render(expected, "borderless-spaced"), "spaced.pdf"))
    assert wrong_cells(report, tables_of(expected)) == []
    for table in ("active", "applications"):
        assert tables_of(report)[table] == tables_of(expected)[table]
