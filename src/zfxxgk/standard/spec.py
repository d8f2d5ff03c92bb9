"""The building blocks in which the official formats are written down as data.

A template is a set of tables; a table is rows x columns, each with its code (the
`zfxxgk.report/1` key), the official label and the label variants seen in real
reports. Parser, checker and renderer read these objects; none of them carries a
label of its own, so a newly seen variant is one more string in a `synonyms` tuple.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def _by_code(items: tuple, code: str):
    """The item with this code; KeyError when there is none."""
    for item in items:
        if item.code == code:
            return item
    raise KeyError(code)


@dataclass(frozen=True)
class Column:
    code: str
    label: str
    synonyms: tuple[str, ...] = ()
    money: bool = False  # decimals allowed (万元)
    signed: bool = False  # the 2019 本年增/减 column


@dataclass(frozen=True)
class Row:
    """One data row. `marker` is the item number printed before the label
    (``1.``, ``（七）``, ``一、``); `core` is the label without it. `columns`
    restricts a row to some of its table's columns (T2 rows differ)."""

    code: str
    core: str
    marker: str = ""
    group: str = ""  # group label code (T3 （三）…（六）, T2 caption)
    synonyms: tuple[str, ...] = ()
    columns: tuple[str, ...] | None = None

    @property
    def label(self) -> str:
        return self.marker + self.core


@dataclass(frozen=True)
class Group:
    code: str
    label: str


@dataclass(frozen=True)
class Table:
    code: str  # active | applications | review_litigation
    title: str
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    groups: tuple[Group, ...] = ()
    headers: tuple[str, ...] = ()  # header words that identify the table

    def row(self, code: str) -> Row:
        return _by_code(self.rows, code)

    def column(self, code: str) -> Column:
        return _by_code(self.columns, code)

    def row_columns(self, row: Row) -> tuple[Column, ...]:
        if row.columns is None:
            return self.columns
        # memoised on the (immutable) table: the parser asks for every row of every report
        cache = self.__dict__.get("_row_columns")
        if cache is None:
            cache = {}
            object.__setattr__(self, "_row_columns", cache)
        cols = cache.get(row.columns)
        if cols is None:
            cols = cache[row.columns] = tuple(self.column(c) for c in row.columns)
        return cols

    def cell_codes(self) -> list[str]:
        return [
            f"{self.code}.{r.code}.{c.code}" for r in self.rows for c in self.row_columns(r)
        ]


@dataclass(frozen=True)
class Template:
    code: str  # "2019" | "2021"
    name: str
    active: Table
    applications: Table
    review_litigation: Table
    signals: tuple[str, ...] = field(default=())  # labels only this template prints

    @property
    def tables(self) -> tuple[Table, Table, Table]:
        return (self.active, self.applications, self.review_litigation)

    def table(self, code: str) -> Table:
        return _by_code(self.tables, code)

    @property
    def result_rows(self) -> tuple[str, ...]:
        """The rows summed by （七）总计 (T3-2)."""
        rows = [r.code for r in self.applications.rows]
        return tuple(rows[rows.index("granted") : rows.index("total")])
