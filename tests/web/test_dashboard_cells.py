"""The researcher's walk-through: the dashboard showed sums, and its only download
was the JSON of those sums. 计入统计的报告数据（CSV） gives every cell of the
reports it counts (the copy of a report left out, as on the page), with the printed
row and column names, the agency's level, and a blank kept blank with its reason."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from .test_dashboard_counted import FILES, folder  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def _csv(client, query: str = "") -> list[dict[str, str]]:
    r = client.get("/dashboard/cells.csv" + query)
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    assert "attachment" in r["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))


def test_the_dashboard_offers_its_cells(folder, users, login):  # noqa: F811
    from zfxxgk.web.reports.services import create_report

    stored = {p.name: create_report(p.read_bytes(), p.name, users["clerk"]) for p in sorted(folder.iterdir())}
    c = login("reader")
    page = c.get("/dashboard?year=2023").content.decode()
    assert 'href="/dashboard/cells.csv?year=2023"' in page and "计入统计的报告数据（CSV" in page
    d = c.get("/dashboard").context["d"]
    rows = _csv(c)
    assert list(rows[0]) == ["机关", "层级", "地区", "范围", "年度", "表格格式", "表", "行", "列", "数值",
                             "空白原因", "单元格代码", "报告编号"]
    assert len({r["报告编号"] for r in rows}) == d["reports"] == len(FILES)  # the copy counted once
    street = stored["wanghu-street-2023.txt"]
    own = [r for r in rows if r["机关"] == street.data["agency"] and r["年度"] == "2023"]
    assert {r["层级"] for r in own} == {"乡镇街道"} and {r["范围"] for r in own} == {"本机关"}
    received = next(r for r in own if r["单元格代码"] == "applications.received.total")
    assert (received["表"], received["列"]) == ("表三", "总计") and "本年新收" in received["行"]
    assert Decimal(received["数值"]) == Decimal(str(street.data["applications"]["received"]["total"]))
    assert {r["范围"] for r in rows if r["机关"] == "青禾市人民政府"} == {"本行政区域汇总"}
    blank = [r for r in rows if r["数值"] == ""]
    assert blank and all(r["空白原因"] for r in blank)  # a blank is never a bare gap, nor a 0
    for r in blank:
        t, row, col = r["单元格代码"].split(".", 2)[0], *r["单元格代码"].split(".", 1)[1].rsplit(".", 1)
        data = next(s for s in stored.values() if str(s.pk) == r["报告编号"]).data
        assert data[t][row][col] is None
    units = sum(int(r["数值"]) for r in _csv(c, "?year=2023")
                if r["单元格代码"] == "applications.received.total" and r["范围"] == "本机关" and r["数值"])
    d23 = c.get("/dashboard?year=2023").context["d"]
    assert units == sum(x["value"] for x in d23["applicants"])
    assert {r["年度"] for r in _csv(c, "?year=2023")} == {"2023"}


def test_it_needs_a_login(client, users):
    r = client.get("/dashboard/cells.csv")
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]


def test_the_rules_are_named_not_only_coded(folder, users, login):  # noqa: F811
    """问题最多的规则 listed X-1, T2-1, P-1: codes a reader of the dashboard cannot read."""
    from zfxxgk.web.reports.services import create_report

    for p in sorted(folder.iterdir()):
        create_report(p.read_bytes(), p.name, users["clerk"])
    c = login("reader")
    r = c.get("/dashboard")
    rules = r.context["d"]["findings_by_rule"]
    assert rules and all(x["title"] for x in rules)
    page = r.content.decode()
    assert all(f"<td>{x['rule']}</td><td>{x['title']}</td>" in page for x in rules)
    assert c.get("/api/dashboard").json()["findings_by_rule"][0]["title"] == rules[0]["title"]


def test_the_dashboard_filters_by_level_and_its_twins_follow(folder, users, login):  # noqa: F811
    """The researcher could not split the dashboard by level (省/市/区县/乡镇街道/部门):
    `?level=` filters it as `?year=` does, and its JSON and CSV follow the filter."""
    from zfxxgk.web.reports.models import Agency
    from zfxxgk.web.reports.services import create_report

    stored = [create_report(p.read_bytes(), p.name, users["clerk"]) for p in sorted(folder.iterdir())]
    c = login("reader")
    everything = c.get("/dashboard").context["d"]
    counted_ids = {int(r["报告编号"]) for r in _csv(c)}
    by_level = {}
    for r in stored:
        if r.pk in counted_ids:
            by_level.setdefault(Agency.objects.get(pk=r.agency_id).level, set()).add(r.pk)
    assert {"township", "department"} <= set(by_level) and len(by_level) > 2
    for level, ids in by_level.items():
        if not level:
            continue
        page = c.get(f"/dashboard?level={level}")
        d = page.context["d"]
        assert d["level"] == level and d["reports"] == len(ids) < everything["reports"]
        html = page.content.decode()
        assert f'<option value="{level}" selected>' in html
        assert f'href="/dashboard/cells.csv?level={level}"' in html
        assert page["Link"].startswith(f"</api/dashboard?level={level}>")
        api = c.get(f"/api/dashboard?level={level}").json()
        assert api["reports"] == d["reports"] and api["applicants"] == d["applicants"]
        rows = _csv(c, f"?level={level}")
        assert {int(r["报告编号"]) for r in rows} == ids
        assert {r["层级"] for r in rows} == {dict(Agency.Level.choices)[level]}
    both = c.get("/dashboard?year=2023&level=township").context["d"]
    assert both["reports"] == 1 and both["cells_url"] == "/dashboard/cells.csv?year=2023&level=township"
    assert c.get("/dashboard?level=nonsense").context["d"]["reports"] == everything["reports"]
