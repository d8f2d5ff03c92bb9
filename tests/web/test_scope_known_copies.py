"""A file already stored is recognised by its SHA-256 and never read twice: the
upload gives the report there is. That short cut skipped the scope check every
fresh upload meets, so another agency's clerk who sent the same bytes got that
agency's draft back in full (API 201: status, findings, the clerk's edits) and
filed it when it waited in that agency's batch review. A copy outside the
uploader's scope is now refused as the fresh upload is; a filed report the
uploader may read anyway (published) is still given back."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from .conftest import EXAMPLES, step
from .test_scope import TRANSPORT, WANGHU, _as, team  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
NAME = "wanghu-street-2023.txt"
DATA = (EXAMPLES / NAME).read_bytes()


def _send(client, name: str = "同一份.txt", data: bytes = DATA, api: bool = True):
    url = "/api/reports" if api else "/reports/new"
    return client.post(url, {"file": SimpleUploadedFile(name, data)})


def _refusal() -> str:
    return f"您的账号属于“{TRANSPORT}”，不能处理“{WANGHU}”的数据；如需调整，请联系管理员"


def test_another_agencys_draft_is_not_given_back(client, team):
    from zfxxgk.web.reports.models import Report

    own = _send(_as(client, team["clerk_w"]))
    assert own.status_code == 201
    pk = own.json()["id"]
    other = _as(client, team["clerk_t"])
    r = _send(other)
    assert r.status_code == 403 and r.json()["error"] == _refusal()
    assert WANGHU not in r.content.decode().replace(_refusal(), "")
    r = _send(other, api=False)  # the page: refused with the reason, no redirect to the draft
    assert r.status_code == 403 and "不能处理" in r.content.decode()
    assert Report.objects.count() == 1
    # the agency's own people still get their report back
    assert _send(_as(client, team["clerk_w"])).json()["id"] == pk


def test_another_agencys_batch_review_is_not_filed(client, team, run_batches,
                                                    django_capture_on_commit_callbacks):
    from zfxxgk.web.reports.models import Report
    from zfxxgk.web.reports.batchjobs import stage_batch

    with django_capture_on_commit_callbacks(execute=True):
        stage_batch([(NAME, DATA)], team["clerk_w"], "望湖的批次")
    run_batches()
    row = Report.objects.get()
    assert not row.filed
    r = _send(_as(client, team["clerk_t"]))
    assert r.status_code == 403
    row.refresh_from_db()
    assert not row.filed  # still only in 望湖's batch review


def test_a_batch_of_another_agencys_file_refuses_it_at_once(client, team, run_batches,
                                                            django_capture_on_commit_callbacks):
    from zfxxgk.web.reports.models import Batch

    _send(_as(client, team["clerk_w"]))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("别人的.txt", DATA)
        z.writestr("transport.md", (EXAMPLES / "transport-bureau-2024.md").read_bytes())
    buf.seek(0)
    buf.name = "两份.zip"
    c = _as(client, team["clerk_t"])
    with django_capture_on_commit_callbacks(execute=True):
        assert c.post("/batches/new", {"files": [buf]}).status_code == 302
    run_batches()
    batch = Batch.objects.get()
    body = c.get(f"/api/batches/{batch.pk}").json()
    assert body["totals"]["reports"] == 1  # the transport report alone: nothing counted of 望湖's
    assert [x["file"] for x in body["rejected"]] == ["两份.zip!/别人的.txt"]
    assert "不能处理" in body["rejected"][0]["error"]


def test_a_published_copy_is_still_given_back(client, team):
    pk = _send(_as(client, team["clerk_w"])).json()["id"]
    assert step(_as(client, team["clerk_w"]), pk, "submit", api=True).status_code == 200
    assert step(_as(client, team["rev_y"]), pk, "publish", api=True).status_code == 200
    r = _send(_as(client, team["clerk_t"]))
    assert r.status_code == 201 and r.json()["id"] == pk and r.json()["status"] == "published"
