"""What every rule needs to know about one report, worked out once per run.

The (六) rows are the subtle part. The 2019 format prints （六）其他处理 as one row
(`other`), the 2021 format as three (`other.*`), and some 2021 tables still print
the single row; then the report carries both kinds and one of them stays blank. The
kind that holds numbers is the one "in use"; the blank kind is not a blank the
office left, so no rule may count it as one.
"""

from __future__ import annotations

from functools import cached_property

from ..model import Note, Report
from ..parse.prose import report_claims
from ..standard import Template, application_rows, get_template
from ..standard.vocabulary import TABLE_CODES, split_code
from ..standard.identities import SIXTH_ROWS as OTHER_ROWS
from ..standard.identities import SIXTH_SINGLE as SINGLE_OTHER
from ..standard.identities import SIXTH_SPLIT as SPLIT_OTHER
from ..standard.common import find_row

# Notes that explain why a cell is null: the cell gets its finding from them.
EXPLAINING_KINDS = ("missing_table", "missing_row", "ambiguous", "misaligned", "value_text",
                    "value_fraction", "date_format", "formula_unknown", "formula_mismatch",
                    "merged_columns", "table_twice", "paren_unread", "paren_signed", "merged_cell",
                    "letter_unread", "digit_unread")


class Context:
    """One report, and the same body's report of the year before when known
    (`previous`, for the cross-year rules; None otherwise)."""

    def __init__(self, report: Report, previous: Report | None = None):
        self.report = report
        self.previous = previous
        self.template: Template = get_template(report.template)

    @cached_property
    def previous_context(self) -> "Context | None":
        """The previous year's report, when it is the year just before this one."""
        p = self.previous
        if p is None or p.year is None or self.report.year is None:
            return None
        return Context(p) if p.year == self.report.year - 1 else None

    # --- notes -------------------------------------------------------------------------
    @cached_property
    def notes_by_kind(self) -> dict[str, list[Note]]:
        out: dict[str, list[Note]] = {}
        for n in self.report.notes:
            out.setdefault(n.kind, []).append(n)
        return out

    def section_line(self, section: str) -> int | None:
        """The source line where part `section` ("1".."6") begins to speak (None:
        not known, e.g. a report read from JSON)."""
        from ..parse.prose import sentences

        for s in sentences(self.report, section):
            for n in s.lines:
                if n is not None:
                    return n
        return None

    def notes(self, *kinds: str) -> list[Note]:
        return [n for k in kinds for n in self.notes_by_kind.get(k, ())]

    @cached_property
    def explained(self) -> set[str]:
        """Cells whose blank another note already accounts for."""
        return {c for n in self.notes(*EXPLAINING_KINDS) for c in n.cells}

    # --- tables and rows ---------------------------------------------------------------
    @cached_property
    def noted_missing_tables(self) -> set[str]:
        return {str(n.data.get("table")) for n in self.notes("missing_table")}

    @cached_property
    def missing_tables(self) -> set[str]:
        """Tables absent from the report: noted by the parser, or with no row at all."""
        return self.noted_missing_tables | {t for t in TABLE_CODES if not getattr(self.report, t)}

    @cached_property
    def noted_missing_rows(self) -> set[tuple[str, str]]:
        return {(str(n.data.get("table")), str(n.data.get("row")))
                for n in self.notes("missing_row")}

    def row_missing(self, table: str, row: str) -> bool:
        return (table in self.missing_tables or (table, row) in self.noted_missing_rows
                or row not in getattr(self.report, table))

    def values(self, table: str, row: str) -> dict:
        return getattr(self.report, table).get(row) or {}

    # --- the (六) rows ------------------------------------------------------------------
    def _used(self, rows: tuple[str, ...]) -> bool:
        return any(v is not None for r in rows for v in self.values("applications", r).values())

    @cached_property
    def other_in_use(self) -> tuple[tuple[str, ...], ...]:
        """The kinds of (六) row that carry the report's numbers: the single row, the
        three sub-rows, or (rarely) both. When all are blank: the kind the report
        prints, or if it prints both or neither, the template's own."""
        kinds = (SINGLE_OTHER, SPLIT_OTHER)
        used = [v for v in kinds if self._used(v)]
        if used:
            return tuple(used)
        printed = [v for v in kinds if any(r in self.report.applications for r in v)]
        if len(printed) == 1:
            return (printed[0],)
        return (SINGLE_OTHER,) if self.template.code == "2019" else (SPLIT_OTHER,)

    @cached_property
    def unused_rows(self) -> set[str]:
        in_use = {r for v in self.other_in_use for r in v}
        return set(OTHER_ROWS - in_use)

    @cached_property
    def mixed_other(self) -> bool:
        """The report uses the other format's (六) rows (2021 table, single row)."""
        own = SINGLE_OTHER if self.template.code == "2019" else SPLIT_OTHER
        return any(v != own for v in self.other_in_use)

    @cached_property
    def application_rows(self) -> list[str]:
        """Row codes of table 三 in official order, both (六) kinds where the report
        has both, the unused kind left out."""
        present = set(self.report.applications).union(*self.other_in_use)
        rows = application_rows(self.template, present)
        return [r.code for r in rows if r.code not in self.unused_rows]

    @cached_property
    def applicant_columns(self) -> list[str]:
        return [c.code for c in self.template.applications.columns]

    @cached_property
    def expected_cells(self) -> list[str]:
        """Every cell the template asks this report for (unused (六) kind excluded)."""
        out: list[str] = []
        for table in self.template.tables:
            if table.code == "applications":
                rows = [find_row(table, r) for r in self.application_rows]
            else:
                rows = list(table.rows)
            for row in rows:
                out.extend(f"{table.code}.{row.code}.{c.code}" for c in table.row_columns(row))
        return out

    @cached_property
    def claims(self) -> list:
        """What the narrative says about the tables' figures (`parse.prose`), read once
        for the four N-rules that compare it."""
        return report_claims(self.report)

    @cached_property
    def expected_rows(self) -> dict[tuple[str, str], list[str]]:
        """`expected_cells` by (table, row), in the same order."""
        out: dict[tuple[str, str], list[str]] = {}
        for code in self.expected_cells:
            table, row, _ = split_code(code)
            out.setdefault((table, row), []).append(code)
        return out


def listed(value) -> list:
    """A note's list field as a list, whatever the parser put there."""
    if value is None:
        return []
    if isinstance(value, (list, tuple, set)):
        return list(value)
    return [value]


def mapping(value) -> dict:
    return value if isinstance(value, dict) else {}
