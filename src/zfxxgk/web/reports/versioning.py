"""A report's version for optimistic locking: the strong ETag of its JSON and the
hidden field of its edit form, so that a save made from a stale copy is refused
(412) instead of silently reverting someone else's work.

The tag is the row's id, version number and `updated_at` to the microsecond: every
save of data, status or findings renews `updated_at` (the page and JSON caches are
keyed on it too). An API change of a report's cells must name the version it was
made from (`If-Match`, 428 without it: a client that never sent one overwrote
whatever was saved in between, a lost update); `If-Match: *` says so on purpose.
A refusal for scope (403/404) comes first, then the version, then the workflow
state."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from .models import Report
from .services import ServiceError


class VersionConflict(ServiceError):
    def __init__(self, message: str):
        super().__init__(message, 412)


class VersionRequired(ServiceError):
    def __init__(self, message: str):
        super().__init__(message, 428)


def etag(row: Report) -> str:
    return f'"{row.pk}-{row.version}-{saved_micros(row)}"'


def saved_micros(row) -> int:
    """When a row was last saved, to the microsecond (0: never): its version."""
    return micros(row.updated_at) if row is not None else 0


def micros(moment: datetime | None) -> int:
    """A moment in microseconds since 1970, as versions are written (0: none)."""
    return int(moment.timestamp() * 1_000_000) if moment else 0


def matches(if_match: str | None, row: Report) -> bool:
    return not if_match or not if_match.strip() or if_match_names(if_match, etag(row))


def if_match_names(if_match: str, tag: str) -> bool:
    """RFC 9110 If-Match: `*`, or one of the listed tags equal to `tag` (strong
    comparison: a weak tag never matches)."""
    tags = [t.strip() for t in if_match.split(",")]
    return "*" in tags or tag in tags


def require_version(row: Report, if_match: str | None) -> None:
    if not matches(if_match, row):
        raise VersionConflict("这份报告在您打开之后已被他人修改，您的改动没有保存；"
                              "请查看对方的改动，在最新的版本上重新修改")


def required(if_match: str | None, row: Report) -> str:
    """The `If-Match` of a change that must name its version, or 428 saying where
    the version comes from."""
    if not if_match or not if_match.strip():
        raise VersionRequired(
            f"修改报告须在请求头 If-Match 中写明所依据的版本：先 GET /api/reports/{row.pk}，"
            "把响应头 ETag 的值原样放入 If-Match（每次修改成功后，响应头 ETag 是新的版本）；"
            "报告在此期间被他人修改时答复 412，您的改动不会覆盖对方的改动")
    return if_match


def from_form(post) -> str:
    """The version a page's form was drawn on (its hidden `version` field). A post
    without one (a page older than the field, or a hand-made request) is refused:
    taken as "whatever is stored now", it would overwrite what it never saw."""
    version = (post.get("version") or "").strip()
    if not version:
        raise VersionRequired("页面缺少所依据的版本（可能是更新前打开的页面），没有保存；"
                              "请刷新页面后重新操作")
    return version


def changed_since(row: Report, tag: str | None) -> list[dict[str, Any]]:
    """What others did to the report after the version `tag` (from 操作记录): who,
    when, what, and each cell or part before and after."""
    from ..audit.models import AuditEntry

    since = _time_of(tag)
    if since is None:
        return []
    entries = (AuditEntry.objects.filter(object_type="report", object_id=str(row.pk), at__gt=since)
               .select_related("user").order_by("at", "id"))
    out = []
    for e in entries:
        before, after = e.before or {}, e.after or {}
        keys = [k for k in after if isinstance(after, dict) and k not in ("counts",)]
        out.append({"at": e.at, "user": e.user.get_username() if e.user_id else "系统",
                    "action": e.action, "summary": e.summary,
                    "changes": [{"what": k, "before": before.get(k) if isinstance(before, dict) else None,
                                 "after": after.get(k)} for k in keys]})
    return out


def _time_of(tag: str | None) -> datetime | None:
    try:
        micros = int((tag or "").strip().strip('"').rsplit("-", 1)[1])
    except (IndexError, ValueError):
        return None
    return datetime.fromtimestamp(micros / 1_000_000, tz=timezone.utc)
