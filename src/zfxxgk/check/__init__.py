"""The checker: rules over a `Report`, yielding findings (findings.md).

`run(report)` gives the findings; `findings_document` the `zfxxgk.findings/1` object
the CLI prints; `exit_status` the CLI's exit code; `format_review` a text for people;
`rules_catalogue` the implemented rules for `zfxxgk rules` and the docs.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from ..model import Report
from ..standard.vocabulary import RULE_FAMILIES
from . import rules as _rules  # noqa: F401  (registers the rules)
from .engine import RULES, SEVERITIES, Finding, field_of, finding, rule, run
from .labels import describe_cell
from .review import format_review

FINDINGS_SCHEMA = "zfxxgk.findings/1"


def findings_document(report: Report | Mapping[str, Any], findings: Iterable[Any]) -> dict[str, Any]:
    """One input's findings as the public JSON object of findings.md; the one
    builder of it for the CLI, the batch and the web (which passes its stored
    report data and finding rows, both with the same fields)."""
    get = report.get if isinstance(report, Mapping) else lambda k: getattr(report, k)
    return {
        "schema": FINDINGS_SCHEMA,
        "source": get("source"),
        "report": {"agency": get("agency"), "year": get("year"), "template": get("template")},
        "findings": [f.to_dict() for f in findings],
    }


def exit_status(findings_documents: Iterable[Mapping[str, Any]], had_unreadable: bool) -> int:
    """2 if an input could not be read at all, else 1 if any error-level finding, else 0."""
    if had_unreadable:
        return 2
    for doc in findings_documents:
        if any(field_of(f, "severity") == "error" for f in doc.get("findings", ())):
            return 1
    return 0


def _catalogue_key(rule_id: str) -> tuple:
    family, _, rest = rule_id.partition("-")
    rank = RULE_FAMILIES.index(family) if family in RULE_FAMILIES else len(RULE_FAMILIES)
    return (rank, family, int(rest) if rest.isdigit() else 0, rest)


def rules_catalogue() -> list[dict[str, str]]:
    """The implemented rules, identities first (T3-1 … T4-1), then the format
    checks: id, severity, title, description (Chinese)."""
    return [RULES[i].catalogue_entry() for i in sorted(RULES, key=_catalogue_key)]


__all__ = [
    "FINDINGS_SCHEMA", "Finding", "RULES", "SEVERITIES", "describe_cell", "exit_status",
    "finding", "findings_document", "format_review", "rule", "rules_catalogue", "run",
]
