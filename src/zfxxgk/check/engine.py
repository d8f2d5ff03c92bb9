"""The rule engine: a registry of small rules, the `Finding` they yield, and `run`.

Rules are declared with `@rule(...)` so that the catalogue (`zfxxgk rules`, the docs,
`--select/--skip`) is read from the same objects that do the checking. A rule is a
generator over a `Context`; it never decides where a finding points in the source:
`finding()` does that from the cells' provenance, the same way for every rule.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping

from ..model import Note, Report
from ..standard.vocabulary import SEVERITIES
from .context import Context

log = logging.getLogger("zfxxgk.check")

_SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}
EXCERPT_MAX = 80


@dataclass
class Finding:
    """One problem in one report, as findings.md defines it."""

    rule: str
    severity: str
    message: str
    cells: list[str] = field(default_factory=list)
    where: dict[str, Any] = field(default_factory=lambda: {"line": None, "page": None,
                                                           "excerpt": None})
    suggestion: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "severity": self.severity, "message": self.message,
                "cells": list(self.cells), "where": dict(self.where),
                "suggestion": self.suggestion}


def field_of(record: Any, name: str) -> Any:
    """A field of a finding (or a verdict) given as an object or as a mapping: the
    library's findings and the web's stored rows go through the same code."""
    return record.get(name) if isinstance(record, Mapping) else getattr(record, name, None)


RuleFunc = Callable[[Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    func: RuleFunc
    title: str = ""
    description: str = ""
    table: str | None = None  # skipped when this table is missing altogether

    def catalogue_entry(self) -> dict[str, str]:
        from .catalogue import DETAILS

        basis, example = DETAILS.get(self.id, ("", ""))
        return {"id": self.id, "severity": self.severity, "title": self.title,
                "description": self.description, "basis": basis, "example": example}


RULES: dict[str, Rule] = {}


def rule(id: str, severity: str, *, title: str = "", description: str = "",
         table: str | None = None) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule. `severity` is the rule's usual severity; a finding may
    state another (an uncheckable identity is `info` under its identity's id)."""
    if severity not in _SEVERITY_RANK:
        raise ValueError(f"rule {id}: unknown severity {severity!r}")

    def register(func: RuleFunc) -> RuleFunc:
        if id in RULES:
            raise ValueError(f"rule {id} registered twice")
        RULES[id] = Rule(id, severity, func, title, description, table)
        return func

    return register


# --- where a finding points ------------------------------------------------------------

_WS = re.compile(r"\s+")


def excerpt_of(text: str | None) -> str | None:
    """A source line as one short line: stripped, white space runs (tabs of
    extracted tables) as one space, cut to about 80 characters."""
    if text is None:
        return None
    s = _WS.sub(" ", text).strip()
    if not s:
        return None
    return s if len(s) <= EXCERPT_MAX else s[: EXCERPT_MAX - 1] + "…"


def _where(report: Report, cells: Iterable[str], note: Note | None) -> dict[str, Any]:
    where: dict[str, Any] = {"line": None, "page": None, "excerpt": None}
    prov = None
    if note is None or (note.line is None and note.page is None):
        provenance = report.provenance or {}
        for code in cells:
            p = provenance.get(code)
            if p is not None and (p.line is not None or p.page is not None
                                  or p.table is not None):
                prov = p
                break
    if prov is not None:
        where["line"], where["page"] = prov.line, prov.page
        if prov.table is not None:
            where["table"] = prov.table
        if prov.row is not None:
            where["row"] = prov.row
        text = report.source_lines.get(prov.line) if prov.line is not None else None
        where["excerpt"] = excerpt_of(text if text is not None else prov.text)
    elif note is not None:
        where["line"], where["page"] = note.line, note.page
        text = report.source_lines.get(note.line) if note.line is not None else None
        where["excerpt"] = excerpt_of(text if text is not None else note.excerpt)
    return where


def finding(report: Report, rule: str, cells: Iterable[str], message: str,
            suggestion: str | None = None, *, severity: str | None = None,
            near: Iterable[str] = (), at: str | None = None,
            note: Note | None = None) -> Finding:
    """Build a finding and point it into the source: at the note's place when it
    comes from a parser note, else at the first of `at` (the cell a reader should
    look at first, when that is not the first listed), `cells`, then `near` (cells
    used only to locate a blank one) whose provenance is known."""
    cells = list(cells)
    if severity is None:
        severity = RULES[rule].severity if rule in RULES else "error"
    where = _where(report, [*([at] if at else []), *cells, *near], note)
    return Finding(rule, severity, message, cells, where, suggestion)


# --- running ---------------------------------------------------------------------------

def _ids(spec: str | Iterable[str] | None) -> list[str] | None:
    if spec is None:
        return None
    if isinstance(spec, str):
        spec = spec.split(",")
    return [s.strip().rstrip("-").upper() for s in spec if s and s.strip()]


def matches(rule_id: str, patterns: list[str]) -> bool:
    """`T3` picks the family T3-1 … T3-5, `T3-1` the rule alone, `F` every F- rule."""
    rid = rule_id.upper()
    return any(rid == p or rid.startswith(p + "-") for p in patterns)


def selected_rules(select: str | Iterable[str] | None = None,
                   skip: str | Iterable[str] | None = None) -> list[Rule]:
    sel, skp = _ids(select), _ids(skip)
    return [r for r in RULES.values()
            if (sel is None or matches(r.id, sel)) and not (skp and matches(r.id, skp))]


def sort_key(f: Finding) -> tuple:
    line = f.where.get("line") if f.where else None
    page = f.where.get("page") if f.where else None
    return (_SEVERITY_RANK.get(f.severity, 9), f.rule,
            line is None, line or 0, page is None, page or 0)


def run(report: Report, select: str | Iterable[str] | None = None,
        skip: str | Iterable[str] | None = None, previous: Report | None = None) -> list[Finding]:
    """Every selected rule over one report, findings sorted by severity, rule and
    place; `previous` is the same body's report of the year before (the cross-year
    rules keep quiet without it). A rule that fails on data nobody foresaw costs its
    own findings only: the error is logged and the other rules still run."""
    from . import rules as _  # noqa: F401  (registers the rules)

    ctx = Context(report, previous)
    out: list[Finding] = []
    for r in selected_rules(select, skip):
        try:
            if r.table is not None and r.table in ctx.missing_tables:
                continue
            found = list(r.func(ctx))
        except Exception:  # a rule must never take the run down
            log.exception("rule %s failed on %s", r.id, report.source or report.agency)
            continue
        out.extend(found)
    out.sort(key=sort_key)
    return out
