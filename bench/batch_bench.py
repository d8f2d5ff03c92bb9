"""How fast and how lean `zfxxgk batch` is on a folder of text reports.

Writes N text reports (default 10,000; made from the shared sample texts the way
bench/parse_bench.py makes them: every copy perturbed so no two are identical),
then runs the batch into a fresh output folder with 1 worker and with 2 workers,
and prints for each: wall seconds, reports per second, and the peak memory of the
whole process tree (main process + workers, resident set, sampled every 0.1 s).
Then the speed-up of 2 workers over 1. Targets on a 2-core machine: speed-up
≥ 1.8, peak memory < 500 MB.

Run: `.venv/bin/python bench/batch_bench.py [-n 10000] [--jobs 1 2]`.
It is a benchmark, not a test: it prints numbers and fails only on errors.
Other load on the machine lowers the speed-up; the load average is printed, and
the CPU seconds of the main process and of the workers: when both runs spend the
same worker CPU, the pool adds no work, and a wall speed-up below 2 comes from
the cores being busy with something else.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from parse_bench import write_corpus  # noqa: E402

TARGET_SPEEDUP = 1.8
TARGET_MB = 500


class PeakMemory:
    """Peak summed RSS of this process and its descendants, sampled in a thread."""

    def __init__(self, interval: float = 0.1):
        import psutil

        self._me = psutil.Process()
        self._interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        total = 0
        for p in [self._me, *self._me.children(recursive=True)]:
            try:
                total += p.memory_info().rss
            except Exception:  # a worker that just ended
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self._interval)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def run(inputs: Path, out: Path, jobs: int) -> tuple[float, int, int, int, float, float]:
    """Wall seconds, reports, failures, peak bytes, and CPU seconds of the main
    process and of the workers (children are counted once the pool has joined them)."""
    from zfxxgk.corpus.engines import LocalEngine
    from zfxxgk.corpus.run import run_batch

    shutil.rmtree(out, ignore_errors=True)
    main0, kids0 = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
    with PeakMemory() as mem:
        start = time.perf_counter()
        summary = run_batch([str(inputs)], out, LocalEngine(jobs), chunk_size=32)
        seconds = time.perf_counter() - start
    return (seconds, summary.reports, summary.failed, mem.peak,
            _cpu(resource.RUSAGE_SELF) - main0, _cpu(resource.RUSAGE_CHILDREN) - kids0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="number of reports")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zfxxgk-batch-bench-") as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        t = time.perf_counter()
        write_corpus(folder, args.n)
        print(f"wrote {args.n} text reports in {time.perf_counter() - t:.1f} s; "
              f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f}")
        times = {}
        for jobs in args.jobs:
            seconds, reports, failed, peak, main_cpu, worker_cpu = run(
                folder, Path(tmp) / f"out{jobs}", jobs)
            times[jobs] = seconds
            print(f"jobs={jobs}: {seconds:7.1f} s  {reports / seconds:7.1f} reports/s  "
                  f"({reports} reports, {failed} failed)  peak memory {peak / 2**20:6.0f} MB "
                  f"(target < {TARGET_MB} MB)  CPU s: main {main_cpu:.1f}, workers {worker_cpu:.1f}  "
                  f"load average {os.getloadavg()[0]:.2f}")
        if 1 in times and 2 in times:
            print(f"speed-up of 2 workers over 1: {times[1] / times[2]:.2f} (target ≥ {TARGET_SPEEDUP})")


if __name__ == "__main__":
    main()
