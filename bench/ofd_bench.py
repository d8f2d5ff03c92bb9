"""What reading OFD files costs, and whether every cell comes back.

Each expected file in ../shared/samples/*-expected/ is laid out as OFD by the
tests' writer (tests/ingest/ofd_files.py) in each way of writing text (DeltaX,
the ``g`` shorthand, CTM-scaled text, one object per character) and of ruling
tables (strokes, thin filled rectangles); each file is loaded (`load_ofd`) and
parsed `-r` times in this process. Printed: files/s for the load alone and for
load + parse (best of the repeats), and the cells read wrong (must be 0).

Run: `PYTHONPATH=src .venv/bin/python bench/ofd_bench.py [-r 3]`. A benchmark, not a
test: it prints numbers (and the load average: the machine is shared).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "ingest")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-r", "--repeats", type=int, default=3)
    args = ap.parse_args()
    from ofd_files import RULINGS, TEXT_STYLES, report_ofd
    from samples import SAMPLES, differences, load_expected
    from zfxxgk.api import parse_document
    from zfxxgk.ingest.ofd import load_ofd
    from zfxxgk.model import report_from_json, report_to_dict

    expected = sorted(SAMPLES.glob("*-expected/*.json"))
    files = []
    for path in expected:
        report = report_from_json(path.read_text(encoding="utf-8"))
        for style in TEXT_STYLES:
            for rulings in RULINGS:
                files.append((path, report_ofd(report, style, rulings)))
    load_s = parse_s = float("inf")
    wrong = 0
    for _ in range(args.repeats):
        start = time.perf_counter()
        docs = [load_ofd(data, path.name) for path, data in files]
        loaded = time.perf_counter()
        reports = [parse_document(doc) for doc in docs]
        done = time.perf_counter()
        load_s, parse_s = min(load_s, loaded - start), min(parse_s, done - start)
    for (path, _), report in zip(files, reports):
        wrong += len(differences(load_expected(path), report_to_dict(report)))
    size = sum(len(data) for _, data in files) / len(files) / 1024
    print(f"{len(files)} OFD files ({len(expected)} reports x {len(TEXT_STYLES)} text styles x "
          f"{len(RULINGS)} rulings, {size:.0f} KB each), best of {args.repeats}, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"  load          {len(files) / load_s:7.1f} files/s")
    print(f"  load + parse  {len(files) / parse_s:7.1f} files/s")
    print(f"  differences from the expected files: {wrong}")
    if wrong:
        sys.exit(1)


if __name__ == "__main__":
    main()
