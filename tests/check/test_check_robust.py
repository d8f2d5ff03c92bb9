"""Rules never fail on odd data: random blanks, negatives, fractions, missing rows
and notes with missing or strange `data` keys must give findings, not logged errors."""

from __future__ import annotations

import logging
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zfxxgk.check import run
from zfxxgk.model import Note, Report

KINDS = ["label", "inferred", "ambiguous", "misaligned", "missing_table", "missing_row",
         "template_mixed", "template_unsure", "meta_doubled", "meta_period", "meta_title_year", "meta_no_title",
         "value_text", "value_huge", "value_unit", "section", "table_twice", "merged_columns",
         "unknown_kind"]
VALUES = st.one_of(st.none(), st.integers(-5, 500),
                   st.decimals(-10, 10, places=2, allow_nan=False, allow_infinity=False))
JUNK = st.dictionaries(st.sampled_from(["table", "row", "printed", "official", "what", "value",
                                        "identity", "candidates", "tokens", "majority",
                                        "minority_signals", "text", "unit", "problem",
                                        "section", "title_year", "year", "reduced", "values",
                                        "decided"]),
                       st.one_of(st.none(), st.integers(), st.text(max_size=5),
                                 st.lists(st.integers(), max_size=3)), max_size=4)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # both stateless here
@given(data=st.data())
def test_random_reports_never_break_a_rule(consistent, caplog, data):
    template = data.draw(st.sampled_from(["2019", "2021"]))
    r: Report = consistent(template)
    codes = [f"{t}.{row}.{c}" for t in ("active", "applications", "review_litigation")
             for row, vals in getattr(r, t).items() for c in vals]
    for code in data.draw(st.lists(st.sampled_from(codes), max_size=12)):
        table, rest = code.split(".", 1)
        row, col = rest.rsplit(".", 1)
        getattr(r, table)[row][col] = data.draw(VALUES)
    for table in data.draw(st.lists(st.sampled_from(["active", "applications",
                                                      "review_litigation"]), max_size=1)):
        rows = list(getattr(r, table))
        del getattr(r, table)[data.draw(st.sampled_from(rows))]
    for _ in range(data.draw(st.integers(0, 4))):
        r.notes.append(Note(data.draw(st.sampled_from(KINDS)),
                            cells=data.draw(st.lists(st.sampled_from(codes + ["x.y"]), max_size=3)),
                            line=data.draw(st.one_of(st.none(), st.integers(1, 300))),
                            data=data.draw(JUNK)))
    r.template = data.draw(st.sampled_from([template, None]))
    r.year = data.draw(st.sampled_from([None, 2019, 2020, 2021, 2024]))
    with caplog.at_level(logging.ERROR, logger="zfxxgk.check"):
        caplog.clear()
        findings = run(r)
    assert caplog.text == ""
    for f in findings:
        assert f.severity in ("error", "warning", "info") and f.message


def test_a_report_without_tables_reports_three_missing_tables():
    out = run(Report(agency="某局", year=2023))
    assert [(f.rule, f.severity) for f in out] == [("F-TABLE", "error")] * 3
