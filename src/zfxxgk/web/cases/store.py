"""The one store of cases and registers: the pages, the API and the CLI all go
through these functions, so a case is replayed, indexed and audit-logged the same
way whoever saves it.

A case is kept as its domain form (`Case.to_dict()`); saving replays its events on
the current calendar (bundled years plus the `CalendarYear` rows an administrator
entered), so every deadline stored carries the calendar version it was computed
with and is marked provisional when a year it touches has no data. Each change is
one transaction together with its audit entry.
"""

from __future__ import annotations

import functools
import logging
from datetime import date
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from ...cases.calendar import WorkdayCalendar, parse_year
from ...cases.compile import Compilation, compile_year
from ...cases.law import DeadlineKind
from ...cases.letter_settings import LetterSettings, SettingsError, settings_for, usable_settings
from ...cases.model import Case, Event
from ...cases.personal import PersonalDataCipher, PersonalDataError, Role, reveal as reveal_fields
from ...cases.policy import CountingPolicy
from ...cases.registers import ActiveFigures, LitigationCase, Registers, litigation_table
from ...cases.workflow import EVENT_LABELS, TransitionError, apply, replay
from .. import audit
from ..accounts import scope
from ..reports.models import Agency
from ..reports.querysets import ScopeRefused, require_agency
from ..reports.services import ServiceError
from ..reports.versioning import if_match_names, saved_micros
from .models import (ActiveFiguresRecord, CalendarYear, CaseRecord, LitigationRecord,
                     PersonalAccess)
from .locking import calendar_gate, locked

log = logging.getLogger(__name__)


class StoreError(ServiceError):
    """A change the cases store refuses: the web's one refusal (Chinese message,
    HTTP status), so the API answers it as any other."""


# --- calendar and key -------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def bundled_calendar() -> WorkdayCalendar:
    return WorkdayCalendar.bundled()


def calendar() -> WorkdayCalendar:
    """The bundled years, each replaced or extended by an entered `CalendarYear`."""
    cal = bundled_calendar()
    for row in CalendarYear.objects.order_by("year"):
        cal = cal.with_year(parse_year(row.data.encode("utf-8")))
    return cal


LETTER_SETTINGS = "letters.toml"  # in the data folder: each agency's letter settings


def letter_settings(agency: Agency) -> LetterSettings:
    """The agency's letter settings: as set on the 文书设置 page, else from the data
    folder's letters.toml (defaults — blanks for 复议机关 and 法院 — when neither has
    the agency)."""
    return letter_settings_checked(agency)[0]


def letter_settings_checked(agency: Agency) -> tuple[LetterSettings, str | None]:
    """`letter_settings` and, for a page row that cannot be used whole (saved before
    its number format was checked), why: its letters take the default number format
    meanwhile (`usable_settings`), logged here and shown to those who may correct it."""
    from .models import LetterSettingsRecord

    row = LetterSettingsRecord.objects.filter(agency=agency).first()
    if row is not None:
        values, fault = usable_settings(row.data)
        if fault:
            log.warning("letter settings of agency %s (%s) fall back to the default number format: %s",
                        agency.pk, agency.name, fault)
        return values, fault
    try:
        return settings_for(agency.name, settings.DATA_DIR / LETTER_SETTINGS), None
    except SettingsError as e:
        raise StoreError(f"{LETTER_SETTINGS}：{e}", 500) from None


def save_letter_settings(values: LetterSettings, user, *, agency: Agency, version: str):
    """The agency's letter settings as set on its page; `version` as the registers'."""
    from dataclasses import asdict

    from .models import LetterSettingsRecord

    return _save_register(LetterSettingsRecord, "data", user, agency, {}, {"data": asdict(values)},
                          f"{agency.name}的文书设置", version=version,
                          stale="文书设置在您打开之后已被他人修改，您的改动没有保存；请重新打开，在最新的设置上修改")


def cipher() -> PersonalDataCipher:
    try:
        return PersonalDataCipher(settings.ZFXXGK_PERSONAL_DATA_KEY)
    except PersonalDataError as e:
        raise StoreError(str(e), 500) from None


# --- agencies ---------------------------------------------------------------------------

def agency_for(name_or_key: str, create: bool = False, user=None) -> Agency:
    """The agency with this key or (unique) name; made when `create` is set, and
    placed in the agency tree as an uploaded report's agency would be."""
    name = (name_or_key or "").strip()
    if not name:
        raise StoreError("请填写机关名称")
    found = Agency.objects.filter(key=name).first()
    if found:
        return found
    named = list(Agency.objects.filter(name=name)[:2])
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        raise StoreError(f"有多个机关名为“{name}”，请使用机关标识")
    if not create:
        raise StoreError(f"没有机关“{name}”{_did_you_mean(name)}", 404)
    if user is not None and scope.agency_ids(user) is not None:  # not theirs to create
        raise ScopeRefused(scope.refusal(user, name))
    from ..reports.placing import agency_for as placed

    return placed(name, name, "", user)


def _did_you_mean(name: str) -> str:
    """The full names a short one may stand for (东湖街道 -> 青禾市云岭区东湖街道办事处):
    the clerk types the office's everyday name, the register holds the full one."""
    core = name.removesuffix("办事处").removesuffix("人民政府")
    hits = list(Agency.objects.filter(name__contains=core).values_list("name", flat=True)[:4]) if core else []
    if not hits:
        return ""
    return "；是不是：" + "、".join(f"“{h}”" for h in hits[:3]) + ("等" if len(hits) > 3 else "")


# --- cases ------------------------------------------------------------------------------

def hold_agency(agency: Agency) -> None:
    """Lock the agency before a new row points at it, as an agency merge locks it
    before moving its rows: a merge under way either finishes first (the agency is
    gone: refused here with a Chinese message, where the row used to fail the merge
    or the commit with a database error) or waits and carries the new row along.
    NO KEY UPDATE: other rows' foreign-key checks on the agency need not wait."""
    if not list(Agency.objects.select_for_update(no_key=True).filter(pk=agency.pk).values_list("pk")):
        raise StoreError(f"{agency.name}已并入其他机关或已删除，没有保存；请刷新页面后重新选择机关", 409)


def require_scope(user, agency: Agency) -> None:
    """403 when the user does not work for this agency (before any other check): the
    reports' check (an agency not stored yet is outside every scope), one exception
    type (ScopeRefused) for pages and API alike."""
    require_agency(user, agency.pk, agency.name)


def scoped_agency(name_or_key: str, user, create: bool = False) -> Agency:
    """`agency_for`, for a user: an agency outside their scope is refused (403),
    whether they read its registers or write them."""
    agency = agency_for(name_or_key, create=create, user=user)
    require_scope(user, agency)
    return agency


def case_of(record: CaseRecord) -> Case:
    """The domain case of a row; its agency is the row's agency name."""
    case = Case.from_dict(record.data)
    case.agency = record.agency.name
    case.id = record.number
    return case


def load_cases(agency: Agency) -> list[Case]:
    qs = CaseRecord.objects.select_related("agency").filter(agency=agency)
    return [case_of(r) for r in qs.order_by("received_on", "id")]


def _index(record: CaseRecord, case: Case) -> None:
    answer = case.deadlines.get(DeadlineKind.ANSWER)
    first = answer or next(iter(case.deadlines.values()), None)
    record.number = case.id
    record.data = case.to_dict()
    record.status = case.status.value
    record.applicant_type = case.applicant_type.value
    record.subject = case.subject[:300]
    record.received_on = case.received_on
    record.due_on = answer.due if answer else None
    record.provisional = any(d.provisional for d in case.deadlines.values())
    record.calendar_version = first.calendar_version if first else ""
    record.closed_on = case.closed_on
    record.outcome = case.outcome.value if case.outcome else ""


def _snapshot(record: CaseRecord) -> dict[str, Any]:
    return {"status": record.status, "due_on": record.due_on and record.due_on.isoformat(),
            "provisional": record.provisional, "calendar_version": record.calendar_version,
            "outcome": record.outcome, "events": len(record.data.get("events", ()))}


def save_case(case: Case, user, note: str = "", *, agency: Agency | None = None,
              cal: WorkdayCalendar | None = None, new: bool = False) -> CaseRecord:
    """Store `case` (new or changed): replayed on the calendar, copies refreshed,
    one audit entry, all in one transaction. The agency is `agency`, else the one
    named by `case.agency`. `new`: the caller found no such case; one stored since
    is refused (409) under the lock rather than overwritten.

    The calendar is read under the locks: a stored case's row (a year's entry
    recomputing it holds the row), for a new one the calendar gate (`calendar_gate`),
    since a case registered while a year was being entered was missed by the entry's
    list of open cases and kept the deadline of the calendar it read before."""
    agency = agency or agency_for(case.agency)
    require_scope(user, agency)
    if not case.id.strip():
        raise StoreError("请填写申请编号")
    with transaction.atomic():
        record = (CaseRecord.objects.select_for_update()
                  .filter(agency=agency, number=case.id).first())
        if record is not None and new:
            raise StoreError(f"{agency.name}已有编号为{case.id}的申请", 409)
        if record is None:
            hold_agency(agency)
            calendar_gate()
            cal = calendar()  # the one the gate leaves: a year entered before is counted
        try:
            case = replay(case, cal or calendar())
        except TransitionError as e:
            raise StoreError(f"案件{case.id}：{e}") from None
        case.agency = agency.name
        before = _snapshot(record) if record else None
        if record is None:
            record = CaseRecord(agency=agency, created_by=audit.actor(user))
        _index(record, case)
        try:
            with transaction.atomic():
                record.save()
        except IntegrityError:
            raise StoreError(f"{agency.name}已有编号为{case.id}的申请", 409) from None
        audit.record(user, "create" if before is None else "change", record,
                     note or f"{case.id}：{'登记申请' if before is None else '保存'}",
                     before, _snapshot(record))
    return record


def create_case(case: Case, user, *, agency: Agency | None = None) -> CaseRecord:
    """A new case (refused if the number is taken in this agency). Without `agency`,
    the one the case names, made if new (for a user whose scope allows that)."""
    agency = agency or agency_for(case.agency, create=True, user=user)
    require_scope(user, agency)
    return save_case(case, user, f"{case.id}：登记申请", agency=agency, new=True)


def record_event(record: CaseRecord, event: Event, user) -> CaseRecord:
    """Apply one event to a stored case: refused with the state machine's Chinese
    message when the status or the law does not allow it."""
    require_scope(user, record.agency)
    with transaction.atomic():
        record = CaseRecord.objects.select_for_update(of=("self",)).select_related("agency").get(
            pk=record.pk)
        # read under the lock: a calendar year entered while this waited for it (its
        # recomputation held the row) is the one this event is counted on
        cal = calendar()
        try:
            case = apply(replay(case_of(record), cal), event, cal)
        except TransitionError as e:
            raise StoreError(str(e)) from None
        return save_case(case, user, f"{record.number}：{EVENT_LABELS[event.kind]}",
                         agency=record.agency, cal=cal)


# --- personal data ----------------------------------------------------------------------

def reveal(record: CaseRecord, user, purpose: str, role_name: str = "") -> dict[str, str]:
    """The applicant's clear identity number and contacts, for a user whose role
    needs them (permission cases.reveal_personal). One `PersonalAccess` row per
    field, written in the same transaction before the values are returned; it
    names the user's roles unless `role_name` is given."""
    from ..accounts.roles import role_names

    role_name = role_name or "、".join(role_names(user)) or "—"
    if not user.has_perm("cases.reveal_personal"):
        raise StoreError("您的角色无权查看申请人的证件号码和联系方式", 403)
    require_scope(user, record.agency)
    case = case_of(record)
    if case.applicant is None:
        raise StoreError("本申请没有登记申请人信息", 404)
    log: list = []
    with transaction.atomic():
        try:
            # The permission was checked above; the domain asks for a role that may see.
            values = reveal_fields(case.applicant, cipher(), case_id=case.id,
                                   user=user.get_username(), role=Role.HANDLER,
                                   purpose=purpose, log=log)
        except PersonalDataError as e:
            raise StoreError(str(e), 403) from None
        PersonalAccess.objects.bulk_create(
            PersonalAccess(case=record, field=r.field, user=audit.actor(user), role=role_name,
                           purpose=r.purpose[:200]) for r in log)
        audit.record(user, "reveal", record,
                     f"{record.number}：查看申请人个人信息（{purpose.strip()[:80]}）")
    return values


def apply_retention(user, today: date | None = None, days: int | None = None,
                    dry_run: bool = False) -> list[str]:
    """Anonymise the applicants of cases closed longer than the retention period
    (`ZFXXGK_RETENTION_DAYS`, default three years); the numbers of the cases done.
    The case itself stays: past years' reports must remain reproducible."""
    import os

    from ...cases.retention import apply_retention as due, retention_days_from_settings

    try:
        days = days or retention_days_from_settings(os.environ)
    except ValueError as e:
        raise StoreError(str(e)) from None
    today = today or globals()["today"]()
    done: list[str] = []
    with transaction.atomic():
        rows = CaseRecord.objects.select_related("agency").filter(closed_on__isnull=False)
        if not dry_run:  # what is anonymised is what is saved: a replacement meanwhile waits
            rows = locked(rows, adding=False)
        for r in sorted(rows, key=lambda r: (r.closed_on, r.pk)):
            cases, ids = due([case_of(r)], today, days)
            if not ids:
                continue
            done.append(r.number)
            if not dry_run:
                save_case(cases[0], user, f"{r.number}：保存期限（{days}天）届满，申请人个人信息已匿名化",
                          agency=r.agency)
    return done


# --- registers --------------------------------------------------------------------------

def registers(agency: Agency | str | None = None) -> Registers:
    """Tables 四 and 二 registers (of one agency, or all) as domain objects."""
    lit = LitigationRecord.objects.select_related("agency")
    act = ActiveFiguresRecord.objects.select_related("agency")
    if agency is not None:
        a = agency if isinstance(agency, Agency) else agency_for(agency)
        lit, act = lit.filter(agency=a), act.filter(agency=a)
    out = Registers()
    for r in lit.order_by("received_on", "id"):
        out.litigation.append(LitigationCase.from_dict({**r.data, "id": r.number,
                                                        "agency": r.agency.name}))
    for r in act.order_by("year"):
        out.active.append(ActiveFigures(r.agency.name, r.year, r.cells))
    return out


def _save_register(model, shown: str, user, agency: Agency, key: dict, fields: dict,
                   summary: str, version: str | None = None, stale: str = ""):
    """One register row, new or changed (found by `key` within the agency), with its
    audit entry showing the `shown` column before and after. With `version` (what
    the editor started from, `register_version`; `NEW` for a row that must not exist
    yet), a row changed meanwhile is refused (412, `stale` saying so) and nothing stored."""
    require_scope(user, agency)
    with transaction.atomic():
        row = model.objects.select_for_update().filter(agency=agency, **key).first()
        if version is not None and not if_match_names(version, register_version(row)):
            raise StoreError(stale, 412)
        before = getattr(row, shown) if row else None
        if row is None:
            hold_agency(agency)
            row = model(agency=agency, **key)
        for name, value in fields.items():
            setattr(row, name, value)
        row.save()
        audit.record(user, "create" if before is None else "change", row, summary, before,
                     getattr(row, shown))
    return row


def save_litigation(entry: LitigationCase, user, *, agency: Agency,
                    version: str | None = None) -> LitigationRecord:
    """`version`: the entry's version the clerk started from (`NEW` when adding
    one), so that two clerks on one entry do not silently overwrite each other."""
    stale = (f"编号{entry.id}已经登记（可能是他人刚刚登记的），没有保存；请打开该登记查看后修改"
             if version == NEW else
             f"复议诉讼登记{entry.id}在您打开之后已被他人修改，您的改动没有保存；"
             "请重新打开，在最新的登记上修改")
    require_scope(user, agency)  # before a number of the agency's cases is looked up
    with transaction.atomic():
        # the agency before the entry's row and its cases' rows, as an agency merge takes them
        hold_agency(agency)
        linked = _cases_named(agency, entry.cases)
        row = _save_register(LitigationRecord, "data", user, agency, {"number": entry.id}, {
            "kind": entry.kind.value, "received_on": entry.received_on, "outcome": entry.outcome.value,
            "concluded_on": entry.concluded_on, "data": {**entry.to_dict(), "agency": agency.name}},
            f"复议诉讼登记{entry.id}", version=version, stale=stale)
        row.cases.set(linked)
    return row


def _cases_named(agency: Agency, numbers: tuple[str, ...]) -> list[CaseRecord]:
    """The agency's applications a 复议/诉讼 concerns, by number; a number that names
    none of them (another agency's, a typing slip) is refused, not stored as text."""
    found = ({r.number: r for r in CaseRecord.objects.filter(agency=agency, number__in=numbers)}
             if numbers and agency.pk else {})
    missing = [n for n in numbers if n not in found]
    if missing:
        raise StoreError(f"{agency.name}没有编号为{'、'.join(missing)}的申请；涉及申请只能填写本机关"
                         "已登记的申请编号（未在本系统登记的申请请写在备注中）")
    return [found[n] for n in numbers]


def save_active(figures: ActiveFigures, user, *, agency: Agency,
                version: str | None = None) -> ActiveFiguresRecord:
    return _save_register(ActiveFiguresRecord, "cells", user, agency, {"year": figures.year},
                          {"cells": figures.cells}, f"{agency.name}{figures.year}年表二数据",
                          version=version, stale="表二数据在您打开之后已被他人修改，您的改动没有保存；"
                                                 "请重新打开，在最新的数据上修改")


NEW = '"0"'  # the version of a register row not entered yet (`register_version(None)`)


def register_version(row) -> str:
    """A register row's version, as a strong ETag: its last save to the microsecond
    ("0" while nothing is entered)."""
    return f'"{saved_micros(row)}"'


# --- compiling --------------------------------------------------------------------------

def compile(agency_name: str, year: int, policy: CountingPolicy | None = None,
            no_litigation: bool = False) -> Compilation:
    """The year's report for one agency from the stored cases and registers.

    An empty litigation register leaves table 四 blank: the office may simply not
    keep it here, and a blank is never turned into a zero. `no_litigation` is the
    office saying it had no reconsideration or lawsuit in the year, which makes
    table 四 zeros — refused when the register holds one counted in that year."""
    agency = agency_for(agency_name)
    regs = registers(agency)
    if no_litigation:
        counted = litigation_table(regs.litigation, year, agency.name)
        n = sum(row.get("total") or 0 for row in counted.values())
        if n:
            raise StoreError(f"复议、诉讼登记中有{n}件计入{year}年，不能声明本年度没有行政复议、行政诉讼")
    return compile_year(load_cases(agency), year, agency.name, policy=policy,
                        litigation=regs.litigation if no_litigation else (regs.litigation or None),
                        active_figures=regs.active or None)


def open_records() -> QuerySet[CaseRecord]:
    return CaseRecord.objects.select_related("agency").exclude(status__in=["closed", "withdrawn"])


def today() -> date:
    from django.utils import timezone

    return timezone.localdate()
