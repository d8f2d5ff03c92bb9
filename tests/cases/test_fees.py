"""The 109号 tariff against the spec's worked examples and its band edges."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zfxxgk.cases.fees import FeeMethod, pages_fee, pieces_fee_in_month, quote


def test_worked_example_45_pieces():
    q = pieces_fee_in_month(0, 45)
    assert q.amount == 5500
    assert "20×100 + 10×200 + 5×300 = 5,500元" in q.explanation


def test_worked_example_250_pages():
    q = pages_fee(250)
    assert q.amount == 4700
    assert "70×10 + 100×20 + 50×40 = 4,700元" in q.explanation


@pytest.mark.parametrize("pieces,amount", [
    (0, 0), (10, 0), (11, 100), (30, 2000), (31, 2200), (40, 4000), (41, 4300), (51, 7400),
])
def test_piece_bands(pieces, amount):
    assert pieces_fee_in_month(0, pieces).amount == amount


@pytest.mark.parametrize("pages,amount", [
    (0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740),
])
def test_page_bands(pages, amount):
    assert pages_fee(pages).amount == amount


@given(st.integers(0, 200), st.integers(0, 200))
def test_month_cumulation_is_additive(a, b):
    """Charging a month's 件 in two notices costs the same as in one."""
    assert pieces_fee_in_month(0, a).amount + pieces_fee_in_month(a, b).amount == pieces_fee_in_month(0, a + b).amount


def test_later_pieces_of_the_month():
    q = quote(FeeMethod.PIECES, 5, already=8)
    assert q.amount == 300 and "本月此前已有8件" in q.explanation


def test_negative_quantities_rejected():
    with pytest.raises(ValueError):
        pages_fee(-1)
    with pytest.raises(ValueError):
        pieces_fee_in_month(0, -1)
