"""Table 二's amount (行政事业性收费 金额，万元) keeps its digits through the
register: typed on the page or sent to the API, stored, answered, shown, audited
and compiled into the report as 8235.4200, never the float 8235.42 (nor 0.3 as
0.30000000000000004, nor a 19-digit amount as a float's neighbour)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from zfxxgk.web.cases.models import ActiveFiguresRecord
from zfxxgk.web.cases.store import NEW
from zfxxgk.web.reports.models import Agency, Report

pytestmark = pytest.mark.django_db

AGENCY = "青禾市人民政府"
AMOUNTS = ["8235.4200", "0.30", "123456789012345.6789"]


def _amount(body: bytes) -> str:
    """fees.amount as the JSON text of a table 二 answer writes it."""
    rows = json.loads(body, parse_float=str)["rows"]
    return next(r for r in rows if r["code"] == "fees")["cells"]["amount"]


def _through_compile(c) -> tuple[str, Decimal]:
    """The amount in the compiled report: the preview's JSON text, and the draft's data."""
    body = c.get(f"/api/registers/compile?agency={AGENCY}&year=2025").content
    previewed = json.loads(body, parse_float=str)["report"]["active"]["fees"]["amount"]
    assert c.post("/api/registers/compile", {"agency": AGENCY, "year": "2025"}).status_code == 201
    return previewed, Report.objects.get().data["active"]["fees"]["amount"]


@pytest.fixture
def agency(db):
    return Agency.objects.create(key=AGENCY, name=AGENCY)


@pytest.mark.parametrize("written", AMOUNTS)
def test_an_amount_typed_on_the_page_is_kept(login, agency, written):
    c = login("clerk")
    r = c.post("/registers/active", {"agency": AGENCY, "year": "2025", "version": NEW,
                                     "cell:fees.amount": written})
    assert r.status_code == 302, r.content[:300]
    assert ActiveFiguresRecord.objects.get().cells["fees"]["amount"] == Decimal(written)
    assert _amount(c.get(f"/api/registers/active?agency={AGENCY}&year=2025").content) == written
    assert f'value="{written}"' in c.get(f"/registers/active?agency={AGENCY}&year=2025").content.decode()
    log = login("admin").get("/api/audit?object_type=activefiguresrecord").json()["entries"]
    assert log[0]["after"]["fees"]["amount"] == written
    c = login("admin")  # compile needs upload as well as cases
    assert _through_compile(c) == (written, Decimal(written))


@pytest.mark.parametrize("written", AMOUNTS)
def test_an_amount_sent_to_the_api_is_kept(login, agency, written):
    c = login("clerk")
    body = '{"agency": "%s", "year": 2025, "cells": {"fees": {"amount": %s}}}' % (AGENCY, written)
    r = c.put("/api/registers/active", body, content_type="application/json", HTTP_IF_MATCH=NEW)
    assert r.status_code == 200, r.content[:300]
    assert _amount(r.content) == written
    assert ActiveFiguresRecord.objects.get().cells["fees"]["amount"] == Decimal(written)
    assert _through_compile(login("admin")) == (written, Decimal(written))
