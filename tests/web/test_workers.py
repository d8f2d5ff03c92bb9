"""`zfxxgk serve --workers N` in a real process: it starts N workers on one port,
serves from each, starts a new worker when one dies, and stops cleanly."""

from __future__ import annotations

import http.client
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
    pytest.mark.skipif(not hasattr(os, "fork") or not Path("/proc/self/stat").exists(),
                       reason="pre-fork workers need fork (and these checks Linux's /proc)"),
    pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"),
                       reason="the server is started on a SQLite data folder"),
]


def _children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2:].split()
            if int(fields[1]) == pid and fields[0] != "Z":
                found.add(int(entry))
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
    workers = _children(pid)
    return workers if len(workers) == 2 else None


def _sockets(pid: int) -> int:
    """Open sockets of a process: its connections and the listening socket."""
    count = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            count += os.readlink(fd).startswith("socket:")
        except OSError:
            pass
    return count


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode() if r.status == 200 else None
    except OSError:
        return None


def test_workers_start_serve_restart_and_stop(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in ("ZFXXGK_DATA", "DATABASE_URL")}
    server = subprocess.Popen(
        [sys.executable, "-c", "from zfxxgk.cli import main; main()", "serve", "--host", "127.0.0.1",
         "--port", str(port), "--data", str(tmp_path / "data"), "--workers", "2", "--threads", "2"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/accounts/login/"
    try:
        assert "登录" in _wait(lambda: _get(url))
        workers = _wait(lambda: _two(server.pid))
        for _ in range(10):  # every answer whole, whichever worker took the connection
            assert "登录" in (_get(url) or "")
        # Kept-open connections (as browsers keep them) are spread over the workers.
        held = [http.client.HTTPConnection("127.0.0.1", port, timeout=10) for _ in range(20)]
        for conn in held:
            conn.request("GET", "/accounts/login/")
            assert conn.getresponse().read()
        time.sleep(0.5)
        counts = sorted(_sockets(pid) - 1 for pid in workers)
        assert sum(counts) == 20 and counts[0] >= 8, counts
        for conn in held:
            conn.close()
        dead = min(workers)
        os.kill(dead, signal.SIGKILL)
        replaced = _wait(lambda: (w := _two(server.pid)) and dead not in w and w)
        assert replaced - workers and "登录" in (_get(url) or "")
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    output = server.stdout.read()
    assert "2 个进程" in output and "重新启动" in output
    assert not any(Path(f"/proc/{pid}").exists() for pid in replaced)  # the workers ended too
    assert _get(url) is None  # nothing listens any more


class _FakeServer:
    """What Balance needs of a waitress server: readable(), its map and adj."""

    def __init__(self, connections: int):
        self._map = dict.fromkeys(range(connections + 2))  # + trigger and listener
        self.adj = type("Adj", (), {"asyncore_loop_timeout": 1})()
        self.open = True

    def readable(self) -> bool:
        return self.open


def test_balance_accepts_only_in_the_least_busy_workers():
    from zfxxgk.web.prefork import Balance

    balance = Balance(2)
    busy, idle = _FakeServer(5), _FakeServer(1)
    balance.attach(busy, 0)
    balance.attach(idle, 1)
    assert idle.readable() is True
    assert busy.readable() is False  # 5 connections against 1: let the other accept
    idle._map.update(dict.fromkeys(range(100, 104)))  # now 5 as well
    assert idle.readable() is True and busy.readable() is True
    busy.open = False  # waitress's own refusal (connection limit) still counts
    assert busy.readable() is False
    assert busy.adj.asyncore_loop_timeout < 1  # decisions are looked at again soon


def test_balance_is_shared_across_fork():
    from zfxxgk.web.prefork import Balance

    balance = Balance(2)
    balance.set(0, 7)
    pid = os.fork()
    if pid == 0:
        balance.set(1, 3)
        os._exit(0)
    os.waitpid(pid, 0)
    assert balance.least() == 3
