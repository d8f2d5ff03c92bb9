"""What reading PDFs costs: the two engines' floors, the new and the old path.

For the same files, in one run, each timed in a fresh process (CPU seconds of
the process and its children, and its peak resident memory):

  plumber-floor  pdfplumber.open, each page's extract_text() and extract_tables():
                 the floor of any reader built on pdfplumber (the old floor)
  pdfium-floor   pypdfium2: each page's text page, every character's code and box,
                 every path object's segments: the raw material of the tables
                 (the new floor)
  new-load       zfxxgk.ingest.pdf.load_pdf, PDFium engine (Document)
  old-load       the same loader with engine="pdfplumber" (the fallback/referee)
  new-parse      load + parser (Document -> Report)
  old-parse      the same on pdfplumber

then the whole `zfxxgk parse` of the set, process start and sandbox worker
included, with each engine (ZFXXGK_PDF_ENGINE). Targets: `zfxxgk parse` (PDFium)
<= 0.3 x plumber-floor; new-load <= 2 x pdfium-floor.

Files: the real PDFs in ../shared/samples/real/ repeated to `-n` files (24:
8 copies of the three), plus any PDFs given on the command line.
Also times the HTML loader on a generated portal page (target >= 200 pages/s).
`--batch N` also runs `zfxxgk batch` over N PDFs (copies made distinct by a
trailing comment, so none is skipped as already done) with 1 and 2 workers.

Run: `.venv/bin/python bench/pdf_bench.py [-n 24] [--batch 1000] [FILE.pdf ...]`.
A benchmark, not a test: it prints numbers (and the load average: the machine
is shared) and fails only on errors.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODES = ("plumber-floor", "pdfium-floor", "new-load", "old-load", "new-parse", "old-parse")
TARGET_PARSE = 0.3
TARGET_LOAD = 2.0


def samples_dir() -> Path:
    if os.environ.get("ZFXXGK_SAMPLES"):
        return Path(os.environ["ZFXXGK_SAMPLES"])
    return ROOT.parent / "shared" / "samples"


def plumber_floor(data: bytes) -> None:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


def pdfium_floor(data: bytes) -> None:
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(data)
    box = raw.FS_RECTF()
    x, y = ctypes.c_float(), ctypes.c_float()
    for page in pdf:
        textpage = page.get_textpage()
        tp = textpage.raw
        for i in range(raw.FPDFText_CountChars(tp)):
            raw.FPDFText_GetUnicode(tp, i)
            raw.FPDFText_GetLooseCharBox(tp, i, box)
        for k in range(raw.FPDFPage_CountObjects(page.raw)):
            obj = raw.FPDFPage_GetObject(page.raw, k)
            if raw.FPDFPageObj_GetType(obj) == raw.FPDF_PAGEOBJ_PATH:
                for s in range(raw.FPDFPath_CountSegments(obj)):
                    raw.FPDFPathSegment_GetPoint(raw.FPDFPath_GetPathSegment(obj, s), x, y)
        textpage.close()
        page.close()
    pdf.close()


def run_mode(mode: str, files: list[Path]) -> None:
    """In a child: time `mode` over the files (after one warm-up) and print JSON."""
    from zfxxgk.api import parse_document
    from zfxxgk.ingest.pdf import load_pdf

    engine = "pdfplumber" if mode.startswith("old") else "pdfium"
    funcs = {"plumber-floor": plumber_floor, "pdfium-floor": pdfium_floor,
             "new-load": lambda d: load_pdf(d, "b.pdf", {"engine": engine}),
             "old-load": lambda d: load_pdf(d, "b.pdf", {"engine": engine}),
             "new-parse": lambda d: parse_document(load_pdf(d, "b.pdf", {"engine": engine})),
             "old-parse": lambda d: parse_document(load_pdf(d, "b.pdf", {"engine": engine}))}
    func = funcs[mode]
    datas = [p.read_bytes() for p in files]
    func(datas[0])  # imports and caches warmed once
    start = time.process_time()
    for data in datas:
        func(data)
    seconds = time.process_time() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak}))


# Runs a command and reports the CPU seconds and peak memory of its process tree
# alone (a parent's RUSAGE_CHILDREN peak would include earlier children).
_WRAPPER = """
import json, resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
sys.stdout.write(done.stdout)
if done.returncode:
    sys.stderr.write(done.stderr)
    sys.exit(done.returncode)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
sys.stderr.write(json.dumps([r.ru_utime + r.ru_stime, r.ru_maxrss / 1024]))
"""


def child(args: list[str], env: dict | None = None) -> tuple[float, float, float, str]:
    """(CPU s of the command's process tree, wall s, its peak MB, stdout)."""
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", _WRAPPER, *args], capture_output=True,
                          text=True, env=env)
    wall = time.monotonic() - start
    if done.returncode:
        raise SystemExit(f"{' '.join(args[:4])} failed:\n{done.stderr}")
    cpu, peak = json.loads(done.stderr.strip().splitlines()[-1])
    return cpu, wall, peak, done.stdout


def environment(engine: str) -> dict:
    env = dict(os.environ, ZFXXGK_PDF_ENGINE=engine)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    return env


def pages(files: list[Path]) -> int:
    import pypdfium2 as pdfium

    return sum(len(pdfium.PdfDocument(p.read_bytes())) for p in files)


def bench_modes(files: list[Path]) -> dict[str, float]:
    n_pages = pages(files)
    print(f"{len(files)} files, {n_pages} pages; load average {os.getloadavg()[0]:.2f}")
    print(f"{'path':16} {'CPU s':>7} {'ms/page':>8} {'peak MB':>8}")
    out = {}
    for mode in MODES:
        _, _, _, stdout = child([sys.executable, __file__, "--run", mode, *map(str, files)],
                                environment("pdfium"))
        row = json.loads(stdout)
        out[mode] = row["seconds"]
        print(f"{mode:16} {row['seconds']:7.3f} {1000 * row['seconds'] / n_pages:8.2f} "
              f"{row['peak_mb']:8.0f}")
    for engine in ("pdfium", "pdfplumber"):
        with tempfile.TemporaryDirectory() as tmp:  # a real file: -o never names a device
            cpu, wall, peak, _ = child([sys.executable, "-m", "zfxxgk", "parse", "--format", "jsonl",
                                        "-o", str(Path(tmp) / "out.jsonl"),
                                        *map(str, files)], environment(engine))
        out[f"cli-{engine}"] = cpu
        print(f"{'parse ' + engine:16} {cpu:7.3f} {1000 * cpu / n_pages:8.2f} {peak:8.0f}"
              f"   (zfxxgk parse, process start included; wall {wall:.2f} s)")
    return out


def verdicts(t: dict[str, float]) -> None:
    print(f"old floor / new floor (pdfplumber / PDFium raw):  "
          f"{t['plumber-floor'] / t['pdfium-floor']:.1f}x")
    print(f"old load / new load:                              {t['old-load'] / t['new-load']:.1f}x")
    ratio = t["cli-pdfium"] / t["plumber-floor"]
    print(f"zfxxgk parse (PDFium) / pdfplumber floor:        {ratio:.2f} "
          f"(target <= {TARGET_PARSE}: {'ok' if ratio <= TARGET_PARSE else 'OVER TARGET'})")
    print(f"zfxxgk parse (pdfplumber) / pdfplumber floor:    "
          f"{t['cli-pdfplumber'] / t['plumber-floor']:.2f}")
    ratio = t["new-load"] / t["pdfium-floor"]
    print(f"new load / PDFium floor:                          {ratio:.2f} "
          f"(target <= {TARGET_LOAD}: {'ok' if ratio <= TARGET_LOAD else 'OVER TARGET'})")


def bench_batch(sources: list[Path], count: int) -> None:
    """`zfxxgk batch` over `count` distinct PDFs, 1 and 2 workers."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        datas = [p.read_bytes() for p in sources]
        for i in range(count):
            (folder / f"r{i:05d}.pdf").write_bytes(datas[i % len(datas)] + b"\n%% copy %d\n" % i)
        for jobs in (1, 2):
            out = Path(tmp) / f"out{jobs}"
            load = os.getloadavg()[0]
            cpu, wall, peak, _ = child([sys.executable, "-m", "zfxxgk", "batch", str(folder),
                                        "--out", str(out), "--jobs", str(jobs),
                                        "--no-progress"], environment("pdfium"))
            print(f"batch {count} PDFs, {jobs} worker(s): {wall:6.1f} s wall, "
                  f"{count / wall:6.1f} reports/s, CPU {cpu:.1f} s, peak {peak:.0f} MB, "
                  f"load average before {load:.2f}")


def bench_html(rounds: int = 3) -> None:
    """The HTML loader on a generated portal page (target >= 200 pages/s)."""
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
    per_second = n / (time.process_time() - start)
    print(f"HTML: {per_second:.0f} pages/s (target >= 200: "
          f"{'ok' if per_second >= 200 else 'UNDER TARGET'})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=24, help="files made from the real PDFs")
    ap.add_argument("--batch", type=int, default=0, help="also run zfxxgk batch on N PDFs")
    ap.add_argument("--run", choices=MODES, help=argparse.SUPPRESS)
    ap.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args()
    if args.run:
        run_mode(args.run, args.files)
        return 0
    real = sorted((samples_dir() / "real").glob("*.pdf"))
    if not real:
        print("no PDF files found", file=sys.stderr)
        return 1
    files = [real[i % len(real)] for i in range(args.n)] + list(args.files)
    verdicts(bench_modes(files))
    bench_html()
    if args.batch:
        bench_batch(real, args.batch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
