"""How fast and how lean `zfxxgk fetch` is against a look-alike portal on loopback.

Starts the portal of tests/acquire/portal.py in a child process (so its memory is
not counted) with a 年报 column of N report pages (default 1,000; 20 per list
page, paged by a createPageHTML script), each holding a different report as HTML
(one example report rendered once; the body's name changed per page, so no two
are the same report and none is stored as a duplicate). Then:

1. fetches the whole column at --delay 0 and prints pages per second (every page
   is read by zfxxgk's parser to decide whether it holds a report, as in a real
   run) and the fetching process's resident memory sampled every 100 pages —
   flat memory means nothing grows with the number of pages but the journal's
   index (a few hundred bytes per URL);
2. runs again: every page revalidated, nothing downloaded (304s);
3. fetches a few pages with the default delay (1 s) and prints the measured gaps
   between the starts of consecutive requests to the host.

Run: `.venv/bin/python bench/fetch_bench.py [-n 1000] [--delay-requests 5]`.
It is a benchmark, not a test: it prints numbers and fails only on errors.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "acquire"))
sys.path.insert(0, str(ROOT / "src"))

PER_LIST = 20
AGENCY = "青禾市生态环境局"


class ColumnPages:
    """The portal's routes, made on request instead of held in memory."""

    def __init__(self, n: int, fragment: str):
        from portal import Page, html_page

        self.n, self.fragment, self.Page, self.html_page = n, fragment, Page, html_page
        self.lists = (n + PER_LIST - 1) // PER_LIST

    def get(self, path: str):
        Page, html_page = self.Page, self.html_page
        if path == "/robots.txt":
            return Page(b"User-agent: *\nDisallow: /private/\n", "text/plain")
        if path.startswith("/ndbg/index"):
            stem = path.removeprefix("/ndbg/index").removesuffix(".html")
            k = int(stem[1:]) if stem.startswith("_") and stem[1:].isdigit() else 0
            first = k * PER_LIST
            items = "".join(f'<li><a href="t{i}.html">{self.agency(i)}2023年政府信息公开工作年度报告</a></li>'
                            for i in range(first, min(first + PER_LIST, self.n)))
            return Page(html_page("年报", f'<ul>{items}</ul><script>createPageHTML({self.lists}, {k}, '
                                         '"index", "html");</script>'))
        if path.startswith("/ndbg/t") and path.endswith(".html"):
            i = int(path[len("/ndbg/t"):-len(".html")])
            title = f"{self.agency(i)}2023年政府信息公开工作年度报告"
            return Page(html_page(title, f"<h1>{title}</h1>" + self.fragment.replace(AGENCY, self.agency(i))))
        return None

    @staticmethod
    def agency(i: int) -> str:
        return f"青禾市第{i + 1}局"


def serve(n: int, ready, stop) -> None:
    from portal import Portal

    from zfxxgk import api
    from zfxxgk.render import render

    report = api.parse_path(ROOT / "examples" / "ecology-bureau-2023.md")
    portal = Portal()
    portal.pages = ColumnPages(n, render(report, "html", fragment=True))
    portal.log = _NoLog()
    portal.start()
    ready.put(portal.base)
    stop.wait()
    portal.stop()


class _NoLog(list):
    """The bench's portal keeps no request log (it would grow with the run)."""

    def append(self, item) -> None:
        pass


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def fetch_column(base: str, out: str, delay: float, limit: int | None = None,
                 samples: list | None = None) -> tuple[object, float, list[float]]:
    from zfxxgk.acquire import Options, Policy, fetch

    starts: list[float] = []

    def on_step(crawl, url: str) -> None:
        if samples is not None and crawl.outcome.visited % 100 == 0:
            samples.append((crawl.outcome.visited, rss_mb()))

    t0 = time.perf_counter()
    outcome = fetch([base + "/ndbg/index.html"], out, Policy(delay=delay),
                    Options(max_requests=limit, max_pages=1000), progress=on_step,
                    on_request=lambda url: starts.append(time.monotonic()))
    return outcome, time.perf_counter() - t0, starts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=1000, help="report pages in the column")
    parser.add_argument("--delay-requests", type=int, default=5,
                        help="requests made with the default delay (1 s) to measure it")
    args = parser.parse_args()
    ctx = multiprocessing.get_context("fork")
    ready, stop = ctx.Queue(), ctx.Event()
    server = ctx.Process(target=serve, args=(args.n, ready, stop), daemon=True)
    server.start()
    base = ready.get(timeout=120)
    try:
        with tempfile.TemporaryDirectory(prefix="fetch-bench-") as tmp:
            samples: list[tuple[int, float]] = []
            outcome, seconds, _ = fetch_column(base, os.path.join(tmp, "a"), 0.0, samples=samples)
            pages = outcome.visited
            print(f"第一次下载：{pages} 个网址（报告页 {outcome.kinds.get('report', 0)}，列表页 "
                  f"{outcome.kinds.get('list', 0)}），{seconds:.1f} 秒，每秒 {pages / seconds:.1f} 个，"
                  f"失败 {outcome.failed}")
            print("内存（下载进程 RSS，MB）：" + "，".join(f"{v}:{mb:.0f}" for v, mb in samples))
            outcome, seconds, _ = fetch_column(base, os.path.join(tmp, "a"), 0.0)
            print(f"第二次运行：下载 {outcome.downloaded} 个，未变化（304）{outcome.not_modified} 个，"
                  f"{seconds:.1f} 秒，每秒 {outcome.visited / seconds:.1f} 个")
            _, _, starts = fetch_column(base, os.path.join(tmp, "b"), 1.0, limit=args.delay_requests)
            gaps = [b - a for a, b in zip(starts, starts[1:])]
            print(f"默认间隔 1 秒：{len(starts)} 个请求，相邻请求开始的间隔 "
                  + "、".join(f"{g:.3f}" for g in gaps) + f" 秒（最短 {min(gaps):.3f}）")
    finally:
        stop.set()
        server.join(10)


if __name__ == "__main__":
    main()
