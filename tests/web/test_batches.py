"""Batches as background jobs (issue #7, "review many"): the upload answers at
once, the worker reads the files afterwards, a killed run resumes without storing
a report twice, and two workers never run the same batch."""

from __future__ import annotations

import io
import json
import time
import zipfile
from datetime import timedelta

import pytest

from .conftest import EXAMPLES

TEXTS = sorted(p for p in EXAMPLES.iterdir()
               if p.suffix in (".txt", ".md") and p.name != "README.md")


def _zip(files: dict[str, bytes]) -> io.BytesIO:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    buf.seek(0)
    buf.name = "报告.zip"
    return buf


def _reports(copies: int = 2) -> dict[str, bytes]:
    """Distinct files (a trailing blank line changes the bytes, not the report)."""
    return {f"{k}/{p.name}": p.read_bytes() + b"\n" * k for k in range(copies) for p in TEXTS}


def _upload(client, files: dict[str, bytes], name: str = "区直部门"):
    return client.post("/batches/new", {"files": [_zip(files)], "name": name})


def test_zip_answers_at_once_then_worker_completes(login, run_batches):
    from zfxxgk.web.reports.models import Batch, Report

    reports = _reports()
    files = {**reports, "broken/会议纪要.txt": "会议纪要：讨论了办公用品采购。".encode(),
             "broken/坏的.pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nnot a pdf at all"}
    c = login("clerk")
    r = _upload(c, files)
    assert r.status_code == 302
    batch = Batch.objects.get()
    assert r["Location"] == f"/batches/{batch.pk}"
    assert (batch.status, batch.total, batch.processed) == ("queued", len(files), 0)
    assert not Report.objects.exists() and batch.items.count() == len(files)

    page = c.get(r["Location"])
    html = page.content.decode()
    assert page["Link"] == f'</api/batches/{batch.pk}>; rel="alternate"; type="application/json"'
    assert "排队中" in html and f"共 {len(files)} 个文件" in html
    assert '<meta http-equiv="refresh" content="5">' in html  # without JavaScript
    assert f'hx-get="/batches/{batch.pk}/progress"' in html and "htmx.min.js" in html

    assert run_batches() == [batch.pk]
    batch.refresh_from_db()
    # finished, with the unreadable files counted: not 部分失败, which read as if the batch broke
    assert (batch.status, batch.processed, batch.failed) == ("done", len(files), 2)
    assert batch.status_label == "已完成（2 个文件无法读取）" and batch.claimed_by == ""
    assert Report.objects.filter(batch=batch).count() == len(reports)
    assert not batch.items.filter(state="pending").exists()

    page = c.get(r["Location"]).content.decode()
    assert f"共 {len(reports)} 份报告" in page and "2 个文件无法读取" in page
    assert '<span id="batch-status" class="status done">已完成（2 个文件无法读取）</span>' in page
    assert f"{len(files)} 个文件已全部处理：{len(reports)} 个读出了报告，2 个无法读取。" in page
    assert "部分失败" not in page
    listed = c.get("/batches/new").content.decode()
    assert "已完成（2 个文件无法读取）" in listed and "部分失败" not in listed
    assert "http-equiv" not in page and "hx-get" not in page
    assert "报告.zip!/broken/会议纪要.txt：" in page and "报告.zip!/broken/坏的.pdf：" in page

    api = c.get(f"/api/batches/{batch.pk}").json()
    assert api["progress"]["finished"] and api["progress"]["processed"] == len(files)
    assert api["totals"]["reports"] == len(reports) and api["totals"]["rejected"] == 2
    assert [x["file"] for x in api["rejected"]] == ["报告.zip!/broken/会议纪要.txt",
                                                    "报告.zip!/broken/坏的.pdf"]
    assert all("：" in x["error"] for x in api["rejected"])

    only_errors = c.get(f"/api/batches/{batch.pk}?problems=errors&sort=-errors").json()["reports"]
    assert only_errors and all(x["counts"]["error"] for x in only_errors)
    counts = [x["counts"]["error"] for x in only_errors]
    assert counts == sorted(counts, reverse=True)
    assert len(only_errors) == Report.objects.filter(batch=batch, errors__gt=0).count()

    import openpyxl

    x = c.get(f"/batches/{batch.pk}/export.xlsx")
    rows = list(openpyxl.load_workbook(io.BytesIO(x.content))["报告"].values)
    assert rows[0][0] == "编号" and len(rows) == len(reports) + 1
    # the files that gave no report are in the export too, each with its reason
    failed = list(openpyxl.load_workbook(io.BytesIO(x.content))["无法读取的文件"].values)
    assert [r[0] for r in failed] == ["文件", "报告.zip!/broken/会议纪要.txt", "报告.zip!/broken/坏的.pdf"]
    assert all(r[1] and not r[1].startswith("报告.zip") for r in failed[1:])
    x = c.get(f"/batches/{batch.pk}/export.xlsx?problems=errors")
    rows = list(openpyxl.load_workbook(io.BytesIO(x.content))["报告"].values)
    assert len(rows) == len(only_errors) + 1


def test_progress_fragment_while_running_and_when_done(login, users):
    from django.utils import timezone

    from zfxxgk.web.reports import batchjobs
    from zfxxgk.web.reports.models import Batch
    from zfxxgk.web.reports.worker import claim, new_token

    c = login("reader")
    batch = batchjobs.stage_batch(list(_reports(5).items()), users["clerk"], "进度")
    assert claim(batch.pk, new_token())
    items = list(batch.items.order_by("position"))
    for item in items[:4]:
        batchjobs.process_item(batch, item)
    # Four files read, one every 3 seconds: 20 files a minute, 26 left -> 78 s.
    start = timezone.now() - timedelta(seconds=12)
    batch.items.filter(pk__in=[i.pk for i in items[:4]]).update(finished_at=start)
    for k, item in enumerate(items[:4]):
        batch.items.filter(pk=item.pk).update(finished_at=start + timedelta(seconds=3 * k))
    Batch.objects.filter(pk=batch.pk).update(started_at=start - timedelta(seconds=1))

    r = c.get(f"/batches/{batch.pk}/progress", HTTP_HX_REQUEST="true")
    html = r.content.decode()
    assert r.status_code == 200 and "HX-Refresh" not in r
    assert "已处理 4 / 30 个文件（13%），失败 0 个" in html
    assert "速度每分钟 20.0 个，预计还需 约 1 分钟" in html
    assert 'hx-trigger="every 2s"' in html
    # the heading's badge (排队 when the page was drawn) is redrawn with the box, out of band
    assert '<h1>进度 <span id="batch-status" class="status running">处理中</span></h1>' in \
        c.get(f"/batches/{batch.pk}").content.decode()
    assert '<span id="batch-status" class="status running" hx-swap-oob="true">处理中</span>' in html
    api = c.get(f"/api/batches/{batch.pk}").json()["progress"]
    assert (api["status"], api["per_minute"], api["eta_seconds"]) == ("running", 20.0, 78)

    batchjobs.run_batch(batch.pk)
    r = c.get(f"/batches/{batch.pk}/progress", HTTP_HX_REQUEST="true")
    assert r["HX-Refresh"] == "true" and "已全部处理" in r.content.decode()


def test_interrupted_batch_resumes_without_duplicates(users, run_batches):
    """A server killed half-way: half the files stored, the batch 处理中 under a
    claim whose process is gone. The next worker takes it and stores the rest."""
    from django.utils import timezone

    from zfxxgk.web.reports import batchjobs
    from zfxxgk.web.reports.models import Batch, Report

    batch = batchjobs.stage_batch(list(_reports().items()), users["clerk"], "中断")
    items = list(batch.items.order_by("position"))
    half = len(items) // 2
    for item in items[:half]:
        batchjobs.process_item(batch, item)
    gone = timezone.now() - timedelta(minutes=5)
    Batch.objects.filter(pk=batch.pk).update(status="running", claimed_by="old-host:4242:dead",
                                             heartbeat=gone, started_at=gone)
    assert Report.objects.count() == half

    assert run_batches() == [batch.pk]
    batch.refresh_from_db()
    assert (batch.status, batch.processed, batch.failed) == ("done", len(items), 0)
    shas = list(Report.objects.values_list("sha256", flat=True))
    assert len(shas) == len(items) == len(set(shas))
    assert sorted(shas) == sorted(i.sha256 for i in items)
    # Running the same files again (a second worker that thought them pending) stores nothing.
    for item in items:
        batchjobs.process_item(batch, item)
    assert Report.objects.count() == len(items)


def test_claims(users):
    """A batch is run by one worker: a live claim is left alone, a silent one or one
    made by a process of this machine that is gone is taken over."""
    from django.utils import timezone

    from zfxxgk.web.reports import batchjobs
    from zfxxgk.web.reports.models import Batch
    from zfxxgk.web.reports.worker import _HOST, Worker, claim

    batch = batchjobs.stage_batch(list(_reports(1).items()), users["clerk"])
    first, second = Worker().token, Worker().token
    assert claim(batch.pk, first)
    assert not claim(batch.pk, second)  # the first holder counts as alive
    Batch.objects.filter(pk=batch.pk).update(claimed_by="other-host:1:x", heartbeat=timezone.now())
    assert not claim(batch.pk, second)
    # A process id that cannot exist on this machine: its claim is dead at once.
    Batch.objects.filter(pk=batch.pk).update(claimed_by=f"{_HOST}:4194999:x", heartbeat=timezone.now())
    assert claim(batch.pk, second)
    assert Batch.objects.get(pk=batch.pk).claimed_by == second
    # A claim made by an earlier life of this very process id (no worker holds it now).
    Batch.objects.filter(pk=batch.pk).update(claimed_by=f"{first}old", heartbeat=timezone.now())
    assert claim(batch.pk, first)
    Batch.objects.filter(pk=batch.pk).update(status="done")
    assert not claim(batch.pk, first)  # a closed batch is nobody's


def test_killed_worker_batch_is_queued_again(users, run_batches):
    """What the queue alone would not do: the task of a killed worker stays
    \"running\" in the task table. A new worker marks it failed, queues the batch
    again, and finishes it; a batch a live worker holds is left alone."""
    from django.utils import timezone
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from zfxxgk.web.reports import batchjobs
    from zfxxgk.web.reports.models import Batch, Report
    from zfxxgk.web.reports.worker import _HOST, requeue

    batch = batchjobs.stage_batch(list(_reports(1).items()), users["clerk"], "被杀")
    dead = f"{_HOST}:4194999:x"
    task = DBTaskResult.objects.get()
    task.claim(dead)
    Batch.objects.filter(pk=batch.pk).update(status="running", claimed_by=dead,
                                             heartbeat=timezone.now())
    assert run_batches() == [batch.pk]
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED and "重新排队" in task.traceback
    assert Batch.objects.get(pk=batch.pk).status == "done"
    assert Report.objects.count() == len(TEXTS)

    other = batchjobs.stage_batch(list(_reports(2).items())[len(TEXTS):], users["clerk"])
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).delete()
    Batch.objects.filter(pk=other.pk).update(claimed_by="other-host:1:x", heartbeat=timezone.now())
    assert requeue() == []  # held by a live worker elsewhere
    Batch.objects.filter(pk=other.pk).update(heartbeat=timezone.now() - timedelta(minutes=5))
    assert requeue() == [other.pk] and requeue() == []  # queued once


def test_a_failing_file_does_not_stop_the_batch(users, run_batches, monkeypatch):
    from zfxxgk.web.reports import batchjobs
    from zfxxgk.web.reports.models import Batch, Report

    real = batchjobs.read_and_check

    def flaky(data, name, *pages):
        if "qinghe" in name:
            raise KeyError("bug")
        return real(data, name, *pages)

    monkeypatch.setattr(batchjobs, "read_and_check", flaky)
    files = list(_reports(1).items())
    files.append(("again.txt", files[0][1]))  # the same bytes twice: read once
    batch = batchjobs.stage_batch(files, users["clerk"], "有问题")
    assert batch.items.count() == len(files) - 1
    run_batches()
    batch = Batch.objects.get(pk=batch.pk)
    assert (batch.status, batch.failed) == ("done", 2)
    assert Report.objects.count() == len(files) - 2
    errors = [x["error"] for x in batch.rejected] + list(
        batch.items.filter(state="failed").values_list("error", flat=True))
    assert errors == [f"again.txt：与 {files[0][0]} 内容相同，只核查一次",
                      "0/qinghe-city-2024.txt：处理时出错（KeyError），请把这个文件交给管理员"]


def test_staged_files_removed_once_stored(users, run_batches, settings,
                                          django_capture_on_commit_callbacks):
    from pathlib import Path

    from zfxxgk.web.reports import batchjobs

    batch = batchjobs.stage_batch(list(_reports(1).items()), users["clerk"])
    staged = [Path(settings.MEDIA_ROOT) / i.path for i in batch.items.all()]
    assert all(p.exists() for p in staged)
    with django_capture_on_commit_callbacks(execute=True):
        run_batches()
    assert not any(p.exists() for p in staged) and not staged[0].parent.exists()
    assert all(Path(r.source_file.path).exists() for r in batch.reports.all())


def test_upload_refusals(login, client):
    from zfxxgk.web.reports.models import Batch

    assert login("reader").post("/batches/new", {"files": [_zip(_reports(1))]}).status_code == 403
    assert login("reader").post("/api/batches", {"files": [_zip(_reports(1))]}).status_code == 403
    client.logout()
    assert client.post("/batches/new", {"files": [_zip(_reports(1))]}).status_code == 302  # login
    r = login("clerk").post("/batches/new", {"name": "空"})
    assert r.status_code == 400 and "请选择文件" in r.content.decode()
    bad = io.BytesIO(b"PK\x03\x04 not really a zip")
    bad.name = "坏.zip"
    r = login("clerk").post("/batches/new", {"files": [bad]})
    assert r.status_code == 302  # refused files are listed on the batch page, in Chinese
    assert Batch.objects.get().status == "failed"  # nothing could be read
    assert Batch.objects.get().status_label == "失败（1 个文件均无法读取）"
    assert Batch.objects.get().rejected[0]["error"].startswith("坏.zip：")
    assert not Batch.objects.get().items.exists()


def test_upload_needs_csrf(users):
    from django.test import Client

    c = Client(enforce_csrf_checks=True)
    c.force_login(users["clerk"])
    assert c.post("/batches/new", {"files": [_zip(_reports(1))]}).status_code == 403
    assert c.post("/api/batches", {"files": [_zip(_reports(1))]}).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_threaded_worker_completes_uploaded_batch():
    """The real thing: a worker with its own database connection (a thread here;
    `zfxxgk serve` starts it as a process) finishes a batch uploaded through the page."""
    from django.test import Client

    from zfxxgk.web.accounts.roles import ensure_roles
    from zfxxgk.web.reports.models import Batch, Report
    from zfxxgk.web.reports.worker import Worker

    from .conftest import make_user

    ensure_roles()
    c = Client()
    c.force_login(make_user("clerk", "录入员"))
    worker = Worker(poll_s=0.1).start()
    try:
        r = _upload(c, _reports(1), "后台")
        assert r.status_code == 302
        deadline = time.monotonic() + 60
        while not Batch.objects.get().finished and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        worker.stop()
        worker.thread.join(30)
    batch = Batch.objects.get()
    assert (batch.status, batch.processed) == ("done", len(TEXTS))
    assert Report.objects.count() == len(TEXTS)


def test_who_has_not_reported(login, stored, users, run_batches):
    """The batch's latest year is 2023: 云岭区 reported for 2022 and not for 2023. A
    2023 report without an agency must not hide it (SQL NOT IN with a NULL is empty)."""
    from zfxxgk.web.reports import batchjobs
    from zfxxgk.web.reports.models import Report

    yunling = stored("yunling-district-2022.txt")
    Report.objects.filter(pk=stored("qinghe-city-2024.txt").pk).update(year=2023, agency=None)
    files = [(p.name, p.read_bytes()) for p in TEXTS if p.name in ("wanghu-street-2023.txt",
                                                                  "ecology-bureau-2023.md")]
    batch = batchjobs.stage_batch(files, users["clerk"])
    c = login("reader")
    assert c.get(f"/api/batches/{batch.pk}").json()["not_reported"] is None  # not read yet
    run_batches()
    missing = c.get(f"/api/batches/{batch.pk}").json()["not_reported"]
    assert missing["year"] == 2023
    assert [a["id"] for a in missing["agencies"]] == [yunling.agency_id]
    html = c.get(f"/batches/{batch.pk}").content.decode()
    assert "2022年度报告过、2023年度尚未报告的机关（1 个）" in html and yunling.agency.name in html
    assert "展开名单" not in html


def test_a_long_not_reported_list_folds(login, stored, users, run_batches):
    """At 2 000 bodies the batch page listed every body without a report under the
    reports (a page 16 000 pixels long): past 10 the names fold, the count shows."""
    from zfxxgk.web.reports import batchjobs
    from zfxxgk.web.reports.models import Agency, Report

    stored("yunling-district-2022.txt")
    for i in range(11):
        agency = Agency.objects.create(key=f"第{i}局", name=f"青禾市第{i}局")
        Report.objects.create(title=f"第{i}局", year=2022, agency=agency, data={})
    batch = batchjobs.stage_batch([(p.name, p.read_bytes()) for p in TEXTS if p.name == "wanghu-street-2023.txt"],
                                  users["clerk"])
    run_batches()
    html = login("reader").get(f"/batches/{batch.pk}").content.decode()
    assert "2022年度报告过、2023年度尚未报告的机关（12 个）</h2>" in html
    assert '<details class="missing"><summary>展开名单</summary>' in html and "青禾市第10局" in html


def test_who_has_not_reported_stays_in_the_reviewers_region(client, stored, users, run_batches):
    """A 云岭区 reviewer's batch lists 云岭区 (reported 2022, not 2023), never 交通运输局
    (a city bureau outside the region, also silent for 2023): no scope leak."""
    from django.contrib.auth.models import User
    from django.test import Client

    from zfxxgk.web.accounts.manage import add_user
    from zfxxgk.web.reports import batchjobs
    from zfxxgk.web.reports.models import Report

    from .conftest import PASSWORD

    yunling = stored("yunling-district-2022.txt")
    transport = stored("transport-bureau-2024.md")
    Report.objects.filter(pk=transport.pk).update(year=2022)
    add_user("rev_y", "审核员", PASSWORD, region="云岭区")
    reviewer = User.objects.get(username="rev_y")
    wanghu = [(p.name, p.read_bytes()) for p in TEXTS if p.name == "wanghu-street-2023.txt"]
    batch = batchjobs.stage_batch(wanghu, reviewer)
    run_batches()
    everyone = Client()
    everyone.force_login(users["reader"])
    unscoped = everyone.get(f"/api/batches/{batch.pk}").json()["not_reported"]["agencies"]
    assert {a["id"] for a in unscoped} == {yunling.agency_id, transport.agency_id}
    c = Client()
    c.force_login(reviewer)
    scoped = c.get(f"/api/batches/{batch.pk}").json()["not_reported"]
    assert [a["id"] for a in scoped["agencies"]] == [yunling.agency_id]
    html = c.get(f"/batches/{batch.pk}").content.decode()
    assert yunling.agency.name in html and transport.agency.name not in html


def test_batch_list_page_and_twin(login, users, run_batches):
    from zfxxgk.web.reports import batchjobs

    first = batchjobs.stage_batch(list(_reports(1).items()), users["clerk"], "第一批")
    run_batches()
    batchjobs.stage_batch(list(_reports(2).items())[6:], users["clerk"], "第二批")
    c = login("clerk")
    r = c.get("/batches/new")
    assert r["Link"] == '</api/batches>; rel="alternate"; type="application/json"'
    listed = c.get("/api/batches").json()["batches"]
    assert [(b["name"], b["progress"]["status_label"], b["progress"]["processed"])
            for b in listed] == [("第二批", "排队", 0), ("第一批", "已完成", len(TEXTS))]
    assert listed[1]["url"] == f"/batches/{first.pk}"
    html = r.content.decode()
    assert html.index("第二批") < html.index("第一批") and f"{len(TEXTS)} / {len(TEXTS)}" in html


def test_admin_shows_batch_with_its_files(login, users, run_batches):
    from zfxxgk.web.reports import batchjobs

    batch = batchjobs.stage_batch(list(_reports(1).items()), users["clerk"], "后台看")
    run_batches()
    c = login("admin")
    users["admin"].is_staff = users["admin"].is_superuser = True
    users["admin"].save()
    html = c.get(f"/admin/reports/batch/{batch.pk}/change/").content.decode()
    assert "后台看" in html and "0/qinghe-city-2024.txt" in html and 'name="_save"' not in html
    assert c.get("/admin/reports/batch/").status_code == 200


def _zip_as_windows_writes(members: dict[str, bytes]) -> bytes:
    """Member names in GBK without the UTF-8 flag (Chinese Windows tools), written as
    ASCII placeholders of the same byte length and patched (zipfile flags any
    non-ASCII name as UTF-8)."""
    buf, raws = io.BytesIO(), {}
    with zipfile.ZipFile(buf, "w") as z:
        for k, (name, body) in enumerate(members.items()):
            raw = name.encode("gbk")
            placeholder = chr(ord("a") + k) * len(raw)
            raws[placeholder.encode()] = raw
            z.writestr(placeholder, body)
    data = buf.getvalue()
    for placeholder, raw in raws.items():
        assert data.count(placeholder) == 2  # local header and central directory
        data = data.replace(placeholder, raw)
    return data


def test_web_batch_and_cli_batch_take_the_same_inputs_from_a_zip(users, tmp_path):
    """One walker (ingest/walk.py): GBK member names in nested folders, a PDF under a
    name that says nothing, a broken PDF, and what neither face reads (a spreadsheet
    export as text, a hidden file) come out the same through `zfxxgk batch` and the web."""
    from zfxxgk.corpus.engines import LocalEngine
    from zfxxgk.corpus.run import run_batch
    from zfxxgk.render import render
    from zfxxgk.parse import parse_text
    from zfxxgk.web.reports import batchjobs

    texts = {p.name: p.read_bytes() for p in TEXTS[:2]}
    pdf, other = (render(parse_text(p.read_text("utf-8"), source="x"), "pdf") for p in TEXTS[:2])
    data = _zip_as_windows_writes({
        **{f"区直部门/交通/{name}": body for name, body in texts.items()},
        "区直部门/附件一": pdf,  # no suffix: taken by name
        "街道/扫描件.dat": other,  # another suffix: taken by its content
        "街道/坏的.pdf": b"%PDF-1.4\n" + bytes(range(256)) * 4,
        "街道/统计.csv": "机关,件数\n望湖,3\n".encode(),
        "街道/.说明.txt": b"hidden",
    })
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "报告.zip").write_bytes(data)
    out = tmp_path / "out"
    run_batch([str(tmp_path / "in")], out, LocalEngine(1))
    cli, skipped = set(), set()
    for journal in ("reports.jsonl", "errors.jsonl"):
        for line in (out / journal).read_text("utf-8").splitlines():
            record = json.loads(line)  # a file passed over by its content is named, not taken
            (skipped if record.get("kind") == "Skipped" else cli).add(record["source"].partition("报告.zip")[2])
    assert skipped == {"!/街道/统计.csv"}

    batch = batchjobs.stage_batch([("报告.zip", data)], users["clerk"], "同一个读取器")
    web = {n.partition("报告.zip")[2] for n in batch.items.values_list("name", flat=True)}
    web |= {x["file"].partition("报告.zip")[2] for x in batch.rejected}
    assert web == cli == {f"!/区直部门/交通/{n}" for n in texts} | {
        "!/区直部门/附件一", "!/街道/扫描件.dat", "!/街道/坏的.pdf"}
