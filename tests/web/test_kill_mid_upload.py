"""A real `zfxxgk serve` killed (SIGKILL) in the middle of an upload: the batch's
file is in the data folder, its row never committed. The next start-up removes
it, and keeps every file a row names.

The kill is placed without sleeping: the test holds SQLite's write lock, so the
upload writes its staged file (before its transaction, batchjobs.stage_batch) and
then waits for the lock; the file's appearance says the server is there."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from .conftest import EXAMPLES, PASSWORD
from .test_workers import _alive, _batch, _env, _get, _wait

pytestmark = [
    pytest.mark.slow,  # two real servers in their own processes
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="the worker is found in Linux's /proc"),
    pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"),
                       reason="the server is started on a SQLite data folder; the kill is placed by its lock"),
]

SETUP = """
import sys
from pathlib import Path
from zfxxgk.web.server import prepare
prepare(sys.argv[1])
from django.contrib.auth.models import Group, User
from zfxxgk.web.reports import services
user = User.objects.create_user("clerk", password=sys.argv[3])
user.groups.add(Group.objects.get(name="录入员"))
source = Path(sys.argv[2])
row = services.create_report(source.read_bytes(), source.name, user)
print(row.source_file.name, *services.save_pages(row.sha256, {1: b"page"}))
"""


def _serve(data: Path, port: int) -> tuple[subprocess.Popen, str]:
    """`zfxxgk serve` on loopback; returns it once it answers, with what it printed."""
    server = subprocess.Popen([sys.executable, "-m", "zfxxgk", "serve", "--host", "127.0.0.1",
                               "--port", str(port), "--data", str(data), "--threads", "2"],
                              env=_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    said = []
    for line in server.stdout:  # the last line before it serves
        said.append(line)
        if "打开浏览器访问" in line:
            _wait(lambda: _get(f"http://127.0.0.1:{port}/accounts/login/"))
            return server, "".join(said)
    raise AssertionError("serve did not start:\n" + "".join(said))


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _logged_in(base: str) -> tuple[urllib.request.OpenerDirector, str]:
    """A session of the clerk, and its CSRF token."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(base + "/accounts/login/", timeout=30)
    token = next(c.value for c in jar if c.name == "csrftoken")
    form = urllib.parse.urlencode({"username": "clerk", "password": PASSWORD,
                                   "csrfmiddlewaretoken": token}).encode()
    opener.open(base + "/accounts/login/", form, timeout=30)
    assert any(c.name == "sessionid" for c in jar)
    return opener, next(c.value for c in jar if c.name == "csrftoken")


def _batch_upload(opener, base: str, token: str, name: str, body: bytes) -> urllib.request.Request:
    boundary = uuid.uuid4().hex
    data = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n"
            f"Content-Type: text/plain\r\n\r\n").encode() + body + f"\r\n--{boundary}--\r\n".encode()
    return urllib.request.Request(base + "/api/batches", data, method="POST", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", "X-CSRFToken": token,
        "Referer": base + "/"})


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_sigkill_mid_upload_leaves_a_file_the_next_start_up_removes(tmp_path):
    data, port = tmp_path / "data", _free_port()
    base, files = f"http://127.0.0.1:{port}", data / "files"
    out = subprocess.run([sys.executable, "-c", SETUP, str(data), str(EXAMPLES / "qinghe-city-2024.txt"),
                          PASSWORD], env=_env(), check=True, timeout=300, capture_output=True, text=True)
    named = set(out.stdout.split())
    assert len(named) == 2 and _files(files) == named  # the report's source and its page

    server, _ = _serve(data, port)
    lock = sqlite3.connect(data / "zfxxgk.sqlite3", isolation_level=None, timeout=60)
    worker = None
    try:
        worker = _wait(lambda: _batch(server.pid))  # its `zfxxgk worker`
        opener, token = _logged_in(base)
        upload = _batch_upload(opener, base, token, "wanghu-street-2023.txt",
                               (EXAMPLES / "wanghu-street-2023.txt").read_bytes())
        lock.execute("BEGIN IMMEDIATE")  # the server's next transaction waits for it
        answered: list = []

        def send() -> None:
            try:
                answered.append(opener.open(upload, timeout=120).status)
            except OSError as e:  # the connection dies with the server
                answered.append(e)

        sender = threading.Thread(target=send, daemon=True)
        sender.start()
        staged = _wait(lambda: [n for n in _files(files) if n.startswith("batches/")])
        os.kill(server.pid, signal.SIGKILL)
        server.wait()
        sender.join(60)
        assert answered and isinstance(answered[0], OSError)  # no answer: killed mid-upload
    finally:
        if lock.in_transaction:
            lock.execute("ROLLBACK")
        if server.poll() is None:
            server.kill()
            server.wait()
    assert lock.execute("SELECT count(*) FROM reports_batch").fetchone() == (0,)  # never committed
    assert lock.execute("SELECT count(*) FROM reports_batchitem").fetchone() == (0,)
    lock.close()
    assert _files(files) == named | set(staged)  # what the kill left: a file nothing names
    _wait(lambda: not _alive(worker), 40)  # the worker stops without its server

    hour_ago = time.time() - 2 * 3600  # the sweep leaves files younger than an hour alone
    for name in _files(files):
        os.utime(files / name, (hour_ago, hour_ago))
    server, said = _serve(data, port)
    try:
        assert re.search(r"已删除 1 个没有任何报告引用的遗留文件", said)
        assert _files(files) == named
        assert not (files / staged[0]).parent.exists()  # the batch's folder too
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) == 0
    assert "Traceback" not in said + server.stdout.read()
