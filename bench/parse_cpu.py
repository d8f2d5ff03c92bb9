"""Parse CPU time over a fixed corpus, and the parsed JSON for a byte-for-byte comparison.

The parse bench writes a fresh corpus each run and times it once on the wall-clock-prone
CLI; on a shared machine that swings by 20 %. To compare two versions of the parser
(a speed change against main) this script instead:

  write   FOLDER   the bench's varied reports (-n, default 1000) plus the shared samples'
                   texts, once, into FOLDER — both versions then read the same bytes;
  time    FOLDER   `parse_path` over every file (--cli: `zfxxgk parse --format jsonl`
                   in this process, as the parse bench times it; --here: loaded and
                   parsed in this process, `report_from_bytes`), CPU seconds of one
                   process, in -r fresh processes (take the best); without --here a
                   file other than text (Word, web page, workbook, PDF) is read in the
                   sandbox's worker process, whose CPU is not counted;
  dump    FOLDER   every report's JSON line (with provenance) to OUT, in file-name order,
                   so `cmp` of two dumps proves the outputs unchanged (any folder of
                   reports: the shared samples' PDFs too).

Run each version with its own source first on the path, e.g.
  PYTHONPATH=/work/main/src python bench/parse_cpu.py time /tmp/corpus
  PYTHONPATH=src python bench/parse_cpu.py time /tmp/corpus
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def write(folder: Path, n: int) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from parse_bench import sample_texts, write_corpus

    folder.mkdir(parents=True, exist_ok=True)
    write_corpus(folder, n, varied=True)
    for name, text in sample_texts():
        (folder / f"sample_{Path(name).stem}.txt").write_text(text, encoding="utf-8")


def _paths(folder: Path) -> list[Path]:
    """Every file of the folder (any format `parse_path` reads), by name."""
    return sorted(p for p in folder.iterdir() if p.is_file())


def time_parse(folder: Path, rounds: int, cli: bool, here: bool = False) -> None:
    """Best of `rounds` passes, each in a fresh process: the parser's memoised line
    helpers would otherwise serve a second pass from memory, which no batch sees.
    The garbage collector is set as `zfxxgk parse` sets it (runtime.tune_for_batch);
    `cli`: the pass is that command in this process, JSON Lines written (the parse
    bench's in-process figure), instead of `parse_path` alone."""
    if rounds > 1:
        for _ in range(rounds):
            subprocess.run([sys.executable, __file__, "time", str(folder), "-r", "1",
                            *(["--cli"] if cli else []), *(["--here"] if here else [])], check=True)
        return
    from zfxxgk.api import parse_path
    from zfxxgk.cli import cli as command
    from zfxxgk.runtime import tune_for_batch

    tune_for_batch()
    paths = _paths(folder)
    out = folder.parent / f"{folder.name}-timed.jsonl"
    if cli:
        def run(some: list[Path]) -> None:
            command.main(["parse", "--format", "jsonl", "-o", str(out), *map(str, some)],
                         standalone_mode=False)
    elif here:
        from zfxxgk.api import report_from_bytes

        def run(some: list[Path]) -> None:
            for p in some:
                report_from_bytes(p.read_bytes(), p.name)
    else:
        def run(some: list[Path]) -> None:
            for p in some:
                parse_path(p)
    run(paths[:5])  # import and compile first, as the parse bench does
    start = time.process_time()
    run(paths)
    took = time.process_time() - start
    what = "zfxxgk parse" if cli else "report_from_bytes" if here else "parse_path"
    print(f"{what}, {len(paths)} reports: {took:.3f} s CPU, {len(paths) / took:.0f} reports/s")


def dump(folder: Path, out: Path) -> None:
    from zfxxgk.api import parse_path
    from zfxxgk.model import report_to_json_line

    with out.open("wb") as f:
        for p in _paths(folder):
            f.write(report_to_json_line(parse_path(p)))
    print(f"wrote {out}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("action", choices=["write", "time", "dump"])
    ap.add_argument("folder", type=Path)
    ap.add_argument("-n", type=int, default=1000, help="varied reports to write")
    ap.add_argument("-r", type=int, default=5, help="timed processes")
    ap.add_argument("--cli", action="store_true",
                    help="time the `zfxxgk parse --format jsonl` command instead of parse_path")
    ap.add_argument("-o", type=Path, default=Path("parsed.jsonl"), help="dump output")
    ap.add_argument("--here", action="store_true",
                    help="load and parse every file in this process (report_from_bytes), "
                         "so the CPU of Word, web page and workbook loaders is counted")
    args = ap.parse_args()
    if args.action == "write":
        write(args.folder, args.n)
    elif args.action == "time":
        time_parse(args.folder, args.r, args.cli, args.here)
    else:
        dump(args.folder, args.o)


if __name__ == "__main__":
    main()
