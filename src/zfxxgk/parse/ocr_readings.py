"""Doubtful OCR'd numbers that no identity determines alone: confirmed, or left null.

`ocr_trust.settle` first sets each doubtful cell an identity determines from
trusted cells. A cell left over kept its reading with a warning, and in a 100 dpi
fax one in six such readings was a wrong number (500 for 4500): a wrong number
is the worst outcome, so a reading is kept only where something confirms it:

- the report's prose states the cell's figure, and it is one of the readings (正文);
- an identity whose other cells are trusted holds for exactly one choice among
  the readings of its doubtful cells (two misreadings summing right by chance is
  not credible): those cells take that choice;
The cell's line read again (ingest/ocr/reread.py, strokes thicker and thinner)
gives more readings to choose among. Readings that all agree confirm nothing:
in a 1-bit fax a 357 read as 337 five times over. Any other doubtful cell is
null, its finding listing what was read. A cell set here that a complete
identity then contradicts is null too.
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


def _only_choice(identity: Identity, report: Report,
                 options: dict[str, list[Value]]) -> dict[str, Value] | None:
    """The one choice of readings for the identity's open cells (those in
    `options`; every other cell of it trusted) that makes it hold, or None. At
    least two open cells: one alone is ocr_trust's case."""
    open_ = [c for c in identity.cells if c in options]
    if len(open_) < 2 or any(not options[c] for c in open_) \
            or math.prod(len(options[c]) for c in open_) > _MAX_CHOICES:
        return None
    fixed = _fixed(identity, report, options)
    if fixed is None:
        return None
    fits = []
    for choice in itertools.product(*(options[c] for c in open_)):
        total = fixed + sum(Decimal(v) * (1 if c in identity.left else -1)
                            for c, v in zip(open_, choice))
        if total == 0:
            fits.append(dict(zip(open_, choice)))
            if len(fits) > 1:
                return None
    return fits[0] if fits else None


def resolve(report: Report, rules: tuple[Identity, ...], open_: list[str],
            stated: dict[str, Value]) -> dict[str, str | None]:
    """For each doubtful cell in `open_` (no identity determined it alone): what
    confirms its value, set on the report (正文 or an identity's rule), or None
    where nothing does (the cell is then null).
    Every other cell is trusted; `stated`: the figures the prose states, by cell."""
    options = {code: candidates(report, code) for code in open_}
    basis: dict[str, str | None] = {}
    for code, values in options.items():
        if stated.get(code) is not None and stated[code] in values:
            basis[code] = PROSE
            report.set_cell(code, stated[code])
    changed = True
    while changed:  # a cell decided trusts its value to the next identity
        changed = False
        pending = {c: v for c, v in options.items() if c not in basis}
        for identity in rules:
            choice = _only_choice(identity, report, pending)
            if choice:
                for code, value in choice.items():
                    basis[code] = identity.rule
                    report.set_cell(code, value)
                changed = True
                break
    for code in open_:
        basis.setdefault(code, None)
    for code, how in basis.items():
        if how is None:
            report.set_cell(code, None)
    for code, how in basis.items():  # what a complete identity contradicts is no value
        if how is not None and any(_broken(i, report) for i in rules if code in i.cells):
            basis[code] = None
            report.set_cell(code, None)
    return basis


def _broken(identity: Identity, report: Report) -> bool:
    got = sums(identity, report.cell)
    return got is not None and got[0] != got[1]


__all__ = ["candidates", "number", "resolve"]
