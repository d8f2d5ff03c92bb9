"""A `zfxxgk new` draft uploaded in the web (page and API) is read as the draft it
is — the same report and the same findings as `zfxxgk check` gives — never stored
as report text."""

from __future__ import annotations

import io
import re

import pytest

from zfxxgk import api
from zfxxgk.render.draft import new_draft
from zfxxgk.web.reports.models import Report

pytestmark = pytest.mark.django_db

AGENCY = "青禾市云岭区望湖街道办事处"


def draft_with_one_mistake() -> bytes:
    text = re.sub(r"\[(~(, ~)*)\]", lambda m: "[" + m.group(1).replace("~", "0") + "]",
                  new_draft(AGENCY, 2025))
    for code, values in (("received", "3, 0, 0, 0, 0, 0, 3"), ("granted", "2, 0, 0, 0, 0, 0, 2"),
                         ("total", "3, 0, 0, 0, 0, 0, 3")):
        text = re.sub(rf"^  {code}: \[.*\]$", f"  {code}: [{values}]", text, flags=re.M)
    return text.encode("utf-8")


def expected_rules(data: bytes) -> list[str]:
    report = api.parse_bytes(data, source="草稿.yaml")
    return sorted(f.rule for f in api.check_report(report) if f.severity == "error")


def test_draft_upload_page_and_api_give_the_cli_findings(login):
    data = draft_with_one_mistake()
    errors = expected_rules(data)
    assert errors and set(errors) == {"T3-2"}
    c = login("clerk")
    f = io.BytesIO(data)
    f.name = "草稿.yaml"
    r = c.post("/reports/new", {"file": f})
    assert r.status_code == 302, r.content.decode()[:500]
    row = Report.objects.get()
    assert row.agency.name == AGENCY and row.year == 2025 and row.errors == len(errors)
    assert sorted(x.rule for x in row.findings.filter(severity="error")) == errors
    page = c.get(r["Location"]).content.decode()
    assert "draft: zfxxgk.draft/1" not in page
    f = io.BytesIO(data)
    f.name = "草稿"  # no suffix: told by content
    body = c.post("/api/reports", {"file": f}).json()
    assert body["report"]["agency"] == AGENCY
    assert sorted(x["rule"] for x in body["findings"]["findings"] if x["severity"] == "error") == errors
