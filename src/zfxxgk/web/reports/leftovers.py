"""Files in the data folder that no row names: removed, never kept.

A report's source (`sources/`), a scan's page images (`pages/<sha256>/`) and a
batch's staged files (`batches/<uuid>/`) are written before the transaction that
names them commits, so the row never names a file that is missing. But a rollback
after the write, or a server killed between the write and the commit, left the file
behind: an applicant's or an office's private data that no page shows, nobody can
delete, and every backup carries.

Two guards. `atomic_with_files` is the transaction of a storing path: when it rolls
back, the files written inside it (`note_written`) that no row names any more are
removed at once. `sweep` finds what a kill left: files older than an hour (a file
that young may belong to an upload still in flight) that no report, batch item or
scan's report names; `zfxxgk serve` runs it at start-up, its `zfxxgk worker`
every hour (worker.FILES_S), `python -m django sweep_files` on demand. Each
removal is logged. `imports/` (a register between its preview and its import)
expires by itself (cases/importing.py).
"""

from __future__ import annotations

import logging
import threading
import time
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.transaction import TransactionManagementError

log = logging.getLogger(__name__)
FOLDERS = ("sources", "pages", "batches")
MIN_AGE_S = 3600
_written = threading.local()


def note_written(*names: str) -> None:
    """Files (paths relative to the data folder's files/) just written inside the
    current `atomic_with_files` transaction."""
    _pending().extend(n for n in names if n)


def _pending() -> list[str]:
    if not hasattr(_written, "names"):
        _written.names = []
    return _written.names


@contextmanager
def atomic_with_files():
    """transaction.atomic(), and on its rollback the removal of the files written in
    it that no row names now (after a savepoint's rollback the outer transaction's
    rows still name theirs: those stay)."""
    pending = _pending()
    if not transaction.get_connection().in_atomic_block:
        pending.clear()  # left by a transaction that committed
    start = len(pending)
    try:
        with transaction.atomic():
            yield
    except BaseException:
        mine = pending[start:]
        del pending[start:]
        _drop_unnamed(mine)
        raise
    if not transaction.get_connection().in_atomic_block:
        pending.clear()  # committed: every file is named by its row


def _drop_unnamed(names: list[str]) -> None:
    if not names:
        return
    known = _Named(read_all=False)  # rollbacks are rare, reports many: one query a file
    for i, name in enumerate(names):
        try:
            named = known(name)
        except (DatabaseError, TransactionManagementError):  # the database is gone or busy:
            log.warning("left for the sweep: %s", ", ".join(names[i:]))  # never mask the rollback's cause
            return
        if not named:
            _remove(Path(settings.MEDIA_ROOT) / name, "its transaction rolled back")


class _Named:
    """Whether a row names a file (its path relative to files/): with `read_all`,
    from every name read at once (the sweep of every file); else by one exists()
    query a file (a rollback's few files, while the reports are many)."""

    def __init__(self, read_all: bool = True) -> None:
        from .models import BatchItem, Report

        self.columns = {"sources": (Report, "source_file"), "pages": (Report, "sha256"),
                        "batches": (BatchItem, "path")}
        self.names = {folder: set(model.objects.exclude(**{field: ""}).values_list(field, flat=True))
                      for folder, (model, field) in self.columns.items()} if read_all else None

    def __call__(self, name: str) -> bool:
        parts = PurePosixPath(name).parts
        if not parts or parts[0] not in FOLDERS:
            return True  # not ours to judge
        if parts[0] == "pages" and (len(parts) != 3 or parts[2].endswith(".part")):
            return False
        value = parts[1] if parts[0] == "pages" else name  # a page is named by its report's sha
        if self.names is not None:
            return value in self.names[parts[0]]
        model, field = self.columns[parts[0]]
        return model.objects.filter(**{field: value}).exists()


def sweep(min_age_s: float = MIN_AGE_S) -> list[str]:
    """Remove the files of sources/, pages/ and batches/ older than `min_age_s` that
    nothing names (and folders left empty); returns their paths, each logged."""
    root = Path(settings.MEDIA_ROOT)
    cutoff = time.time() - min_age_s
    known = _Named()
    removed = []
    for folder in FOLDERS:
        base = root / folder
        if not base.is_dir():
            continue
        for path in sorted(p for p in base.rglob("*") if p.is_file() or p.is_symlink()):
            name = path.relative_to(root).as_posix()
            try:
                young = path.lstat().st_mtime >= cutoff
            except FileNotFoundError:
                continue
            if not young and not known(name):
                _remove(path, "no report, batch or scan names it")
                removed.append(name)
        _drop_empty_folders(base, cutoff)
    return removed


def _remove(path: Path, why: str) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        return
    except OSError as e:
        log.warning("could not remove %s (%s): %s", path, why, e)
        return
    log.warning("removed %s: %s", path, why)
    parent = path.parent
    root = Path(settings.MEDIA_ROOT)
    while parent != root and parent.parent != root:  # pages/<sha>/, batches/<uuid>/
        try:
            parent.rmdir()
        except OSError:  # not empty
            break
        parent = parent.parent


def _drop_empty_folders(base: Path, cutoff: float) -> None:
    """Empty folders untouched since `cutoff` (a new one may be about to get its file)."""
    for folder in sorted((p for p in base.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        try:
            if folder.stat().st_mtime < cutoff:
                folder.rmdir()
        except OSError:  # not empty, or gone
            pass
