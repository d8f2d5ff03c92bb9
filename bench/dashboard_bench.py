"""Dashboard benchmark: the page and its JSON at N filed reports, in-process and served.

Makes a fresh data folder (SQLite), stores the example reports through the upload
path, then N reports made from them (each a body of its own, of a level of the
agency tree; one in 40 a second copy of a body's report, which the dashboard
counts once), stored in bulk with its example's findings and summary, as an upload
leaves them. Then times, for every N of --reports:

- the test client (in this process, no network): /dashboard, /dashboard?year=Y,
  /api/dashboard and the report list (its first page, 有待审核的问题 of 区县, and
  /api/reports), median and best of --repeat;
- `zfxxgk serve` on loopback (one worker process), the same pages over HTTP with a
  reader's session, median and best of --repeat, and the server's median CPU time
  per request (10 ms steps; less moved by other work on a shared machine).

    .venv/bin/python bench/dashboard_bench.py [--reports 200 2000 20000] [--repeat 7] [--src DIR]
        [--data DIR] [--no-client]

`--src DIR` runs another checkout's code (its src/ folder) for a before/after
comparison on the same machine; `--data DIR` keeps the data folder (a folder made
by older code is migrated, as `zfxxgk serve` would, and filled up to the counts).
It prints figures; it fails only when a page does not answer 200.
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

from web_bench import free_port, tree_cpu, wait_batch_worker_idle, wait_ready  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LEVELS = ("city", "county", "township", "department")


def fill(n: int, seed: int = 1) -> None:
    """`n` more filed reports, copies of the stored examples as other bodies, made in
    bulk (20 000 in a minute, not 2 000 a minute through `save()`): each copy's summary
    is its example's with the body's key and name, as `summary_of` would make it,
    kept as the code measured keeps it (`keep_summaries`)."""
    from django.db import transaction

    from zfxxgk.web.reports.models import Agency, Finding, Report

    rng = random.Random(seed)
    bases = list(Report.objects.exclude(source_name__startswith="bench-").prefetch_related("findings")
                 .order_by("pk"))
    fields = {f.name for f in Report._meta.concrete_fields}
    summaries = {b.pk: summary_of(b.data) for b in bases}
    first = Report.objects.count()
    for start in range(first, first + n, CHUNK):
        made = range(start, min(start + CHUNK, first + n))
        with transaction.atomic():
            keys = {i: f"bench-{i - len(bases) if i % 40 == 39 and i >= len(bases) else i}" for i in made}
            Agency.objects.bulk_create([Agency(key=k, name=f"{bases[i % len(bases)].data.get('agency') or '机关'}{i}",
                                               level=rng.choice(LEVELS)) for i, k in keys.items()
                                        if k == f"bench-{i}"])
            agencies = Agency.objects.in_bulk(set(keys.values()), field_name="key")
            rows = [_copy(bases[i % len(bases)], agencies[keys[i]], i, fields, summaries) for i in made]
            rows = Report.objects.bulk_create(rows)
            Finding.objects.bulk_create(
                Finding(report=row, position=f.position, rule=f.rule, severity=f.severity, message=f.message,
                        cells=f.cells, where=f.where, suggestion=f.suggestion)
                for row, i in zip(rows, made) for f in bases[i % len(bases)].findings.all())
            keep_summaries(rows)


CHUNK = 500


def _copy(base, agency, i: int, fields: set[str], summaries: dict):
    """The `i`th copy of `base`, as the report of `agency` (not saved)."""
    from zfxxgk.web.reports.models import Report

    data = dict(base.data)
    data["agency_key"], data["agency"] = agency.key, agency.name
    row = Report(title=f"{agency.name}{base.year}年报告", year=base.year, template=base.template,
                 data=data, notes=base.notes, source_lines=base.source_lines,
                 source_name=f"{agency.key}-{i}.txt", source_format=base.source_format,
                 sha256=f"{i:064x}", agency=agency,
                 **{k: getattr(base, k) for k in ("errors", "warnings", "infos", "findings_total", "open_findings")
                    if k in fields})
    row.summary = {**summaries[base.pk], "agency_key": agency.key, "agency": agency.name}
    return row


def summary_of(data):
    try:
        from zfxxgk.web.reports.summary import summary_of as made
    except ImportError:  # older code: no summary
        return {}
    return made(data)


def keep_summaries(rows) -> None:
    """Store the rows' summaries where the code measured keeps them: a table of
    their own (ReportSummary, with its columns when it has them), or on the row (`Report.summary`, bulk_create wrote
    it), or nowhere (older code: the dashboard read the data)."""
    try:
        from zfxxgk.web.reports.models import ReportSummary
    except ImportError:
        return
    try:
        from zfxxgk.web.reports.models import fields_of
    except ImportError:  # older code: the JSON only
        def fields_of(summary):
            return {"summary": summary}
    ReportSummary.objects.bulk_create(ReportSummary(report=row, **fields_of(row.summary)) for row in rows)


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


PATHS = ("/dashboard", "/dashboard?year=2023", "/api/dashboard",
         # the report list a reviewer opens from it (50 a page; the API's 500)
         "/", "/?reviewed=open&level=county", "/api/reports")


def timed(get, repeat: int, cpu=None) -> tuple[float, float, float | None]:
    """Median and best wall time of `get`, and the median CPU time `cpu()` counts
    meanwhile (the server's: steadier than the wall time on a shared machine)."""
    get()  # once to warm the caches (templates, the rules catalogue)
    times, used = [], []
    for _ in range(repeat):
        c0 = cpu() if cpu else None
        t0 = time.perf_counter()
        get()
        times.append(time.perf_counter() - t0)
        if c0 is not None:
            used.append(cpu() - c0)
    return statistics.median(times), min(times), statistics.median(used) if used else None


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

        return {p: timed(lambda p=p: get(p), repeat, lambda: tree_cpu(server.pid)) for p in PATHS}
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, nargs="+", default=[200, 2000])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="the code to measure (a src/ folder)")
    ap.add_argument("--no-client", dest="client", action="store_false",
                    help="served only (the test client at 20 000 reports takes minutes)")
    ap.add_argument("--data", type=Path, help="keep the data folder here (made, or migrated and filled "
                                              "up to --reports if it exists), not in a temporary folder")
    args = ap.parse_args()
    src = args.src.resolve()
    sys.path.insert(0, str(src))
    data = args.data.resolve() if args.data else Path(tempfile.mkdtemp(prefix="zfxxgk-dash-bench-"))
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
            local = in_process(args.repeat) if args.client else {p: (float("nan"),) * 3 for p in PATHS}
            connections.close_all()
            remote = served(data, cookie, args.repeat, src)
            load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
            print(f"{Report.objects.count()} 份报告（存入 {made:.1f} s；负载 {load:.1f}）")
            for p in PATHS:
                (m1, b1, _), (m2, b2, c2) = local[p], remote[p]
                print(f"  {p:30} test client {m1 * 1000:6.0f} / {b1 * 1000:6.0f}   "
                      f"served {m2 * 1000:6.0f} / {b2 * 1000:6.0f}   server CPU "
                      + ("-" if c2 is None else f"{c2 * 1000:5.0f}"))
    finally:
        connections.close_all()
        if not args.data:
            shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
