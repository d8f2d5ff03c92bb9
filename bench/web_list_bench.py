"""Report list benchmark: the reviewer's list at N reports, server side (Django's
test client, SQLite in a fresh data folder).

Stores N filed reports of the bodies of one district (云岭区: the district, its
townships and departments; a second district's published reports beside them),
three warnings each, verdicts on every finding of a third of them, then times the
pages a reviewer of 云岭区 reads: the list, the list filtered by 审核 (有待审核的问题),
by 层级 and by 机关 with its subordinate bodies, and their JSON twins. Prints the
median and best CPU time of `--repeat` requests per page (the process's, SQLite's
included: steady on a loaded machine) and the median wall time, in ms. Filters a version does not
know are still asked for (the old list ignores them: read those lines as "n/a").
`--bulk` then times the list's 标记为已审核 of every report without errors (the filter's
POST /reports/review, once: it judges them): wall and CPU time, verdicts and queries.

    .venv/bin/python bench/web_list_bench.py [--reports 200] [--repeat 7] [--bulk]

It is a benchmark, not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = [("列表", "/"), ("审核=待审核", "/?reviewed=open"), ("审核=均已审核", "/?reviewed=done"),
         ("层级=乡镇街道", "/?level=township"), ("机关=云岭区含下属", "/?agency={district}&subtree=1"),
         ("API 列表", "/api/reports"), ("API 审核=待审核", "/api/reports?reviewed=open"),
         ("API 层级+含下属", "/api/reports?agency={district}&subtree=true&level=township")]


def populate(n: int) -> int:
    """N reports; returns the district's agency id."""
    from django.contrib.auth.models import Group, User

    from zfxxgk.app.finding_table import fingerprint
    from zfxxgk.web.accounts.models import Membership
    from zfxxgk.web.reports import verdicts
    from zfxxgk.web.reports.models import Agency, Finding, Report, Status, Verdict

    district = Agency.objects.create(key="yl", name="青禾市云岭区人民政府", region="青禾市云岭区", level="county")
    other = Agency.objects.create(key="sh", name="青禾市松湖区人民政府", region="青禾市松湖区", level="county")
    bodies = [district]
    for i in range(40):
        bodies.append(Agency.objects.create(key=f"yl-t{i}", name=f"青禾市云岭区第{i}街道办事处",
                                            region="青禾市云岭区", level="township", parent=district))
    for i in range(19):
        bodies.append(Agency.objects.create(key=f"yl-d{i}", name=f"青禾市云岭区第{i}局",
                                            region="青禾市云岭区", level="department", parent=district))
    theirs = [Agency.objects.create(key=f"sh-t{i}", name=f"青禾市松湖区第{i}街道办事处", region="青禾市松湖区",
                                    level="township", parent=other) for i in range(20)]
    rows = []
    for i in range(n):
        mine = i % 10 != 9
        agency = bodies[i % len(bodies)] if mine else theirs[i % len(theirs)]
        rows.append(Report(title=f"{agency.name}{2020 + i // 80}年报告", year=2020 + i // 80, data={},
                           agency=agency, warnings=3, source_name=f"{i}.txt",
                           status=Status.DRAFT if mine else Status.PUBLISHED))
    rows = Report.objects.bulk_create(rows)
    Finding.objects.bulk_create(Finding(report=r, position=p, rule=f"T3-{p}", severity="warning",
                                        message="说明", cells=[f"c{r.pk}.{p}"])
                                for r in rows for p in range(3))
    Verdict.objects.bulk_create(Verdict(subject=verdicts.subject(r), fingerprint=fingerprint(f"T3-{p}", [f"c{r.pk}.{p}"], None),
                                        rule=f"T3-{p}", verdict="confirmed")
                                for r in rows[::3] for p in range(3))
    fields = [f.name for f in Report._meta.concrete_fields if f.name in
              ("errors", "warnings", "infos", "findings_total", "open_findings")]
    for r in rows:  # the totals as a save stores them (the old version: errors/warnings/infos only)
        verdicts.set_counts(r, r.findings.all())
    Report.objects.bulk_update(rows, fields)
    user = User.objects.create_user("bench-reviewer", password=None)
    user.groups.add(Group.objects.get(name="审核员"))
    Membership.objects.create(user=user, region="青禾市云岭区")
    return district.pk


def measure(repeat: int, district: int) -> None:
    from django.contrib.auth.models import User
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="bench-reviewer"))
    for label, url in PAGES:
        url = url.format(district=district)
        client.get(url)  # the first request fills the per-process caches
        times, cpu, status = [], [], None
        for _ in range(repeat):
            t, c = time.perf_counter(), time.process_time()
            r = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
            status = r.status_code
        print(f"{label:<16} {url:<58} {status}  CPU median {statistics.median(cpu):7.1f} ms best "
              f"{min(cpu):7.1f} ms | wall median {statistics.median(times):7.1f} ms")


def measure_bulk() -> None:
    """The filter's bulk review, once (it is not repeatable: the findings are judged)."""
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from zfxxgk.web.reports.models import Verdict

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="bench-reviewer"))
    before = Verdict.objects.count()
    with CaptureQueriesContext(connection) as queries:
        t, c = time.perf_counter(), time.process_time()
        r = client.post("/reports/review", {"scope": "filter", "listed": str(10 ** 17)})
        wall, cpu = time.perf_counter() - t, time.process_time() - c
    print(f"bulk review (filter) {r.status_code}: {Verdict.objects.count() - before} verdicts in {wall:.2f} s "
          f"(CPU {cpu:.2f} s), {len(queries)} queries; load {os.getloadavg()[0]:.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=9)
    ap.add_argument("--bulk", action="store_true", help="then time the bulk 标记为已审核 of the filter")
    args = ap.parse_args()
    sys.path.append(str(ROOT / "src"))  # PYTHONPATH first: the same script times another checkout
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ZFXXGK_DATA"] = tmp
        from zfxxgk.web.server import prepare

        prepare(tmp)
        t = time.perf_counter()
        district = populate(args.reports)
        print(f"{args.reports} reports stored in {time.perf_counter() - t:.1f} s; load {os.getloadavg()[0]:.1f}")
        measure(args.repeat, district)
        if args.bulk:
            measure_bulk()


if __name__ == "__main__":
    main()
