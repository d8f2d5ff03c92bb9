"""Every page and every JSON read, asked about one agency's objects by another
agency's 录入员 and 审核员 and by someone not signed in.

The routes come from the application itself (the URLconf and the OpenAPI
document), so a new one cannot be added without meeting this test. 望湖街道's
clerk makes a draft report, a batch, a case (with an extension waiting for
approval), a 复议诉讼 entry and its table 二; then each GET is asked with those
objects' ids and 望湖's name in the query. Another agency's staff get a refusal
(403/404, or the page of their own scope) and never one of 望湖's marks (the
report's file name, the batch's name, the case's subject, the entry's number,
table 二's figure); an anonymous request is sent to the login page (HTML) or
answered 401 (JSON). The writes are test_scope_every_write.py's."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest

from .test_api_every_endpoint import operations
from .test_scope import WANGHU
from .test_scope_every_write import (  # noqa: F401 (fixtures)
    LIT, PAGES, World, actors, attempt, clients, url_patterns,
)

pytestmark = pytest.mark.django_db

FIGURE = 7654321  # table 二's 规章 本年制发件数 of 望湖: no other number on any page is this
MARKS = ("wanghu-street-2023", "望湖的批次", "立项批复", LIT["number"], str(FIGURE))
QUERY = {"agency": WANGHU, "year": 2025}
# Routes with a query naming the agency they read (their pages read nothing of it without).
ASKS_AGENCY = {"registers/", "registers/active", "registers/letters", "compile", "cases/", "agencies/<int:pk>/years",
               "/api/registers", "/api/registers/active", "/api/registers/compile", "/api/cases",
               "/api/agencies/{pk}/years"}
NOT_READS = {"accounts/login/", "accounts/logout/"}


class Wanghu(World):
    """望湖's objects, every kind a page or the API reads by id, made at once."""

    def made(self) -> dict[str, int]:
        from zfxxgk.web.cases import store
        from zfxxgk.web.cases.forms import litigation_from_form
        from zfxxgk.web.cases.models import LitigationRecord
        from zfxxgk.web.cases.registers_data import active_from_form

        self.report()
        self.approval()
        agency = store.agency_for(WANGHU)
        store.save_active(active_from_form({"cell:rules.issued": str(FIGURE)}, agency, 2025),
                          self.clerk, agency=agency)
        self.litigation()
        return {"report": self.report().pk, "batch": self.batch().pk, "case": self.case(),
                "approval": self.approval(), "agency": agency.pk,
                "litigation": LitigationRecord.objects.get(number=LIT["number"]).pk,
                "position": self.report().findings.order_by("position")[0].position}


def _kind(route: str) -> str:
    route = route.strip("/").removeprefix("api/")
    for prefix, kind in (("cases/approvals", "approval"), ("cases", "case"), ("batches", "batch"),
                         ("agencies", "agency"), ("registers/litigation", "litigation")):
        if route.startswith(prefix):
            return kind
    return "report"


def _fill(route: str, ids: dict[str, int]) -> str:
    """A route (URLconf `<int:pk>` or OpenAPI `{pk}`) with 望湖's objects put in."""
    def value(name: str) -> str:
        if name == "pk":
            return str(ids[_kind(route)])
        return {"position": str(ids["position"]), "fmt": "json", "kind": "answer",
                "code": "applications.received.total", "action": "submit"}.get(name, "x")
    url = re.sub(r"<(?:\w+:)?(\w+)>|\{(\w+)\}", lambda m: value(m.group(1) or m.group(2)), route)
    url = url if url.startswith("/") else "/" + url
    return url + ("?" + urlencode(QUERY) if route in ASKS_AGENCY else "")


def _leaks(body: bytes) -> list[str]:
    text = body.decode("utf-8", "replace")
    return [m for m in MARKS if m in text]


def _reads() -> list[tuple[str, str]]:
    """("page", route) for every page of the URLconf that answers a GET, and
    ("api", path) for every GET of the OpenAPI document."""
    pages = [("page", r) for r in sorted(url_patterns() - NOT_READS)]
    return pages + [("api", p) for m, p in operations() if m == "get"]


@pytest.fixture
def world(actors):
    w = Wanghu(actors)
    return w, w.made()


@pytest.fixture
def anonymous():
    from django.test import Client

    return Client()


def test_the_walk_covers_the_object_routes():
    routes = [r for _, r in _reads()]
    assert len(routes) >= 40 and PAGES <= set(routes) | NOT_READS
    assert any("{pk}" in r for r in routes) and any("<int:pk>" in r for r in routes)


@pytest.mark.parametrize("where,route", _reads())
def test_another_agency_reads_nothing_of_wanghu(world, clients, anonymous, where, route):
    _, ids = world
    url = _fill(route, ids)
    problems = []
    for name in ("clerk_other", "reviewer_other"):
        r = clients[name].get(url)
        said = f"{name} GET {url} -> {r.status_code}"
        if r.status_code >= 500:
            problems.append(said)
        elif r.status_code == 200 and ("{pk}" in route or "<int:pk>" in route) \
                and _kind(route) != "agency":
            problems.append(f"{said}: another agency's object answered")
        leaked = _leaks(r.content) if r.status_code < 300 or r.status_code >= 400 else []
        if leaked:
            problems.append(f"{said}: shows {leaked}")
    r = anonymous.get(url)
    if where == "api":
        ok = r.status_code == 401
    else:
        ok = r.status_code == 302 and r["Location"].startswith("/accounts/login/")
    if not ok or _leaks(r.content):
        problems.append(f"anonymous GET {url} -> {r.status_code} {r.get('Location', '')}")
    assert not problems, "\n".join(problems)


def test_wanghu_itself_reads_them(world, clients):
    """The walk's objects are real: 望湖's own clerk sees each of them; its 审核员
    and a 管理员 read their entries in the log."""
    _, ids = world
    c = clients["clerk_own"]
    for route in ("reports/<int:pk>", "batches/<int:pk>", "cases/<int:pk>", "registers/litigation/<int:pk>",
                  "registers/active", "/api/registers/active"):
        r = c.get(_fill(route, ids))
        assert r.status_code == 200 and _leaks(r.content), (route, r.status_code)
    for name in ("reviewer_own", "admin_other"):  # the log: 望湖's reviewer, and 管理员 (all)
        for route in ("audit/", "/api/audit"):
            r = clients[name].get(_fill(route, ids))
            assert r.status_code == 200 and set(_leaks(r.content)) >= {"望湖的批次", LIT["number"]}, \
                (name, route, _leaks(r.content))


@pytest.mark.parametrize("route", sorted(url_patterns() - NOT_READS))
def test_anonymous_posts_to_every_page_store_nothing(world, anonymous, route):
    """Every page's POST too (the forms' and the reading pages'), with 望湖's
    objects: someone not signed in is sent to the login page (or told the page
    takes no POST), and nothing is stored."""
    _, ids = world
    url = _fill(route, ids)
    r, diff = attempt(anonymous, "post", url, {"data": {"version": "*", "agency": WANGHU, "year": "2025"}})
    assert not diff, (url, diff)
    assert r.status_code == 405 or (r.status_code == 302 and r["Location"].startswith("/accounts/login/")), \
        (url, r.status_code)
