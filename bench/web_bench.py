"""Web benchmark: 50 concurrent readers on loopback against report pages (SQLite).

Starts `zfxxgk serve` (--workers processes) on a free loopback port
with a fresh data folder holding the example reports, gives every reader its own
login session (made directly in the session table: a login hashes a password on
purpose slowly, and the figures are about reading pages), and lets the readers
fetch report pages (HTML four times in five, else their JSON twins) for a fixed
time, each one request after the other with no pause. Prints p50/p95/p99
latency, requests per second, errors, and the CPU seconds of the server, of the
readers and of everything else on the machine during the run, so that a reader of
the figures can tell whether the server, the load generator or other work was
short of CPU. The target is p95 < 200 ms.

The readers are `wrk` when it is installed (Debian package wrk), else Python
processes (one per reader); `--client python` forces the fallback.

    .venv/bin/python bench/web_bench.py [--clients 50] [--seconds 20] [--workers 2]
        [--threads 8] [--client auto|wrk|python]

It is a benchmark, not a test: it prints figures and fails only when nothing
could be measured.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from web_clients import Result, run_python, run_wrk, wrk_path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
USER = "bench-reader"
TARGET_P95 = 0.200


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(data: Path, sessions: int) -> tuple[list[int], list[str]]:
    """Migrate, load the examples, create a 只读 reader with one session per client.
    Returns (report ids, the Cookie header of each client: its session, and the
    CSRF cookie a browser keeps after its first page, so that the server does not
    make a new one for every request)."""
    os.environ["ZFXXGK_DATA"] = str(data)
    sys.path.insert(0, str(ROOT / "src"))
    from zfxxgk.web.server import load_examples, prepare as prepare_web

    prepare_web(data)
    load_examples(ROOT / "examples")
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import Group, User
    from django.conf import settings
    from importlib import import_module
    from django.db import connections
    from django.utils.crypto import get_random_string

    user = User.objects.create_user(USER, password=None)
    user.groups.add(Group.objects.get(name="只读"))
    SessionStore = import_module(settings.SESSION_ENGINE).SessionStore
    keys = []
    for _ in range(sessions):
        s = SessionStore()
        s[SESSION_KEY] = str(user.pk)
        # The backend that signs users in (axes only guards the door and has no get_user).
        s[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        s[HASH_SESSION_KEY] = user.get_session_auth_hash()
        s.create()
        keys.append(f"sessionid={s.session_key}; csrftoken={get_random_string(32)}")
    from zfxxgk.web.reports.models import Report

    ids = list(Report.objects.values_list("pk", flat=True))
    connections.close_all()
    return ids, keys


# --- CPU accounting (Linux /proc; elsewhere the figures say n/a) --------------------------

TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2:].split()  # fields from the 3rd (state) on


def _is_batch_worker(pid: int) -> bool:
    try:
        return b"\0worker\0" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def tree_cpu(root: int) -> float | None:
    """CPU seconds (user + system) of a process and all its descendants but the
    batch worker (`zfxxgk worker`: it serves no page, and its start-up, a second
    Django and migrate check, would otherwise fall into a short run)."""
    if not Path("/proc/self/stat").exists():
        return None
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (f := _stat(int(entry))):
            parents[int(entry)] = int(f[1])
            cpu[int(entry)] = (int(f[11]) + int(f[12])) / TICK
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        if _is_batch_worker(pid):
            continue
        total += cpu.get(pid, 0.0)
        todo.extend(p for p, pp in parents.items() if pp == pid)
    return total


def machine_busy() -> float | None:
    """CPU seconds all cores spent busy since boot (everything but idle and iowait)."""
    try:
        first = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return None
    ticks = [int(x) for x in first[:8]]
    return (sum(ticks) - ticks[3] - ticks[4]) / TICK


def wait_ready(base: str, server: subprocess.Popen) -> None:
    for _ in range(300):
        if server.poll() is not None:
            sys.exit("zfxxgk serve 没有启动起来")
        try:
            urllib.request.urlopen(f"{base}/accounts/login/", timeout=1).read()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit("zfxxgk serve 30 秒内没有应答")


def wait_batch_worker_idle(root: int) -> None:
    """Until the batch worker that serve starts has finished starting (its CPU
    time stands still): the figures are about serving pages."""
    if not Path("/proc/self/stat").exists():
        return
    last = None
    for _ in range(240):
        workers = [int(e) for e in os.listdir("/proc") if e.isdigit() and _is_batch_worker(int(e))
                   and (f := _stat(int(e))) and int(f[1]) == root]
        used = sum(int(f[11]) + int(f[12]) for w in workers if (f := _stat(w))) if workers else None
        if used is not None and used == last:
            return
        last = used
        time.sleep(0.5)


def check_sessions(base: str, cookies: list[str], ids: list[int]) -> None:
    """Every reader's session reads a report page (not a redirect to the login page),
    and every page the readers will fetch answers 200 once (the caches warm up)."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **kw):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    for i, key in enumerate(cookies):
        paths = [f"/reports/{pk}" for pk in ids] + [f"/api/reports/{pk}" for pk in ids] if i == 0 \
            else [f"/reports/{ids[0]}"]
        for path in paths:
            req = urllib.request.Request(base + path, headers={"Cookie": key})
            with opener.open(req, timeout=30) as r:
                if r.status != 200:
                    sys.exit(f"{path}: HTTP {r.status}")
                # Django sends the CSRF cookie back to renew it: the same one if it took it.
                sent = (r.headers.get("Set-Cookie") or "").partition("csrftoken=")[2].split(";")[0]
                if sent and sent != key.partition("csrftoken=")[2]:
                    sys.exit(f"{path}: 服务器不认这个 CSRF cookie")


def quantiles(result: Result) -> dict[int, float]:
    if result.percentiles:
        return result.percentiles
    if len(result.times) < 2:
        sys.exit(f"没有测到数据；第一个错误：{result.first_error}")
    q = statistics.quantiles(result.times, n=100)
    return {50: q[49], 95: q[94], 99: q[98], 100: result.times[-1]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--workers", type=int, default=2, help="zfxxgk serve --workers")
    ap.add_argument("--threads", type=int, default=8, help="threads per worker (serve's default)")
    ap.add_argument("--client", choices=["auto", "wrk", "python"], default="auto")
    args = ap.parse_args()
    kind = args.client if args.client != "auto" else ("wrk" if wrk_path() else "python")
    if kind == "wrk" and not wrk_path():
        sys.exit("没有找到 wrk（Debian：apt-get install wrk）；或用 --client python")

    data = Path(tempfile.mkdtemp(prefix="zfxxgk-web-bench-"))
    ids, cookies = prepare(data, args.clients)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    exe = Path(sys.executable).parent / "zfxxgk"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "zfxxgk.cli"]
    server = subprocess.Popen(cmd + ["serve", "--host", "127.0.0.1", "--port", str(port),
                                     "--data", str(data), "--threads", str(args.threads),
                                     "--workers", str(args.workers)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_ready(base, server)
        wait_batch_worker_idle(server.pid)
        check_sessions(base, cookies, ids)
        load = os.getloadavg() if hasattr(os, "getloadavg") else None
        busy0, server0, wall0 = machine_busy(), tree_cpu(server.pid), time.monotonic()
        if kind == "wrk":
            result = run_wrk("127.0.0.1", port, cookies, ids, args.seconds, args.clients)
        else:
            result = run_python("127.0.0.1", port, cookies, ids, args.seconds)
        busy1, server1, wall = machine_busy(), tree_cpu(server.pid), time.monotonic() - wall0
    finally:
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(data, ignore_errors=True)
    q = quantiles(result)
    print(f"{args.clients} 个读者（只读账号），{result.elapsed:.0f} 秒，{len(ids)} 份报告，"
          f"HTML 与 JSON 约 4:1；SQLite；zfxxgk serve --workers {args.workers} "
          f"--threads {args.threads}；负载：{result.kind}")
    print(f"requests: {result.requests}  errors: {result.errors}  "
          f"requests/s: {result.requests / result.elapsed:.1f}")
    print(f"latency ms: p50 {q[50] * 1000:.0f}  p95 {q[95] * 1000:.0f}  p99 {q[99] * 1000:.0f}  "
          f"max {q[100] * 1000:.0f}")
    if None not in (busy0, busy1, server0, server1):
        server_cpu, busy = server1 - server0, busy1 - busy0
        other = max(0.0, busy - server_cpu - result.cpu)
        per = 1000 * server_cpu / max(1, result.requests + result.errors)
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        print(f"CPU s: server {server_cpu:.1f} ({per:.2f} ms/request)  clients {result.cpu:.1f}  "
              f"other processes {other:.1f}  of {cores} cores x {wall:.1f} s = {cores * wall:.0f}"
              " (clients: whole processes, start-up included)")
    if load:
        print(f"load average before the run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"target p95 < {TARGET_P95 * 1000:.0f} ms:", "met" if q[95] < TARGET_P95 else "NOT met")
    if result.errors:
        print("first error:", result.first_error)


if __name__ == "__main__":
    main()
