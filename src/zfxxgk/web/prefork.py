"""`zfxxgk serve --workers N`: waitress in N forked processes on one socket.

One Python process runs Python on one core at a time (the GIL), so a server with
two cores and many readers answers faster with two processes. The parent binds
the listening socket, sets Django up once (the children inherit the loaded code),
forks the workers, each running waitress on the inherited socket, and starts a new
worker when one dies. Ctrl+C or SIGTERM stops them all. The workers share nothing
but the database (SQLite in WAL mode lets readers run beside a writer) and the
data folder; each process has its own in-memory page cache, whose keys change
with every save, so none can serve a page older than the database.

Windows has no fork: there, and for N = 1, the server stays one process.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
import time
from typing import Any, Callable

# A worker that dies this soon after starting, this many times in a row, is not
# started again: something is wrong that a new process will not fix.
QUICK_DEATH_SECONDS = 2.0
QUICK_DEATHS_ALLOWED = 5


def can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform != "win32"


def bind(host: str, port: int, backlog: int = 1024) -> socket.socket:
    """The listening socket the workers share (IPv6 when the host is an IPv6 address)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(backlog)
    sock.setblocking(False)
    return sock


def _worker(run: Callable[[socket.socket], Any], sock: socket.socket) -> None:
    """In the child: SIGTERM ends waitress's loop as Ctrl+C would, then exit."""
    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    code = 0
    try:
        run(sock)
    except KeyboardInterrupt:
        pass
    except BaseException:  # noqa: BLE001 - reported, then the parent starts a new worker
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def serve_forked(run: Callable[[socket.socket], Any], sock: socket.socket, workers: int,
                 before_fork: Callable[[], None] | None = None) -> int:
    """Run `run(sock)` in `workers` child processes until SIGINT/SIGTERM; returns the
    exit status for the command (0 on a requested stop)."""
    children: dict[int, float] = {}
    stopping = False
    quick_deaths = 0

    def spawn() -> None:
        if before_fork:
            before_fork()
        pid = os.fork()
        if pid == 0:
            _worker(run, sock)
        children[pid] = time.monotonic()

    def stop(signum, frame):
        nonlocal stopping
        stopping = True
        for pid in list(children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    old = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        for _ in range(workers):
            spawn()
        while children:
            try:
                pid, _status = os.wait()
            except ChildProcessError:
                break
            except InterruptedError:
                continue
            started = children.pop(pid, None)
            if started is None or stopping:
                continue
            quick_deaths = quick_deaths + 1 if time.monotonic() - started < QUICK_DEATH_SECONDS else 0
            if quick_deaths >= QUICK_DEATHS_ALLOWED:
                print("工作进程反复退出，停止服务", file=sys.stderr)
                stop(None, None)
                continue
            print(f"工作进程 {pid} 意外退出，重新启动一个", file=sys.stderr)
            spawn()
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)
        sock.close()
    return 0 if quick_deaths < QUICK_DEATHS_ALLOWED else 1
