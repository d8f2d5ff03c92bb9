"""The report list's bulk “标记为已审核”: a reviewer with 150 reports without errors
opened each one to confirm its warnings. Each report goes through
`verdicts.confirm_open` (scope, version, an audit entry per verdict) in its own
transaction, so one refusal leaves the others done; the reviewer is told how many
were done and why the others were skipped."""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from .models import Report
from .services import ServiceError
from .verdicts import HasErrors, confirm_open, subject
from .versioning import etag, saved_micros

# A report saved after the list was shown carries this tag: locked() refuses it (412)
CHANGED = '"changed-since-listed"'
OUT_OF_SCOPE = "不在您负责的机关"
MISSING = "找不到或无权查看"


def review_ids(user, shown: dict[int, str], comment: str = "") -> tuple[dict, int]:
    """The reports named by id (`shown`: id -> the ETag the reviewer's list showed)
    among those the user may see; returns the result and how many were not found."""
    from .data import LARGE
    from .querysets import visible_reports

    rows = list(visible_reports(user, Report.objects.filter(pk__in=list(shown))).defer(*LARGE))
    return review_selected(user, rows, shown, comment), len(shown) - len(rows)


def review_filter(user, params, listed_micros: int, comment: str = "") -> dict:
    """Every report without errors that the list's filter `params` finds now, as
    each was when the list was shown."""
    from .data import LARGE, filtered_reports

    rows = filtered_reports(params, user).filter(errors=0).defer(*LARGE)
    return review_listed_since(user, rows, listed_micros, comment)


def review_selected(user, rows: Iterable[Report], shown: dict[int, str], comment: str = "") -> dict:
    """Confirm the open findings of `rows` (reports the user may see), each against
    the version its list row showed (`shown`: id -> ETag; none shown is refused)."""
    return _each(user, ((row, shown.get(row.pk) or CHANGED) for row in rows), comment)


def review_listed_since(user, rows: Iterable[Report], listed_micros: int, comment: str = "") -> dict:
    """“All reports without errors in this filter”: the versions are those as they
    were when the list was shown (`listed_micros`); a report saved since is skipped."""
    return _each(user, ((row, etag(row) if saved_micros(row) <= listed_micros else CHANGED)
                        for row in rows), comment)


def _each(user, pairs, comment: str) -> dict:
    """Reports sharing a subject (the same body and year, uploaded twice) share their
    verdicts: the first one done marks the others, whose versions it renewed. Each
    other is still asked for itself (`_renewed_tag`): one with errors, or changed
    before this request, was counted done with the first, unchecked."""
    done, confirmed, skipped, subjects = 0, 0, Counter(), set()
    for row, tag in pairs:
        key = subject(row)
        try:
            if key in subjects:
                tag = _renewed_tag(row, tag)
                if tag is None:  # nothing of its own left open: done with the first
                    done += 1
                    continue
            confirmed += confirm_open(row, user, tag, comment)
            done += 1
            subjects.add(key)
        except ServiceError as e:
            skipped[_reason(e)] += 1
    return {"done": done, "confirmed": confirmed, "skipped": dict(skipped)}


def _renewed_tag(row: Report, tag: str) -> str | None:
    """The version to confirm `row` against, now that a verdict on a report of its
    subject renewed it: its current one if the list showed it as this request read it
    (`row`, read before any verdict of this request), else CHANGED; None when it has
    no error and nothing open left."""
    if tag != etag(row):
        return CHANGED
    fresh = Report.objects.get(pk=row.pk)
    if fresh.errors:
        raise HasErrors(f"有{fresh.errors}项错误，须在报告页逐项审核", 409)
    if not fresh.open_findings:
        return None
    return etag(fresh)


def all_refused_by_scope(result: dict, missing: int) -> bool:
    """Nothing done, and every report asked for was outside the user's scope: a
    refusal (403), as the single verdict on such a report is, not a summary."""
    other = {why: n for why, n in result["skipped"].items() if why != OUT_OF_SCOPE}
    return not result["done"] and not other and (missing or result["skipped"])


def _reason(e: ServiceError) -> str:
    """A skipped report's reason as the summary groups it (the per-report message
    names its own figures)."""
    if e.status == 412:
        return "打开列表后已被修改"
    if e.status == 403:
        return OUT_OF_SCOPE
    if isinstance(e, HasErrors):
        return "有错误，须在报告页逐项审核"
    return e.message


def answer(result: dict, missing: int = 0) -> dict:
    """The result as the API answers it: the page's message with its figures, the
    reports not found counted among the skipped as the message counts them."""
    skipped = {**result["skipped"], **({MISSING: missing} if missing else {})}
    return {"done": result["done"], "confirmed": result["confirmed"], "skipped": skipped,
            "skipped_total": sum(skipped.values()), "message": summary(result, missing)}


def summary(result: dict, missing: int = 0) -> str:
    """The flash message: how many done, how many skipped and why, in Chinese."""
    text = f"已标记为已审核 {result['done']} 份报告（确认问题 {result['confirmed']} 项）"
    skipped = dict(result["skipped"])
    if missing:
        skipped[MISSING] = missing
    if skipped:
        text += f"；跳过 {sum(skipped.values())} 份：" + "，".join(f"{why} {n} 份" for why, n in skipped.items())
    return text + "。"
