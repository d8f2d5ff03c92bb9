"""The JSON API: every endpoint, its error shape, login (401), roles (403), refused
changes (409), bad uploads (400/413), and the same data as the HTML pages."""

from __future__ import annotations

import io
import json

import pytest
from django.test import Client

from zfxxgk.web.reports.models import Report, Status

from .conftest import step

pytestmark = pytest.mark.django_db


def _file(name: str, data: bytes):
    f = io.BytesIO(data)
    f.name = name
    return f


def _error(r, status: int) -> dict:
    assert r.status_code == status, r.content
    body = r.json()
    assert body["ok"] is False and body["status"] == status and body["error"]
    return body


def test_openapi_and_docs(client, login):
    """Signed-in users only: anonymous visitors are sent to the login page."""
    for url in ("/api/openapi.json", "/api/docs"):
        r = client.get(url)
        assert r.status_code == 302 and r["Location"].startswith("/accounts/login/?next=/api/"), url
    client = login("reader")
    spec = client.get("/api/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/reports", "/api/reports/{pk}", "/api/reports/{pk}/findings",
            "/api/reports/{pk}/cells", "/api/batches", "/api/agencies", "/api/agencies/{pk}/years",
            "/api/dashboard",
            "/api/audit"} <= paths
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and b"swagger" in docs.content.lower()


@pytest.mark.parametrize("method,url", [("get", "/api/reports"), ("get", "/api/reports/1"),
                                        ("post", "/api/reports"), ("get", "/api/dashboard")])
def test_login_required(client, method, url):
    _error(getattr(client, method)(url), 401)


def test_upload_and_read(login, example_bytes):
    c = login("clerk")
    r = c.post("/api/reports", {"file": _file("w.txt", example_bytes("wanghu-street-2023.txt"))})
    assert r.status_code == 201
    body = r.json()
    assert body["report"]["schema"] == "zfxxgk.report/1"
    assert body["findings"]["schema"] == "zfxxgk.findings/1"
    assert body["counts"]["error"] == 3 == sum(
        1 for f in body["findings"]["findings"] if f["severity"] == "error")
    pk = body["id"]
    assert c.get(f"/api/reports/{pk}").json() == body
    findings = c.get(f"/api/reports/{pk}/findings").json()
    assert findings == body["findings"]
    assert findings["findings"][0]["where"]["excerpt"]
    listing = c.get("/api/reports?year=2023").json()
    assert listing["count"] == 1 and listing["reports"][0]["id"] == pk
    assert c.get("/api/reports?year=2019").json()["count"] == 0
    _error(c.get("/api/reports/9999"), 404)


def test_upload_text(login, example_bytes):
    r = login("reviewer").post("/api/reports", {"text": example_bytes("qinghe-city-2024.txt").decode()})
    assert r.status_code == 201 and r.json()["counts"]["error"] == 0


def test_page_and_api_agree(login, stored):
    """One builder: the report page shows the counts the API returns."""
    row = stored()
    c = login("reader")
    api = c.get(f"/api/reports/{row.pk}").json()
    html = c.get(f"/reports/{row.pk}").content.decode()
    assert f"错误 {api['counts']['error']} 项，警告 {api['counts']['warning']} 项" in html
    for f in api["findings"]["findings"]:
        assert f"[{f['rule']}]" in html


@pytest.mark.parametrize("data,status,words", [
    (b"", 400, "空"),
    (b"%PDF-1.4 garbage" + bytes(200), 400, ""),
    ("会议纪要：今天讨论了食堂菜单。".encode() * 10, 400, "不是政府信息公开工作年度报告"),
])
def test_bad_uploads(login, data, status, words):
    body = _error(login("clerk").post("/api/reports", {"file": _file("x.txt", data)}), status)
    assert words in body["error"]
    assert not Report.objects.exists()


def test_nothing_uploaded(login):
    _error(login("clerk").post("/api/reports", {}), 400)


def test_too_large(login, settings):
    settings.MAX_UPLOAD_BYTES = 100
    _error(login("clerk").post("/api/reports", {"file": _file("x.txt", b"x" * 500)}), 413)


def test_reader_denied_every_write(login, stored, example_bytes):
    row = stored()
    c = login("reader")
    _error(c.post("/api/reports", {"file": _file("x.txt", example_bytes("qinghe-city-2024.txt"))}), 403)
    _error(c.patch(f"/api/reports/{row.pk}/cells", json.dumps({"cells": {}}),
                   content_type="application/json"), 403)
    _error(c.post(f"/api/reports/{row.pk}/check-cells", json.dumps({"cells": {}}),
                  content_type="application/json"), 403)
    _error(step(c, row.pk, "submit", api=True), 403)
    _error(c.post("/api/batches", {"files": [_file("x.txt", b"x")]}), 403)
    _error(c.get("/api/audit"), 403)
    assert c.get(f"/api/reports/{row.pk}").status_code == 200


def test_csrf_on_api_writes(users, example_bytes):
    c = Client(enforce_csrf_checks=True)
    c.force_login(users["clerk"])
    r = c.post("/api/reports", {"file": _file("x.txt", example_bytes("qinghe-city-2024.txt"))})
    assert r.status_code == 403 and not Report.objects.exists()


def test_cells_check_patch_and_workflow(login, stored):
    row = stored("qinghe-city-2024.txt")
    code = "applications.received.natural_person"
    c = login("clerk")
    preview = c.post(f"/api/reports/{row.pk}/check-cells", json.dumps({"cells": {code: 1}}),
                     content_type="application/json").json()
    assert any(f["rule"].startswith("T3") for f in preview["findings"])
    tag = [c.get(f"/api/reports/{row.pk}")["ETag"]]

    def patch(cells, fresh=False):  # a client keeps each answer's ETag for its next change
        if fresh:  # read again after a step of the workflow
            tag[0] = c.get(f"/api/reports/{row.pk}")["ETag"]
        r = c.patch(f"/api/reports/{row.pk}/cells", json.dumps({"cells": cells}),
                    content_type="application/json", HTTP_IF_MATCH=tag[0])
        tag[0] = r.get("ETag", tag[0])
        return r

    _error(patch({"applications.nope.x": 1}), 400)
    _error(patch({code: "十"}), 400)
    body = patch({code: 1}).json()
    assert body["report"]["applications"]["received"]["natural_person"] == 1
    assert body["counts"]["error"] > 0
    dotted = "applications.withheld.state_secret.natural_person"  # a row code with a dot
    body = patch({dotted: 0}).json()
    assert body["report"]["applications"]["withheld.state_secret"]["natural_person"] == 0
    blank = patch({code: None}).json()
    assert blank["report"]["applications"]["received"]["natural_person"] is None  # blank, not 0
    assert step(c, row.pk, "submit", api=True).json()["status"] == Status.REVIEW
    _error(step(c, row.pk, "publish", api=True), 403)
    _error(patch({code: 2}, fresh=True), 409)
    rv = login("reviewer")
    _error(rv.post(f"/api/reports/{row.pk}/fly"), 400)
    assert step(rv, row.pk, "publish", api=True).json()["status"] == Status.PUBLISHED
    _error(step(rv, row.pk, "publish", api=True), 409)
    c = login("clerk")
    _error(patch({code: 2}, fresh=True), 409)
    log = login("admin").get(f"/api/audit?object_type=report&object_id={row.pk}").json()["entries"]
    assert [e["action"] for e in log] == ["发布", "提交审核", "修改单元格", "修改单元格", "修改单元格", "上传"]
    assert log[-2]["before"] == {code: 766} and log[-2]["after"] == {code: 1}


def test_batches_agencies_dashboard(login, example_bytes, run_batches):
    c = login("reviewer")
    r = c.post("/api/batches", {"files": [_file("a.txt", example_bytes("wanghu-street-2023.txt")),
                                          _file("b.txt", example_bytes("wanghu-street-2020.txt")),
                                          _file("c.txt", b"")], "name": "街道"})
    assert r.status_code == 202
    queued = r.json()
    assert queued["status"] == "queued" and queued["reports"] == []
    assert queued["progress"]["total"] == 3 and queued["progress"]["processed"] == 1
    assert run_batches() == [queued["id"]]
    batch = c.get(f"/api/batches/{queued['id']}").json()
    assert batch["name"] == "街道" and batch["status"] == "done"
    assert batch["status_label"] == batch["progress"]["status_label"] == "已完成（1 个文件无法读取）"
    assert batch["totals"] == {"files": 3, "reports": 2, "rejected": 1, "with_errors": 1,
                               "with_warnings": 1, "unfiled": 2}
    assert batch["rejected"] == [{"file": "c.txt", "error": "c.txt：文件是空的"}]
    # a batch is a review: nothing in the list or the dashboard until 入库
    assert c.get("/api/reports").json()["count"] == 0 and c.get("/api/dashboard").json()["reports"] == 0
    assert c.post(f"/batches/{queued['id']}/file").status_code == 302
    tree = c.get("/api/agencies").json()["roots"]
    street = tree[0]["children"][0]["children"][0]
    assert [n["name"] for n in tree] == ["青禾市人民政府"]
    assert [(x["year"], x["report"] is not None) for x in street["reports"]] == [(2020, True), (2023, True)]
    agency = c.get(f"/api/agencies/{street['id']}").json()
    assert [x["year"] for x in agency["reports"]] == [2023, 2020]
    dash = c.get("/api/dashboard").json()
    assert dash["reports"] == 2 and dash["outcomes"] and dash["applicants"]
    assert {x["year"] for x in dash["by_year"]} == {2020, 2023}
    assert c.get("/api/dashboard?year=2023").json()["reports"] == 1
