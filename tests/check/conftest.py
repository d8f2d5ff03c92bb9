"""Reports for the rule tests, built from the standard's own rows and columns.

`consistent(template)` fills every cell with a distinct-ish non-zero value chosen so
that every identity holds; a test then changes one cell, or adds a note by hand, and
asserts exactly which findings appear. Each row gets a source line and every cell
its provenance, so `where` can be asserted too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from zfxxgk.model import Provenance, Report, report_from_json
from zfxxgk.standard import get_template


def _consistent(template: str = "2021", year: int | None = None) -> Report:
    t = get_template(template)
    year = year or (2020 if template == "2019" else 2023)
    active = {r.code: {c.code: i + j + 1 for j, c in enumerate(t.active.row_columns(r))}
              for i, r in enumerate(t.active.rows)}
    apps: dict[str, dict[str, int]] = {}
    six = [c.code for c in t.applications.columns if c.code != "total"]
    rows = [r.code for r in t.applications.rows]
    results = rows[rows.index("granted"):rows.index("total")]
    for i, row in enumerate(results):
        apps[row] = {c: (i + j) % 4 + 1 for j, c in enumerate(six)}
    apps["total"] = {c: sum(apps[r][c] for r in results) for c in six}
    apps["carried_in"] = {c: j + 1 for j, c in enumerate(six)}
    apps["carried_forward"] = {c: 2 for c in six}
    apps["received"] = {c: apps["total"][c] + 2 - apps["carried_in"][c] for c in six}
    for values in apps.values():
        values["total"] = sum(values[c] for c in six)
    apps = {r: apps[r] for r in rows}
    review = {g.code: {"upheld": 3, "corrected": 1, "other": 2, "pending": 1, "total": 7}
              for g in t.review_litigation.rows}
    report = Report(agency="测试街道办事处", year=year, template=template, active=active,
                    applications=apps, review_litigation=review, source="test.txt")
    prov: dict[str, Provenance] = {}
    line = 100
    for table in ("active", "applications", "review_litigation"):
        for row, values in getattr(report, table).items():
            line += 1
            report.source_lines[line] = f"\t{row}\t" + "\t".join(str(v) for v in values.values())
            for col, v in values.items():
                prov[f"{table}.{row}.{col}"] = Provenance(line=line, text=str(v))
    report.provenance = prov
    return report


@pytest.fixture
def consistent():
    return _consistent


@pytest.fixture
def expected(samples: Path):
    """Load an expected parse by name: `expected("real", "hongze-district-2023")`."""

    def load(kind: str, name: str) -> Report:
        return report_from_json((samples / f"{kind}-expected" / f"{name}.json").read_text("utf-8"))

    return load


@pytest.fixture
def expected_names(samples: Path) -> list[tuple[str, str]]:
    return [(p.parent.name.removesuffix("-expected"), p.stem)
            for p in sorted(samples.glob("*-expected/*.json"))]


def set_cell(report: Report, code: str, value) -> None:
    table, rest = code.split(".", 1)
    row, col = rest.rsplit(".", 1)
    getattr(report, table)[row][col] = value


@pytest.fixture
def put():
    return set_cell


@pytest.fixture
def keys():
    """The comparison form of rule tests: [(rule, first cell)]."""

    def keys(findings, severity: str | None = None):
        return [(f.rule, f.cells[0] if f.cells else None) for f in findings
                if severity is None or f.severity == severity]

    return keys


