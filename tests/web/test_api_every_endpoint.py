"""Every operation the OpenAPI document lists, taken from the document itself (so a
new endpoint cannot be added without meeting these): anonymous requests get 401,
and a 只读 user's writes get 403, both in the API's one error shape, and nothing
is stored by a refused request."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db

WRITES = {"post", "put", "patch", "delete"}
# Deliberately open without a login: none today. Add here with a reason if ever.
PUBLIC: set[tuple[str, str]] = set()


def operations() -> list[tuple[str, str]]:
    from zfxxgk.web.api import api

    spec = api.get_openapi_schema()
    return sorted((method, path) for path, ops in spec["paths"].items() for method in ops
                  if method in WRITES | {"get"})


def concrete(path: str) -> str:
    """A path template with every parameter filled: numbers for ids, a real action."""
    def fill(m: re.Match) -> str:
        name = m.group(1)
        if name == "action":
            return "publish"
        return "1" if name in ("pk", "id", "position") or name.endswith("_id") else "x"
    return re.sub(r"\{([^}]+)\}", fill, path)


def refused(r, status: int) -> None:
    assert r.status_code == status, (r.request["PATH_INFO"], r.status_code, r.content[:300])
    body = r.json()
    assert body["ok"] is False and body["status"] == status and body["error"]


def stored_rows() -> int:
    from django.apps import apps

    return sum(m.objects.count() for m in apps.get_models()
               if m._meta.app_label in ("reports", "cases"))


def test_the_document_lists_the_cases_and_registers() -> None:
    paths = {p for _, p in operations()}
    assert any(p.startswith("/api/cases") for p in paths)
    assert any(p.startswith("/api/registers") for p in paths)
    assert len(operations()) >= 25


@pytest.mark.parametrize("method,path", operations())
def test_anonymous_is_refused(client, method, path) -> None:
    if (method, path) in PUBLIC:
        pytest.skip("public by design")
    before = stored_rows()
    refused(getattr(client, method)(concrete(path)), 401)
    assert stored_rows() == before


@pytest.mark.parametrize("method,path", [op for op in operations() if op[0] in WRITES])
def test_reader_cannot_write(login, stored, method, path) -> None:
    """An empty body: refused for the role (403) or, where the framework validates
    the body before the handler checks the role, as invalid (422) — either way in
    the one error shape and with nothing stored. (test_api.py and the cases tests
    send valid bodies as a reader to see the 403 itself.)"""
    stored()  # a report with pk 1 or more exists, so a refusal is about the role
    before = stored_rows()
    r = getattr(login("reader"), method)(concrete(path), {}, content_type="application/json")
    refused(r, 422 if r.status_code == 422 else 403)
    if r.status_code == 422:
        assert r.json()["error"].startswith("请求数据有误：缺少") and r.json()["details"]
    assert stored_rows() == before
