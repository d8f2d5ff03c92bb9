"""Files no row names: a rollback after a report's source and page images are
written removes them at once; what a killed server left is removed by the sweep
(older than an hour); files a report, batch or scan names always stay."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError, transaction

from zfxxgk.web.reports import batchjobs, leftovers, services
from zfxxgk.web.reports.models import BatchItem, Report

from .conftest import EXAMPLES

pytestmark = pytest.mark.django_db

NAME = "qinghe-city-2024.txt"


def _files() -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {p.relative_to(root).as_posix() for folder in leftovers.FOLDERS
            for p in (root / folder).rglob("*") if p.is_file()}


def _aged(name: str, hours: float = 2) -> Path:
    path = Path(settings.MEDIA_ROOT) / name
    then = time.time() - hours * 3600
    os.utime(path, (then, then))
    return path


def _write(name: str, data: bytes = b"x") -> str:
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return name


@pytest.fixture(autouse=True)
def clean_files():
    """The data folder's files/ is shared by the session's tests: start from none."""
    import shutil

    for folder in leftovers.FOLDERS:
        shutil.rmtree(Path(settings.MEDIA_ROOT) / folder, ignore_errors=True)


def test_rollback_after_the_save_leaves_no_file(users, monkeypatch):
    data = (EXAMPLES / NAME).read_bytes()
    lib, found, _ = services.read_and_check(data, NAME)

    def boom(*args, **kwargs):
        raise RuntimeError("after the files were written")

    monkeypatch.setattr(services, "recheck_next_year", boom)
    with pytest.raises(RuntimeError):
        services.store_report(lib, found, data, NAME, users["clerk"], pages={1: b"page one"})
    assert not Report.objects.exists()
    assert _files() == set()


def test_rollback_of_a_batch_item_after_its_report_leaves_no_file(users, monkeypatch):
    data = (EXAMPLES / NAME).read_bytes()
    batch = batchjobs.stage_batch([(NAME, data)], users["clerk"])
    item = batch.items.get()
    staged = item.path

    def busy(*args, **kwargs):  # the batch's counter update, after the report is stored
        raise OperationalError("database is locked")

    monkeypatch.setattr(batchjobs, "F", busy)
    with pytest.raises(OperationalError):
        batchjobs.process_item(batch, item)
    assert not Report.objects.exists()
    assert _files() == {staged}  # the staged file waits for the next run, nothing else left
    assert BatchItem.objects.get().state == BatchItem.State.PENDING


def test_a_rollback_asks_the_database_about_its_own_files_only(users, django_assert_num_queries):
    """One exists() query per file written in the rolled-back transaction: the
    names of every report and batch item are not read (rollbacks are rare, reports
    many)."""
    stored = services.create_report((EXAMPLES / NAME).read_bytes(), NAME, users["clerk"])
    left = _write(f"pages/{'ab' * 32}/1.jpg")
    with django_assert_num_queries(2) as captured:
        leftovers._drop_unnamed([left, stored.source_file.name])
    assert all("LIMIT 1" in q["sql"] for q in captured.captured_queries)
    assert _files() == {stored.source_file.name}


def test_savepoint_rollback_keeps_the_outer_reports_files(users):
    stored = services.create_report((EXAMPLES / NAME).read_bytes(), NAME, users["clerk"])
    other = "wanghu-street-2023.txt"
    data = (EXAMPLES / other).read_bytes()
    lib, found, _ = services.read_and_check(data, other)
    with transaction.atomic():
        try:
            with leftovers.atomic_with_files():
                services.store_report(lib, found, data, other, users["clerk"])
                raise ValueError("rolled back to the savepoint")
        except ValueError:
            pass
    assert _files() == {stored.source_file.name}


def test_sweep_removes_what_a_kill_left_and_keeps_named_files(users, caplog):
    data = (EXAMPLES / NAME).read_bytes()
    row = services.create_report(data, NAME, users["clerk"])
    pages = services.save_pages(row.sha256, {1: b"page"})
    batch = batchjobs.stage_batch([("wanghu-street-2023.txt", (EXAMPLES / "wanghu-street-2023.txt").read_bytes())],
                                  users["clerk"])
    staged = batch.items.get().path
    orphan_sha = "ab" * 32
    killed = [_write(f"sources/2026/{orphan_sha}.pdf"), _write(f"pages/{orphan_sha}/1.jpg"),
              _write(f"pages/{row.sha256}/.2-x.part"), _write("batches/0123abcd/" + orphan_sha)]
    recent = _write(f"sources/2026/{'cd' * 32}.txt")  # an upload still in flight
    for name in [row.source_file.name, *pages, staged, *killed]:
        _aged(name)
    with caplog.at_level(logging.WARNING, logger="zfxxgk.web.reports.leftovers"):
        removed = leftovers.sweep()
    assert sorted(removed) == sorted(killed)
    assert _files() == {row.source_file.name, *pages, staged, recent}
    assert not (Path(settings.MEDIA_ROOT) / f"pages/{orphan_sha}").exists()
    assert not (Path(settings.MEDIA_ROOT) / "batches/0123abcd").exists()
    logged = caplog.text
    assert all(name in logged for name in killed) and "no report, batch or scan names it" in logged


def test_a_page_a_kill_left_is_written_again_when_its_file_is_stored(users):
    """The worker's sweep reads the names, then removes: a page image an earlier,
    killed upload of the same file left (an hour old, named by nothing) and now
    taken by a new upload's report must be young again, or a sweep that read the
    names just before that commit removes the new report's page."""
    data = (EXAMPLES / NAME).read_bytes()
    lib, found, _ = services.read_and_check(data, NAME)
    left = _aged(_write(f"pages/{lib.sha256}/1.jpg", b"old page"))
    row = services.store_report(lib, found, data, NAME, users["clerk"], pages={1: b"page one"})
    assert left.read_bytes() == b"page one" and time.time() - left.stat().st_mtime < 600
    leftovers.sweep()
    assert _files() == {row.source_file.name, f"pages/{row.sha256}/1.jpg"}


def test_sweep_files_command(users):
    from io import StringIO

    from django.core.management import call_command

    _aged(_write(f"sources/2026/{'ef' * 32}.docx"))
    out = StringIO()
    call_command("sweep_files", stdout=out)
    assert "已删除遗留文件：1 个" in out.getvalue() and _files() == set()


def test_serve_sweeps_at_start_up(users, capsys):
    from zfxxgk.web import server

    _aged(_write(f"pages/{'12' * 32}/1.jpg"))
    server._sweep_leftovers()
    assert "已删除 1 个没有任何报告引用的遗留文件" in capsys.readouterr().out and _files() == set()


@pytest.mark.django_db(transaction=True)
def test_the_worker_sweeps_every_files_s(monkeypatch):
    """`zfxxgk worker` (a thread here) removes what a kill left while it runs, not
    before FILES_S has passed; named files stay."""
    import threading

    from zfxxgk.web.reports import worker

    row = services.create_report((EXAMPLES / NAME).read_bytes(), NAME, None)
    orphan = _write(f"batches/0123abcd/{'ab' * 32}")
    for name in (row.source_file.name, orphan):
        _aged(name)
    swept, removed, real = threading.Event(), [], leftovers.sweep

    def sweep():
        removed.append((time.monotonic(), real()))
        swept.set()

    monkeypatch.setattr(leftovers, "sweep", sweep)
    monkeypatch.setattr(worker, "SWEEP_S", 0.05)
    monkeypatch.setattr(worker, "FILES_S", 0.5)
    started = time.monotonic()
    running = worker.Worker(poll_s=0.1).start()
    try:
        assert swept.wait(60)
    finally:
        running.stop()
        running.thread.join(30)
    when, names = removed[0]
    assert when - started >= 0.5 and names == [orphan]
    assert _files() == {row.source_file.name}
