"""Every HTML page has a JSON twin: the test walks the URL patterns (so a new page
is checked without being listed here), opens each page and follows its
`Link: <…>; rel="alternate"; type="application/json"` header to a 200 JSON answer
of the API. Routes that answer GET with 405 take form posts only; the other
routes that are not pages (downloads, login) are listed with the reason."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from .test_case_registers import ENTRY
from .test_cases_pages import INTAKE

pytestmark = pytest.mark.django_db

NOT_PAGES = {
    "reports:export": "an Excel download",
    "reports:batch_export": "an Excel download",
    "reports:dashboard_cells": "a CSV download (the cells the dashboard counts)",
    "reports:download": "a file download",
    "reports:crop": "a picture of one cell of a scan",
    "cases:letter": "a Word download",
    "cases:export": "an Excel download (the 台账)",
    "login": "the login form (no data)",
    "password_change": "the form for one's own password (no data)",
    "password_change_done": "says the password was changed (no data)",
}
SKIPPED_NAMESPACES = ("admin", "api")
LINK = re.compile(r'^<([^>]+)>; rel="alternate"; type="application/json"$')


def _routes(patterns, namespace=None, prefix=""):
    """(name with namespace, route text) of every page route."""
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            if ns in SKIPPED_NAMESPACES:
                continue
            yield from _routes(p.url_patterns, ns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace else p.name
            yield name, prefix + str(p.pattern)


@pytest.fixture
def objects(login, stored, users):
    """One of each kind of object a page shows: {route parameter: value}."""
    from zfxxgk.web.reports import batchjobs

    from .test_batches import _reports

    report = stored("wanghu-street-2023.txt")
    stored("wanghu-street-2020.txt")  # a second year: the comparison page has two
    batch = batchjobs.stage_batch(list(_reports(1).items()), users["clerk"], "批")
    c = login("admin")
    case = c.post("/cases/new", INTAKE)
    assert case.status_code == 302
    assert c.post("/registers/", {**ENTRY, "agency": report.agency.name}).status_code == 302
    from zfxxgk.web.cases.models import CaseRecord, LitigationRecord

    return {"reports:detail": report.pk, "reports:edit": report.pk, "reports:batch": batch.pk,
            "reports:batch_progress": batch.pk, "reports:agency": report.agency_id,
            "reports:agency_years": report.agency_id, "cases:detail": CaseRecord.objects.get().pk,
            "caseregs:litigation": LitigationRecord.objects.get().pk}


def test_every_page_links_its_json_twin(login, objects):
    c = login("admin")
    checked = []
    for name, route in _routes(get_resolver().url_patterns):
        if name in NOT_PAGES:
            continue
        assert name is not None, f"{route}: a route without a name cannot be reversed"
        url = "/" + re.sub(r"<int:pk>", str(objects.get(name, 0)), route)
        url = re.sub(r"<str:\w+>", "x", url)  # only actions and downloads take words
        url = url.replace("<int:position>", "0")  # a finding's place: POST only
        assert "<" not in url, f"{name}: no sample value for {route}"
        page = c.get(url)
        if page.status_code == 405:  # POST only: an action or an htmx fragment
            continue
        assert page.status_code == 200, (name, url, page.status_code)
        assert page["Content-Type"].startswith("text/html"), name
        link = LINK.match(page.get("Link", ""))
        assert link, f"{name} ({url}) has no JSON twin in its Link header"
        twin_url = link.group(1)
        assert resolve(twin_url.split("?")[0]).namespace == "api", (name, twin_url)
        twin = c.get(twin_url)
        assert twin.status_code == 200 and twin["Content-Type"].startswith("application/json"), \
            (name, twin_url, twin.status_code)
        twin.json()
        checked.append(name)
    assert len(checked) >= 20  # the walk found the pages (a broken walk checks nothing)


def test_no_api_address_is_written_by_hand():
    """The twins' addresses come from reverse(), so a route renamed in api.py
    cannot leave a page linking to nothing."""
    from pathlib import Path

    import zfxxgk.web

    web = Path(zfxxgk.web.__file__).parent
    found = [f"{p.relative_to(web)}:{n}" for p in [*web.rglob("*.py"), *web.rglob("*.html")]
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"""["'<]/api/""", line)]
    assert found == []
