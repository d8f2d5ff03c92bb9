"""An administrator enters a year of the working-day calendar; open cases follow.

The year text is the bundled year-file format (`cases/calendars/*.toml`), checked
by the same parser. Storing it and recomputing every open case happen in one
transaction: each open case is replayed on the new calendar (`cases.recompute`),
so a deadline that was provisional for lack of the year becomes final and records
the new calendar version, and the moves are listed for the office to see.
"""

from __future__ import annotations

import tomllib
from typing import Any

from django.db import transaction

from ...cases.calendar_notice import NoticeError, looks_like_notice, notice_to_toml
from ...cases.calendar import WorkdayCalendar, YearData, missing_statutory_days, parse_year
from ...cases.recompute import DeadlineChange, recompute
from ...cases.workflow import TransitionError
from ...standard.dates import zh_date
from .. import clock
from .. import audit
from . import store
from .models import CalendarYear
from .store import StoreError

YEARS = range(2000, 2101)


def year_text(raw: bytes | str) -> str:
    """The year file to store: the text as given, or the year file read from the
    pasted notice (`calendar_notice`)."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise StoreError("节假日安排须为 UTF-8 文本") from None
    text = text.removeprefix("\ufeff")  # Windows editors' byte-order mark
    if not text.strip():
        raise StoreError("请填写或上传一年的节假日安排")
    if looks_like_notice(text):
        try:
            return notice_to_toml(text)
        except NoticeError as e:
            raise StoreError(f"通知读不出：{e}") from None
    return text


def read_year(raw: bytes | str) -> YearData:
    data = year_text(raw).encode("utf-8")
    try:
        year = parse_year(data)
    except tomllib.TOMLDecodeError as e:
        raise StoreError(f"节假日安排格式有误（TOML）：{e}") from None
    except (ValueError, TypeError) as e:
        raise StoreError(f"节假日安排有误：{e}") from None
    if year.year not in YEARS:
        raise StoreError(f"年份不合理：{year.year}")
    if not year.source.strip():
        raise StoreError("请填写依据（国务院办公厅关于部分节假日安排的通知的名称和文号）")
    for f in year.festivals:
        if f.start.year != year.year and f.end.year != year.year:
            raise StoreError(f"{f.name}的日期不在{year.year}年")
    if gaps := _gaps(year):
        raise StoreError(f"{year.year}年的节假日安排没有包含法定节假日：{gaps}。"
                         "《全国年节及纪念日放假办法》规定的这些日子每年都放假；请按通知录入全部节日"
                         "（放假起止日期含周末，以及调休上班日），核对日期后再录入。未录入，期限未重新计算")
    return year


def _gaps(year: YearData) -> str:
    """The law's days off the year does not give, by festival, in words ('' if none)."""
    by_name: dict[str, list[str]] = {}
    for name, d in missing_statutory_days(year):
        by_name.setdefault(name, []).append(zh_date(d))
    return "；".join(f"{name}（{'、'.join(days)}）" for name, days in by_name.items())


def enter_year(raw: bytes | str, user) -> tuple[CalendarYear, list[DeadlineChange]]:
    """Store the year (new or a correction) and recompute the open cases."""
    text = year_text(raw)
    year = read_year(text)
    with transaction.atomic():
        row = CalendarYear.objects.select_for_update().filter(year=year.year).first()
        before = {"version": row.version, "source": row.source} if row else None
        if row is not None and row.version == year.version:
            raise StoreError(f"{year.year}年的节假日安排与已录入的版本相同（{year.version}）", 409)
        row = row or CalendarYear(year=year.year)
        row.data, row.version, row.source = text, year.version, year.source[:300]
        row.entered_by = audit.actor(user)
        row.save()
        list(store.locked(store.open_records(), adding=False).values_list("pk"))  # agencies, rows, then the gate
        store.calendar_gate(entering=True)  # a case being registered is stored first, listed below
        cal = store.calendar()
        records = list(store.locked(store.open_records(), adding=False))  # an event meanwhile waits, then counts on `cal`
        agencies = {r.number + "\0" + r.agency.name: r.agency for r in records}
        updated, changes = [], []
        for record in records:
            try:
                new, moved_here = recompute([store.case_of(record)], cal)
            except TransitionError as e:
                raise StoreError(f"按新的节假日安排重新计算时，{record.agency.name}的申请{record.number}"
                                 f"的办理记录不再成立：{e}。节假日安排未录入，请先核对该申请") from None
            updated += new
            changes += moved_here
        moved = {c.case_id for c in changes}
        for case in updated:
            if case.id in moved:
                store.save_case(case, user, f"{case.id}：按{year.year}年节假日安排重新计算期限",
                                agency=agencies[case.id + "\0" + case.agency], cal=cal)
        audit.record(user, "create" if before is None else "change", row,
                     f"{year.year}年节假日安排（{year.source}）：重新计算{len(moved)}件未办结申请的期限",
                     before, {"version": row.version, "source": row.source,
                              "changes": [c.describe() for c in changes]})
    return row, changes


def calendar_data(changes: list[DeadlineChange] | None = None) -> dict[str, Any]:
    """The years the application counts with: bundled, or entered (which win)."""
    bundled = store.bundled_calendar()
    entered = {r.year: r for r in CalendarYear.objects.select_related("entered_by")}
    cal: WorkdayCalendar = store.calendar()
    years = []
    for y in sorted(cal.years, reverse=True):
        data = cal.years[y]
        row = entered.get(y)
        years.append({
            "year": y, "source": data.source, "version": data.version,
            "origin": "entered" if row else "bundled",
            "origin_label": "管理员录入" if row else "随软件提供",
            "replaces_bundled": bool(row and bundled.has_year(y)),
            "missing": _gaps(data),  # a year entered before the check: re-enter it
            "entered_by": row.entered_by.get_username() if row and row.entered_by else None,
            "entered_at": clock.text(row.entered_at) if row else None,
            "festivals": [{"name": f.name, "from": f.start.isoformat(), "to": f.end.isoformat(),
                           "workdays": [d.isoformat() for d in f.workdays]}
                          for f in data.festivals],
        })
    provisional = store.open_records().filter(provisional=True).count()
    out: dict[str, Any] = {"years": years, "open_provisional_cases": provisional,
                           "next_year": (max(cal.years) + 1) if cal.years else None}
    if changes is not None:
        out["changes"] = [{"case": c.case_id, "deadline": c.kind.label,
                           "old_due": c.old_due and c.old_due.isoformat(),
                           "new_due": c.new_due and c.new_due.isoformat(),
                           "new_version": c.new_version, "now_provisional": c.now_provisional,
                           "text": c.describe()} for c in changes]
    return out
