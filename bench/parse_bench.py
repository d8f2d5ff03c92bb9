"""How fast `zfxxgk parse` is, against the floor of merely reading the files.

Researchers parse thousands of reports at once; the target is at least 500
reports per second on one core. The benchmark writes N text reports (default
1000) into a temporary folder, made from the shared sample texts (seeds and real
*.txt, or the project's examples/ when the samples are missing) by cycling
through them and perturbing each copy (a sentence with its number, trailing
spaces, CRLF line ends, some saved as GB18030), then times:

  floor       read each file, decode it and NFKC-normalise the text

Floor and in-process runs are timed in CPU seconds of this process (one core), so
other work on the machine does not distort the ratio; the subprocess run is wall time.
  in-process  `zfxxgk parse --format jsonl -o OUT FILE...` run in this process
  subprocess  the same command as one child process (includes start-up)

Run: `make bench` or `.venv/bin/python bench/parse_bench.py [-n 1000]`.
It is a benchmark, not a test: it prints numbers and fails only on errors.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_PER_SECOND = 500


def sample_texts() -> list[tuple[str, str]]:
    """(name, text) of every source report: the shared samples, else examples/."""
    candidates = [Path(os.environ["ZFXXGK_SAMPLES"])] if os.environ.get("ZFXXGK_SAMPLES") else []
    candidates += [ROOT.parent / "shared" / "samples", Path("/work/shared/samples")]
    for folder in candidates:
        files = sorted(folder.glob("seeds/*.txt")) + sorted(folder.glob("real/*.txt"))
        if files:
            return [(p.name, p.read_text(encoding="utf-8")) for p in files]
    files = sorted(p for p in (ROOT / "examples").glob("*") if p.is_file())
    if not files:
        sys.exit("no sample texts: neither ../shared/samples nor examples/ has any")
    from zfxxgk.ingest import load_path

    return [(p.name, load_path(p).text) for p in files]


def perturb(text: str, i: int) -> bytes:
    """A variant of a report that is still the same report to a reader."""
    rng = random.Random(i)
    lines = text.split("\n")
    for _ in range(max(1, len(lines) // 20)):
        k = rng.randrange(len(lines))
        lines[k] = lines[k] + " " * rng.randint(1, 3)
    # A narrative sentence after the first non-empty line, numbered so no two copies match.
    first = next((k for k, line in enumerate(lines) if line.strip()), 0)
    lines.insert(first + 1, f"（基准测试副本第{i}号。）")
    out = ("\r\n" if i % 3 == 0 else "\n").join(lines)
    return out.encode("gb18030" if i % 5 == 0 else "utf-8")


def varied_texts(n: int) -> list[tuple[str, str]]:
    """Reports with a distinct non-zero value in every cell, in the project's own
    layouts (tests/layouts): no table row repeats between them, so no memoised line
    helps — the harder corpus for the parser."""
    sys.path.insert(0, str(ROOT / "tests"))
    from layouts import LAYOUTS
    from strategies import distinct_report

    names = sorted(name for name in LAYOUTS if name != "run_together")
    out = []
    for i in range(n):
        report = distinct_report("2021" if i % 4 else "2019", seed=i)
        out.append((f"varied-{i}", LAYOUTS[names[i % len(names)]](report, random.Random(i))))
    return out


def write_corpus(folder: Path, n: int, varied: bool = False) -> list[Path]:
    texts = varied_texts(n) if varied else sample_texts()
    paths = []
    for i in range(n):
        name, text = texts[i % len(texts)]
        p = folder / f"{i:05d}_{Path(name).stem}.txt"
        p.write_bytes(perturb(text, i))
        paths.append(p)
    return paths


def floor(paths: list[Path]) -> float:
    from zfxxgk.ingest.encoding import decode

    start = time.process_time()
    for p in paths:
        text, _ = decode(p.read_bytes())
        unicodedata.normalize("NFKC", text)
    return time.process_time() - start


def in_process(paths: list[Path], out: Path) -> float:
    from zfxxgk.cli import cli

    # One untimed run over a few reports first: the figure is the steady rate of a
    # long batch, not the one-time import and compiling of the parser's modules
    # (about 0.1 s where Python writes no bytecode cache, PYTHONDONTWRITEBYTECODE).
    cli.main(["parse", "--format", "jsonl", "-o", str(out), *map(str, paths[:5])],
             standalone_mode=False)
    args = ["parse", "--format", "jsonl", "-o", str(out), *map(str, paths)]
    start = time.process_time()
    status = cli.main(args, standalone_mode=False)
    elapsed = time.process_time() - start
    if status:
        sys.exit(f"zfxxgk parse exited {status}")
    return elapsed


def as_subprocess(paths: list[Path], out: Path) -> float:
    exe = shutil.which("zfxxgk", path=str(Path(sys.executable).parent)) or "zfxxgk"
    start = time.perf_counter()
    subprocess.run([exe, "parse", "--format", "jsonl", "-o", str(out), *map(str, paths)],
                   check=True)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=1000, help="number of reports (default 1000)")
    ap.add_argument("--no-subprocess", action="store_true", help="skip the subprocess run")
    ap.add_argument("--varied", action="store_true",
                    help="generated reports with distinct values in every cell instead of "
                         "copies of the samples (fewer repeated lines)")
    n = ap.parse_args().n
    with tempfile.TemporaryDirectory(prefix="zfxxgk-bench-") as tmp:
        folder = Path(tmp)
        paths = write_corpus(folder, n, varied=ap.parse_args().varied)
        size = sum(p.stat().st_size for p in paths)
        print(f"{n} reports, {size / 1e6:.1f} MB, in {folder}")
        t_floor = floor(paths)
        t_parse = in_process(paths, folder / "out-1.jsonl")
        rows = [("floor (read+decode+NFKC)", t_floor), ("parse, in-process", t_parse)]
        if not ap.parse_args().no_subprocess:
            rows.append(("parse, one subprocess", as_subprocess(paths, folder / "out-2.jsonl")))
        lines = (folder / "out-1.jsonl").read_text(encoding="utf-8").count("\n")
        if lines != n:
            sys.exit(f"expected {n} JSON lines, got {lines}")
        for label, t in rows:
            print(f"{label:28s} {t:8.3f} s  {n / t:10.0f} reports/s")
        per_second = n / t_parse
        print(f"ratio parse/floor: {t_parse / t_floor:.1f}x")
        verdict = "meets" if per_second >= TARGET_PER_SECOND else "BELOW"
        print(f"in-process parse {verdict} the target of {TARGET_PER_SECOND} reports/s")


if __name__ == "__main__":
    main()
