"""`zfxxgk serve --workers 2` (gunicorn) and clients that send their requests slowly
(slowclients.py): forty anonymous connections that sent half a login form and then
nothing held every thread, and pages timed out; now they wait in the worker's poller
and pages come at once. Requests that arrive whole, in pieces, pipelined, kept
alive, or with a large body, are answered as before."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request

import pytest

from .test_workers import _wait, pytestmark as _server_marks, start_server

pytestmark = _server_marks

HALF_LOGIN = (b"POST /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000\r\n\r\nusername=")


def _page(url: str, timeout: float = 30) -> float:
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=timeout) as r:
        assert r.status == 200 and "登录" in r.read().decode()
    return time.monotonic() - started


def _answers(port: int, *pieces: bytes, pause: float = 0.3) -> bytes:
    """What the server says to a request sent in `pieces`, `pause` apart."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        for piece in pieces:
            s.sendall(piece)
            time.sleep(pause)
        s.shutdown(socket.SHUT_WR)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
    return out


@pytest.fixture
def server(tmp_path):
    proc, port, url = start_server(tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(lambda: _ok(url))
        yield port, url
    finally:
        proc.terminate()
        proc.wait(30)


def _ok(url: str) -> bool:
    try:
        _page(url, 5)
        return True
    except OSError:
        return False


def test_half_sent_requests_do_not_hold_the_threads(server):
    port, url = server
    held = []
    try:
        for _ in range(40):  # 2 workers × 2 threads here; 8 each by default
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(HALF_LOGIN)
            held.append(s)
        idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(20)]  # nothing sent
        held += idle
        time.sleep(1)
        assert max(_page(url, 20) for _ in range(5)) < 10  # ms when calm; before: none came
    finally:
        for s in held:
            s.close()


def test_requests_in_pieces_pipelined_and_large_are_answered(server):
    port, url = server
    get = b"GET /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    assert _answers(port, get[:20], get[20:]).count(b"HTTP/1.1 200") == 1
    assert _answers(port, get + get).count(b"HTTP/1.1 200") == 2  # pipelined
    post = HALF_LOGIN.replace(b"5000", b"19") + b"x&password=y"
    assert _answers(port, post[:60], post[60:]).startswith(b"HTTP/1.1 403")  # whole, in two pieces: CSRF says no
    big = HALF_LOGIN.replace(b"5000", b"200009")  # a large body: the thread reads it (at a pace)
    assert _answers(port, big).startswith(b"HTTP/1.1 413")  # anonymous: refused from its length
    with urllib.request.urlopen(url, timeout=30) as r:  # kept alive between requests: urllib closes; fine
        assert r.status == 200
