"""How much our PDF reading costs on top of pdfplumber's own extraction.

pdfplumber's `extract_text()` + `extract_tables()` on every page is the floor:
no PDF reader built on it can be faster. The target is a ratio of at most 1.5
(our work on top of the floor costs at most half of it). Timed, in CPU seconds of
this process, on the same files:

  floor   pdfplumber.open, then each page's extract_text() and extract_tables()
  load    zfxxgk.ingest.pdf.load_pdf (tables + text lines -> Document)
  parse   load + the parser (Document -> Report), what `zfxxgk parse` does

Files: the real PDFs in ../shared/samples/real/ (WPS), plus any PDFs given on the
command line (e.g. ones made with LibreOffice or WeasyPrint).

Also times the HTML loader on a generated portal page (target >= 200 pages/s).

Run: `.venv/bin/python bench/pdf_bench.py [-r 3] [FILE.pdf ...]`. It prints numbers
and fails only on errors.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 1.5
TARGET_HTML_PER_SECOND = 200


def samples_dir() -> Path:
    if os.environ.get("ZFXXGK_SAMPLES"):
        return Path(os.environ["ZFXXGK_SAMPLES"])
    return ROOT.parent / "shared" / "samples"


def cpu(func, *args) -> float:
    start = time.process_time()
    func(*args)
    return time.process_time() - start


def floor(data: bytes) -> None:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


def load(data: bytes) -> None:
    from zfxxgk.ingest.pdf import load_pdf

    load_pdf(data, "bench.pdf")


def parse(data: bytes) -> None:
    from zfxxgk.api import parse_document
    from zfxxgk.ingest.pdf import load_pdf

    parse_document(load_pdf(data, "bench.pdf"))


def bench_html(rounds: int) -> float:
    sys.path.insert(0, str(ROOT / "tests"))
    sys.path.insert(0, str(ROOT / "tests" / "ingest"))
    from ingest_fixtures import html_report  # the generated nasty portal page

    from zfxxgk.ingest.html import load_html

    data = html_report("gbk")
    load_html(data, "warm.html")
    n = 50 * rounds
    start = time.process_time()
    for _ in range(n):
        load_html(data, "bench.html")
    return n / (time.process_time() - start)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-r", "--rounds", type=int, default=3, help="best of R rounds per file")
    ap.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args()
    files = sorted((samples_dir() / "real").glob("*.pdf")) + list(args.files)
    if not files:
        print("no PDF files found", file=sys.stderr)
        return 1
    load(files[0].read_bytes())  # imports and caches warmed once
    totals = {"floor": 0.0, "load": 0.0, "parse": 0.0}
    print(f"{'file':40} {'floor s':>8} {'load s':>8} {'parse s':>8} {'ratio':>6}")
    for path in files:
        data = path.read_bytes()
        row = {name: min(cpu(f, data) for _ in range(args.rounds))
               for name, f in (("floor", floor), ("load", load), ("parse", parse))}
        for k, v in row.items():
            totals[k] += v
        print(f"{path.name:40} {row['floor']:8.3f} {row['load']:8.3f} {row['parse']:8.3f} "
              f"{row['parse'] / row['floor']:6.2f}")
    ratio = totals["parse"] / totals["floor"]
    verdict = "ok" if ratio <= TARGET_RATIO else "OVER TARGET"
    print(f"{'total':40} {totals['floor']:8.3f} {totals['load']:8.3f} {totals['parse']:8.3f} "
          f"{ratio:6.2f}  (target <= {TARGET_RATIO}: {verdict})")
    per_second = bench_html(args.rounds)
    verdict = "ok" if per_second >= TARGET_HTML_PER_SECOND else "UNDER TARGET"
    print(f"HTML: {per_second:.0f} pages/s (target >= {TARGET_HTML_PER_SECOND}: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
