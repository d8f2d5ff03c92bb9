"""Probe: vector PDFs laid out the way real exporters lay them out.

Valid reports (the shared samples' expected JSON, then distinct-valued random
ones) are rendered to PDF in each of the shapes of tests/ingest/pdf_shapes.py
(rulings, heads, page geometry, watermarks, page furniture, alignment, a
browser's print, two pages a sheet). Each file is read and compared with the
report written:

  wrong    cells read with another number (must be 0)
  lost     cells null that the plain rendering reads
  meta     wrong agency, year or template (no_meta: left null)
  refused  files refused outright (an error instead of a report)

Run: `PYTHONPATH=src python bench/pdf_shapes_probe.py [-n 4] [--shapes a,b] [-v]`.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "ingest")]

from exact_cells import filled_cells, meta_misses, tables_of, wrong_cells  # noqa: E402
from pdf_shapes import SHAPES, render  # noqa: E402
from strategies import distinct_report  # noqa: E402

from zfxxgk.errors import InputError  # noqa: E402
from zfxxgk.model import report_from_json  # noqa: E402

SAMPLES = ROOT.parent / "shared" / "samples"


def reports(n: int) -> list:
    out = [report_from_json(p.read_text("utf-8"))
           for p in sorted((SAMPLES / "real-expected").glob("*.json"))]
    for k in range(max(0, n - len(out))):
        out.append(distinct_report("2021" if k % 2 == 0 else "2019", seed=900 + k))
    return out[:n]


def read(data: bytes, engine: str | None = None):
    from zfxxgk.api import report_from_loaded
    from zfxxgk.ingest.pdf import load_pdf

    return report_from_loaded(load_pdf(data, "probe.pdf", {"engine": engine} if engine else None))


def probe(expected, clean: set, data: bytes, label: str, verbose: bool,
          engine: str | None = None) -> Counter:
    out = Counter(files=1)
    try:
        report = read(data, engine)
    except InputError as e:
        out["refused"] += 1
        if verbose:
            print(f"--- {label}: refused: {e}")
        return out
    wrong = wrong_cells(report, tables_of(expected))
    lost = clean - filled_cells(report)
    meta, no_meta = meta_misses(report, expected)
    out.update(wrong=len(wrong), lost=len(lost), meta=len(meta), no_meta=len(no_meta))
    if verbose and (wrong or lost or meta or no_meta):
        print(f"--- {label}: wrong {wrong[:4]} lost {len(lost)} {sorted(lost)[:4]} meta "
              f"{[(k, getattr(report, k)) for k in meta + no_meta]}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=4, help="reports (the 3 real samples first)")
    ap.add_argument("--shapes", default=",".join(SHAPES))
    ap.add_argument("--save", help="a folder the PDFs are written to")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    totals: dict[str, Counter] = {}
    for i, expected in enumerate(reports(args.n)):
        clean = filled_cells(read(render(expected, "plain")))
        for shape in args.shapes.split(","):
            data = render(expected, shape)
            if args.save:
                Path(args.save).mkdir(parents=True, exist_ok=True)
                (Path(args.save) / f"{i}-{shape.rstrip('+')}.pdf").write_bytes(data)
            totals[shape] = totals.get(shape, Counter()) + probe(
                expected, clean, data, f"report {i} {shape}", args.v)
    print_totals(totals, 14)


def print_totals(totals: dict, width: int) -> None:
    """One line a class: its key, then the counts `probe` adds up."""
    for key, c in totals.items():
        print(f"{key:{width}}", " ".join(f"{k}={c[k]}" for k in
                                       ("files", "wrong", "lost", "meta", "no_meta", "refused")))


if __name__ == "__main__":
    main()
