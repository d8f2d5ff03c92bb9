"""Probe: page furniture inside tables and headings (tests/pagebreaks.py).

Draws random valid reports (`reports()`) and distinct-valued ones (`distinct_report`),
writes each in the project's layouts, breaks the text into pages at random lines
(page numbers, running headers, the table's header repeated, rows cut by the break,
the title split or letter-spaced) and counts, against the report written:

  wrong   cells read with another number (must be 0)
  lost    cells read from the undamaged text but null from the paged one, outside
          the rows whose line the break cut
  cut     such cells inside cut rows (may be null); cut_rows: how many rows were cut
  meta    wrong agency, year or template

Run: `PYTHONPATH=src python bench/pagebreak_probe.py [-n 300] [--seed 0] [-v]`.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from exact_cells import filled_cells, tables_of, wrong_cells  # noqa: E402
from hypothesis.control import BuildContext  # noqa: E402
from hypothesis.internal.conjecture.data import ConjectureData  # noqa: E402
from layouts import LAYOUTS, write  # noqa: E402
from pagebreaks import paged_text, touched  # noqa: E402
from strategies import distinct_report, reports  # noqa: E402

from zfxxgk.parse import parse_text  # noqa: E402

NAMES = sorted(n for n in LAYOUTS if n != "run_together")


def draw_report(i: int):
    """Odd draws: distinct values; even ones: `reports()` (small counts, zeros),
    drawn from a seeded random so a draw can be shown again (`--only`)."""
    if i % 2:
        return distinct_report("2021" if i % 4 == 1 else "2019", seed=i)
    data = ConjectureData(random=random.Random(i))
    with BuildContext(data, is_final=True, wrapped_test=None):
        return data.draw(reports())


def probe_one(i: int, seed: int, verbose: bool) -> Counter:
    rng = random.Random(seed * 100_003 + i)
    report = draw_report(i)
    layout = NAMES[i % len(NAMES)]
    text = write(layout, report, seed=i)
    paged, cut = paged_text(text, report, rng)
    clean, parsed = parse_text(text), parse_text(paged)
    out = Counter(draws=1, cut_rows=len(cut))
    wrong = wrong_cells(parsed, tables_of(report))
    out["wrong"] += len(wrong)
    lost = filled_cells(clean) - filled_cells(parsed)
    inside = {k for k in lost if touched(getattr(report, k[0])[k[1]], cut)}
    out["lost"] += len(lost - inside)
    out["cut"] += len(inside)
    meta = [k for k in ("agency", "year", "template") if getattr(parsed, k) != getattr(report, k)]
    out["meta"] += bool(meta)
    for k in meta:
        out[f"meta.{k}"] += 1
    if verbose and (wrong or lost - inside or meta):
        print(f"--- draw {i} layout {layout}: wrong {wrong[:6]} lost {sorted(lost - inside)[:6]} "
              f"({len(lost - inside)}) meta {[(k, getattr(parsed, k)) for k in meta]}")
    if wrong or lost - inside or meta:
        out[f"bad.{layout}"] += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("-v", action="store_true")
    ap.add_argument("--only", type=int, default=None, help="write draw N's paged text to stdout")
    args = ap.parse_args()
    if args.only is not None:
        rng = random.Random(args.seed * 100_003 + args.only)
        report = draw_report(args.only)
        text = write(NAMES[args.only % len(NAMES)], report, seed=args.only)
        print(paged_text(text, report, rng)[0])
        return
    total = Counter()
    for i in range(args.n):
        total += probe_one(i, args.seed, args.v)
    print(" ".join(f"{k}={total[k]}" for k in sorted(total)))


if __name__ == "__main__":
    main()
