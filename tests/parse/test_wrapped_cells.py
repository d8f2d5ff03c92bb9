"""A table 二 row's last figure wrapped onto a line of its own (bench/hunt5_probe.py
t2_wrap_stated): joined only where the report's prose states that figure for the
row's last column (parse/wrapped_cells.py); otherwise the row stays null."""

from __future__ import annotations

from exact_cells import tables_of, wrong_cells
from layouts import Style, write
from strategies import distinct_report
from zfxxgk.api import check_report
from zfxxgk.parse import parse_text


def _wrapped(report, stated: int | None, sep: str = "\t") -> str:
    """tab_exact text with the 行政规范性文件 row's last figure on the next line; the
    主动公开 paragraph stating `stated` as its 现行有效 figure (None: not stated)."""
    lines = write("tab_exact", report, seed=1, style=Style.plain()).split("\n")
    k = next(i for i, ln in enumerate(lines) if ln.startswith("行政规范性文件\t"))
    cells = lines[k].split("\t")
    lines[k:k + 1] = ["\t".join(cells[:-1]), cells[-1]]
    text = "\n".join(lines).replace("\t", sep)
    if stated is not None:
        text = text.replace("（一）主动公开。", f"（一）主动公开。现行有效行政规范性文件{stated}件。", 1)
    return text


def test_a_wrapped_figure_the_prose_states_is_the_rows_last_cell():
    report = distinct_report("2021", seed=61)
    docs = report.active["normative_docs"]
    for sep in ("\t", "   ", " | "):
        parsed = parse_text(_wrapped(report, docs["in_force"], sep))
        assert parsed.active["normative_docs"] == docs
        prov = parsed.provenance["active.normative_docs.in_force"]
        assert prov.decided_by == "正文" and prov.text == str(docs["in_force"])
        found = [f for f in check_report(parsed) if f.rule == "F-INFERRED"
                 and f.cells == ["active.normative_docs.in_force"]]
        assert found and "下一行" in found[0].message and found[0].severity == "info"


def test_a_wrapped_figure_no_prose_states_leaves_the_row_null():
    """A lone figure reads the same as a page number: nothing joins it by likeness."""
    report = distinct_report("2021", seed=62)
    for stated in (None, report.active["normative_docs"]["in_force"] + 1):
        parsed = parse_text(_wrapped(report, stated))
        assert wrong_cells(parsed, tables_of(report)) == []
        assert parsed.active["normative_docs"]["in_force"] is None
