"""The six narrative parts on the edit page: figures beside each part, 插入草稿 with
and without htmx, live narrative checks, saving through the audited edit path,
the report page and the API."""

from __future__ import annotations

import json
import re

import pytest

from zfxxgk.web.audit.models import AuditEntry
from zfxxgk.web.reports.models import Report, Status

from .conftest import current, step

pytestmark = pytest.mark.django_db

RECEIVED = "applications.received.total"


@pytest.fixture
def row(stored):
    return stored("qinghe-city-2024.txt")


def textarea(html: str, key: str) -> str:
    m = re.search(rf'<textarea id="section-{key}" name="section:{key}"[^>]*>(.*?)</textarea>', html, re.S)
    assert m, f"no textarea for part {key}"
    import html as h

    return h.unescape(m.group(1))


def test_edit_page_has_six_parts_with_their_figures(login, row):
    html = login("clerk").get(f"/reports/{row.pk}/edit").content.decode()
    for key in "123456":
        textarea(html, key)
    received = row.data["applications"]["received"]["total"]
    part_one = html[html.index('id="part-1"'):html.index('id="part-2"')]
    assert "本年新收政府信息公开申请" in part_one and f"{received}件" in part_one
    # beside each figure, where it is printed in words (the code only as a tooltip):
    # a clerk does not read `applications.withheld.state_secret.total …`
    assert f'<td title="{RECEIVED}">表三 第1行 总计</td>' in part_one
    assert ">表三 第5至12行 总计（8格之和）</td>" in part_one and "<code>" not in part_one
    assert "插入草稿" in part_one
    part_five = html[html.index('id="part-5"'):html.index('id="part-6"')]
    assert "表格中没有对应的数字" in part_five
    # the text already there is shown as it is stored
    assert textarea(html, "1").strip() == row.data["sections"]["1"].strip()


def test_live_part_check_reads_the_text_as_typed(login, row):
    c = login("clerk")
    received = row.data["applications"]["received"]["total"]
    wrong = c.post(f"/reports/{row.pk}/edit/parts/1/check",
                   {"section:1": f"本年度新收政府信息公开申请{received + 5}件。"}).content.decode()
    assert 'data-rule="N-1"' in wrong and str(received + 5) in wrong
    right = c.post(f"/reports/{row.pk}/edit/parts/1/check",
                   {"section:1": f"本年度新收政府信息公开申请{received}件。"}).content.decode()
    assert 'data-rule="N-1"' not in right and "未发现与表格不一致的数字" in right
    # a cell typed in the grid a moment ago counts (not saved yet)
    moved = c.post(f"/reports/{row.pk}/edit/parts/1/check",
                   {"section:1": f"本年度新收政府信息公开申请{received + 5}件。",
                    f"cell:{RECEIVED}": str(received + 5)}).content.decode()
    assert 'data-rule="N-1"' not in moved
    todo = c.post(f"/reports/{row.pk}/edit/parts/5/check", {"section:5": "【待补充：问题。】"})
    assert "还有 1 处【待补充】" in todo.content.decode()
    assert Report.objects.get(pk=row.pk).data == row.data  # nothing saved


def test_insert_draft_with_htmx_keeps_typed_text(login, row):
    c = login("clerk")
    received = row.data["applications"]["received"]["total"]
    empty = c.post(f"/reports/{row.pk}/edit/parts/1/draft", {"section:1": ""}).content.decode()
    assert f"新收政府信息公开申请{received}件" in textarea(empty, "1")
    assert "【待补充" in textarea(empty, "1")
    kept = c.post(f"/reports/{row.pk}/edit/parts/1/draft",
                  {"section:1": "我们自己写的开头。", f"cell:{RECEIVED}": "12345"}).content.decode()
    text = textarea(kept, "1")
    assert text.startswith("我们自己写的开头。\n") and "新收政府信息公开申请12345件" in text
    assert "未发现与表格不一致的数字" in kept  # checked against the typed grid
    assert Report.objects.get(pk=row.pk).data == row.data


def test_insert_draft_without_javascript_is_a_form_submit(login, row):
    c = login("clerk")
    r = c.post(f"/reports/{row.pk}/edit", {"version": current(row.pk), "draft": "4", f"cell:{RECEIVED}": "777",
                                           "section:4": "", "section:5": "自己写的问题。"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "行政复议" in textarea(html, "4")
    assert textarea(html, "5") == "自己写的问题。"  # other parts keep what was typed
    assert 'value="777"' in html  # and so does the grid
    assert Report.objects.get(pk=row.pk).data == row.data  # inserting saves nothing


def test_save_parts_is_audited_and_rechecked(login, row):
    c = login("clerk")
    received = row.data["applications"]["received"]["total"]
    before = row.data["sections"]["1"]
    r = c.post(f"/reports/{row.pk}/edit", {"version": current(row.pk), "section:1": f"本年度新收政府信息公开申请{received + 1}件。\r\n",
                                           "section:5": "", "then": "save"})
    assert r.status_code == 302
    saved = Report.objects.get(pk=row.pk)
    assert saved.data["sections"]["1"] == f"本年度新收政府信息公开申请{received + 1}件。"
    assert "5" not in saved.data["sections"]  # an emptied part is removed, not kept as ""
    assert saved.findings.filter(rule="N-1").exists()
    entry = AuditEntry.objects.get(action="修改正文")
    assert entry.before["1"] == before and entry.after["5"] is None and entry.user.username == "clerk"
    assert not AuditEntry.objects.filter(action="修改单元格").exists()
    page = c.get(f"/reports/{row.pk}").content.decode()
    assert f"<p>本年度新收政府信息公开申请{received + 1}件。</p>" in page


def test_publish_refused_while_placeholders_remain(login, row):
    c = login("clerk")
    r = c.post(f"/reports/{row.pk}/edit", {"version": current(row.pk), "section:5": "【待补充：主要问题。】", "then": "submit"})
    assert r.status_code == 302
    saved = Report.objects.get(pk=row.pk)
    assert saved.status == Status.REVIEW and "待补充" in saved.data["sections"]["5"]
    reviewer = login("reviewer")
    # said on the report's page before anyone presses 发布, by the part's heading
    notice = re.search(r'<p class="note" role="status" id="todo">(.*?)</p>', reviewer.get(f"/reports/{row.pk}").content.decode())
    assert notice and notice.group(1).startswith("正文“五、存在的主要问题及改进情况”1处还有【待补充】")
    r = step(reviewer, row.pk, "publish")
    assert r.status_code == 302 and Report.objects.get(pk=row.pk).status == Status.REVIEW
    assert "正文“五、存在的主要问题及改进情况”1处还有【待补充】的内容，请补写后再发布" in reviewer.get(r.url).content.decode()
    assert step(reviewer, row.pk, "publish", api=True).status_code == 409
    step(reviewer, row.pk, "return")
    login("clerk").post(f"/reports/{row.pk}/edit", {"version": current(row.pk), "section:5": "无。", "then": "submit"})
    assert 'id="todo"' not in login("clerk").get(f"/reports/{row.pk}").content.decode()
    step(login("reviewer"), row.pk, "publish")
    assert Report.objects.get(pk=row.pk).status == Status.PUBLISHED


def test_published_report_is_frozen_for_parts(login, row):
    row.status = Status.PUBLISHED
    row.save()
    c = login("clerk")
    r = c.post(f"/reports/{row.pk}/edit", {"version": current(row.pk), "section:1": "改动", "then": "save"})
    assert r.status_code == 409
    from zfxxgk.web.reports import editing, services

    with pytest.raises(services.ServiceError, match="已发布"):
        editing.save_cells(row, {}, None, sections={"1": "改动"})
    assert Report.objects.get(pk=row.pk).data["sections"] == row.data["sections"]


def test_roles_and_bad_part(login, client, row):
    assert login("reader").post(f"/reports/{row.pk}/edit/parts/1/check", {}).status_code == 403
    c = login("clerk")
    assert c.post(f"/reports/{row.pk}/edit/parts/9/check", {}).status_code == 404
    assert c.get(f"/reports/{row.pk}/edit/parts/1/draft").status_code == 405
    bad = c.post(f"/reports/{row.pk}/edit/parts/1/draft", {"cell:applications.x.y": "1"})
    assert bad.status_code == 200 and "没有这个单元格" in bad.content.decode()
    client.logout()
    assert client.post(f"/reports/{row.pk}/edit/parts/1/check", {}).status_code == 302


def test_report_page_shows_the_six_parts(login, row):
    c = login("clerk")
    c.post(f"/reports/{row.pk}/edit", {"version": current(row.pk), "section:6": "（一）信息处理费。【待补充：收费情况。】", "then": "save"})
    html = c.get(f"/reports/{row.pk}").content.decode()
    for key, heading in (("1", "一、总体情况"), ("5", "五、存在的主要问题及改进情况"), ("6", "六、其他需要报告的事项")):
        assert f'<h3 id="text-part-{key}">{heading}</h3>' in html
    assert '<mark class="todo">【待补充：收费情况。】</mark>' in html


def test_api_sections_and_narrative(login, row):
    c = login("clerk")
    received = row.data["applications"]["received"]["total"]
    r = c.patch(f"/api/reports/{row.pk}/cells", json.dumps({"sections": {"5": "无。"}}),
                content_type="application/json", HTTP_IF_MATCH=c.get(f"/api/reports/{row.pk}")["ETag"])
    assert r.status_code == 200 and r.json()["report"]["sections"]["5"] == "无。"
    assert r.json()["report"]["sections"]["1"] == row.data["sections"]["1"]  # others untouched
    live = c.post(f"/api/reports/{row.pk}/check-cells",
                  json.dumps({"sections": {"1": f"本年度新收政府信息公开申请{received + 9}件。"}}),
                  content_type="application/json").json()
    assert any(f["rule"] == "N-1" for f in live["findings"])
    doc = c.get(f"/api/reports/{row.pk}/narrative").json()
    parts = {p["key"]: p for p in doc["parts"]}
    assert sorted(parts) == list("123456")
    fig = next(f for f in parts["1"]["figures"] if f["key"] == "received")
    assert fig["cells"] == [RECEIVED] and fig["value"] == received
    assert f"新收政府信息公开申请{received}件" in parts["1"]["draft"]
    assert parts["5"]["text"] == "无。"


def test_figures_place_names_rows_and_columns_in_words():
    from zfxxgk.app.finding_table import figures_place

    orgs = [f"applications.received.{c}" for c in ("commercial", "research", "nonprofit", "legal_service", "other_org")]
    assert figures_place(orgs, "2021") == "表三 第1行 商业企业至其他（5格之和）"
    suits = ["review_litigation.suit_direct.total", "review_litigation.suit_after_review.total"]
    assert figures_place(suits, "2021") == "表四 行政诉讼·未经复议直接起诉·总计 + 表四 行政诉讼·复议后起诉·总计"
    assert figures_place(["active.rules.issued"], "2021") == "表二 第1行 本年制发件数"
    assert figures_place(["no.such.cell"], "2021") == ""
