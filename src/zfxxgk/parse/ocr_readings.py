"""Doubtful OCR'd numbers: settled by one fixed point over the identities, the
prose and the cells' readings, or left null.

A cell the recogniser doubted (ocr_trust.doubtful_cells) is kept only where
something decides it exactly. Each step of one loop, repeated until no step
sets a cell (a cell set is trusted by every later step):

- an identity whose every other cell is trusted determines the cell, and no
  identity determines another value (its rule);
- the report's prose states the cell's figure, and it is one of the readings
  (正文);
- an identity whose other cells are trusted holds for exactly one choice among
  the readings of its doubtful cells (two misreadings summing right by chance is
  not credible): those cells take that choice.

A reading kept unconfirmed was, in a 100 dpi fax, a wrong number one time in
six (500 for 4500): a wrong number is the worst outcome. The cell's line read
again (ingest/ocr/reread.py, strokes thicker and thinner) gives more readings
to choose among; readings that all agree confirm nothing (in a 1-bit fax a 357
read as 337 five times over). Any cell left over is null, its finding listing
what was read. A cell set that a complete identity then contradicts is null too.
"""

from __future__ import annotations

import itertools
import math
import re
from decimal import Decimal

from ..model import Report
from ..standard.identities import Identity, sums
from .solve import PROSE

Value = int | Decimal
Step = dict[str, tuple[Value, str]]  # cell -> (its value, what decided it)
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
# Choices an identity's doubtful cells are tried in at most (readings multiplied).
_MAX_CHOICES = 256


def number(text: str | None) -> Value | None:
    """A reading as a number, when it is one and nothing else ("+500" is not)."""
    clean = (text or "").strip().replace(",", "")
    if not _NUMBER.fullmatch(clean):
        return None
    value = Decimal(clean)
    return int(value) if "." not in clean else value


def candidates(report: Report, code: str) -> list[Value]:
    """The number read, then the other readings that are numbers; each once."""
    prov = report.provenance[code]
    out: list[Value] = []
    for value in (report.cell(code), *(number(t) for t in prov.readings or ())):
        if value is not None and value not in out:
            out.append(value)
    return out


def _fixed(identity: Identity, report: Report, options: dict[str, list[Value]]) -> Decimal | None:
    """left - right over the identity's cells that are not open (in `options`),
    when all are read; None otherwise."""
    total = Decimal(0)
    for side, sign in ((identity.left, 1), (identity.right, -1)):
        for code in side:
            if code in options:
                continue
            value = report.cell(code)
            if value is None:
                return None
            total += sign * Decimal(value)
    return total


def _alone(report: Report, rules: tuple[Identity, ...], pending: dict[str, list[Value]]) -> Step:
    """Each pending cell an identity determines, its other cells trusted, when no
    identity gives it another value (nor a negative one)."""
    found: dict[str, dict[Value, str]] = {}
    for identity in rules:
        open_ = [c for c in identity.cells if c in pending]
        fixed = _fixed(identity, report, pending) if len(open_) == 1 else None
        value = None if fixed is None else fixed if open_[0] in identity.right else -fixed
        if value is not None and value >= 0:
            value = int(value) if value == value.to_integral_value() else value
            found.setdefault(open_[0], {}).setdefault(value, identity.rule)
    return {code: next(iter(by.items())) for code, by in found.items() if len(by) == 1}


def _chosen(report: Report, rules: tuple[Identity, ...], pending: dict[str, list[Value]]) -> Step:
    """The first identity's one choice of readings for its pending cells (two or
    more, every other cell trusted) that makes it hold; {} when none has one."""
    for identity in rules:
        open_ = [c for c in identity.cells if c in pending]
        if len(open_) < 2 or any(not pending[c] for c in open_) \
                or math.prod(len(pending[c]) for c in open_) > _MAX_CHOICES:
            continue
        fixed = _fixed(identity, report, pending)
        fits = [] if fixed is None else \
            [choice for choice in itertools.product(*(pending[c] for c in open_))
             if fixed + sum(Decimal(v) * (1 if c in identity.left else -1)
                            for c, v in zip(open_, choice)) == 0][:2]
        if len(fits) == 1:
            return {c: (v, identity.rule) for c, v in zip(open_, fits[0])}
    return {}


def resolve(report: Report, rules: tuple[Identity, ...], doubtful: list[str],
            stated: dict[str, Value]) -> dict[str, str | None]:
    """For each doubtful cell: what decided its value, set on the report (an
    identity's rule or 正文), or None where nothing does (the cell is then null).
    Every other cell is trusted; `stated`: the figures the prose states, by cell."""
    options = {code: candidates(report, code) for code in doubtful}
    basis: dict[str, str | None] = {}
    chosen: set[str] = set()  # set from the readings: a complete identity may yet contradict them
    while True:
        pending = {c: v for c, v in options.items() if c not in basis}
        alone = _alone(report, rules, pending)
        step = alone or {c: (stated[c], PROSE) for c, v in pending.items() if stated.get(c) in v} \
            or _chosen(report, rules, pending)
        if not step:
            break
        for code, (value, how) in step.items():
            basis[code] = how
            report.set_cell(code, value)
        if not alone:
            chosen |= step.keys()
    for code in doubtful:  # nothing decided it: null
        if basis.setdefault(code, None) is None:
            report.set_cell(code, None)
    broken = [i for i in rules if _broken(i, report)]
    for code in chosen:
        if any(code in i.cells for i in broken):
            basis[code] = None
            report.set_cell(code, None)
    return basis


def _broken(identity: Identity, report: Report) -> bool:
    got = sums(identity, report.cell)
    return got is not None and got[0] != got[1]


__all__ = ["candidates", "number", "resolve"]
