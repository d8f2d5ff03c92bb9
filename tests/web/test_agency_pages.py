"""The agency tree (/agencies/) and the year-over-year page (/agencies/<id>/years),
each with its JSON twin, on the real 洪泽区 pair and the examples."""

from __future__ import annotations

import pytest
from django.test import Client

from zfxxgk.web.audit.models import AuditEntry
from zfxxgk.web.reports.models import Agency
from zfxxgk.web.reports.editing import save_cells
from zfxxgk.web.reports.services import create_report



@pytest.fixture
def hongze(users, samples):
    """The real 洪泽区 2023 and 2024 reports and 淮安市 2024: rows by file name."""
    real = samples / "real"
    return {name: create_report((real / f"{name}.txt").read_bytes(), f"{name}.txt", users["clerk"])
            for name in ("hongze-district-2023", "hongze-district-2024", "huaian-city-2024")}


def _twin(c, url: str):
    """The page and its JSON twin (the Link header's target)."""
    page = c.get(url)
    assert page.status_code == 200
    link = page["Link"]
    api = link[1:link.index(">")]
    return page.content.decode(), c.get(api).json(), api


def test_tree_page_and_twin(login, hongze):
    html, tree, api = _twin(login("reader"), "/agencies/")
    assert api == "/api/agencies?year=2024"
    assert (tree["year"], tree["columns"]) == (2024, [2023, 2024])
    [city] = tree["roots"]
    [district] = city["children"]
    assert (city["name"], city["level"], district["name"], district["level"]) == (
        "淮安市人民政府", "city", "淮安市洪泽区人民政府", "county")
    cells = {c["year"]: c["report"] for c in district["reports"]}
    assert cells[2023]["id"] == hongze["hongze-district-2023"].pk
    last = hongze["hongze-district-2024"]
    assert cells[2024]["counts"] == {"error": last.errors, "warning": last.warnings}
    assert cells[2024]["status"] == "draft" and cells[2024]["status_label"] == "录入"
    assert {c["year"]: c["report"] is not None for c in city["reports"]} == {2023: False, 2024: True}
    assert tree["not_reported"] == []
    assert city["years_url"] is None and district["years_url"] == f"/agencies/{district['id']}/years"
    assert "<details open>" in html and "淮安市洪泽区人民政府" in html
    assert f'href="/reports/{hongze["hongze-district-2023"].pk}"' in html

    # 2023: the city has no report of that year, and the page says so for its subtree
    html, tree, _ = _twin(login("reader"), "/agencies/?year=2023")
    assert tree["columns"] == [2023] and tree["not_reported"] == [
        {"id": tree["roots"][0]["id"], "name": "淮安市人民政府"}]
    assert "本级及下级 2023 年度未报送（1/2）" in html


def test_tree_empty_and_examples(login, stored):
    html = login("reader").get("/agencies/").content.decode()
    assert "还没有机关" in html
    stored("wanghu-street-2023.txt")
    stored("transport-bureau-2024.md")
    tree = login("reader").get("/api/agencies").json()
    [city] = tree["roots"]
    assert sorted(n["name"] for n in city["children"]) == ["青禾市云岭区人民政府", "青禾市交通运输局"]
    # 2024: the street office (2023 only), its district and the city have not reported
    assert [m["name"] for m in city["not_reported"]] == [
        "青禾市人民政府", "青禾市云岭区人民政府", "青禾市云岭区望湖街道办事处"]


def test_years_real_pair(login, hongze):
    district = hongze["hongze-district-2024"].agency
    html, y, api = _twin(login("reader"), f"/agencies/{district.pk}/years")
    assert api == f"/api/agencies/{district.pk}/years?current=2024&previous=2023"
    assert (y["current"], y["previous"], y["consecutive"], y["same_format"]) == (2024, 2023, True, True)
    assert y["findings"] == [] and y["notes"] == []
    tables = {t["code"]: t for t in y["tables"]}
    cell = {c["code"]: c for t in y["tables"] for r in t["rows"] for c in r["cells"]}
    # 规范性文件: 2023 repealed 5, in force 5; 2024 issued 3, in force 8
    assert (cell["active.normative_docs.in_force"]["previous"], cell["active.normative_docs.in_force"]["current"],
            cell["active.normative_docs.in_force"]["change"]) == (5, 8, 3)
    assert cell["active.normative_docs.repealed"]["change_text"] == "-5"
    assert not cell["applications.carried_in.total"]["changed"]
    assert y["totals"]["compared"] == y["totals"]["cells"] == sum(t["counts"]["cells"] for t in tables.values())
    assert y["totals"]["changed"] == sum(1 for c in cell.values() if c["previous"] != c["current"]) > 0
    assert [c["equal"] for c in y["carry_over"]] == [True] * 7
    assert 'data-cell="active.normative_docs.in_force" class="changed' in html
    assert "没有发现问题" in html

    # a carried-in figure that does not match last year's carried-forward: X-1, shown with its message
    save_cells(hongze["hongze-district-2024"], {"applications.carried_in.natural_person": "2"},
               hongze["hongze-district-2024"].created_by)
    html, y, _ = _twin(login("reader"), f"/agencies/{district.pk}/years")
    assert [(f["rule"], f["cells"]) for f in y["findings"]] == [
        ("X-1", ["applications.carried_in.natural_person"])]
    assert y["carry_over"][0]["equal"] is False
    assert "X-1" in html and y["findings"][0]["message"] in html
    assert 'data-cell="applications.carried_in.natural_person" class="changed flag-error"' in html


def test_years_across_template_change(login, stored):
    stored("wanghu-street-2020.txt")
    row = stored("wanghu-street-2023.txt")
    html, y, _ = _twin(login("reader"), f"/agencies/{row.agency_id}/years")
    assert (y["previous"], y["current"], y["consecutive"], y["same_format"]) == (2020, 2023, False, False)
    assert y["templates"] == {"previous": "2019", "current": "2021"}
    tables = {t["code"]: t for t in y["tables"]}
    assert not tables["active"]["comparable"] and tables["active"]["counts"]["compared"] == 0
    assert tables["applications"]["counts"]["compared"] == 154  # the cells both formats have
    assert tables["review_litigation"]["counts"]["compared"] == tables["review_litigation"]["counts"]["cells"]
    assert len(tables["applications"]["previous_only"]) == 7  # 2019's single （六）其他处理 row
    assert len(tables["active"]["previous_only"]) == 22
    assert y["findings"] == [] and y["carry_over"] == [] and len(y["notes"]) == 2
    assert "两个年度不相邻，没有运行跨年度核查" in html and "X-1 上年结转" not in html
    assert "表二的栏目含义不同，不作比较" in html and "不可比" in html and "只比较相邻的两个年度" in html


def test_years_refusals(login, stored):
    row = stored("wanghu-street-2023.txt")
    c = login("reader")
    r = c.get(f"/agencies/{row.agency_id}/years")
    assert r.status_code == 404 and "只有1个年度的报告" in r.content.decode()
    j = c.get(f"/api/agencies/{row.agency_id}/years")
    assert j.status_code == 404 and j.json()["ok"] is False and "无法逐年对比" in j.json()["error"]
    stored("wanghu-street-2020.txt")
    assert c.get(f"/agencies/{row.agency_id}/years?current=2020&previous=2023").status_code == 400
    assert "没有2019年度的报告" in c.get(
        f"/api/agencies/{row.agency_id}/years?current=2023&previous=2019").json()["error"]
    assert c.get("/api/agencies/999999/years").status_code == 404
    assert Client().get(f"/api/agencies/{row.agency_id}/years").status_code == 401


def test_place_form_roles_and_audit(login, stored, users):
    row = stored("wanghu-street-2023.txt")
    city = Agency.objects.get(name="青禾市人民政府")
    url = f"/agencies/{row.agency_id}/place"
    assert login("clerk").post(url, {"level": "department", "parent": city.pk}).status_code == 403
    assert "更正层级和上级" not in login("clerk").get(f"/agencies/{row.agency_id}").content.decode()
    # the agency's page is read only: a POST to it (not to …/place) was answered as a GET
    assert login("clerk").post(f"/agencies/{row.agency_id}", {"level": "department"}).status_code == 405
    c = Client(enforce_csrf_checks=True)
    c.force_login(users["admin"])
    assert c.post(url, {"level": "department", "parent": city.pk}).status_code == 403  # no CSRF token
    c = login("admin")
    assert "更正层级和上级" in c.get(f"/agencies/{row.agency_id}").content.decode()
    assert c.post(url, {"level": "department", "parent": city.pk}).status_code == 302
    a = Agency.objects.get(pk=row.agency_id)
    assert (a.level, a.parent_id, a.placed_by_hand) == ("department", city.pk, True)
    entry = AuditEntry.objects.get(action="更正机关层级")
    assert entry.user == users["admin"] and entry.before["level"] == "township"
    r = c.post(f"/agencies/{city.pk}/place", {"level": "city", "parent": a.pk}, follow=True)
    assert "上级不能是本机关或它的下级" in r.content.decode()
    assert Agency.objects.get(pk=city.pk).parent is None


def test_long_not_reported_list_folds(login, stored):
    stored("qinghe-city-2024.txt")
    city = Agency.objects.get(name="青禾市人民政府")
    for i in range(11):
        Agency.objects.create(key=f"青禾市第{i}局", name=f"青禾市第{i}局", level="department", parent=city)
    html, tree, _ = _twin(login("reader"), "/agencies/")
    assert len(tree["roots"][0]["not_reported"]) == 11 and tree["roots"][0]["subtree_size"] == 12
    assert '<details class="missing"><summary>本级及下级 2024 年度未报送（11/12）</summary>' in html
