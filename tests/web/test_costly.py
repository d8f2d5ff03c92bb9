"""One user cannot hold every server thread with expensive requests (costly.py):
past COSTLY_PER_USER of them running at once, the next is answered 429 in Chinese
at once; other users, and the user's cheap pages, are served as before."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from zfxxgk.web import costly

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy(users):
    """The clerk with COSTLY_PER_USER expensive requests running."""
    costly._running[users["clerk"].pk] = settings.COSTLY_PER_USER
    yield users["clerk"]
    costly._running.pop(users["clerk"].pk, None)


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
    assert users["clerk"].pk not in costly._running
