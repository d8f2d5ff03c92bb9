"""A black-and-white scan (a fax, a scanner's B/W mode saved 1-bit) at low
resolution: its letters are stairs of whole pixels, read enlarged and smoothed
(ocr/page.py `_enlarged`); grey scans are read as they are."""

from __future__ import annotations

import numpy as np
import pytest

import scans as S
from samples import load_expected, samples_dir
from zfxxgk.api import report_from_bytes
from zfxxgk.ingest.ocr import geometry
from zfxxgk.model import report_to_dict

SAMPLE = "hongze-district-2024"


def _fax(page, dpi: int = 100):
    """A 200 dpi page sent as a fax: resampled to `dpi`, thresholded to 1 bit
    (dark enough to keep the sample's thin rules)."""
    from PIL import Image

    small = page.resize((page.width * dpi // 200, page.height * dpi // 200), Image.Resampling.BILINEAR)
    return small.point(lambda v: 255 if v > 200 else 0).convert("1")


@pytest.fixture(scope="module")
def pages():
    pdf = (samples_dir() / "real" / f"{SAMPLE}.pdf").read_bytes()
    return S.rasterise(pdf, 200, [3])


def test_a_one_bit_page_is_bilevel_a_grey_scan_is_not(pages):
    assert geometry.bilevel(np.asarray(_fax(pages[0]).convert("L")))
    assert not geometry.bilevel(np.asarray(S.degrade(pages[0], seed=1)))
    assert not geometry.bilevel(np.asarray(S.degrade(pages[0], seed=1, noise=0, jpeg=None)))


def test_a_100_dpi_fax_of_a_table_page_is_read(pages):
    """Table 三's first four rows from a 1-bit 100 dpi TIFF, all right (read at
    its own size, a 0 of 上年结转 was lost)."""
    page = _fax(S.degrade(pages[0], seed=3, noise=3, jpeg=None))
    assert geometry.bilevel(np.asarray(page.convert("L")))
    r = report_to_dict(report_from_bytes(S.tiff([page]), "传真.tiff"))
    expected = load_expected(samples_dir() / "real-expected" / f"{SAMPLE}.json")
    rows = ["received", "carried_in", "granted", "partly_granted"]
    assert {row: r["applications"].get(row) for row in rows} == \
        {row: expected["applications"][row] for row in rows}
