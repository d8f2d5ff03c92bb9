"""Table 四's digits letter-spaced in PDF text (``3 8   6 4 3``: single spaces inside a
figure, wider ones between cells; bench/hunt4_probe.py digit_spaced): the runs of
single digits are joined where that makes the row's fifteen and every group's
total (T4-1) confirms it; otherwise nothing is read by guess."""

from __future__ import annotations

import re

from exact_cells import tables_of, wrong_cells
from layouts import Style, write
from strategies import distinct_report
from zfxxgk.parse import parse_text


def _spaced_t4(report, bump: int = 0) -> str:
    """`report` in PDF text, table 四's figures of three digits or more letter-spaced
    (`bump` added to the first group's printed total)."""
    lines = write("tab_exact", report, seed=1, style=Style.plain()).split("\n")
    at = next(k for k, ln in enumerate(lines) if ln.startswith("结果维持")) + 1
    while not re.match(r"\d", lines[at]):
        at += 1
    cells = lines[at].split("\t")
    cells[4] = str(int(cells[4]) + bump)
    lines[at] = "\t".join(" ".join(c) if len(c) >= 3 else c for c in cells)
    return "\n".join(lines).replace("\t", "   ")


def test_letter_spaced_table_4_is_read_where_its_totals_confirm():
    report = distinct_report("2021", seed=61)
    parsed = parse_text(_spaced_t4(report))
    assert parsed.review_litigation == report.review_litigation
    total = report.review_litigation["review"]["total"]
    prov = parsed.provenance["review_litigation.review.total"]
    assert prov.text == " ".join(str(total)) and prov.decided_by == "T4-1"


def test_letter_spaced_table_4_whose_totals_fail_is_not_joined_by_guess():
    report = distinct_report("2021", seed=62)
    parsed = parse_text(_spaced_t4(report, bump=10))
    truth = tables_of(report)
    truth["review_litigation"]["review"] = dict(truth["review_litigation"]["review"],
                                                total=report.review_litigation["review"]["total"] + 10)
    assert wrong_cells(parsed, truth) == []
