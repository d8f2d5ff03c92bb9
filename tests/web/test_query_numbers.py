"""Ids and years in query strings and forms that are no plain whole number: the
report list and its export took `int()` of ?year=, ?agency=, ?batch= (`x`: a 500),
and `isdigit()` let "²" and ids past the database's integers through to a 500
(ValueError, OverflowError). Such a value is no filter: the page answers as
without it, and nothing else changes."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

ODD = ["x", "²", "①", "99999999999999999999999", "1e3", "-1", " ", "12x"]
PAGES = ["/?year={}", "/?agency={}", "/?batch={}", "/reports/export.xlsx?year={}",
         "/reports/export.xlsx?agency={}", "/agencies/?year={}", "/cases/?agency={}", "/cases/?year={}",
         "/registers/active?agency=青禾市交通运输局&year={}", "/compile?agency=青禾市交通运输局&year={}"]


@pytest.mark.parametrize("odd", ODD)
@pytest.mark.parametrize("url", PAGES)
def test_an_odd_number_in_a_query_is_no_server_error(login, stored, url, odd):
    stored()
    r = login("admin").get(url.format(odd))
    assert r.status_code < 500


def test_an_odd_filter_is_no_filter_and_a_good_one_filters(login, stored):
    row = stored()
    c = login("reader")
    everything = [x["id"] for x in c.get("/api/reports").json()["reports"]]
    assert everything == [row.pk]
    assert [r["id"] for r in c.get("/?year=²").context["reports"]] == everything
    assert c.get(f"/?year={row.year}").context["reports"][0]["id"] == row.pk
    assert c.get(f"/?year={row.year + 1}").context["reports"] == []
    assert c.get("/?batch=x").context["reports"] == []  # a batch named oddly: none of its reports


@pytest.mark.parametrize("value,expected", [("2024", 2024), (" 7 ", 7), ("²", None), ("１２", None),
                                            ("9" * 19, None), ("", None), (None, None), (12, 12)])
def test_whole(value, expected):
    from zfxxgk.web.params import whole

    assert whole(value) == expected
