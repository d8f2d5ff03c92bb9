"""Reviewers' verdicts on findings: confirmed (确认) or dismissed (排除), with a comment.

A finding row is replaced at every check, so a verdict cannot hang on it: it is
kept by the finding's fingerprint (app.finding_table.fingerprint: rule, cells and
the quoted source text, not the message with its figures) under the report's
subject. The subject is the body and year when the report has both (so a new
version, or the same report uploaded again, finds the verdict), else the first
version of the report. A dismissed finding stays on the page and in exports with
its verdict, but no longer counts in the report's error/warning/info totals.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Iterable

from django.db import transaction
from django.utils import timezone

from ...app.finding_table import finding_fingerprint
from .. import audit
from .models import COUNTS, Finding, Report, Verdict
from .services import ServiceError, locked, one_at_a_time


class VerdictError(ServiceError):
    """A verdict refused (the finding is gone, an unknown verdict)."""


class HasErrors(VerdictError):
    """A report with errors is not confirmed in bulk: its errors are judged on its page."""


class NothingOpen(VerdictError):
    """Every finding of the report has its verdict already (or it has none)."""


def subject(row: Report) -> str:
    if row.agency_id and row.year is not None:
        return f"agency:{row.agency_id}:{row.year}"
    root = row
    seen = {root.pk}
    while root.previous_version_id and root.previous_version_id not in seen:
        seen.add(root.previous_version_id)
        root = Report.objects.only("pk", "previous_version_id").get(pk=root.previous_version_id)
    return f"report:{root.pk}"


def verdicts_for(row: Report) -> dict[str, Verdict]:
    """The verdicts that apply to the report's findings, by fingerprint."""
    return {v.fingerprint: v for v in Verdict.objects.filter(subject=subject(row))}


def set_counts(row: Report, findings: Iterable[object], judged: dict[str, str] | None = None) -> None:
    """The row's error/warning/info totals from the findings (not saved), a
    dismissed one not counted; and how many findings there are and how many still
    lack a verdict (the list's 审核 column and filter read them). `judged`: the
    subject's verdicts (fingerprint -> verdict) when the caller has read them."""
    if judged is None:
        judged = dict(Verdict.objects.filter(subject=subject(row)).values_list("fingerprint", "verdict")
                      ) if row.pk else {}
    out, total, still_open = Counter(), 0, 0
    for f in findings:
        verdict = judged.get(finding_fingerprint(f))
        total += 1
        still_open += verdict is None
        out[f.severity] += verdict != Verdict.Kind.DISMISSED
    row.errors, row.warnings, row.infos = out["error"], out["warning"], out["info"]
    row.findings_total, row.open_findings = total, still_open


# Reports recount() reads and writes per round of queries
RECOUNT_CHUNK = 500


def recount(rows: Iterable[Report]) -> None:
    """Store the totals of `rows` again (their subject's verdicts changed, or the
    subject itself: an agency merged into another): a few queries per RECOUNT_CHUNK
    reports (their verdicts, their findings, one update), not three per report, and
    each row's version renewed as its save() would."""
    rows = list(rows)
    for at in range(0, len(rows), RECOUNT_CHUNK):
        _recount_chunk(rows[at:at + RECOUNT_CHUNK])


def _recount_chunk(rows: list[Report]) -> None:
    keys = {row.pk: subject(row) for row in rows}
    judged: dict[str, dict[str, str]] = {}
    for key, fp, verdict in Verdict.objects.filter(subject__in=set(keys.values())).values_list(
            "subject", "fingerprint", "verdict"):
        judged.setdefault(key, {})[fp] = verdict
    findings: dict[int, list[Finding]] = {}
    for f in Finding.objects.filter(report__in=list(keys)).only("report_id", "severity", "rule", "cells",
                                                                "where"):
        findings.setdefault(f.report_id, []).append(f)
    now = timezone.now()
    for row in rows:
        set_counts(row, findings.get(row.pk, ()), judged.get(keys[row.pk], {}))
        row.updated_at = now
    Report.objects.bulk_update(rows, [*COUNTS, "updated_at"])


@transaction.atomic
def decide(row: Report, position: int, verdict: str, comment: str, user,
           if_match: str | None = None) -> Verdict | None:
    """Record a verdict on the report's finding at `position` (its place in the
    list); an empty `verdict` withdraws it. Every report of the same subject is
    recounted, as they share the verdict (which renews the report's version).
    `if_match`: the report's version the reviewer saw; a report changed since
    (another verdict, a re-check that moved the findings) is refused with 412, so
    neither a colleague's verdict nor a finding at a shifted position is overwritten."""
    same = _hold(row)
    row = locked(row, user, if_match)
    finding = Finding.objects.filter(report=row, position=position).first()
    if finding is None:
        raise VerdictError("这个问题已不存在（报告可能已重新核查），请刷新页面", 404)
    if verdict and verdict not in Verdict.Kind.values:
        raise VerdictError(f"没有这个审核结论：{verdict}")
    key = subject(row)
    out = _give(row, key, finding, verdict, comment, user)
    recount(same)  # they share the verdict
    return out


def _give(row: Report, key: str, finding: Finding, verdict: str, comment: str, user) -> Verdict | None:
    """Store (or withdraw) one verdict with its audit entry; the caller holds the
    subject's locks (`_hold`, then `locked`) and recounts the subject after."""
    fp = finding_fingerprint(finding)
    before = Verdict.objects.filter(subject=key, fingerprint=fp).first()
    out = None
    if verdict:
        out, _ = Verdict.objects.update_or_create(
            subject=key, fingerprint=fp,
            defaults={"rule": finding.rule, "verdict": verdict, "comment": (comment or "").strip(),
                      "decided_by": audit.actor(user)})
    elif before is not None:
        before.delete()
    audit.record(user, "审核问题", row, f"{finding.rule} {out.get_verdict_display() if out else '撤销结论'}",
                 before=_plain(before), after=_plain(out))
    return out


def _plain(v: Verdict | None) -> dict | None:
    """The audit's view of a verdict, in the words the log shows (确认/排除)."""
    return None if v is None else {"rule": v.rule, "verdict": v.get_verdict_display(),
                                   "comment": v.comment}


def hold_subject(row: Report) -> None:
    """Hold, to the transaction's end, the lock of the row's subject: a verdict and
    a new report of the subject (add_report, whose totals leave out what is
    dismissed) one after the other, so that neither counts without the other."""
    one_at_a_time(hashlib.sha256(f"verdicts {subject(row)}".encode()).hexdigest())


def _same_subject(row: Report, key: str) -> list[Report]:
    """The reports whose findings the subject `key` (the row's) judges: the body's
    reports of the year, or the versions grown from one report without them (the
    first's verdict was not counted on the others). Locked in key order: their
    totals are stored again from findings read under the lock (a re-check or an
    edit of one meanwhile had its totals overwritten with those read before)."""
    if row.agency_id and row.year is not None:
        same = Report.objects.filter(agency_id=row.agency_id, year=row.year)
    else:
        found, todo = {}, [int(key.split(":")[1])]
        while todo:
            for other in Report.objects.filter(pk__in=todo).exclude(pk__in=list(found)):
                found[other.pk] = other
            todo = list(Report.objects.filter(previous_version_id__in=todo).exclude(pk__in=list(found))
                        .values_list("pk", flat=True))
        same = Report.objects.filter(pk__in=[r.pk for r in found.values() if subject(r) == key] or [row.pk])
    return list(same.select_for_update().order_by("pk"))


def _hold(row: Report) -> list[Report]:
    """The subject, then its reports, before the row itself is locked (`locked`):
    every verdict takes them in this order, so two never wait for each other.
    Returns those reports, locked (to recount once the verdicts are given)."""
    hold_subject(row)
    return _same_subject(row, subject(row))


@transaction.atomic
def confirm_open(row: Report, user, if_match: str | None, comment: str = "") -> int:
    """A reviewer's “看过，无误” on a report without errors: each finding still
    without a verdict confirmed as `decide` records one (an audit entry each),
    under the subject's locks taken once, in `decide`'s order, and the subject
    recounted once at the end (a recount per verdict read every report's findings
    again each time). Scope and the report's version are checked once, here,
    against the one the reviewer's list showed; a report with errors is refused
    (those are judged one by one on its page). Returns how many findings were
    confirmed."""
    same = _hold(row)
    row = locked(row, user, if_match)
    if row.errors:
        raise HasErrors(f"有{row.errors}项错误，须在报告页逐项审核", 409)
    judged = verdicts_for(row)
    still_open = [f for f in row.findings.all() if finding_fingerprint(f) not in judged]
    if not still_open:
        raise NothingOpen("没有待审核的问题", 409)
    _confirm_all(row, subject(row), still_open, comment, user)  # the row stays locked: no version to repeat
    recount(same)  # they share the verdicts
    return len(still_open)


def _confirm_all(row: Report, key: str, findings: list[Finding], comment: str, user) -> None:
    """`_give`'s confirmation of each finding (none has a verdict yet), stored in two
    queries, not five per finding: the verdicts (one per fingerprint: two findings
    may share one), then an audit entry per finding as `_give` writes it."""
    from ..audit.models import AuditEntry

    made: dict[str, Verdict] = {}
    entries = []
    for finding in findings:
        fp = finding_fingerprint(finding)
        before = made.get(fp)
        made[fp] = Verdict(subject=key, fingerprint=fp, rule=finding.rule, verdict=Verdict.Kind.CONFIRMED,
                           comment=(comment or "").strip(), decided_by=audit.actor(user))
        entries.append(audit.entry(user, "审核问题", row, f"{finding.rule} {made[fp].get_verdict_display()}",
                                   before=_plain(before), after=_plain(made[fp])))
    Verdict.objects.bulk_create(made.values())
    AuditEntry.objects.bulk_create(entries)
