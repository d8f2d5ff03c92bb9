"""A report published as one long picture (长图, pages stacked): read as page-high
pieces at its own resolution, not scaled down whole (ingest/ocr/tall.py)."""

from __future__ import annotations

import numpy as np
import pytest

import scans as S
from samples import load_expected, samples_dir
from zfxxgk.api import report_from_loaded
from zfxxgk.ingest.load import load_document
from zfxxgk.ingest.ocr.images import count_pages, decode_image, decode_pages, iter_pages
from zfxxgk.ingest.ocr.tall import cuts, piece_count
from zfxxgk.model import report_to_dict

SAMPLE = "hongze-district-2024"


def _stack(pages, white_after: int = 0):
    from PIL import Image

    w = pages[0].width
    img = Image.new("L", (w, sum(p.height for p in pages) + white_after), 255)
    y = 0
    for p in pages:
        img.paste(p, (0, y))
        y += p.height
    return img


def _lines_page(width: int, height: int, top: int, bottom: int) -> np.ndarray:
    """White with dark text-like bars every 30 rows from `top` to `bottom`."""
    page = np.full((height, width), 255, np.uint8)
    for y in range(top, bottom, 30):
        page[y:y + 14, 100:width - 100] = 0
    return page


def test_a_page_is_one_piece_and_a_long_picture_several():
    assert piece_count(1240, 1754) == 1
    assert piece_count(1240, 2500) == 1  # a page with a long table on it
    assert piece_count(1240, 3508) == 1  # within the working size: read whole, as before
    assert piece_count(1240, 5262) == 3
    assert piece_count(1080, 9200) == 6


def test_cuts_go_through_the_blank_band_between_pages_not_through_text():
    """Three pages' text with wide margins between: each cut in a margin,
    whatever the even cut (the second page's text runs long)."""
    a = _lines_page(1000, 1400, 150, 1250)
    b = _lines_page(1000, 1500, 150, 1460)  # text to its very bottom
    c = _lines_page(1000, 1400, 150, 1250)
    grey = np.concatenate([a, b, c])
    pieces = cuts(grey, 3)
    assert pieces[0][0] == 0 and pieces[-1][1] == grey.shape[0]
    for (_, bottom), (top, _) in zip(pieces, pieces[1:]):
        assert bottom == top and (grey[top] == 255).all()
    assert 1250 <= pieces[0][1] <= 1550 and 2860 <= pieces[1][1] <= 3050


def test_no_cut_goes_through_a_ruled_table():
    """A long table's side rules ink every row: where no blank row is within
    reach there is no cut (the piece runs on)."""
    a = _lines_page(1000, 1400, 150, 1250)
    table = _lines_page(1000, 2800, 0, 2800)
    table[:, 90:93] = table[:, 905:908] = 0
    grey = np.concatenate([a, table])
    assert cuts(grey, 3) == [(0, grey.shape[0])] or all(
        (grey[top] == 255).all() for top, _ in cuts(grey, 3)[1:])
    assert all(top <= 1400 for top, _ in cuts(grey, 3)[1:])


def test_long_png_is_read_in_pieces_at_its_own_resolution():
    """A 1240×8770 picture: five pages 1240 wide (scaled whole to a 3600 high
    page it was 509 wide, its text a third of the size); an OFD page's picture
    is still drawn whole."""
    grey = np.concatenate([_lines_page(1240, 1754, 150, 1600)] * 5)
    data = S.png(_stack([_pil(grey)]))
    assert count_pages(data) == 5
    pages = list(iter_pages(data))
    assert len(pages) == 5 and all(p.shape[1] == 1240 for p in pages)
    assert sum(p.shape[0] for p in pages) == 8770
    assert len(decode_pages(data)) == 5 and decode_image(data).shape == (3600, 509)


def _pil(a: np.ndarray):
    from PIL import Image

    return Image.fromarray(a, "L")


@pytest.fixture(scope="module")
def long_picture():
    """Table 三's two pages of the sample scanned at 150 dpi, stacked into one
    picture with five pages' height of white below (a long picture's tail)."""
    pdf = (samples_dir() / "real" / f"{SAMPLE}.pdf").read_bytes()
    pages = [S.degrade(p, seed=k, skew=0) for k, p in enumerate(S.rasterise(pdf, 150, [3, 4]))]
    return S.png(_stack(pages, white_after=5 * pages[0].height))


def test_long_picture_of_table_pages_parses(long_picture):
    doc = load_document(long_picture, "长图.png")
    assert doc.kind == "image" and doc.meta["pages"] == "7"
    r = report_to_dict(report_from_loaded(doc))
    expected = load_expected(samples_dir() / "real-expected" / f"{SAMPLE}.json")
    rows = ["received", "carried_in", "granted", "partly_granted", "unavailable.not_held"]
    assert {row: r["applications"][row] for row in rows} == \
        {row: expected["applications"][row] for row in rows}
