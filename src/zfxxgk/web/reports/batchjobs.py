"""Batches as background jobs: the upload stores the files, a worker reads them.

A zip of five hundred reports takes minutes to read and check; done inside the
request it blocked the browser and died with it. Here the request only unpacks
and guards the upload, keeps each file in the data folder (`BatchItem`, keyed by
its SHA-256 within the batch) and commits; `run_batch` (called by worker.py, or
directly in tests) then reads the files one by one. Each report is stored in its
own transaction together with its item's new state, so a process killed half-way
leaves every file either done or still pending, and a resumed batch stores no
report twice.

A batch is a review: its reports stay in the batch, out of the office's report
list, until a reviewer files them (入库, services.file_report). A file already
stored (same SHA-256, from any batch or upload) is not stored again: its item
points at the report there is.
"""

from __future__ import annotations

import hashlib
import logging
import os
import uuid
from collections import Counter
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone

from .. import audit, clock
from .leftovers import atomic_with_files
from .models import Batch, BatchItem, BatchStatus, Report, finished_status
from .services import (ServiceError, create_report, read_and_check, reusable_copy, store_report,
                       stored_copies)
from .uploads import uploaded_bytes

log = logging.getLogger(__name__)
STAGING = "batches"


# --- the upload --------------------------------------------------------------------------

def _within_batch_limits(expanded: list[tuple[str, bytes]], rejected: list[dict]) -> None:
    """The unpacked files of all the batch's zips together: the same caps as one zip.
    A file refused at once counts as a file: a 10 MB zip of 100 000 members that
    each fail to open (flagged encrypted) kept 100 000 reasons, a 27 MB batch page and
    35 MB more database per upload."""
    if len(expanded) + len(rejected) > settings.BATCH_MAX_FILES:
        raise ServiceError(f"一批最多 {settings.BATCH_MAX_FILES} 个文件，请分几批上传", 413)
    if sum(len(d) for _, d in expanded) > settings.BATCH_MAX_BYTES:
        raise ServiceError(f"一批的文件解压后合计超过 {settings.BATCH_MAX_BYTES // (1024 * 1024)} MB，"
                           "请分几批上传", 413)


def _unpack(files: list[tuple[str, bytes]]) -> tuple[list[tuple[str, bytes, str]], list[dict]]:
    """Uploads -> (files to read with their SHA-256, files refused at once with
    their reason). Zips are opened by the one input walker (ingest/walk.py), as
    `zfxxgk batch` opens them: the same member names, file types and limits."""
    from ...ingest.walk import unpack
    from ...ingest.zipguard import MAX_DIRECTORY

    expanded: list[tuple[str, bytes]] = []
    rejected: list[dict[str, str]] = []
    for fname, data in files:
        for item in unpack(fname, data, settings.MAX_UPLOAD_BYTES, max_directory=MAX_DIRECTORY):
            if item.error is not None:
                rejected.append({"file": item.source, "error": f"{item.source}：{item.error}"})
            else:
                expanded.append((item.source, item.data))
            _within_batch_limits(expanded, rejected)
    kept: list[tuple[str, bytes, str]] = []
    seen: dict[str, str] = {}
    for fname, data in expanded:
        sha = hashlib.sha256(data).hexdigest()
        if not data.strip():
            error = f"{fname}：文件是空的"
        elif sha in seen:
            error = f"{fname}：与 {seen[sha]} 内容相同，只核查一次"
        else:
            seen[sha] = fname
            kept.append((fname, data, sha))
            continue
        rejected.append({"file": fname, "error": error})
    return kept, rejected


def accept_upload(upload, user, text: str = "", missing: str = "") -> Report | Batch:
    """One file sent to "upload a report" (page or API), read by content as `zfxxgk
    check` reads it: a zip becomes a queued batch of the reports in it (the batch
    upload's caps, and each file's agency checked when read), anything else is one
    report, read, checked and stored now (its agency checked before it is kept).
    The file itself is refused past the size limit before it is read. Without a
    file, the pasted `text` is the report; with neither, `missing` is the refusal."""
    from ...ingest.walk import is_archive

    if upload is None:
        if not text.strip():
            raise ServiceError(missing)
        return create_report(text.encode("utf-8"), "粘贴的文本.txt", user)  # read as a .txt upload
    data = uploaded_bytes(upload)
    if is_archive(data):
        return stage_batch([(upload.name, data)], user)
    return create_report(data, upload.name, user)


def stage_uploads(uploads, user, name: str = "") -> Batch:
    """The files of a batch upload (page or API) -> a queued batch. One cap for the
    whole upload (files and zips together), checked from the declared sizes before
    any is read."""
    if sum(f.size for f in uploads) > settings.BATCH_MAX_BYTES:
        raise ServiceError(f"一次批量上传的文件合计超过 {settings.BATCH_MAX_BYTES // (1024 * 1024)} MB，"
                           "请分几批上传", 413)
    return stage_batch([(f.name, uploaded_bytes(f)) for f in uploads], user, name)


def stage_batch(files: list[tuple[str, bytes]], user, name: str = "") -> Batch:
    """Many uploads (zips unpacked) -> a queued batch whose files wait in the data
    folder. Files refused at once (bad zip, empty, a member too large, a duplicate)
    are listed in `batch.rejected`; nothing is parsed here. Each of `files` was held
    to the size limit when it was read (`uploaded_bytes`), a zip's members are by the
    walker."""
    kept, rejected = _unpack(files)
    if not kept and not rejected:
        raise ServiceError("没有收到文件")
    folder = f"{STAGING}/{uuid.uuid4().hex}"
    staged = []
    known = stored_copies(sha for _, _, sha in kept)
    kept = _own_copies(kept, known, user, rejected)
    try:
        for position, (fname, data, sha) in enumerate(kept):
            item = BatchItem(position=position, name=fname[:300], sha256=sha, size=len(data))
            if sha in known:  # read before, in this or another batch: not stored again
                item.state, item.report_id = BatchItem.State.DONE, known[sha]
                item.finished_at = timezone.now()
            else:
                item.path = default_storage.save(f"{folder}/{sha}", ContentFile(data))
            staged.append(item)
        pending = sum(1 for item in staged if item.state == BatchItem.State.PENDING)
        with transaction.atomic():
            batch = Batch.objects.create(
                # a time as the pages write one (2026年12月7日 22:22), not 2026-12-07 22:22
                name=(name or f"批量核查 {clock.text(timezone.now())}")[:200],
                created_by=audit.actor(user),
                rejected=rejected, total=len(kept) + len(rejected),
                processed=len(kept) - pending + len(rejected), failed=len(rejected),
                status=(BatchStatus.QUEUED if pending else
                        finished_status(len(rejected), len(kept) + len(rejected))),
                finished_at=None if pending else timezone.now())
            for item in staged:
                item.batch = batch
            BatchItem.objects.bulk_create(staged)
            audit.record(user, "批量上传", batch, batch.name,
                         after={"files": batch.total, "rejected": len(rejected)})
            if pending:
                from . import worker

                worker.run_batch_task.enqueue(batch.pk)  # the task commits with its batch
    except BaseException:
        for item in staged:
            _unstage(item.path)
        raise
    return batch


def _own_copies(kept: list[tuple[str, bytes, str]], known: dict[str, int], user,
                rejected: list[dict]) -> list[tuple[str, bytes, str]]:
    """`kept` without the files already stored as a report the uploader may not have
    (another agency's draft): each is refused at once into `rejected`, as its fresh
    read would be, rather than listed as read (its count told the file was there)."""
    out = []
    for fname, data, sha in kept:
        try:
            if sha in known:
                reusable_copy(user, known[sha])
        except ServiceError as e:
            rejected.append({"file": fname, "error": f"{fname}：{e.message}"})
            continue
        out.append((fname, data, sha))
    return out


def _unstage(path: str) -> None:
    """Remove a staged file (the report keeps its own copy), and its batch's folder
    once empty."""
    if not path:
        return
    try:
        default_storage.delete(path)
    except OSError:  # a file left behind costs disk space, not data
        log.warning("could not remove staged file %s", path)
    try:
        os.rmdir(default_storage.path(str(PurePosixPath(path).parent)))
    except (OSError, NotImplementedError):  # not empty yet, or not a local folder
        pass


# --- the work ----------------------------------------------------------------------------

def run_batch(batch_id: int, claim: str | None = None, should_stop=lambda: False) -> bool:
    """Read and store every pending file of a batch, then close it. `claim` is the
    worker's token: when another process has taken the batch over (this one was
    thought dead), the run stops. Returns True when the batch was closed."""
    batch = Batch.objects.select_related("created_by").get(pk=batch_id)
    pending = list(batch.items.filter(state=BatchItem.State.PENDING).order_by("position"))
    for item in pending:
        if should_stop() or (claim and not Batch.objects.filter(pk=batch_id, claimed_by=claim).exists()):
            return False
        process_item(batch, item)
    return finish_batch(batch_id, claim)


def process_item(batch: Batch, item: BatchItem) -> None:
    """One file: read and check it outside any transaction, then store the report
    and mark the item done in one transaction. The item's state is changed by a
    conditional UPDATE first, so if two runs ever reach the same file, only one
    stores it."""
    try:
        with default_storage.open(item.path, "rb") as f:
            data = f.read()
    except OSError:
        _fail(batch, item, f"{item.name}：暂存的文件不见了，请重新上传")
        return
    try:
        known = stored_copies([item.sha256]).get(item.sha256)
        lib, found, pages = read_and_check(data, item.name) if known is None else (None, None, {})
        with atomic_with_files():  # a rollback after the report's files are written removes them
            now = timezone.now()
            taken = BatchItem.objects.filter(pk=item.pk, state=BatchItem.State.PENDING).update(
                state=BatchItem.State.DONE, finished_at=now)
            if not taken:
                return
            known = known or stored_copies([item.sha256]).get(item.sha256)
            if known is not None:  # the same file came in by another upload meanwhile
                row = reusable_copy(batch.created_by, known)
            else:
                row = store_report(lib, found, data, item.name, batch.created_by, batch=batch,
                                   filed=False, pages=pages)
            BatchItem.objects.filter(pk=item.pk).update(report=row, path="")
            Batch.objects.filter(pk=batch.pk).update(processed=F("processed") + 1)
            transaction.on_commit(lambda: _unstage(item.path))
    except ServiceError as e:  # named by its file, as every other line of the list
        _fail(batch, item, e.message if e.message.startswith(item.name) else f"{item.name}：{e.message}")
    except (OperationalError, InterfaceError):
        raise  # the database is busy or gone: the file stays pending for the next run
    except Exception as e:  # a bug must not stop the batch nor loop on the same file
        log.exception("batch %s: %s", batch.pk, item.name)
        _fail(batch, item, f"{item.name}：处理时出错（{type(e).__name__}），请把这个文件交给管理员")


def _fail(batch: Batch, item: BatchItem, message: str) -> None:
    with transaction.atomic():
        if BatchItem.objects.filter(pk=item.pk, state=BatchItem.State.PENDING).update(
                state=BatchItem.State.FAILED, error=message, finished_at=timezone.now()):
            Batch.objects.filter(pk=batch.pk).update(processed=F("processed") + 1,
                                                     failed=F("failed") + 1)
            # The file is not kept: it would fill the disk and every backup.
            BatchItem.objects.filter(pk=item.pk).update(path="")
            transaction.on_commit(lambda: _unstage(item.path))


def finish_batch(batch_id: int, claim: str | None = None) -> bool:
    """Close a batch whose files are all read: 已完成 (with the count of files that
    could not be read), or 失败 when none gave a report.
    The totals are counted again from the items, the one source of truth."""
    with transaction.atomic():
        batch = Batch.objects.select_for_update().get(pk=batch_id)
        if batch.finished or (claim and batch.claimed_by != claim):
            return batch.finished
        states = Counter(batch.items.values_list("state", flat=True))
        if states[BatchItem.State.PENDING]:
            return False
        refused = len(batch.rejected or [])
        batch.total = refused + sum(states.values())
        batch.processed = batch.total
        batch.failed = refused + states[BatchItem.State.FAILED]
        batch.status = finished_status(batch.failed, batch.total)
        batch.finished_at = timezone.now()
        batch.claimed_by, batch.heartbeat = "", None
        batch.save()
        audit.record(batch.created_by, "批量核查完成", batch, batch.name,
                     after={"status": batch.status, "reports": states[BatchItem.State.DONE],
                            "failed": batch.failed})
    return True
