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
    return list(csv.DictReader(io.StringIO(r.content.decode("utf-8"))))


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
