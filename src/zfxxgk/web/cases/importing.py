"""Storing a 台账 import: all rows or none, and never a case twice.

The preview (`cases.ledger.preview`) is made on the store's calendar, then every
case is saved through `store.save_case` inside one transaction: a row the store
refuses rolls the whole import back. A case number the agency already has is not
imported again: when the register only adds events to the stored case (it has
been answered since the last import) the case is brought up to date; when the
stored case differs otherwise (events recorded in the application) it is left
alone and listed, so a re-import never overwrites work done in the application.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Mapping

from django.conf import settings
from django.db import transaction

from ...cases.ledger import FIELDS, Preview, preview
from ...cases.model import Case, Channel
from .. import audit
from ..reports.models import Agency
from . import store
from .models import CaseRecord
from .store import StoreError

_SHA = re.compile(r"^[0-9a-f]{64}$")
KEEP_SECONDS = 24 * 3600  # an unfinished preview's file is kept this long


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # stored case differs: left alone

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self) -> str:
        parts = [f"新增{len(self.created)}件"]
        if self.updated:
            parts.append(f"更新{len(self.updated)}件")
        if self.unchanged:
            parts.append(f"已存在且相同{len(self.unchanged)}件")
        if self.conflicts:
            parts.append(f"与系统中的记录不同、未覆盖{len(self.conflicts)}件")
        return "，".join(parts)


def import_data(p: Preview | None, planned: ImportResult | None = None,
                done: ImportResult | None = None) -> dict[str, Any]:
    """What the page and the API show: the preview, what an import would do, and
    what it did."""
    out: dict[str, Any] = {"fields": [{"code": f.code, "label": f.label, "required": f.required}
                                      for f in FIELDS],
                           "channels": [{"code": c.value, "label": c.label} for c in Channel]}
    if p is not None:
        out["preview"] = p.to_dict()
    if planned is not None:
        out["plan"] = planned.to_dict()
    if done is not None:
        out["imported"] = done.to_dict()
        out["summary"] = done.summary()
    return out


def agency_named(name: str, create: bool, user=None) -> Agency:
    """The agency an import is for, refused (403) when it is known and outside the
    user's scope: before the file is kept, so a refused upload leaves nothing behind.
    A new name makes an agency only when importing (and only for a user whose scope
    is everything)."""
    try:
        agency = store.agency_for(name, create=create, user=user)
    except StoreError as e:
        if e.status == 404:
            return Agency(key=name.strip(), name=name.strip())
        raise
    store.require_scope(user, agency)
    return agency


def make_preview(data: bytes, agency: Agency, *, sheet: str | None = None,
                 header_line: int | None = None, mapping: Mapping[str, int | None] | None = None,
                 default_channel: Channel | None = None) -> Preview:
    return preview(data, agency.name, sheet=sheet, header_line=header_line, mapping=mapping,
                   default_channel=default_channel, calendar=store.calendar())


def _events(case: Case) -> list[dict[str, Any]]:
    return [e.to_dict() for e in case.events]


def plan(p: Preview, agency: Agency, lock: bool = False) -> tuple[ImportResult, list[Case]]:
    """What saving `p` would do, and the cases to save. `lock` (inside the import's
    transaction) locks the stored rows read here until it ends: on PostgreSQL an
    event recorded on one of them after this read and before the import's save
    was overwritten; now it waits for the import and is applied to what it saved."""
    result, todo = ImportResult(), []
    rows = CaseRecord.objects.filter(agency=agency, number__in=[c.id for c in p.cases])
    if lock:
        rows = store.locked(rows)
    stored = {r.number: r for r in rows}
    for case in p.cases:
        record = stored.get(case.id)
        if record is None:
            result.created.append(case.id)
            todo.append(case)
            continue
        old, new = _events(store.case_of(record)), _events(case)
        if old == new:
            result.unchanged.append(case.id)
        elif len(new) > len(old) and new[:len(old)] == old:
            result.updated.append(case.id)
            todo.append(case)
        else:
            result.conflicts.append(case.id)
    return result, todo


def commit(p: Preview, agency: Agency, user, file_name: str) -> ImportResult:
    """Save every case of an error-free preview in one transaction."""
    store.require_scope(user, agency)
    if not p.ok:
        problems = p.errors + p.row_errors
        raise StoreError(f"台账有{len(problems)}处错误，未导入任何申请：" + "；".join(problems[:5]))
    with transaction.atomic():
        result, todo = plan(p, agency, lock=True)
        cal = store.calendar()  # after the locks: a year entered while they were awaited counts
        for case in todo:
            verb = "更新" if case.id in result.updated else "导入"
            store.save_case(case, user, f"{case.id}：台账{verb}（{file_name}）",
                            agency=agency, cal=cal, new=case.id in result.created)
        audit.record(user, "import", agency,
                     f"{agency.name}：导入台账{file_name}（{p.sheet}）：{result.summary()}",
                     after=result.to_dict())
    return result


# --- the uploaded file between preview and import ---------------------------------------

def _folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def keep_upload(data: bytes) -> str:
    """Keep the uploaded file until it is imported; its SHA-256 names it. A register
    holds applicants' names, so files left by previews nobody finished are removed
    after a day rather than kept (and backed up) for ever."""
    sha = hashlib.sha256(data).hexdigest()
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    drop_stale(folder)
    path = folder / f"{sha}.xlsx"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    return sha


def kept_upload(sha: str) -> bytes:
    """The kept file; the name is checked to be a SHA-256 before any path is read."""
    if not _SHA.match(sha or "") or not (_folder() / f"{sha}.xlsx").is_file():
        raise StoreError("上传的台账已失效，请重新上传")
    return (_folder() / f"{sha}.xlsx").read_bytes()


def drop_upload(sha: str) -> None:
    if _SHA.match(sha or ""):
        (_folder() / f"{sha}.xlsx").unlink(missing_ok=True)


def drop_stale(folder: Path) -> None:
    import time

    cutoff = time.time() - KEEP_SECONDS
    for p in folder.glob("*.xlsx"):
        try:
            if p.stat().st_mtime < cutoff:
                p.unlink()
        except FileNotFoundError:  # another request removed it first
            pass
