"""`zfxxgk serve --workers N`: waitress in N forked processes on one socket.

One Python process runs Python on one core at a time (the GIL), so a server with
two cores and many readers answers faster with two processes. The parent binds
the listening socket, sets Django up once (the children inherit the loaded code),
forks the workers, each running waitress on the inherited socket, and starts a new
worker when one dies. Ctrl+C or SIGTERM stops them all. The workers share nothing
but the database (SQLite in WAL mode lets readers run beside a writer) and the
data folder; each has its own in-memory page cache, whose keys change with every
save, so none can serve a page older than the database.

Browsers keep their connections open, so the worker that accepted a connection
serves all its requests. Left alone, the worker that happens to be idle takes
most of a burst of new connections (41 of 50 in bench/web_bench.py) and its
readers wait while the other has little to do. So each worker publishes how many
connections it holds (in memory shared across the fork) and offers to accept only
while it holds no more than the least busy one plus one.

Windows has no fork: there, and for N = 1, the server stays one process.
"""

from __future__ import annotations

import mmap
import os
import signal
import socket
import struct
import sys
import time
from typing import Any, Callable

# A worker that dies this soon after starting, this many times in a row, is not
# started again: something is wrong that a new process will not fix.
QUICK_DEATH_SECONDS = 2.0
QUICK_DEATHS_ALLOWED = 5
# A worker accepts while it holds at most this many connections more than the
# least busy worker; a decision is looked at again at least this often (seconds).
SLACK = 1
RECHECK_SECONDS = 0.2
UNKNOWN = 2 ** 31 - 1  # a worker not (yet, or no longer) counting: no limit on the others


class Balance:
    """Each worker's number of open connections, shared by all the processes."""

    def __init__(self, workers: int):
        self.workers = workers
        self.memory = mmap.mmap(-1, 4 * workers)  # anonymous and shared across fork
        for slot in range(workers):
            self.set(slot, UNKNOWN)

    def set(self, slot: int, value: int) -> None:
        struct.pack_into("i", self.memory, 4 * slot, value)

    def least(self) -> int:
        return min(struct.unpack_from(f"{self.workers}i", self.memory))

    def attach(self, server: Any, slot: int) -> None:
        """Make a waitress server (in worker `slot`) accept only while it is among
        the least busy. waitress asks `readable()` of its listening socket before
        each wait for events; its map holds its connections (and two fixed entries,
        the same in every worker)."""
        readable = server.readable

        def balanced() -> bool:
            mine = len(server._map)
            self.set(slot, mine)
            return readable() and mine <= self.least() + SLACK

        server.readable = balanced
        server.adj.asyncore_loop_timeout = RECHECK_SECONDS


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


def _worker(run: Callable[[socket.socket, Callable[[Any], None]], Any], sock: socket.socket,
            balance: Callable[[Any], None]) -> None:
    """In the child: SIGTERM ends waitress's loop as Ctrl+C would, then exit."""
    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    code = 0
    try:
        run(sock, balance)
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


def serve_forked(run: Callable[[socket.socket, Callable[[Any], None]], Any],
                 sock: socket.socket, workers: int,
                 before_fork: Callable[[], None] | None = None) -> int:
    """Run `run(sock, balance)` in `workers` child processes until SIGINT/SIGTERM;
    `run` hands its waitress server to `balance` before running it. Returns the
    exit status for the command (0 on a requested stop)."""
    children: dict[int, tuple[int, float]] = {}  # pid -> (slot, start time)
    stopping = False
    quick_deaths = 0
    balance = Balance(workers)

    def spawn(slot: int) -> None:
        if before_fork:
            before_fork()
        pid = os.fork()
        if pid == 0:
            _worker(run, sock, lambda server: balance.attach(server, slot))
        children[pid] = (slot, time.monotonic())

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
        for slot in range(workers):
            spawn(slot)
        while children:
            try:
                pid, _status = os.wait()
            except ChildProcessError:
                break
            except InterruptedError:
                continue
            slot, started = children.pop(pid, (None, 0.0))
            if slot is None or stopping:
                continue
            balance.set(slot, UNKNOWN)
            quick_deaths = quick_deaths + 1 if time.monotonic() - started < QUICK_DEATH_SECONDS else 0
            if quick_deaths >= QUICK_DEATHS_ALLOWED:
                print("工作进程反复退出，停止服务", file=sys.stderr)
                stop(None, None)
                continue
            print(f"工作进程 {pid} 意外退出，重新启动一个", file=sys.stderr)
            spawn(slot)
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)
        sock.close()
    return 0 if quick_deaths < QUICK_DEATHS_ALLOWED else 1
