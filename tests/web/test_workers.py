"""`zfxxgk serve --workers N` in a real process (gunicorn): it starts N workers on
one port, serves from each, starts a new worker when one dies, and stops cleanly."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,  # a real server in its own processes
    pytest.mark.skipif(not hasattr(os, "fork") or not Path("/proc/self/stat").exists(),
                       reason="gunicorn needs fork (and these checks Linux's /proc)"),
    pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"),
                       reason="the server is started on a SQLite data folder"),
]


def _children(pid: int) -> dict[int, bytes]:
    """The live children of `pid` with their command lines, read together: a worker
    that exits (a restart) between the two reads is simply not listed."""
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2:].split()
            if int(fields[1]) == pid and fields[0] != "Z":
                found[int(entry)] = cmdline
    return found


def _wait(predicate, seconds: float = 60.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


def _two(pid: int) -> set[int] | None:
    """The two web workers (the other child is the batch worker)."""
    workers = {p for p, cmdline in _children(pid).items() if b"\0worker\0" not in cmdline}
    return workers if len(workers) == 2 else None


def _batch(pid: int) -> int | None:
    found = [p for p, cmdline in _children(pid).items() if b"\0worker\0" in cmdline]
    return found[0] if len(found) == 1 else None


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode() if r.status == 200 else None
    except OSError:
        return None


def _env() -> dict[str, str]:
    """This environment without a data folder or database of its own: each test's
    processes use the folder it gives them."""
    return {k: v for k, v in os.environ.items() if k not in ("ZFXXGK_DATA", "DATABASE_URL")}


def start_server(tmp_path: Path, **popen) -> tuple[subprocess.Popen, int, str]:
    """`zfxxgk serve --workers 2` on a free loopback port with its data under
    `tmp_path`; `popen`: where its output goes and the like. Returns the process,
    the port and the login page's address."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-c", "from zfxxgk.cli import main; main()", "serve", "--host", "127.0.0.1",
         "--port", str(port), "--data", str(tmp_path / "data"), "--workers", "2", "--threads", "2"],
        env=_env(), **popen)
    return server, port, f"http://127.0.0.1:{port}/accounts/login/"


def test_workers_start_serve_restart_and_stop(tmp_path):
    server, _, url = start_server(tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert "登录" in _wait(lambda: _get(url))
        workers = _wait(lambda: _two(server.pid))
        for _ in range(10):  # every answer whole, whichever worker took the connection
            assert "登录" in (_get(url) or "")
        dead = min(workers)
        os.kill(dead, signal.SIGKILL)
        replaced = _wait(lambda: (w := _two(server.pid)) and dead not in w and w)
        assert replaced - workers and "登录" in (_get(url) or "")
        batch = _wait(lambda: _batch(server.pid))  # `zfxxgk worker`, started by serve
        os.kill(batch, signal.SIGKILL)
        again = _wait(lambda: (b := _batch(server.pid)) != batch and b)
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    output = server.stdout.read()
    assert "2 个进程" in output and "后台进程意外退出，重新启动" in output
    assert "Traceback" not in output
    assert not any(Path(f"/proc/{pid}").exists() for pid in {*replaced, again})  # all ended
    assert _get(url) is None  # nothing listens any more


STAGE = """
import sys
from pathlib import Path
from zfxxgk.web.server import prepare
prepare(sys.argv[1])
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from zfxxgk.web.reports import batchjobs
from zfxxgk.web.reports.models import Batch
from zfxxgk.web.reports.worker import _HOST
files = [(p.name, p.read_bytes()) for p in sorted(Path(sys.argv[2]).glob("*.txt"))]
batch = batchjobs.stage_batch(files, None, "被杀的批次")
dead = f"{_HOST}:4194999:x"  # a worker killed half-way: its task left running, its claim fresh
DBTaskResult.objects.get().claim(dead)
Batch.objects.filter(pk=batch.pk).update(status="running", claimed_by=dead, heartbeat=timezone.now())
"""


def test_worker_process_resumes_a_killed_workers_batch_and_stops_on_sigterm(tmp_path):
    """`zfxxgk worker` as `zfxxgk serve` starts it: it finds the batch a killed
    worker left, queues it again, reads it, and stops cleanly on SIGTERM."""
    import sqlite3

    from .conftest import EXAMPLES

    data = tmp_path / "data"
    env = _env()
    subprocess.run([sys.executable, "-c", STAGE, str(data), str(EXAMPLES)], env=env, check=True,
                   timeout=300)
    worker = subprocess.Popen([sys.executable, "-m", "zfxxgk", "worker", "--data", str(data)],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def status():
        with sqlite3.connect(data / "zfxxgk.sqlite3") as db:
            return db.execute("SELECT status, processed, total FROM reports_batch").fetchone()

    try:
        final = _wait(lambda: (s := status())[0] in ("done", "partial") and s, 240)
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=60) == 0
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    assert final == ("done", len(list(EXAMPLES.glob("*.txt"))), len(list(EXAMPLES.glob("*.txt"))))
    with sqlite3.connect(data / "zfxxgk.sqlite3") as db:
        tasks = db.execute("SELECT status FROM django_tasks_database_dbtaskresult ORDER BY enqueued_at")
        assert [t for (t,) in tasks] == ["FAILED", "SUCCESSFUL"]  # the killed one, the new one
        shas = [s for (s,) in db.execute("SELECT sha256 FROM reports_report")]
    assert len(shas) == len(set(shas)) == final[2]
    assert "Traceback" not in worker.stdout.read()


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for its new parent to reap it holds no port)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2:].split()[0] != "Z"


def _port_free(port: int) -> bool:
    """Nobody listens: a new socket can bind it (SO_REUSEADDR passes TIME_WAIT only)."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def test_killing_the_master_leaves_no_worker_on_the_port(tmp_path):
    """kill -9 of the gunicorn arbiter (the `zfxxgk serve` process): its web workers
    and its `zfxxgk worker` notice the parent is gone and exit; within a bounded time
    no child remains and the port is free for the next `zfxxgk serve`."""
    server, port, url = start_server(tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     start_new_session=True)
    children: set[int] = set()
    try:
        assert "登录" in _wait(lambda: _get(url))
        children = {*_wait(lambda: _two(server.pid)), _wait(lambda: _batch(server.pid))}
        assert not _port_free(port)
        os.kill(server.pid, signal.SIGKILL)
        server.wait()
        killed = time.monotonic()
        _wait(lambda: not any(_alive(pid) for pid in children), seconds=40)
        _wait(lambda: _port_free(port), seconds=10)
        assert _get(url) is None
        print(f"children gone and port free {time.monotonic() - killed:.1f} s after the kill")
    finally:
        for pid in children:  # leave nothing behind if the assertion failed
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        if server.poll() is None:
            server.kill()
            server.wait()
