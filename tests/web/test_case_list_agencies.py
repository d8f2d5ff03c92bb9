"""The case list's 机关 choices come from the report list's one tag (report_tags.
agency_options): a template loop looked the request's `agency` up once per option,
0.1 s per 1 000 agencies, and a district or a province has thousands."""

from __future__ import annotations

import re

import pytest
from django.template import base

from .test_cases_pages import intake

pytestmark = pytest.mark.django_db


def _many(n: int) -> None:
    """`n` more agencies, each with one case (copies of the first case's data)."""
    from zfxxgk.web.cases.models import CaseRecord
    from zfxxgk.web.reports.models import Agency

    first = CaseRecord.objects.get()
    made = Agency.objects.bulk_create(Agency(key=f"k{i}", name=f"青禾市第{i:04d}局") for i in range(n))
    CaseRecord.objects.bulk_create(
        CaseRecord(agency=a, number=f"2025-{i:04d}", data=first.data, status=first.status,
                   applicant_type=first.applicant_type, subject=first.subject) for i, a in enumerate(made))


def _lookups(client, url: str, monkeypatch) -> tuple[str, int]:
    """The page and how many template variable lookups rendering it took."""
    calls = []
    real = base.Variable._resolve_lookup
    monkeypatch.setattr(base.Variable, "_resolve_lookup", lambda self, ctx: calls.append(1) or real(self, ctx))
    html = client.get(url).content.decode()
    monkeypatch.setattr(base.Variable, "_resolve_lookup", real)
    return html, len(calls)


def _options(html: str) -> list[tuple[str, bool, str]]:
    box = re.search(r'<select name="agency">(.*?)</select>', html, re.S).group(1)
    return [(v, bool(s), label) for v, s, label in
            re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', box)]


def test_agency_choices_named_escaped_and_chosen(login):
    from zfxxgk.web.reports.models import Agency

    client = login("clerk")
    intake(client, agency="青禾市<第一>局")
    pk = Agency.objects.get(name="青禾市<第一>局").pk
    assert _options(client.get("/cases/").content.decode()) == [("", False, "全部"), (str(pk), False, "青禾市&lt;第一&gt;局")]
    chosen = _options(client.get(f"/cases/?agency={pk}").content.decode())
    assert chosen == [("", False, "全部"), (str(pk), True, "青禾市&lt;第一&gt;局")]
    assert [o[1] for o in _options(client.get("/cases/?agency=x").content.decode())] == [False, False]


def test_agency_choices_cost_does_not_grow_with_agencies(login, monkeypatch):
    client = login("admin")
    intake(client)
    _, few = _lookups(client, "/cases/?q=none", monkeypatch)
    _many(300)
    html, many = _lookups(client, "/cases/?q=none", monkeypatch)
    names = [label for _, _, label in _options(html)][1:]
    assert len(names) == 301 and names == sorted(names)
    assert many - few < 20, (few, many)  # the old loop: 2 lookups per option
