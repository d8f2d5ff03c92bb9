"""Probe: PDFs where PDFium's reader and the pdfplumber referee may part.

Valid reports (the shared samples' expected JSON, then distinct-valued random
ones) are rendered to landscape PDF pages, then stored the ways real files
store them and read through each engine (`--engines`), compared with the
report written:

  turnN        the page stored turned by /Rotate N (a printer driver's
               landscape sheet), read as shown
  turnN-how    the same with a hidden digit after every number (`pdf_hidden`:
               drawn invisible, or black at 8% opacity): PDFium left such a
               page to pdfplumber, which read the hidden digit (25 -> 259)
  how          an upright page with the hidden digit, through the referee
  sideN        the content drawn turned by N with no /Rotate (the text runs
               sideways; a reader turns the sheet): refused as no report
  typed        the figures in annotations' appearance streams, not in the
               content (a filled PDF form, a typewriter tool: `pdf_annots`)
  formed       the figures a form's field values without appearance streams,
               the form asking the viewer to draw them (/NeedAppearances)

  wrong    cells read with another number (must be 0)
  lost     cells null that the upright page reads
  meta     wrong agency, year or template (no_meta: left null)
  refused  files refused outright (an error instead of a report)

Run: `PYTHONPATH=src python bench/pdf_engines_probe.py [-n 2] [--engines pdfium,pdfplumber] [-v]`.
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
from pdf_annots import formed, typed  # noqa: E402
from pdf_hidden import hide  # noqa: E402
from pdf_shapes import html_of, rotated  # noqa: E402
from pdf_shapes_probe import print_totals, probe, read, reports  # noqa: E402


SHAPES = ("turn90", "turn180", "turn270", "turn90-invisible", "turn270-alpha",
          "turn180-invisible", "invisible", "alpha", "side90", "side270", "side90-alpha",
          "typed", "formed")


def shaped(landscape: bytes, shape: str) -> bytes:
    """The landscape rendering stored as `shape` (one of SHAPES)."""
    if shape in ("typed", "formed"):
        return (typed if shape == "typed" else formed)(landscape)
    turn, _, how = shape.partition("-") if shape[:4] in ("turn", "side") else ("", "", shape)
    data = hide(landscape, how) if how else landscape
    return rotated(data, int(turn[4:]), turn.startswith("turn")) if turn else data


def main() -> None:
    from weasyprint import HTML

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=2, help="reports (the 3 real samples first)")
    ap.add_argument("--shapes", default=",".join(SHAPES))
    ap.add_argument("--engines", default="pdfium,pdfplumber")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    logging.disable(logging.WARNING)  # pdfminer's font warnings
    totals: dict[str, Counter] = {}
    for i, expected in enumerate(reports(args.n)):
        landscape = HTML(string=html_of(expected, "landscape")).write_pdf()
        clean = filled_cells(read(landscape, "pdfium"))
        for shape in args.shapes.split(","):
            data = shaped(landscape, shape)
            for engine in args.engines.split(","):
                key = f"{shape} {engine}"
                totals[key] = totals.get(key, Counter()) + probe(
                    expected, clean, data, f"report {i} {key}", args.v, engine)
    print_totals(totals, 30)


if __name__ == "__main__":
    main()
