"""Registers for tables 四 and 二: JSON round trip, T4-1 by construction, and the
compiled report passes the checker without errors."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zfxxgk import check
from zfxxgk.cases.compile import compile_year
from zfxxgk.model import dumps
from zfxxgk.cases.registers import (
    ActiveFigures, LitigationCase, LitigationKind, LitigationOutcome as R, RegisterError,
    Registers, litigation_table, load,
)

AGENCY = "青禾市人民政府"


def lit(i: int, kind: str, received: date, outcome: R = R.PENDING,
        concluded: date | None = None, agency: str = AGENCY) -> LitigationCase:
    return LitigationCase(f"L{i}", agency, LitigationKind(kind), received, outcome, concluded)


def test_year_rule() -> None:
    entries = [
        lit(1, "review", date(2024, 11, 1), R.CORRECTED, date(2025, 2, 1)),  # 2024 pending, 2025 纠正
        lit(2, "review", date(2025, 3, 1), R.UPHELD, date(2025, 6, 1)),
        lit(3, "suit_direct", date(2025, 12, 1)),  # pending at 31 Dec
        lit(4, "suit_after_review", date(2023, 1, 1), R.OTHER, date(2023, 5, 1)),  # earlier year
        lit(5, "review", date(2025, 1, 1), agency="别的机关"),
    ]
    t24 = litigation_table(entries, 2024, AGENCY)
    assert t24["review"] == {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1}
    t25 = litigation_table(entries, 2025, AGENCY)
    assert t25["review"] == {"upheld": 1, "corrected": 1, "other": 0, "pending": 0, "total": 2}
    assert t25["suit_direct"]["pending"] == 1
    assert t25["suit_after_review"]["total"] == 0


def test_bad_entries_refused() -> None:
    with pytest.raises(RegisterError, match="审结日期"):
        lit(1, "review", date(2025, 1, 1), R.UPHELD)
    with pytest.raises(RegisterError, match="尚未审结"):
        lit(1, "review", date(2025, 1, 1), R.PENDING, date(2025, 2, 1))
    with pytest.raises(RegisterError, match="没有"):
        ActiveFigures(AGENCY, 2025, {"rules": {"made": 1}})  # a 2019-format column
    with pytest.raises(RegisterError, match="数字"):
        ActiveFigures(AGENCY, 2025, {"rules": {"issued": "三"}})


def test_round_trip_and_load(tmp_path) -> None:
    reg = Registers([lit(1, "review", date(2025, 3, 1), R.UPHELD, date(2025, 6, 1))],
                    [ActiveFigures(AGENCY, 2025, {"rules": {"issued": 1, "repealed": 0, "in_force": 9},
                                                  "fees": {"amount": 12.5}})])
    (tmp_path / "a.json").write_text(dumps(reg.to_dict()), encoding="utf-8")  # an amount: a Decimal
    back = load([tmp_path / "a.json"])
    assert back.to_dict() == reg.to_dict()
    (tmp_path / "b.json").write_text("{", encoding="utf-8")
    with pytest.raises(RegisterError, match="b.json"):
        load([tmp_path / "b.json"])


def test_compile_fills_tables_two_and_four() -> None:
    fig = ActiveFigures(AGENCY, 2025, {"rules": {"issued": 2, "repealed": 1, "in_force": 30},
                                       "normative_docs": {"issued": 5, "repealed": 2, "in_force": 40},
                                       "licensing": {"decisions": 120}, "penalty": {"decisions": 7},
                                       "coercion": {"decisions": 0}, "fees": {"amount": 3.2}})
    comp = compile_year([], 2025, AGENCY, litigation=[lit(1, "review", date(2025, 3, 1))],
                        active_figures=[fig])
    r = comp.report
    assert r.active["rules"]["in_force"] == 30
    assert r.review_litigation["review"]["pending"] == 1
    assert not [f for f in check.run(r) if f.severity == "error"]
    blank = compile_year([], 2025, AGENCY).report
    assert blank.review_litigation["review"]["total"] is None
    assert blank.active["rules"]["issued"] is None
    other_year = compile_year([], 2024, AGENCY, active_figures=[fig]).report
    assert other_year.active["rules"]["issued"] is None


days = st.integers(0, 365 * 4).map(lambda n: date(2021, 1, 1) + timedelta(days=n))


@st.composite
def entries(draw, i: int) -> LitigationCase:
    received = draw(days)
    outcome = draw(st.sampled_from(list(R)))
    concluded = None if outcome is R.PENDING else received + timedelta(days=draw(st.integers(0, 400)))
    return lit(i, draw(st.sampled_from(list(LitigationKind))).value, received, outcome, concluded)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 30).flatmap(lambda n: st.tuples(*(entries(i) for i in range(n)))))
def test_t4_identity_by_construction(es) -> None:
    for year in range(2021, 2026):
        r = compile_year([], year, AGENCY, litigation=es).report
        for row in r.review_litigation.values():
            assert row["total"] == sum(row[c] for c in ("upheld", "corrected", "other", "pending"))
        errors = [f.rule for f in check.run(r) if f.severity == "error"]
        assert not errors


def test_a_register_amount_is_a_decimal_as_written(tmp_path) -> None:
    """An amount read from a register file, or given as a float by a caller, is held
    as a Decimal: the compiled table 二 says 8235.4200, and writes it back so."""
    from decimal import Decimal

    path = tmp_path / "r.json"
    path.write_text('{"active": [{"agency": "%s", "year": 2025, "cells": {"fees": {"amount": 8235.4200}}}]}'
                    % AGENCY, encoding="utf-8")
    figures = load([path]).active[0]
    assert figures.cells["fees"]["amount"] == Decimal("8235.4200")
    assert str(figures.table()["fees"]["amount"]) == "8235.4200"
    assert '"amount":8235.4200' in dumps(figures.to_dict())
    report = compile_year([], 2025, AGENCY, active_figures=[figures]).report
    assert str(report.active["fees"]["amount"]) == "8235.4200"
    given = ActiveFigures(AGENCY, 2025, {"fees": {"amount": 0.3}})  # a float: its shortest decimal
    assert given.cells["fees"]["amount"] == Decimal("0.3")
    with pytest.raises(RegisterError):
        ActiveFigures(AGENCY, 2025, {"fees": {"amount": float("nan")}})
