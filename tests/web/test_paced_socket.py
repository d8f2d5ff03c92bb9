"""slowclients.PacedSocket on a socket pair: what arrived is gathered without
waiting, a request is judged whole or not from its head, and a large body that
comes slower than the pace is cut off instead of holding the thread."""

from __future__ import annotations

import os
import socket
import time

import pytest

if os.name != "posix":
    pytest.skip("gunicorn runs on POSIX only", allow_module_level=True)
# Imported, not importorskip: the worker builds on gunicorn 27's gthread internals
# (pyproject pins gunicorn <28); a gunicorn that breaks it must fail here, not skip.
from zfxxgk.web import slowclients  # noqa: E402

HEAD = b"POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: %d\r\n\r\n"


@pytest.fixture
def pair():
    a, b = socket.socketpair()
    yield slowclients.PacedSocket(a), b
    a.close()
    b.close()


def test_a_request_is_whole_once_its_head_and_small_body_are_in(pair):
    paced, client = pair
    assert not paced.gather()  # nothing yet: no thread waits for it
    client.sendall(HEAD % 5 + b"ab")
    assert not paced.gather()
    client.sendall(b"cde")
    assert paced.gather()
    assert paced.recv(10) + paced.recv(1000) == HEAD % 5 + b"abcde"  # nothing lost, in order


def test_a_large_body_or_a_waiting_client_goes_on_to_the_thread(pair):
    paced, client = pair
    client.sendall(HEAD % (10 * slowclients.BUFFERED_BODY))
    assert paced.gather()
    other = slowclients._complete(b"POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 9\r\n\r\n")
    assert other and not slowclients._complete(b"GET / HTTP/1.1\r\nHost: h\r\n")


def test_a_body_slower_than_the_pace_is_cut_off(pair, monkeypatch):
    monkeypatch.setattr(slowclients, "GRACE_S", 0.3)
    paced, client = pair
    paced.new_request()
    client.sendall(b"x" * 100)
    assert paced.recv(100) == b"x" * 100
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        paced.recv(100)  # the client sends nothing more
    assert time.monotonic() - started < 2
    paced.new_request()  # the next request on the connection starts its own count
    client.sendall(b"y")
    assert paced.recv(10) == b"y"
