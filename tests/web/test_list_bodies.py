"""The report list's 机关 (with 含下属机关) and 层级 filters, on the page and in the
API (the walk-through at 200 reports: a district's reviewer wanted “云岭区 and its
bodies” and “the townships only”). They choose among the reviewer's own agencies:
no other district's body is offered or found by them."""

from __future__ import annotations

import re

import pytest

from zfxxgk.web.accounts.models import Membership
from zfxxgk.web.reports.models import Agency, Report, Status

pytestmark = pytest.mark.django_db


def body(name: str, level: str, parent: Agency | None = None, region: str = "青禾市云岭区") -> Agency:
    return Agency.objects.create(key=name, name=name, region=region, level=level, parent=parent)


def report(agency: Agency, n: int = 0, status: str = Status.DRAFT) -> Report:
    return Report.objects.create(title=f"{agency.name}2023年报告{n}", year=2023, data={}, agency=agency,
                                 status=status, source_name=f"{agency.key}-{n}.txt")


@pytest.fixture
def district(users):
    """云岭区 with a township and a department under it; 松湖区 beside it, whose
    township published its report (every signed-in user reads it)."""
    yl = body("青禾市云岭区人民政府", "county")
    town = body("青禾市云岭区望湖街道办事处", "township", yl)
    dept = body("青禾市云岭区教育局", "department", yl)
    sh = body("青禾市松湖区人民政府", "county", region="青禾市松湖区")
    sh_town = body("青禾市松湖区东湖街道办事处", "township", sh, region="青禾市松湖区")
    Membership.objects.create(user=users["reviewer"], region="青禾市云岭区")
    rows = {"yl": report(yl), "town": report(town), "dept": report(dept),
            "sh_town": report(sh_town, status=Status.PUBLISHED)}
    return {"yl": yl, "town": town, "dept": dept, "sh": sh, "sh_town": sh_town, "rows": rows}


def listed(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'<td><a href="/reports/(\d+)">', html)}


def ids(d, *names) -> set[int]:
    return {d["rows"][n].pk for n in names}


def test_agency_with_its_bodies_and_level_on_the_page(login, district):
    d = district
    reviewer = login("reviewer")
    page = reviewer.get("/").content.decode()
    assert listed(page) == ids(d, "yl", "town", "dept", "sh_town")  # the published one is read
    form = page[page.index('<select name="agency">'):page.index('<select name="status">')]
    assert "青禾市云岭区望湖街道办事处" in form and "松湖区" not in form  # only the reviewer's agencies
    assert re.search(r'<option value="township"[^>]*>乡镇街道</option>', form)
    assert "　青禾市云岭区教育局" in form  # under its district, indented
    yl = d["yl"].pk
    assert listed(reviewer.get(f"/?agency={yl}").content.decode()) == ids(d, "yl")
    assert listed(reviewer.get(f"/?agency={yl}&subtree=1").content.decode()) == ids(d, "yl", "town", "dept")
    assert listed(reviewer.get("/?level=township").content.decode()) == ids(d, "town")  # not 松湖区's
    both = reviewer.get(f"/?agency={yl}&subtree=1&level=department").content.decode()
    assert listed(both) == ids(d, "dept")
    assert f'<option value="{yl}" selected>' in both and 'name="subtree" value="1" checked' in both
    assert '<option value="department" selected>' in both


def test_no_body_outside_the_scope_is_offered_or_found(login, district):
    d = district
    reviewer = login("reviewer")
    sh, sh_town = d["sh"].pk, d["sh_town"].pk
    assert listed(reviewer.get(f"/?agency={sh}&subtree=1").content.decode()) == set()
    # the exact agency stays as the dashboard links it: its reports the reviewer reads, named as they name it
    page = reviewer.get(f"/?agency={sh_town}").content.decode()
    assert listed(page) == ids(d, "sh_town")
    assert f'<option value="{sh_town}" selected>青禾市松湖区东湖街道办事处</option>' in page
    nothing = reviewer.get(f"/?agency={sh}").content.decode()  # no report of it: not named
    assert f'<option value="{sh}" selected>所选机关</option>' in nothing and "松湖区" not in nothing
    # an administrator, unscoped, is offered and finds every body
    admin = login("admin")
    assert listed(admin.get("/?level=township").content.decode()) == ids(d, "town", "sh_town")
    assert "青禾市松湖区东湖街道办事处" in admin.get("/").content.decode()


def test_pages_and_sort_links_keep_the_filters(login, district):
    d = district
    for n in range(1, 55):
        report(d["town"], n)
    reviewer = login("reviewer")
    yl = d["yl"].pk
    page = reviewer.get(f"/?agency={yl}&subtree=1&level=township").content.decode()
    assert "共 55 份" in page
    links = re.findall(r'href="(\?[^"]*page=2[^"]*)"', page)
    assert links and all(f"agency={yl}" in u and "subtree=1" in u and "level=township" in u for u in links)
    heads = re.findall(r'<th><a href="([^"]*)">', page)
    assert heads and all("level=township" in h and "subtree=1" in h for h in heads)
    second = reviewer.get(links[0].replace("&amp;", "&")).content.decode()
    assert len(listed(second)) == 5


def test_the_api_takes_the_same_filters(login, district):
    d = district
    reviewer = login("reviewer")
    yl = d["yl"].pk

    def api(query: str) -> set[int]:
        r = reviewer.get(f"/api/reports?{query}")
        assert r.status_code == 200
        return {row["id"] for row in r.json()["reports"]}

    assert api(f"agency={yl}&subtree=true") == ids(d, "yl", "town", "dept")
    assert api("level=township") == ids(d, "town")
    assert api(f"agency={yl}&subtree=true&level=department") == ids(d, "dept")
    assert api(f"agency={d['sh'].pk}&subtree=true") == set()
    assert api(f"agency={yl}") == ids(d, "yl")
