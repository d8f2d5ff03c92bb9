"""Issue 14, scope gaps: the agency tree and the year-over-year page (and their
JSON twins) show another agency's unpublished report neither by status nor by
figures; published reports stay visible to everyone signed in."""

from __future__ import annotations

import pytest
from django.test import Client

from zfxxgk.web.accounts.manage import add_user
from zfxxgk.web.reports.models import Report, Status
from zfxxgk.web.reports.services import create_report

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

CITY = "淮安市人民政府"
DISTRICT = "淮安市洪泽区人民政府"


@pytest.fixture
def pair(users, samples):
    """洪泽区 2023 published, 洪泽区 2024 a draft, 淮安市 2024 a draft; a 录入员
    for the city (agency A) and one for the district (agency B)."""
    from django.contrib.auth.models import User

    real = samples / "real"
    rows = {name: create_report((real / f"{name}.txt").read_bytes(), f"{name}.txt", users["admin"])
            for name in ("hongze-district-2023", "hongze-district-2024", "huaian-city-2024")}
    Report.objects.filter(pk=rows["hongze-district-2023"].pk).update(status=Status.PUBLISHED)
    assert Report.objects.get(pk=rows["hongze-district-2024"].pk).status == Status.DRAFT
    add_user("clerk_city", "录入员", PASSWORD, agency=CITY)
    add_user("clerk_district", "录入员", PASSWORD, agency=DISTRICT)
    clients = {}
    for name in ("clerk_city", "clerk_district"):
        clients[name] = Client()
        clients[name].force_login(User.objects.get(username=name))
    return rows, clients


def _district(tree):
    [city] = tree["roots"]
    [district] = city["children"]
    return city, district


def _cells(node):
    return {c["year"]: c["report"] for c in node["reports"]}


def _report_ids(nodes):
    return {c["report"]["id"] for n in nodes for c in n["reports"] if c["report"]} | {
        i for n in nodes for i in _report_ids(n["children"])}


def test_tree_hides_other_agencies_drafts(pair):
    rows, clients = pair
    draft, published = rows["hongze-district-2024"], rows["hongze-district-2023"]
    a = clients["clerk_city"]
    tree = a.get("/api/agencies?year=2024").json()
    city, district = _district(tree)
    assert _cells(district)[2023]["id"] == published.pk
    assert _cells(district)[2024] is None and not district["reported"]
    assert _cells(city)[2024]["id"] == rows["huaian-city-2024"].pk  # own draft shown
    assert district["years_url"] is None
    assert {"id": district["id"], "name": DISTRICT} in tree["not_reported"]
    html = a.get("/agencies/?year=2024").content.decode()
    assert f'/reports/{published.pk}"' in html and f'/reports/{draft.pk}"' not in html
    assert draft.pk not in _report_ids(tree["roots"])

    b = clients["clerk_district"]
    tree = b.get("/api/agencies?year=2024").json()
    city, district = _district(tree)
    assert _cells(district)[2024]["id"] == draft.pk and _cells(district)[2024]["status"] == "draft"
    assert _cells(city)[2024] is None  # the city's draft is not the district clerk's
    assert f'/reports/{draft.pk}"' in b.get("/agencies/?year=2024").content.decode()


def test_years_compares_only_visible_reports(pair):
    rows, clients = pair
    district = rows["hongze-district-2024"].agency_id
    a = clients["clerk_city"]
    j = a.get(f"/api/agencies/{district}/years")
    assert j.status_code == 404 and j.json()["error"] == f"{DISTRICT}只有1个年度的报告，无法逐年对比"
    page = a.get(f"/agencies/{district}/years")
    assert page.status_code == 404 and "只有1个年度的报告" in page.content.decode()
    assert a.get(f"/api/agencies/{district}/years?current=2024&previous=2023").status_code == 404

    b = clients["clerk_district"]
    y = b.get(f"/api/agencies/{district}/years").json()
    assert (y["current"], y["previous"]) == (2024, 2023)
    assert y["reports"]["current"]["id"] == rows["hongze-district-2024"].pk
    assert b.get(f"/agencies/{district}/years").status_code == 200
