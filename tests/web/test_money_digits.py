"""A report's money keeps the digits it was written with through the web: stored,
answered by the API, shown, checked again and backed up as 8235.4200, never the
float 8235.42 (nor, past fifteen digits, a float's neighbour of the figure)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from zfxxgk.model import Report as LibReport, report_to_json
from zfxxgk.web.reports.models import Report

pytestmark = pytest.mark.django_db
AMOUNT = "active.fees.amount"


def _amount(body: bytes) -> str:
    """The amount as the response's JSON text writes it."""
    return json.loads(body, parse_float=str)["report"]["active"]["fees"]["amount"]


def _patch(c, pk: int, value: str):
    body = '{"cells": {"%s": %s}}' % (AMOUNT, value)
    return c.patch(f"/api/reports/{pk}/cells", body, content_type="application/json",
                   HTTP_IF_MATCH=c.get(f"/api/reports/{pk}")["ETag"])


@pytest.mark.parametrize("written", ["8235.4200", "0.10", "123456789012345.6789"])
def test_an_amount_sent_to_the_api_is_kept_as_written(login, stored, written):
    row = stored()
    c = login("clerk")
    r = _patch(c, row.pk, written)
    assert r.status_code == 200, r.content[:300]
    assert _amount(r.content) == written
    assert _amount(c.get(f"/api/reports/{row.pk}").content) == written
    assert Report.objects.get(pk=row.pk).data["active"]["fees"]["amount"] == Decimal(written)
    assert written in c.get(f"/reports/{row.pk}").content.decode()


def test_an_uploaded_report_json_keeps_its_amount(login):
    lib = LibReport(agency="某某局", year=2023, template="2021",
                    applications={"received": {"natural_person": 3, "total": 3}},
                    active={"fees": {"amount": Decimal("8235.4200")}})
    c = login("clerk")
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = c.post("/api/reports", {"file": SimpleUploadedFile(
        "r.json", report_to_json(lib, provenance=False).encode())})
    assert r.status_code == 201, r.content[:300]
    assert _amount(r.content) == "8235.4200"
    row = Report.objects.get(pk=r.json()["id"])
    from zfxxgk.web.reports.services import library_report

    assert library_report(row).active["fees"]["amount"] == Decimal("8235.4200")


def test_a_backup_copy_keeps_the_amount(login, stored):
    from django.core import serializers

    row = stored()
    assert _patch(login("clerk"), row.pk, "8235.4200").status_code == 200
    text = serializers.serialize("zfxxgk_json", Report.objects.filter(pk=row.pk))
    assert "8235.4200" in text
    back = next(serializers.deserialize("zfxxgk_json", text)).object
    assert back.data["active"]["fees"]["amount"] == Decimal("8235.4200")
    assert str(back.data["active"]["fees"]["amount"]) == "8235.4200"
