"""Every write, as every role of the object's own agency and of another agency.

The writes are taken from the application itself: every write operation of the
OpenAPI document and every page of the URLconf. Each must be listed below, with
the roles it is for and a request that succeeds for them, so a new write cannot
be added without meeting this test. For each of 管理员, 审核员, 录入员, 只读 of
望湖街道 (the agency whose data is written) and of 交通运输局 (another one), the
answer is the expected success, or a refusal (403 for the role, 403/404 for the
scope); a refusal stores nothing (every row of every table, and the data folder's
files, compared before and after) and a success stores what it should.

Each attempt runs in a savepoint rolled back afterwards, so the eight actors meet
the same state."""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from calendar_notices import complete

from cases.ledger_books import register
from .conftest import EXAMPLES, PASSWORD
from .test_api_every_endpoint import WRITES, operations
from .test_scope import INTAKE, TRANSPORT, WANGHU

pytestmark = pytest.mark.django_db

ROLES = {"admin": "管理员", "reviewer": "审核员", "clerk": "录入员", "reader": "只读"}
ACTORS = [(role, side) for role in ROLES for side in ("own", "other")]
ANY = frozenset(ROLES)
WORK = frozenset({"admin", "clerk"})  # 录入 of reports, cases and registers
UPLOAD = frozenset({"admin", "reviewer", "clerk"})
PUBLISH = frozenset({"admin", "reviewer"})
ADMIN = frozenset({"admin"})
REPORT = "wanghu-street-2023.txt"
EXT = {"on": "2025-10-20", "days": "20", "notice_on": "2025-10-20", "approver": "reviewer_own"}
LIT = {"agency": WANGHU, "number": "复议2025-9", "kind": "review", "received_on": "2025-03-01"}
YEAR_2031 = complete("""year = 2031
source = "国务院办公厅关于2031年部分节假日安排的通知（测试数据）"

[[festival]]
name = "元旦"
from = 2031-01-01
to = 2031-01-01
workdays = []
""")


# --- the state the writes act on: 望湖's, made by its clerk ---------------------------------

class World:
    """Objects of 望湖街道, each made on first use (a test makes only what its write needs)."""

    def __init__(self, users: dict):
        self.users, self._made = users, {}

    def _once(self, key: str, make: Callable[[], object]):
        if key not in self._made:
            self._made[key] = make()
        return self._made[key]

    @property
    def clerk(self):
        return self.users["clerk_own"]

    def report(self, status: str = "draft"):
        from zfxxgk.web.reports import services, workflow

        def make():
            row = services.create_report((EXAMPLES / REPORT).read_bytes(), REPORT, self.clerk)
            if status != "draft":
                workflow.transition(row, "submit", self.clerk)
            if status == "published":
                workflow.transition(row, "publish", self.users["admin_own"])
            row.refresh_from_db()
            assert row.status == status and row.agency.name == WANGHU
            return row
        return self._once(f"report:{status}", make)

    def finding(self) -> tuple[int, int]:
        row = self.report("review")
        return row.pk, row.findings.order_by("position").values_list("position", flat=True)[0]

    def clean_report(self) -> int:
        """The report in review with its errors dismissed by 望湖's 管理员: what the
        list's bulk 标记为已审核 acts on (its warning is left open)."""
        from zfxxgk.web.reports import verdicts

        def make():
            row = self.report("review")
            for f in list(row.findings.filter(severity="error")):
                verdicts.decide(row, f.position, "dismissed", "", self.users["admin_own"])
            return row.pk
        return self._once("clean_report", make)

    def batch(self):
        from zfxxgk.web.reports import batchjobs

        return self._once("batch", lambda: batchjobs.stage_batch(
            [("a.txt", (EXAMPLES / REPORT).read_bytes() + b"\n")], self.clerk, "望湖的批次"))

    def unfiled(self):
        """A report a batch review read and nobody has filed yet."""
        from zfxxgk.web.reports.models import Report

        def make():
            row = self.report()
            Report.objects.filter(pk=row.pk).update(filed=False, batch=self.batch())
            row.refresh_from_db()
            return row
        return self._once("unfiled", make)

    def case(self) -> int:
        from django.test import Client

        def make():
            c = Client()
            c.force_login(self.clerk)
            r = c.post("/api/cases", {**INTAKE, "agency": WANGHU}, content_type="application/json")
            assert r.status_code == 201, r.content
            return r.json()["id"]
        return self._once("case", make)

    def approval(self) -> int:
        from zfxxgk.web.cases import approving
        from zfxxgk.web.cases.forms import event
        from zfxxgk.web.cases.models import CaseRecord
        from zfxxgk.web.cases.store import case_of

        def make():
            record = CaseRecord.objects.get(pk=self.case())
            ev = event("extended", EXT, self.clerk, case_of(record).items)
            return approving.request_extension(record, ev, self.clerk, "reviewer_own").pk
        return self._once("approval", make)

    def litigation(self) -> int:
        from zfxxgk.web.cases import store
        from zfxxgk.web.cases.forms import litigation_from_form

        def make():
            agency = store.scoped_agency(WANGHU, self.clerk, create=True)
            return store.save_litigation(litigation_from_form(LIT, agency), self.clerk,
                                         agency=agency).pk
        return self._once("litigation", make)

    def agency(self) -> int:
        return self.report().agency_id


# --- requests ------------------------------------------------------------------------------

def as_json(body: dict) -> dict:
    return {"data": json.dumps(body, ensure_ascii=False), "content_type": "application/json"}


def upload(name: str, data: bytes, **form) -> dict:
    f = io.BytesIO(data)
    f.name = name
    return {"data": {**form, "file": f}}


def report_file() -> dict:  # not the world's report's bytes: a new upload, not a known copy
    return upload(REPORT, (EXAMPLES / REPORT).read_bytes() + b"\n\n")


def _zip() -> io.BytesIO:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("b.txt", (EXAMPLES / REPORT).read_bytes() + b"\n\n\n")
    buf.seek(0)
    buf.name = "b.zip"
    return buf


def batch_files() -> dict:
    return {"data": {"files": [_zip()], "name": "新批次"}}


def zip_as_report() -> dict:  # a zip sent to "upload a report": a batch, as batches/new makes
    return {"data": {"file": _zip()}}


@dataclass(frozen=True)
class Write:
    """One write: who may (by role), the request (url, kwargs) on a World, the
    success status; `scoped` when another agency's actor is refused; `stores` when
    a success changes rows (False: a computation or a preview, nothing stored)."""

    roles: frozenset
    request: Callable[[World], tuple[str, dict]]
    ok: int
    scoped: bool = True
    stores: bool = True
    why: str = ""


def _report_url(tail: str, status: str = "draft", api: bool = True):
    """A step on the world's report, naming any version (`*`): scope is what is tried."""
    return lambda w: (f"{'/api' if api else ''}/reports/{w.report(status).pk}{tail}",
                      {"HTTP_IF_MATCH": "*"} if api else {"data": {"version": "*"}})


# The OpenAPI document's writes.
API: dict[tuple[str, str], Write] = {
    ("post", "/api/reports"): Write(UPLOAD, lambda w: ("/api/reports", report_file()), 201),
    ("patch", "/api/reports/{pk}/cells"): Write(WORK, lambda w: (
        f"/api/reports/{w.report().pk}/cells",
        {**as_json({"cells": {"applications.received.natural_person": "7"}}),
         "HTTP_IF_MATCH": "*"}), 200),  # any version: scope is what is tried
    ("post", "/api/reports/{pk}/check-cells"): Write(WORK, lambda w: (
        f"/api/reports/{w.report().pk}/check-cells", as_json({"cells": {}})), 200, stores=False),
    ("post", "/api/reports/{pk}/file"): Write(UPLOAD, lambda w: (
        f"/api/reports/{w.unfiled().pk}/file", {}), 200),
    ("post", "/api/reports/{pk}/findings/{position}/verdict"): Write(PUBLISH, lambda w: (
        "/api/reports/{}/findings/{}/verdict".format(*w.finding()),
        {**as_json({"verdict": "confirmed", "comment": "属实"}), "HTTP_IF_MATCH": "*"}), 200),
    ("post", "/api/reports/review"): Write(PUBLISH, lambda w: ("/api/reports/review", as_json(
        {"reports": [{"id": w.clean_report(), "version": "*"}]})), 200),
    ("post", "/api/reports/{pk}/{action}"): Write(WORK, _report_url("/submit"), 200,
                                                  why="submit; return and publish: API_MORE"),
    ("post", "/api/batches"): Write(UPLOAD, lambda w: ("/api/batches", batch_files()), 202,
                                    scoped=False, why="a new batch is its uploader's; each "
                                    "file's agency is checked when read (test_scope.py)"),
    ("post", "/api/batches/{pk}/file"): Write(UPLOAD, lambda w: (
        f"/api/batches/{w.unfiled().batch_id}/file", {}), 200),
    ("post", "/api/cases"): Write(WORK, lambda w: (
        "/api/cases", as_json({**INTAKE, "number": "2025-0099", "agency": WANGHU})), 201),
    ("post", "/api/cases/deadline-preview"): Write(WORK, lambda w: (
        "/api/cases/deadline-preview", as_json({"arrived_on": "2025-09-26", "channel": "in_person"})),
        200, scoped=False, stores=False, why="a computation for no agency"),
    ("post", "/api/cases/{pk}/events/{kind}"): Write(WORK, lambda w: (
        f"/api/cases/{w.case()}/events/answered", as_json({"on": "2025-10-10", "outcome": "granted"})),
        200),
    ("post", "/api/cases/{pk}/reveal"): Write(WORK, lambda w: (
        f"/api/cases/{w.case()}/reveal", as_json({"purpose": "核对身份"})), 200),
    ("post", "/api/cases/approvals/{pk}/decide"): Write(PUBLISH, lambda w: (
        f"/api/cases/approvals/{w.approval()}/decide", as_json({"decision": "approve"})), 200),
    ("post", "/api/registers/litigation"): Write(WORK, lambda w: (
        "/api/registers/litigation", as_json(LIT)), 201),
    ("put", "/api/registers/active"): Write(WORK, lambda w: (
        "/api/registers/active", {**as_json({"agency": WANGHU, "year": 2025,
                                             "cells": {"rules": {"issued": 2}}}),
                                  "HTTP_IF_MATCH": "*"}), 200),
    ("post", "/api/registers/calendar"): Write(ADMIN, lambda w: (
        "/api/registers/calendar", as_json({"text": YEAR_2031})), 201, scoped=False,
        why="the working-day calendar is everyone's"),
    ("post", "/api/registers/imports"): Write(WORK, lambda w: (
        "/api/registers/imports", upload("台账.xlsx", register(), agency=WANGHU)), 200),
    ("post", "/api/registers/compile"): Write(UPLOAD, lambda w: (w.case() and (
        "/api/registers/compile", {"data": {"agency": WANGHU, "year": 2025}})), 201),
}
# The same operations again where one path does several things.
API_MORE: dict[str, Write] = {
    "zip as a report": Write(UPLOAD, lambda w: ("/api/reports", zip_as_report()), 202, scoped=False,
                             why="a zip becomes a batch (batchjobs.accept_upload), as POST "
                             "/api/batches: each file's agency is checked when read"),
    "return": Write(PUBLISH, _report_url("/return", "review"), 200),
    "publish": Write(PUBLISH, _report_url("/publish", "review"), 200),
    "extension request": Write(WORK, lambda w: (
        f"/api/cases/{w.case()}/events/extended", as_json(EXT)), 200),
}

# The pages that take a POST (the URLconf's, admin and API aside).
FORMS: dict[str, Write] = {
    "reports/new": Write(UPLOAD, lambda w: ("/reports/new", report_file()), 302),
    "reports/import-url": Write(UPLOAD, lambda w: ("/reports/import-url", {"data": {"url": ""}}),
                                400, scoped=False, stores=False,
                                why="no network in tests: an empty address is refused for every "
                                "role that may upload; the stored file goes through create_report "
                                "as reports/new does, with its scope check"),
    "reports/<int:pk>/edit": Write(WORK, lambda w: (
        f"/reports/{w.report().pk}/edit",
        {"data": {"cell:applications.received.natural_person": "7", "version": "*"}}), 302),
    "reports/<int:pk>/edit/check": Write(WORK, lambda w: (
        f"/reports/{w.report().pk}/edit/check", {"data": {}}), 200, stores=False),
    "reports/<int:pk>/edit/parts/<str:key>/check": Write(WORK, lambda w: (
        f"/reports/{w.report().pk}/edit/parts/1/check", {"data": {"section:1": "概述"}}), 200,
        stores=False),
    "reports/<int:pk>/edit/parts/<str:key>/draft": Write(WORK, lambda w: (
        f"/reports/{w.report().pk}/edit/parts/1/draft", {"data": {}}), 200, stores=False),
    "reports/<int:pk>/file": Write(UPLOAD, lambda w: (f"/reports/{w.unfiled().pk}/file", {}), 302),
    "reports/<int:pk>/findings/<int:position>/verdict": Write(PUBLISH, lambda w: (
        "/reports/{}/findings/{}/verdict".format(*w.finding()),
        {"data": {"verdict": "dismissed", "comment": "已核实", "version": "*"}}), 302),
    "reports/review": Write(PUBLISH, lambda w: ("/reports/review", {"data": {
        "scope": "selected", "report": str(w.clean_report()), f"version-{w.clean_report()}": "*"}}), 302),
    "reports/<int:pk>/<str:action>": Write(WORK, _report_url("/submit", api=False), 302,
                                           why="submit; return and publish: FORMS_MORE"),
    "reports/<int:pk>/versions/new": Write(WORK, _report_url("/versions/new", "published", False),
                                           302),
    "batches/new": Write(UPLOAD, lambda w: ("/batches/new", batch_files()), 302, scoped=False,
                         why="as POST /api/batches"),
    "batches/<int:pk>/file": Write(UPLOAD, lambda w: (
        f"/batches/{w.unfiled().batch_id}/file", {}), 302),
    "agencies/<int:pk>/place": Write(ADMIN, lambda w: (
        f"/agencies/{w.agency()}/place", {"data": {"level": "department", "parent": ""}}), 302,
        scoped=False, why="管理员 only, whose scope is everything"),
    "cases/import": Write(WORK, lambda w: ("/cases/import", upload(
        "台账.xlsx", register(), agency=WANGHU, action="upload")), 200),
    "calendar/": Write(ADMIN, lambda w: ("/calendar/", {"data": {"text": YEAR_2031}}), 200,
                       scoped=False, why="the working-day calendar is everyone's"),
    "registers/": Write(WORK, lambda w: ("/registers/", {"data": LIT}), 302),
    "registers/litigation/<int:pk>": Write(WORK, lambda w: (
        f"/registers/litigation/{w.litigation()}", {"data": {**LIT, "note": "补记", "version": "*"}}), 302),
    "registers/letters": Write(WORK, lambda w: ("/registers/letters", {"data": {
        "agency": WANGHU, "short_name": "望湖街", "review_body": "云岭区人民政府", "version": "*"}}), 302),
    "registers/active": Write(WORK, lambda w: ("/registers/active", {"data": {
        "agency": WANGHU, "year": "2025", "cell:rules.issued": "2", "version": "*"}}), 302),
    "compile": Write(UPLOAD, lambda w: (w.case() and (
        "/compile", {"data": {"agency": WANGHU, "year": "2025"}})), 302),
    "cases/new": Write(WORK, lambda w: ("/cases/new", {"data": {
        **INTAKE, "number": "2025-0098", "agency": WANGHU}}), 302),
    "cases/new/preview": Write(WORK, lambda w: ("/cases/new/preview", {"data": {
        "arrived_on": "2025-09-26", "channel": "in_person"}}), 200, scoped=False, stores=False,
        why="a computation for no agency"),
    "cases/<int:pk>/events/<str:kind>": Write(WORK, lambda w: (
        f"/cases/{w.case()}/events/answered", {"data": {"on": "2025-10-10", "outcome": "granted"}}),
        302),
    "cases/<int:pk>/extension-request": Write(WORK, lambda w: (
        f"/cases/{w.case()}/extension-request", {"data": EXT}), 302),
    "cases/approvals/<int:pk>/decide": Write(PUBLISH, lambda w: (
        f"/cases/approvals/{w.approval()}/decide", {"data": {"decision": "approve"}}), 302),
    "cases/<int:pk>/reveal": Write(WORK, lambda w: (
        f"/cases/{w.case()}/reveal", {"data": {"purpose": "核对身份"}}), 200),
    "accounts/password/": Write(ANY, lambda w: ("/accounts/password/", {"data": {
        "old_password": PASSWORD, "new_password1": "望湖-新密码-2026", "new_password2": "望湖-新密码-2026"}}),
        302, scoped=False, why="one's own password: the signed-in user's row, in no agency"),
}
# The one write a 只读 user may make: its own password (and nobody else's: the form
# names no user). Every other write is refused to 只读 (test_the_table_explains_each_exception).
OWN_ACCOUNT = {"accounts/password/"}
FORMS_MORE: dict[str, Write] = {
    "zip as a report": Write(UPLOAD, lambda w: ("/reports/new", zip_as_report()), 302, scoped=False,
                             why="as POST /api/reports with a zip"),
    "return": Write(PUBLISH, _report_url("/return", "review", False), 302),
    "publish": Write(PUBLISH, _report_url("/publish", "review", False), 302),
    "edit then submit": Write(WORK, lambda w: (f"/reports/{w.report().pk}/edit", {"data": {
        "cell:applications.received.natural_person": "7", "then": "submit", "version": "*"}}), 302),
    "reject a calendar": Write(ADMIN, lambda w: ("/calendar/", {"data": {"text": "year = x"}}), 400,
                               scoped=False, stores=False, why="a refused calendar stores nothing"),
}

# Pages that only read: a POST to them stores nothing, whoever sends it.
PAGES = {
    "", "reports/export.xlsx", "reports/<int:pk>", "reports/<int:pk>/download.<str:fmt>",
    "batches/<int:pk>", "batches/<int:pk>/progress", "batches/<int:pk>/export.xlsx",
    "agencies/", "agencies/<int:pk>", "agencies/<int:pk>/years", "dashboard", "dashboard/cells.csv", "cases/",
    "cases/work", "cases/reminders", "cases/<int:pk>", "cases/approvals", "cases/export.xlsx",
    "cases/<int:pk>/letters/<str:kind>.docx", "audit/", "accounts/login/", "accounts/logout/",
    "reports/<int:pk>/crops/<str:code>.png", "accounts/password/done/",
}


def url_patterns() -> set[str]:
    from django.urls import get_resolver

    found: set[str] = set()

    def walk(patterns, prefix: str) -> None:
        for p in patterns:
            route = prefix + str(p.pattern)
            if hasattr(p, "url_patterns"):
                walk(p.url_patterns, route)
            else:
                found.add(route)
    walk(get_resolver().url_patterns, "")
    return {r for r in found if not r.startswith(("admin/", "api/"))}


# --- the actors and the comparison -----------------------------------------------------------

@pytest.fixture
def actors(users):
    """{role}_own of 望湖街道 and {role}_other of 交通运输局, for each of the four roles."""
    from django.contrib.auth.models import User

    from zfxxgk.web.accounts.manage import add_user
    from zfxxgk.web.cases import store

    store.agency_for(TRANSPORT, create=True)
    for role, group in ROLES.items():
        add_user(f"{role}_own", group, PASSWORD, agency=WANGHU)
        add_user(f"{role}_other", group, PASSWORD, agency=TRANSPORT)
    return {u.username: u for u in User.objects.filter(username__contains="_")}


SKIPPED_TABLES = ("django_session", "axes_")  # sessions and login attempts


def snapshot() -> dict:
    """Every row of every table (sessions and login attempts aside), as the database
    holds it, and the names and sizes of the data folder's files (the database and
    the cache of sessions and permissions aside)."""
    from django.conf import settings
    from django.db import connection

    rows = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if not table.startswith(SKIPPED_TABLES):
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")
                rows[table] = cursor.fetchall()
    folder = Path(settings.DATA_DIR)
    files = {str(p.relative_to(folder)): p.stat().st_size for p in folder.rglob("*")
             if p.is_file() and ".sqlite3" not in p.name and p.relative_to(folder).parts[0] != "cache"}
    return {"rows": rows, "files": files}


def changed(before: dict, after: dict) -> list[str]:
    out = [t for t in before["rows"] if before["rows"][t] != after["rows"][t]]
    return out + sorted(set(before["files"].items()) ^ set(after["files"].items()))


def expected(write: Write, role: str, side: str) -> str:
    """"role": 403; "scope": 403 or 404; another agency's object may be refused as
    unknown (404) before the role is asked, which says no more about it."""
    if role not in write.roles:
        return "role" if side == "own" or not write.scoped else "scope"
    if side == "other" and write.scoped and role != "admin":
        return "scope"
    return "ok"


def attempt(client, method: str, url: str, kwargs: dict):
    """The request, and what it changed, in a savepoint that is then rolled back."""
    from django.db import transaction

    from django.conf import settings

    before = snapshot()
    with transaction.atomic():
        r = getattr(client, method)(url, **kwargs)
        diff = changed(before, snapshot())
        transaction.set_rollback(True)
    for name in set(snapshot()["files"]) - set(before["files"]):  # the files go with the rows
        (Path(settings.DATA_DIR) / name).unlink()
    return r, diff


def check(write: Write, method: str, world: World, clients: dict) -> list[str]:
    """Every actor's attempt; the list of what went against the table."""
    problems = []
    for role, side in ACTORS:
        url, kwargs = write.request(world)
        r, diff = attempt(clients[f"{role}_{side}"], method, url, kwargs)
        want = expected(write, role, side)
        said = f"{role}/{side} {method.upper()} {url} -> {r.status_code}"
        if want == "ok":
            if r.status_code != write.ok:
                problems.append(f"{said}, expected {write.ok}: {r.content[:300]!r}")
            elif write.stores and not diff:
                problems.append(f"{said}: answered {r.status_code} but stored nothing")
            elif not write.stores and diff:
                problems.append(f"{said}: a computation stored {diff}")
        else:
            allowed = (403,) if want == "role" else (403, 404)
            if r.status_code not in allowed:
                problems.append(f"{said}, expected a {want} refusal {allowed}: {r.content[:300]!r}")
            if diff:
                problems.append(f"{said}: refused but changed {diff}")
            if url.startswith("/api/") and r.status_code in allowed:
                body = r.json()
                if body.get("ok") is not False or not body.get("error"):
                    problems.append(f"{said}: not the API's error shape: {body}")
    return problems


@pytest.fixture
def clients(actors):
    from django.test import Client

    made = {}
    for name, user in actors.items():
        made[name] = Client()
        made[name].force_login(user)
    return made


# --- the tests -------------------------------------------------------------------------------

def test_every_api_write_is_in_the_table():
    writes = {op for op in operations() if op[0] in WRITES}
    assert writes == set(API), {"not listed": writes - set(API), "gone": set(API) - writes}


def test_every_page_is_in_the_table():
    routes = url_patterns()
    assert routes == set(FORMS) | PAGES, {"not listed": routes - set(FORMS) - PAGES,
                                          "gone": (set(FORMS) | PAGES) - routes}


def test_the_table_explains_each_exception():
    """A write that is not refused to another agency says why; a 只读 user may write
    nothing but its own password (OWN_ACCOUNT, unscoped: it names no one else)."""
    every = {**{f"{m} {p}": w for (m, p), w in API.items()}, **API_MORE, **FORMS, **FORMS_MORE}
    assert [k for k, w in every.items() if not w.scoped and not w.why and w.ok < 400] == []
    assert [k for k, w in every.items() if "reader" in w.roles and k not in OWN_ACCOUNT] == []
    assert all(k in FORMS and not FORMS[k].scoped for k in OWN_ACCOUNT)


def _run(write: Write, method: str, actors, clients):
    problems = check(write, method, World(actors), clients)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("op", sorted(API), ids=lambda op: f"{op[0]} {op[1]}")
def test_api_write(actors, clients, op):
    _run(API[op], op[0], actors, clients)


@pytest.mark.parametrize("name", sorted(API_MORE))
def test_api_write_more(actors, clients, name):
    _run(API_MORE[name], "post", actors, clients)


@pytest.mark.parametrize("route", sorted(FORMS))
def test_form(actors, clients, route):
    _run(FORMS[route], "post", actors, clients)


@pytest.mark.parametrize("name", sorted(FORMS_MORE))
def test_form_more(actors, clients, name):
    _run(FORMS_MORE[name], "post", actors, clients)


def _page_url(route: str, world: World) -> str:
    values = {"pk": lambda r: str(world.case() if r.startswith("cases/")
                                  else world.batch().pk if r.startswith("batches/")
                                  else world.agency() if r.startswith("agencies/")
                                  else world.report().pk),
              "fmt": lambda r: "json", "kind": lambda r: "answer",
              "code": lambda r: "applications.received.total"}
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)](route), route)


@pytest.mark.parametrize("route", sorted(PAGES - {"accounts/login/", "accounts/logout/"}))
def test_a_post_to_a_reading_page_stores_nothing(actors, clients, route):
    world = World(actors)
    url = _page_url(route, world)
    for name in ("admin_own", "clerk_other"):
        r, diff = attempt(clients[name], "post", url, {"data": {"title": "改", "status": "draft"}})
        assert r.status_code < 500 and not diff, (name, url, r.status_code, diff)
