"""Web benchmark: 50 concurrent readers on loopback against report pages (SQLite).

Starts `zfxxgk serve` (waitress) on a free loopback port with a fresh data folder
holding the example reports, logs in one reader session per client, and lets the
clients fetch report pages (HTML, and their JSON twins) for a fixed time. Prints
p50/p95/p99 latency and requests per second; the target is p95 < 200 ms.

    .venv/bin/python bench/web_bench.py [--clients 50] [--seconds 20] [--threads 8]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
USER, PASSWORD = "bench-reader", "bench-password-123"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(data: Path) -> list[int]:
    """Migrate, load the examples, create the reader; the report ids."""
    os.environ["ZFXXGK_DATA"] = str(data)
    sys.path.insert(0, str(ROOT / "src"))
    from zfxxgk.web.server import load_examples, prepare as prepare_web

    prepare_web(data)
    load_examples(ROOT / "examples")
    from django.contrib.auth.models import Group, User

    User.objects.create_user(USER, password=PASSWORD).groups.add(Group.objects.get(name="只读"))
    from zfxxgk.web.reports.models import Report

    return list(Report.objects.values_list("pk", flat=True))


def session(base: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"username": USER, "password": PASSWORD,
                                   "csrfmiddlewaretoken": token, "next": "/"}).encode()
    req = urllib.request.Request(f"{base}/accounts/login/", data=body,
                                 headers={"Referer": f"{base}/accounts/login/"})
    assert opener.open(req).geturl().rstrip("/") == base, "login failed"
    return opener


def client(base: str, opener, ids: list[int], until: float, out: list[float],
           errors: list[str]) -> None:
    rng = random.Random()
    while time.perf_counter() < until:
        pk = rng.choice(ids)
        url = f"{base}/reports/{pk}" if rng.random() < 0.8 else f"{base}/api/reports/{pk}"
        t0 = time.perf_counter()
        try:
            with opener.open(url, timeout=30) as r:
                r.read()
            out.append(time.perf_counter() - t0)
        except Exception as e:  # counted, not fatal: the figures say how many failed
            errors.append(f"{url}: {e}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--threads", type=int, default=8, help="waitress threads")
    args = ap.parse_args()

    data = Path(tempfile.mkdtemp(prefix="zfxxgk-web-bench-"))
    ids = prepare(data)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([str(Path(sys.executable).parent / "zfxxgk"), "serve", "--host", "127.0.0.1",
                               "--port", str(port), "--data", str(data),
                               "--threads", str(args.threads)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/accounts/login/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        # Log every reader in first: a login hashes a password on purpose slowly,
        # and the figures are about reading pages, not about logging in.
        openers = [session(base) for _ in range(args.clients)]
        times: list[float] = []
        errors: list[str] = []
        until = time.perf_counter() + args.seconds
        start = time.perf_counter()
        workers = [threading.Thread(target=client, args=(base, o, ids, until, times, errors))
                   for o in openers]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        elapsed = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=10)
    times.sort()
    if len(times) < 2:
        sys.exit(f"no measurements; first error: {errors[:1]}")
    q = statistics.quantiles(times, n=100)
    print(f"{args.clients} readers, {args.seconds:.0f} s, waitress {args.threads} threads, "
          f"SQLite, {len(ids)} reports")
    print(f"requests: {len(times)}  errors: {len(errors)}  requests/s: {len(times) / elapsed:.1f}")
    print(f"latency ms: p50 {q[49] * 1000:.0f}  p95 {q[94] * 1000:.0f}  p99 {q[98] * 1000:.0f}  "
          f"max {times[-1] * 1000:.0f}")
    print("target p95 < 200 ms:", "met" if q[94] < 0.2 else "NOT met")
    if errors:
        print("first error:", errors[0])


if __name__ == "__main__":
    main()
