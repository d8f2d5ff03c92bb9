"""Probe: PDFs whose text layer lies (tests/ingest/garbled.py).

Valid reports (the shared samples' expected JSON and distinct-valued random
ones) are rendered to PDF by the project's renderer, then the text layer is
made useless the ways real exports make it (fonts whose ToUnicode map gives
private-use codes, control characters or Latin letters, or no map at all; in
every font or only one), or the tables are pasted as pictures. Each file
is read with and (`--ocr`) without OCR and compared with the report written:

  wrong    cells read with another number (must be 0)
  lost     cells null that the clean PDF reads
  meta     wrong agency, year or template (no_meta: left null)
  refused  files refused outright (an error instead of a report)
  silent   files with lost cells or meta and no finding saying the text layer is unusable

Run: `PYTHONPATH=src python bench/pdf_layer_probe.py [-n 4] [--ocr] [-v]`.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "ingest")]

from exact_cells import filled_cells, meta_misses, tables_of, wrong_cells  # noqa: E402
from garbled import garble, lookalike, pictured_tables, render_uncompressed, untitled  # noqa: E402
from strategies import distinct_report  # noqa: E402

from zfxxgk.errors import InputError  # noqa: E402
from zfxxgk.model import report_from_json  # noqa: E402

SAMPLES = ROOT.parent / "shared" / "samples"
VARIANTS = ("pua", "control", "latin", "drop") + tuple(
    f"{mode}@{k}" for mode in ("pua", "latin", "drop") for k in range(4)) + (
    "digits-pua", "digits-latin", "digits-control", "picture", "lookalike")
LAYER_WORDS = ("文字层", "矢量图形", "表格可能是图片")


def reports(n: int) -> list:
    """The real samples' expected reports, then distinct-valued ones."""
    out = [report_from_json(p.read_text("utf-8"))
           for p in sorted((SAMPLES / "real-expected").glob("*.json"))]
    for k in range(max(0, n - len(out))):
        out.append(distinct_report("2021" if k % 2 == 0 else "2019", seed=900 + k))
    return out[:n]


def variant(pdf: bytes, name: str, report=None) -> bytes:
    """`mode` in every font, or `mode@k` in the k-th font only (the others keep
    their maps: a page half readable; the renderer's fonts are the title's, the
    headings', the prose's and the table cells'); "digits-mode": only the
    digits garbled; "picture": the tables pasted as pictures, the prose text;
    "lookalike": 0 and 1 extracted as the letters O and l."""
    if name == "picture":
        return pictured_tables(report)
    if name == "lookalike":  # 0 and 1 mapped to O and l: the title's year too
        return lookalike(pdf)
    if name.startswith("digits-"):
        return untitled(garble(pdf, name[7:], digits_only=True))
    mode, _, font = name.partition("@")
    return untitled(garble(pdf, mode, {int(font)} if font else None))


def read(data: bytes, ocr: bool):
    from zfxxgk.api import check_report, report_from_loaded
    from zfxxgk.ingest.pdf import load_pdf

    doc = load_pdf(data, "probe.pdf", {"ocr": ocr})
    report = report_from_loaded(doc)
    return report, check_report(report)


def probe(expected, clean: set, data: bytes, ocr: bool, label: str, verbose: bool) -> Counter:
    out = Counter(files=1)
    try:
        report, findings = read(data, ocr)
    except InputError as e:
        out["refused"] += 1
        if verbose:
            print(f"--- {label}: refused: {e}")
        return out
    wrong = wrong_cells(report, tables_of(expected))
    lost = clean - filled_cells(report)
    meta, no_meta = meta_misses(report, expected)
    said = any(w in f.message for f in findings for w in LAYER_WORDS)
    out.update(wrong=len(wrong), lost=len(lost), meta=len(meta), no_meta=len(no_meta),
               silent=int(bool(lost or no_meta) and not said))
    if verbose and (wrong or lost or meta):
        print(f"--- {label}: wrong {wrong[:4]} lost {len(lost)} meta "
              f"{[(k, getattr(report, k)) for k in meta]} said {said}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=4, help="reports (the 3 real samples first)")
    ap.add_argument("--ocr", action="store_true", help="also read with OCR (slow)")
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    totals: dict[str, Counter] = {}
    for i, expected in enumerate(reports(args.n)):
        pdf = render_uncompressed(expected)
        clean = filled_cells(read(pdf, False)[0])
        for name in args.variants.split(","):
            data = variant(pdf, name, expected)
            for ocr in (False, True) if args.ocr else (False,):
                key = f"{name}{'+ocr' if ocr else ''}"
                totals[key] = totals.get(key, Counter()) + probe(
                    expected, clean, data, ocr, f"report {i} {key}", args.v)
    for key, c in totals.items():
        print(f"{key:14}", " ".join(f"{k}={c[k]}" for k in
                                   ("files", "wrong", "lost", "meta", "no_meta", "refused",
                                    "silent")))


if __name__ == "__main__":
    main()
