"""A finished batch's status says what happened: 已完成 with the count of files that
gave no report (5 damaged files of 200 were shown as 部分失败, which read as if the
batch had broken), 失败 only when no file gave a report; batches stored as
`partial` before are relabelled by migration 0008."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from zfxxgk.web.reports.models import Batch, BatchItem

pytestmark = pytest.mark.django_db
upgrade = importlib.import_module("zfxxgk.web.reports.migrations.0008_batch_done_with_unreadable")


def test_batch_where_the_worker_read_nothing_is_failed(login, users, run_batches):
    from zfxxgk.web.reports import batchjobs

    files = [("会议纪要.txt", "会议纪要：讨论了办公用品采购。".encode()),
             ("坏的.pdf", b"%PDF-1.4\nnot a pdf at all")]
    batch = batchjobs.stage_batch(files, users["clerk"], "全坏")
    run_batches()
    batch.refresh_from_db()
    assert (batch.status, batch.failed, batch.total) == ("failed", 2, 2)
    c = login("clerk")
    body = c.get(f"/api/batches/{batch.pk}").json()
    assert body["status"] == "failed" and body["status_label"] == "失败（2 个文件均无法读取）"
    assert body["progress"]["read"] == 0
    page = c.get(f"/batches/{batch.pk}").content.decode()
    assert '<span id="batch-status" class="status failed">失败（2 个文件均无法读取）</span>' in page
    assert "2 个文件已全部处理：没有一个读出报告。" in page


def test_old_partial_batches_are_relabelled():
    some = Batch.objects.create(name="五个坏的", status="partial", total=200, processed=200, failed=5)
    every = Batch.objects.create(name="全坏", status="partial", total=3, processed=3, failed=3)
    clean = Batch.objects.create(name="全好", status="done", total=4, processed=4)
    waiting = Batch.objects.create(name="排队", status="queued", total=4)
    upgrade.relabel_partial(apps, None)
    status = dict(Batch.objects.values_list("name", "status"))
    assert status == {"五个坏的": "done", "全坏": "failed", "全好": "done", "排队": "queued"}
    assert Batch.objects.get(pk=some.pk).status_label == "已完成（5 个文件无法读取）"
    assert Batch.objects.get(pk=every.pk).status_label == "失败（3 个文件均无法读取）"
    assert Batch.objects.get(pk=clean.pk).status_label == "已完成"
    assert Batch.objects.get(pk=waiting.pk).finished is False
    upgrade.back_to_partial(apps, None)
    assert dict(Batch.objects.values_list("name", "status"))["五个坏的"] == "partial"
    assert BatchItem.objects.count() == 0


def test_audit_of_an_old_partial_batch_reads_as_finished():
    from zfxxgk.web.audit.describe import STATUS

    assert STATUS["partial"] == "已完成（部分文件无法读取）" and STATUS["failed"] == "失败"
