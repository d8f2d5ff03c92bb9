"""The identities as data (standard.identities): their shape, and that every user
(checker, parser solver, XLSX/fix equations) reads the same ones."""

from __future__ import annotations

from hypothesis import given, settings

from strategies import broken_identities, reports
from zfxxgk.check import run
from zfxxgk.parse.review_table import t4_equations
from zfxxgk.parse.tables import t3_equations
from zfxxgk.render.identities import equations
from zfxxgk.standard import application_rows, get_template
from zfxxgk.standard.identities import (SIXTH_SINGLE, SIXTH_SPLIT, application_identities,
                                        result_rows, review_identities, sums)


def _rows(template: str, present=None) -> list[str]:
    return [r.code for r in application_rows(get_template(template), present)]


def test_table_three_shape_2021():
    rows = _rows("2021")
    ids = application_identities(get_template("2021"), rows)
    by_rule = {r: [i for i in ids if i.rule == r] for r in ("T3-1", "T3-2", "T3-3")}
    assert len(by_rule["T3-1"]) == 7 and len(by_rule["T3-2"]) == 7
    assert len(by_rule["T3-3"]) == len(rows) == 25
    t32 = by_rule["T3-2"][0]
    assert t32.left == ("applications.total.natural_person",)
    assert len(t32.right) == 2 + 8 + 3 + 5 + 3  # （一）（二）, 8 withheld, 3, 5, three （六）
    assert by_rule["T3-1"][6].left == ("applications.received.total", "applications.carried_in.total")


def test_single_sixth_alternative():
    rows = _rows("2021", {"other"})  # a 2021 table printing （六） as one row
    assert set(SIXTH_SINGLE + SIXTH_SPLIT) <= set(rows)
    assert set(result_rows(rows)) & set(SIXTH_SINGLE) == set()
    assert set(SIXTH_SINGLE) <= set(result_rows(rows, SIXTH_SINGLE))
    assert set(result_rows(_rows("2019"))) >= set(SIXTH_SINGLE)


def test_table_four_three_groups_of_five():
    ids = review_identities(get_template("2021"))
    assert [i.key for i in ids] == ["review", "suit_direct", "suit_after_review"]
    assert all(len(i.right) == 4 and i.left[0].endswith(".total") for i in ids)


def test_parser_equations_are_the_standard_ones():
    rows = _rows("2021")
    assert len(t3_equations(rows)) == len(application_identities(get_template("2021"), rows))
    eqs = t4_equations("2021")
    assert [(e.plus, e.minus[-1]) for e in eqs][0] == ((("row", 4),), ("row", 3))


@settings(max_examples=60, deadline=None)
@given(reports(consistent=False))
def test_checker_xlsx_and_generator_agree_on_broken_identities(report):
    """What the generator breaks is what the checker reports and what the workbook's
    equations find unequal: the three read the same identities."""
    broken = broken_identities(report.template, report.applications, report.review_litigation)
    rules = {b.split()[0] for b in broken}
    found = {f.rule for f in run(report) if f.rule in ("T3-1", "T3-2", "T3-3", "T4-1")
             and f.severity == "error"}
    unequal = {e.rule for e in equations(report) if (v := sums(e, report.cell)) and v[0] != v[1]}
    assert rules == found == unequal
