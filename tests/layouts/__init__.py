"""Writers that print a `Report` as the full text of an annual report, in the text
layouts the samples show (samples/README.md, standard.md §6.2).

Each writer is `write(report, rng, style=None) -> str`: the title line, a preface,
the six part headings with a little prose, the three tables under parts 二/三/四
and a signature. `rng` (a seeded `random.Random`) picks the variations a layout
shows in the samples, so a text is reproducible from its seed; `style` fixes the
label knobs (brackets, item numbers, spaces inside labels, full-width digits,
known label variants) and is drawn from `rng` when not given.

Every writer prints a text from which the cells can be read back exactly (for
`run_together`, up to the candidates the identities leave open): when a layout's
anomaly would make a row genuinely ambiguous for the given values (an extra
residue cell that could also be read as data), the writer leaves the anomaly out.
"""

from __future__ import annotations

import random
from typing import Callable

from zfxxgk.model import Report

from .pdf import pdf_text
from .pieces import Style
from .tabular import cell_per_line, markdown, run_together, spaces, tab_exact, tab_residue

LAYOUTS: dict[str, Callable[..., str]] = {
    "tab_residue": tab_residue,
    "tab_exact": tab_exact,
    "cell_per_line": cell_per_line,
    "markdown": markdown,
    "pdf_text": pdf_text,
    "spaces": spaces,
    "run_together": run_together,
}

# Layouts whose cells are explicit, so a blank cell or a row breaking the identities
# still reads back as printed.
CARRIES_BLANKS = {"tab_exact", "markdown", "spaces"}
# Layouts where the text itself may not determine every cell.
LOSSY = {"run_together"}


def write(layout: str, report: Report, seed: int = 0, style: Style | None = None) -> str:
    return LAYOUTS[layout](report, random.Random(seed), style)


# --------------------------------------------------------------------------------------
# reading back: how a parse is compared with the report that was printed

TABLES = ("active", "applications", "review_litigation")


def cell_diff(parsed: Report, expected: Report) -> list[str]:
    """The cells (and meta) where the parse differs from the printed report."""
    out = [f"{key}: got {getattr(parsed, key)!r}, want {getattr(expected, key)!r}"
           for key in ("agency", "year", "template", "published_on")
           if getattr(parsed, key) != getattr(expected, key)]
    for t in TABLES:
        got, want = getattr(parsed, t), getattr(expected, t)
        for row in sorted(set(got) | set(want)):
            g, w = got.get(row, {}), want.get(row, {})
            for col in sorted(set(g) | set(w)):
                if col not in g or col not in w or g[col] != w[col]:
                    out.append(f"{t}.{row}.{col}: got {g.get(col, '<absent>')!r}, "
                               f"want {w.get(col, '<absent>')!r}")
    return out


def candidates(parsed: Report) -> dict[str, list]:
    """Cell code -> the values the parser's "ambiguous" notes leave open."""
    out: dict[str, list] = {}
    for n in parsed.notes:
        if n.kind == "ambiguous":
            for code, values in (n.data.get("candidates") or {}).items():
                out.setdefault(code, []).extend(values)
    return out


def lossy_diff(parsed: Report, expected: Report) -> list[str]:
    """For a lossy layout: every cell exact, or null with the true value among the
    candidates the parser lists for it."""
    open_ = candidates(parsed)
    out = []
    for line in cell_diff(parsed, expected):
        code = line.split(":", 1)[0]
        if code.count(".") >= 2:
            t, rest = code.split(".", 1)
            row, col = rest.rsplit(".", 1)
            got = getattr(parsed, t).get(row, {}).get(col)
            want = getattr(expected, t).get(row, {}).get(col)
            if got is None and col in getattr(parsed, t).get(row, {}) and want in open_.get(code, []):
                continue
        out.append(line)
    return out


__all__ = ["CARRIES_BLANKS", "LAYOUTS", "LOSSY", "Style", "candidates", "cell_diff", "lossy_diff",
           "pdf_text", "tab_residue", "write"]
