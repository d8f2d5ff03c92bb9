"""Every write operation of the OpenAPI document (taken from the document, so a new
one cannot escape), sent by a 录入员 of the report's own agency and by one of
another agency: the other agency's is refused (403/404, one error shape) with
nothing stored; the own agency's is never refused for scope. Operations without
an object of an agency are listed with why they are outside scope checks."""

from __future__ import annotations

import re

import pytest

from .test_scope import INTAKE, WANGHU, _as, _upload, team  # noqa: F401  (fixture)
from .test_api_every_endpoint import WRITES, operations

pytestmark = pytest.mark.django_db

# Writes that touch no agency's data, each with the reason.
NOT_SCOPED = {
    ("post", "/api/cases/deadline-preview"): "a computation, nothing stored",
    ("post", "/api/registers/calendar"): "the working-day calendar is everyone's (管理员 only)",
}
# Writes that create: the body names the agency.
CREATES = {
    ("post", "/api/cases"): {**INTAKE, "number": "2025-0099", "agency": WANGHU},
    ("post", "/api/registers/litigation"): {"agency": WANGHU, "number": "复议2025-9",
                                            "kind": "review", "received_on": "2025-03-01"},
    ("put", "/api/registers/active"): {"agency": WANGHU, "year": 2025, "cells": {}},
}


@pytest.fixture
def world(client, team):
    """A 望湖 draft, case, litigation entry and batch, made by the 望湖 clerk."""
    w = _as(client, team["clerk_w"])
    report = _upload(w, "wanghu-street-2023.txt").json()["id"]
    case = w.post("/api/cases", {**INTAKE, "agency": WANGHU},
                  content_type="application/json").json()["id"]
    lit = w.post("/api/registers/litigation", CREATES[("post", "/api/registers/litigation")],
                 content_type="application/json").json()["id"]
    import io
    import zipfile

    from .conftest import EXAMPLES

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", (EXAMPLES / "wanghu-street-2023.txt").read_bytes() + b"\n")
    buf.seek(0)
    buf.name = "a.zip"
    batch = w.post("/api/batches", {"files": [buf]}).json()["id"]
    return {"reports": report, "cases": case, "litigation": lit, "batches": batch}


def _path(path: str, world: dict) -> str:
    if "{" not in path:
        return path
    kind = ("litigation" if "/litigation/" in path else path.split("/")[2])
    values = {"pk": str(world[kind]), "action": "submit", "kind": "extended", "position": "0"}
    return re.sub(r"\{([^}]+)\}", lambda m: values[m.group(1)], path)


def _rows() -> dict:
    from django.apps import apps

    return {m._meta.label: m.objects.count() for m in apps.get_models()
            if m._meta.app_label in ("reports", "cases")}


def _send(c, method, path, body):
    return getattr(c, method)(path, body or {}, content_type="application/json")


SCOPED = [op for op in operations() if op[0] in WRITES and op not in NOT_SCOPED
          and ("{pk}" in op[1] or op in CREATES)]


def test_every_write_is_either_scoped_or_listed():
    writes = {op for op in operations() if op[0] in WRITES}
    uploads = {("post", "/api/reports"), ("post", "/api/batches"), ("post", "/api/registers/imports"),
               ("post", "/api/registers/compile")}  # agency read from the file or form: test_scope.py
    assert writes == set(SCOPED) | set(NOT_SCOPED) | uploads


@pytest.mark.parametrize("method,path", SCOPED)
def test_other_agency_refused_nothing_stored(client, team, world, method, path):
    before = _rows()
    r = _send(_as(client, team["clerk_t"]), method, _path(path, world), CREATES.get((method, path)))
    assert r.status_code in (403, 404), (path, r.status_code, r.content[:300])
    body = r.json()
    assert body["ok"] is False and body["error"]
    assert _rows() == before


@pytest.mark.parametrize("method,path", SCOPED)
def test_own_agency_is_not_refused_for_scope(client, team, world, method, path):
    r = _send(_as(client, team["clerk_w"]), method, _path(path, world), CREATES.get((method, path)))
    if r.status_code == 403:  # a role refusal (审核员-only verdicts), never the scope's
        assert "不能处理" not in r.json()["error"], path
    else:
        assert r.status_code != 404, (path, r.content[:300])
