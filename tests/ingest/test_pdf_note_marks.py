"""A note mark raised after a figure in a PDF cell (21 with a superscript 1, 注1 or *,
as Word sets a footnote reference) is no digit of the figure: 21¹ is 21, not 211.
The web page's <sup> and Word's superscript runs are left out the same way."""

from __future__ import annotations

import random
import re
from functools import lru_cache

from exact_cells import filled_cells, tables_of, wrong_cells
from strategies import distinct_report
from zfxxgk.api import report_from_loaded
from zfxxgk.ingest.pdf import load_pdf
from zfxxgk.ingest.pdf_layout import Char
from zfxxgk.ingest.pdf_text import without_note_marks

_TD = re.compile(r'(<td data-cell="[^"]+">)(\d+)(</td>)')


@lru_cache(maxsize=None)
def _marked_pdf(marks: tuple[str, ...]):
    """Our renderer's page, a mark raised after about a third of the figures."""
    from weasyprint import HTML

    from zfxxgk.render.html import render_html
    from zfxxgk.render.layout import build

    report = distinct_report("2021", seed=3)
    rng = random.Random(3)
    html = _TD.sub(lambda m: m[1] + m[2] + (f"<sup>{rng.choice(marks)}</sup>"
                                            if rng.random() < 0.3 else "") + m[3],
                   render_html(build(report)))
    return report, HTML(string=html).write_pdf()


def test_raised_digits_after_figures_join_no_cell():
    report, pdf = _marked_pdf(("1", "2", "12"))
    read = report_from_loaded(load_pdf(pdf, "marks.pdf"))
    assert wrong_cells(read, tables_of(report)) == []
    assert filled_cells(read) == filled_cells(report)


def test_raised_words_and_stars_leave_the_figure_and_the_text_layer():
    """注 wrapped in a narrow cell of table 四 (注 | 1 on the next line) and * marks,
    which made the page's text look like a font's glyph order (read by OCR)."""
    report, pdf = _marked_pdf(("注", "*", "注1"))
    doc = load_pdf(pdf, "marks.pdf", {"ocr": False})
    read = report_from_loaded(doc)
    assert "garbled" not in doc.meta
    assert wrong_cells(read, tables_of(report)) == []
    assert len(filled_cells(report) - filled_cells(read)) <= 2


def _c(text, x0, bottom, size=9.0):
    return Char(text, x0, x0 + size * 0.55, bottom - size, bottom, True, "", size)


def test_only_a_smaller_raised_character_right_after_a_digit_is_a_mark():
    two, one = _c("2", 100, 400), _c("1", 104.95, 400)
    raised = _c("1", 109.9, 396, 6.0)
    assert without_note_marks([two, one, raised]) == [two, one]
    same_line_small = _c("1", 109.9, 400, 6.0)  # a smaller figure on the baseline
    assert without_note_marks([two, one, same_line_small]) == [two, one, same_line_small]
    far = _c("1", 120, 396, 6.0)  # raised, but not right after the figure
    assert without_note_marks([two, one, far]) == [two, one, far]
    after_word = [_c("件", 100, 400), _c("1", 109, 396, 6.0)]  # no figure before it
    assert without_note_marks(after_word) == after_word
