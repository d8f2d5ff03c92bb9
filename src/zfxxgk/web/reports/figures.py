"""The numbers of a report's summary (summary.py) the dashboard adds up, as columns
of ReportSummary: the database sums them (Sum, Count) over the counted reports.

Reading each summary's JSON to add them in Python cost 60% of the dashboard at
20 000 reports (a second of CPU). The columns are made from the code's own lists
(the outcome groups, the applicant types, each indicator basis's numerator and
denominator), so a list that grows changes the model, and `makemigrations
--check` (tests/web/test_setup.py) asks for the migration adding its columns.
A summary holding a number no column can take (a key of no list, a value not a
whole number) is marked not `plain`; the dashboard adds those few from their JSON.
"""

from __future__ import annotations

from typing import Any

from ...corpus import indicators
from ...standard.vocabulary import APPLICANT_NAMES, OUTCOME_NAMES


def basis_key(indicator: str, basis: str) -> str:
    """An indicator basis as the summary's JSON names it."""
    return f"{indicator}/{basis}"


def _columns() -> dict[str, tuple[str, str, int | None]]:
    """Column name -> (summary section, key, index in the [numerator, denominator]
    pair or None)."""
    out: dict[str, tuple[str, str, int | None]] = {}
    out.update({f"o_{k}": ("outcomes", k, None) for k in OUTCOME_NAMES})
    out.update({f"a_{k}": ("applicants", k, None) for k in APPLICANT_NAMES})
    for ind in indicators.INDICATORS:
        for b in ind.bases:
            key = basis_key(ind.code, b.code)
            out[f"n_{ind.code}_{b.code}"] = ("indicators", key, 0)
            out[f"d_{ind.code}_{b.code}"] = ("indicators", key, 1)
    return out


COLUMNS = _columns()
# (section, key) -> its column (for a pair: the numerator's; the denominator's is PAIRS)
COLUMN_OF = {(s, k): name for name, (s, k, i) in COLUMNS.items() if i in (None, 0)}
PAIRS = {k: (name, "d" + name[1:]) for name, (s, k, i) in COLUMNS.items() if i == 0}


def _whole(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def columns_of(summary: dict[str, Any]) -> dict[str, Any]:
    """The summary's numbers as the columns' values (None: none in the summary), and
    `plain`: False when some number has no column; then every column is left empty
    and the dashboard reads the JSON."""
    values: dict[str, Any] = dict.fromkeys(COLUMNS)
    plain = True
    for section in ("outcomes", "applicants"):
        for key, v in (summary.get(section) or {}).items():
            name = COLUMN_OF.get((section, key))
            if name is None or not (_whole(v) or v is None):
                plain = False
            else:
                values[name] = v
    for key, pair in (summary.get("indicators") or {}).items():
        names = PAIRS.get(key)
        if names is None or len(pair) != 2 or not all(_whole(v) for v in pair):
            plain = False
        else:
            values[names[0]], values[names[1]] = pair
    if not plain:  # all from the JSON, none from the columns: a sum adds the columns of the plain ones only
        values = dict.fromkeys(COLUMNS)
    return {**values, "plain": plain}
