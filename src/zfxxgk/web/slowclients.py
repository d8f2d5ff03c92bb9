"""`zfxxgk serve --workers N`: a client sending its request slowly does not hold a thread.

gunicorn's gthread worker gives a connection a thread as it comes, and the thread
waits on the socket until the request's headers and body are in, with no limit:
forty connections that each sent the start of a login form and then nothing
(anonymous, a few bytes each) held every thread of `--workers 2`, and everyone
else's pages timed out (the single process, waitress, reads whole requests before
a thread sees them, and was not held).

Here a thread reads what has arrived without waiting, and hands the connection back
to the worker's poller until the request's headers, and a body of at most
BUFFERED_BODY bytes (a login, a form, an API call), are all in; one silent for the
worker's keep-alive time (2 s) meanwhile is closed by gunicorn. A larger body (an
upload, only for signed-in users: others are refused from its length) is read by the
thread at MIN_RATE on average after GRACE_S, or the connection is cut.

It builds on gthread's internals of gunicorn 27 (`_DEFER`, `TConn.data_ready`, the
parser's unreader), so pyproject pins gunicorn below 28: a new major is a deliberate
upgrade, checked by tests/web/test_paced_socket.py and test_slow_clients.py."""

from __future__ import annotations

import re
import socket
import time

from gunicorn.workers.gthread import _DEFER, ThreadWorker

BUFFERED_BODY = 64 * 1024
HEAD_MAX = 64 * 1024  # gunicorn refuses a longer head itself
GRACE_S = 10.0  # a large body's start: this long in all
MIN_RATE = 20_000  # bytes per second beyond it (160 kbit/s)
_LENGTH = re.compile(rb"\r\ncontent-length:[ \t]*(\d+)", re.IGNORECASE)
_CONTINUE = re.compile(rb"\r\nexpect:[ \t]*100-continue", re.IGNORECASE)


class PacedSocket:
    """A connection's socket read ahead without waiting (`gather`) and then, past
    what was gathered, at the request's pace; the rest (writes, fileno) is its own."""

    def __init__(self, sock: socket.socket):
        self._sock = sock
        self._held = bytearray()
        self._ended = False
        self._began: float | None = None
        self._got = 0

    def gather(self) -> bool:
        """Read what has arrived; whether the request is in (or the client gone)."""
        while not self._ended and len(self._held) < HEAD_MAX + BUFFERED_BODY:
            try:
                data = self._sock.recv(65536, socket.MSG_DONTWAIT)
            except (BlockingIOError, InterruptedError):
                break
            except OSError:
                data = b""
            self._held += data
            self._ended = not data
        return self._ended or _complete(bytes(self._held))

    def take_held(self) -> bytes:
        held, self._held = bytes(self._held), bytearray()
        return held

    def new_request(self) -> None:
        self._began, self._got = None, 0

    def recv(self, size: int, *flags) -> bytes:
        if self._held:
            data = bytes(self._held[:size])
            del self._held[:size]
            return data
        now = time.monotonic()
        if self._began is None:
            self._began = now
        left = self._began + GRACE_S + self._got / MIN_RATE - now
        if left <= 0:
            raise TimeoutError("请求发送过慢")
        self._sock.settimeout(left)
        try:
            data = self._sock.recv(size, *flags)
        finally:
            self._sock.settimeout(None)
        self._got += len(data)
        return data

    def __getattr__(self, name: str):
        return getattr(self._sock, name)


def _complete(held: bytes) -> bool:
    """The request's head is in, and its body if it is a small one (a larger one, or
    a head past HEAD_MAX, goes on to the thread: gunicorn and Django judge it)."""
    end = held.find(b"\r\n\r\n")
    if end < 0:
        return len(held) >= HEAD_MAX
    if _CONTINUE.search(held, 0, end + 2):
        return True  # the client waits for "100 Continue" before its body (curl's larger forms)
    length = _LENGTH.search(held, 0, end + 2)
    body = int(length.group(1)) if length else 0
    return body > BUFFERED_BODY or len(held) - end - 4 >= body


class Worker(ThreadWorker):
    """gthread with paced connections: the worker class of `zfxxgk serve --workers`."""

    def handle(self, conn):
        if not isinstance(conn.sock, PacedSocket):
            conn.sock = PacedSocket(conn.sock)
        buffered = conn.parser is not None and conn.parser.unreader.buf.getvalue()
        if not buffered and not conn.sock.gather():
            return _DEFER  # back to the poller, no thread held
        conn.data_ready = True  # gunicorn's own wait for a first byte is not needed
        conn.sock.new_request()
        kept = super().handle(conn)
        if kept and kept is not _DEFER and conn.parser is not None:
            # a next request read ahead (pipelined): where gunicorn looks for one
            ahead = conn.sock.take_held()
            if ahead:
                conn.parser.unreader.buf.seek(0, 2)
                conn.parser.unreader.buf.write(ahead)
        return kept
