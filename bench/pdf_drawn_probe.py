"""Probe: PDFs whose text is drawn the ways odd converters draw it (tests/ingest/pdf_drawn.py).

Valid reports (the shared samples' expected JSON, then distinct-valued random
ones) are rendered to PDF by the project's renderer, then their text is drawn
otherwise while the page looks the same (`pdf_drawn.DRAWN`): digits mapped to
other digits by the ToUnicode map, every run drawn twice (bold by
overprinting), glyphs drawn one by one in random order, runs in random order,
the page turned by 0.6 degree; or written otherwise (`pdf_drawn.WRITTEN`): a
white 9 after every figure, figures wrapped in their cells, one digit of one
figure in a face of its own whose map lies (lone-italic, lone-swap). Each file is read through each engine (and with
OCR, `--ocr`) and compared with the report written:

  wrong    cells read with another number (must be 0)
  lost     cells null that the clean PDF reads
  meta     wrong agency, year or template (no_meta: left null)
  refused  files refused outright (an error instead of a report)
  silent   files with lost cells or meta and no finding saying the text layer is unusable

Run: `PYTHONPATH=src python bench/pdf_drawn_probe.py [-n 4] [--drawn a,b] [--engines pdfium] [--ocr] [--seed 1] [-v]`.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "ingest"), str(ROOT / "bench")]

from exact_cells import filled_cells  # noqa: E402
from garbled import render_uncompressed  # noqa: E402
from pdf_drawn import DRAWN, WRITTEN, drawn, written  # noqa: E402
from pdf_layer_probe import probe, read, reports  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=4, help="reports (the 3 real samples first)")
    ap.add_argument("--drawn", default=",".join(DRAWN + WRITTEN))
    ap.add_argument("--engines", default="pdfium,pdfplumber")
    ap.add_argument("--ocr", action="store_true", help="read with OCR (slow)")
    ap.add_argument("--seed", type=int, default=0, help="varies the drawing (random choices)")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    logging.disable(logging.WARNING)  # pdfminer's font warnings
    totals: dict[str, Counter] = {}
    for i, expected in enumerate(reports(args.n)):
        pdf = render_uncompressed(expected)
        clean = filled_cells(read(pdf, False)[0])
        for kind in args.drawn.split(","):
            seed = 1000 * args.seed + i
            data = written(expected, kind, seed) if kind in WRITTEN else drawn(pdf, kind, seed=seed)
            for engine in args.engines.split(","):
                os.environ["ZFXXGK_PDF_ENGINE"] = engine
                key = f"{kind} {engine}{'+ocr' if args.ocr else ''}"
                totals[key] = totals.get(key, Counter()) + probe(
                    expected, clean, data, args.ocr, f"report {i} {key}", args.v)
    for key, c in totals.items():
        print(f"{key:22}", " ".join(f"{k}={c[k]}" for k in
                                    ("files", "wrong", "lost", "meta", "no_meta", "refused", "silent")))


if __name__ == "__main__":
    main()
