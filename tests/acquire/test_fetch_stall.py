"""A server that sends part of a body and then goes silent (or drips it for ever)
held `zfxxgk fetch` about 19 minutes per URL: each try was capped at 600 s, but a
body cut off midway was retried 4 times. Now it is retried once, a URL's tries
together are capped (`Policy.max_url_seconds`), and the journal says why the URL
was given up. Loopback servers, timeouts of a fraction of a second."""

from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path

from zfxxgk.acquire import Options, Policy, fetch
from zfxxgk.acquire.client import PoliteClient


class Stalling:
    """HTTP on 127.0.0.1 that announces 100 000 bytes, sends `first` of them and
    then either stays silent (`drip` None) or sends one byte every `drip` seconds."""

    def __init__(self, first: int = 1000, drip: float | None = None):
        self.first, self.drip = first, drip
        self.requests = 0
        self.stop = threading.Event()
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/ndbg/t1.html"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            if b"robots.txt" in conn.recv(65536).split(b"\r\n", 1)[0]:
                conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                return
            self.requests += 1
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                         b"Content-Length: 100000\r\n\r\n" + b"<" * self.first)
            while not self.stop.wait(self.drip or 0.05):
                if self.drip is not None:
                    try:
                        conn.sendall(b"x")
                    except OSError:
                        return

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


def test_a_body_that_stops_midway_is_tried_twice_only_and_the_journal_says_why(tmp_path: Path):
    server = Stalling()
    try:
        began = time.monotonic()
        outcome = fetch([server.url], tmp_path, Policy(delay=0, timeout=0.3, retries=4),
                        Options(), sleep=[].append)
        took = time.monotonic() - began
    finally:
        server.close()
    assert server.requests == 2 and took < 5
    assert outcome.failed == 1
    entry = [json.loads(line) for line in (tmp_path / "fetched.jsonl").read_text("utf-8").splitlines()
             if json.loads(line)["url"] == server.url][-1]
    assert entry["error"] == "已开始接收内容，之后 0.3 秒没有新数据（超时），重试 1 次后仍未成功，已跳过"
    assert entry["path"] is None


def test_a_url_that_drips_for_ever_is_given_up_at_its_time_cap():
    server = Stalling(drip=0.02)
    waits: list[float] = []
    try:
        with PoliteClient(Policy(delay=0, timeout=1, max_seconds=60, max_url_seconds=0.6),
                          sleep=waits.append) as client:
            began = time.monotonic()
            response = client.get(server.url)
            took = time.monotonic() - began
    finally:
        server.close()
    assert response.body is None and server.requests == 1 and waits == []
    assert response.error == "此网址用时超过 0.6 秒（含重试），已跳过"
    assert 0.5 < took < 3


def test_a_wait_that_would_pass_the_url_time_cap_is_not_waited():
    server = Stalling()
    waits: list[float] = []
    try:
        with PoliteClient(Policy(delay=0, timeout=0.2, backoff=30, max_url_seconds=10),
                          sleep=waits.append) as client:
            response = client.get(server.url)
    finally:
        server.close()
    assert server.requests == 1 and waits == []
    assert response.error == ("已开始接收内容，之后 0.2 秒没有新数据（超时）；"
                              "此网址用时超过 10 秒（含重试），已跳过，未再重试")


class DripThenSilence(Stalling):
    """Drips a byte every 0.02 s for `drip_for` seconds, then stays silent."""

    def __init__(self, drip_for: float):
        super().__init__(drip=0.02)
        self.drip_for = drip_for

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            conn.recv(65536)
            self.requests += 1
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n<")
            end = time.monotonic() + self.drip_for
            while time.monotonic() < end and not self.stop.wait(0.02):
                conn.sendall(b"x")
            self.stop.wait(10)


def test_a_read_waiting_at_the_url_time_cap_ends_there_not_a_timeout_later():
    """Bytes until just before the cap, then silence: the read waiting then used to
    wait its whole `timeout` (30 s by default) past the cap."""
    server = DripThenSilence(drip_for=0.8)
    try:
        with PoliteClient(Policy(delay=0, timeout=5, max_url_seconds=1), sleep=[].append) as client:
            began = time.monotonic()
            response = client.get(server.url)
            took = time.monotonic() - began
    finally:
        server.close()
    assert response.error == "此网址用时超过 1 秒（含重试），已跳过" and response.body is None
    assert server.requests == 1 and took < 1.5, took


def test_a_read_waiting_at_the_download_time_cap_ends_there():
    server = DripThenSilence(drip_for=0.8)
    try:
        with PoliteClient(Policy(delay=0, timeout=5, max_seconds=1, max_url_seconds=60),
                          sleep=[].append) as client:
            began = time.monotonic()
            response = client.get(server.url)
            took = time.monotonic() - began
    finally:
        server.close()
    assert response.error == "下载超过 1 秒仍未完成，已放弃" and server.requests == 1
    assert took < 1.5, took
