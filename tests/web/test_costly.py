"""One user cannot hold every server thread with expensive requests (costly.py):
past COSTLY_PER_USER of them running at once, the next is answered 429 in Chinese
at once; other users, and the user's cheap pages, are served as before. The places
are file locks in the data folder, so the limit holds across the processes of
`zfxxgk serve --workers N`, and the places of a killed process come back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from zfxxgk.web import costly

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def busy(users):
    """The clerk with COSTLY_PER_USER expensive requests running (in this process)."""
    held = [costly.take(users["clerk"].pk) for _ in range(settings.COSTLY_PER_USER)]
    assert None not in held
    yield users["clerk"]
    for fd in held:
        os.close(fd)


def _as(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_one_more_costly_request_is_told_to_wait(busy, users):
    c = _as(busy)
    for url in ("/reports/export.xlsx", "/dashboard/cells.csv"):
        r = c.get(url)
        assert r.status_code == 429 and r["Retry-After"] == "10", url
        assert f"您已有 {settings.COSTLY_PER_USER} 个上传、导出或编制正在处理" in r.content.decode()
    r = c.post("/api/reports", {"text": "x"})
    assert r.status_code == 429 and r.json()["status"] == 429 and "请等它们完成后再试" in r.json()["error"]
    assert c.get("/").status_code == 200  # a cheap page
    assert c.get("/reports/new").status_code == 200  # the upload form itself
    assert _as(users["reader"]).get("/reports/export.xlsx").status_code == 200  # another user


def test_a_finished_request_frees_its_place(users):
    c = _as(users["clerk"])
    for _ in range(settings.COSTLY_PER_USER + 2):
        assert c.get("/reports/export.xlsx").status_code == 200
    held = [costly.take(users["clerk"].pk) for _ in range(settings.COSTLY_PER_USER)]
    assert None not in held
    for fd in held:
        os.close(fd)


# --- two real processes ------------------------------------------------------------------
_HOLDER = """
import sys
from zfxxgk.web import setup
setup()
from zfxxgk.web import costly
for line in sys.stdin:
    print(costly.take(int(line)) is not None, flush=True)
"""


class Holder:
    """A Python process with the web app's settings on this test's data folder, taking
    places when asked; its places stay taken until it exits or is killed."""

    def __init__(self, user_id: int):
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "ZFXXGK_DATA": str(settings.DATA_DIR),
               "DJANGO_SETTINGS_MODULE": "zfxxgk.web.settings"}
        self.user_id = user_id
        self.proc = subprocess.Popen([sys.executable, "-c", _HOLDER], env=env, text=True,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def take(self) -> bool:
        self.proc.stdin.write(f"{self.user_id}\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline().strip()
        assert answer in ("True", "False"), answer
        return answer == "True"

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(30)


@pytest.mark.slow  # two Python processes with Django
@pytest.mark.skipif(os.name != "posix", reason="kill -9")
def test_the_limit_holds_across_processes_and_a_killed_holder_frees_its_places(users):
    clerk = users["clerk"].pk
    one, two = Holder(clerk), Holder(clerk)
    try:
        assert one.take() and one.take()
        assert two.take()
        assert not two.take() and not one.take()  # the 4th, whichever process it lands in
        assert costly.take(clerk) is None  # nor a third process
        one.kill()  # a worker killed with 2 requests running
        assert two.take() and two.take()
        assert not two.take()
    finally:
        for h in (one, two):
            if h.proc.poll() is None:
                h.kill()


def _streamed(users, chunks: list[bytes]):
    """The middleware around a costly request whose view streams `chunks`, as the
    clerk: the response, not yet sent."""
    from django.http import StreamingHttpResponse
    from django.test import RequestFactory

    request = RequestFactory().get("/reports/export.xlsx")
    request.user = users["clerk"]
    return costly.CostlyRequestLimit(lambda r: StreamingHttpResponse(iter(chunks)))(request)


def _free_places(user) -> int:
    held = [fd for fd in (costly.take(user.pk) for _ in range(settings.COSTLY_PER_USER)) if fd is not None]
    for fd in held:
        os.close(fd)
    return len(held)


def test_a_streamed_response_holds_its_place_until_sent(users):
    """Before: the place was given back when the view returned, while the server
    had all of the streamed content still to write."""
    response = _streamed(users, [b"a", b"b"])
    assert _free_places(users["clerk"]) == settings.COSTLY_PER_USER - 1
    assert b"".join(response.streaming_content) == b"ab"
    assert _free_places(users["clerk"]) == settings.COSTLY_PER_USER - 1  # sent, not yet closed
    response.close()  # the server, once all is written
    assert _free_places(users["clerk"]) == settings.COSTLY_PER_USER


def test_a_client_gone_mid_stream_frees_the_place(users):
    response = _streamed(users, [b"a", b"b"])
    next(iter(response.streaming_content))
    response.close()  # the server closes the response of a client that went away
    assert _free_places(users["clerk"]) == settings.COSTLY_PER_USER
    response.close()  # twice: nothing closed twice
    assert _free_places(users["clerk"]) == settings.COSTLY_PER_USER
