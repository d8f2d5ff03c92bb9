"""Probe: table 三 printed by a spreadsheet in pieces side by side.

Valid reports (the shared samples' expected JSON, then distinct-valued random
ones) are rendered with table 三 cut before grid column `cut` into two tables
on two pages (tests/ingest/wide_print.py: the left columns on one page, the
rest on the next, rows of the same height; `-titles`: the label columns
repeated on the second piece, as a sheet's print titles do; `--merged`: a
figure cell of some rows merged down over the next row's, tests/merged_html.py,
before the cut), read through each
engine and compared with the report written:

  wrong    cells read with another number (must be 0)
  lost     cells null that the plain rendering reads
  meta     wrong agency, year or template (no_meta: left null)
  refused  files refused outright (an error instead of a report)

Run: `PYTHONPATH=src python bench/pdf_wide_probe.py [-n 4] [--cuts 4,6,9] [--engines pdfium] [--merged] [-v]`.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "ingest"), str(ROOT / "bench")]

from exact_cells import filled_cells  # noqa: E402
from pdf_shapes import render  # noqa: E402
from pdf_shapes_probe import print_totals, probe, read, reports  # noqa: E402
from wide_print import wide_split  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=4, help="reports (the 3 real samples first)")
    ap.add_argument("--cuts", default="4,5,6,7,8,9", help="grid columns table 三 is cut before")
    ap.add_argument("--engines", default="pdfium,pdfplumber")
    ap.add_argument("--merged", action="store_true", help="figures merged down over the next row's")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    logging.disable(logging.WARNING)  # pdfminer's font warnings
    totals: dict[str, Counter] = {}
    for i, expected in enumerate(reports(args.n)):
        clean = filled_cells(read(render(expected, "plain")))
        for cut in map(int, args.cuts.split(",")):
            for titles in (False, True):
                data = wide_split(expected, cut, titles, args.merged)
                for engine in args.engines.split(","):
                    key = f"cut{cut}{'-titles' if titles else ''}{'-merged' if args.merged else ''} {engine}"
                    totals[key] = totals.get(key, Counter()) + probe(
                        expected, clean, data, f"report {i} {key}", args.v, engine)
    print_totals(totals, 26)


if __name__ == "__main__":
    main()
