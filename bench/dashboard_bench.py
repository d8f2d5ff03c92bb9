"""Dashboard benchmark: the page and its JSON at N filed reports, in-process and served.

Makes a fresh data folder (SQLite), stores the example reports through the upload
path, then N reports made from them (each a body of its own, of a level of the
agency tree; one in 40 a second copy of a body's report, which the dashboard
counts once), each saved through `Report.save()` with its findings copied, as an
upload leaves them. Then times, for every N of --reports:

- the test client (in this process, no network): /dashboard, /dashboard?year=Y
  and /api/dashboard, median and best of --repeat;
- `zfxxgk serve` on loopback (one worker process), the same pages over HTTP with a
  reader's session, median and best of --repeat.

    .venv/bin/python bench/dashboard_bench.py [--reports 200 2000] [--repeat 7] [--src DIR]

`--src DIR` runs another checkout's code (its src/ folder) for a before/after
comparison on the same machine. It prints figures; it fails only when a page does
not answer 200.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from web_bench import free_port, wait_batch_worker_idle, wait_ready  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LEVELS = ("city", "county", "township", "department")


def fill(n: int, seed: int = 1) -> None:
    """`n` more filed reports, copies of the stored examples as other bodies."""
    from zfxxgk.web.reports.models import Agency, Report
    from zfxxgk.web.reports.services import finding_rows

    rng = random.Random(seed)
    models = list(Report.objects.prefetch_related("findings").order_by("pk"))
    made = 0
    while made < n:
        base = models[made % len(models)]
        data = dict(base.data)
        twin = made % 40 == 39 and made >= len(models)
        key = f"bench-{made - len(models) if twin else made}"
        agency, _ = Agency.objects.get_or_create(key=key, defaults={
            "name": f"{data.get('agency') or '机关'}{made}", "level": rng.choice(LEVELS)})
        data["agency_key"], data["agency"] = key, agency.name
        row = Report(title=f"{agency.name}{base.year}年报告", year=base.year, template=base.template,
                     data=data, notes=base.notes, source_lines=base.source_lines,
                     source_name=f"{key}-{made}.txt", source_format=base.source_format,
                     sha256=f"{made:064x}", agency=agency, errors=base.errors,
                     warnings=base.warnings, infos=base.infos)
        row.save()
        finding_rows(row, base.findings.all())
        made += 1


def reader_cookie() -> str:
    """A 只读 user's session, made in the session table (a login hashes slowly)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import Group, User

    user, _ = User.objects.get_or_create(username="bench-dashboard")
    user.groups.add(Group.objects.get(name="只读"))
    s = import_module(settings.SESSION_ENGINE).SessionStore()
    s[SESSION_KEY], s[BACKEND_SESSION_KEY] = str(user.pk), settings.AUTHENTICATION_BACKENDS[-1]
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    s.create()
    return f"sessionid={s.session_key}"


PATHS = ("/dashboard", "/dashboard?year=2023", "/api/dashboard")


def timed(get, repeat: int) -> tuple[float, float]:
    get()  # once to warm the caches (templates, the rules catalogue)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        get()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times)


def in_process(repeat: int) -> dict[str, tuple[float, float]]:
    from django.contrib.auth.models import User
    from django.test import Client

    c = Client(HTTP_HOST="127.0.0.1")
    c.force_login(User.objects.get(username="bench-dashboard"))

    def get(path):
        r = c.get(path)
        if r.status_code != 200:
            sys.exit(f"{path}: HTTP {r.status_code}")

    return {p: timed(lambda p=p: get(p), repeat) for p in PATHS}


def served(data: Path, cookie: str, repeat: int, src: Path) -> dict[str, tuple[float, float]]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(src), "ZFXXGK_DATA": str(data)}
    server = subprocess.Popen([sys.executable, "-m", "zfxxgk.cli", "serve", "--host", "127.0.0.1",
                               "--port", str(port), "--data", str(data), "--workers", "1"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_ready(base, server)
        wait_batch_worker_idle(server.pid)

        def get(path):
            req = urllib.request.Request(base + path, headers={"Cookie": cookie})
            with urllib.request.urlopen(req, timeout=120) as r:
                r.read()
                if r.status != 200 or "/accounts/login" in r.url:
                    sys.exit(f"{path}: HTTP {r.status} {r.url}")

        return {p: timed(lambda p=p: get(p), repeat) for p in PATHS}
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, nargs="+", default=[200, 2000])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="the code to measure (a src/ folder)")
    args = ap.parse_args()
    src = args.src.resolve()
    sys.path.insert(0, str(src))
    data = Path(tempfile.mkdtemp(prefix="zfxxgk-dash-bench-"))
    os.environ["ZFXXGK_DATA"] = str(data)
    from zfxxgk.web.server import load_examples, prepare

    prepare(data)
    load_examples(ROOT / "examples")
    from django.db import connections

    from zfxxgk.web.reports.models import Report

    cookie = reader_cookie()
    print(f"代码：{src}；SQLite；中位数/最快 of {args.repeat}（毫秒）")
    try:
        for n in sorted(args.reports):
            t0 = time.perf_counter()
            fill(n - Report.objects.count())
            made = time.perf_counter() - t0
            local = in_process(args.repeat)
            connections.close_all()
            remote = served(data, cookie, args.repeat, src)
            load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
            print(f"{Report.objects.count()} 份报告（存入 {made:.1f} s；负载 {load:.1f}）")
            for p in PATHS:
                (m1, b1), (m2, b2) = local[p], remote[p]
                print(f"  {p:24} test client {m1 * 1000:7.0f} / {b1 * 1000:7.0f}   "
                      f"served {m2 * 1000:7.0f} / {b2 * 1000:7.0f}")
    finally:
        connections.close_all()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
