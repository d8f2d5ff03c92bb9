"""The registers of tables 四 and 二 as page and API data, and their forms read
into the domain objects (`cases.registers`), whose checks give the Chinese errors."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Mapping

from django.urls import reverse

from ...cases.registers import ActiveFigures, LitigationKind, LitigationOutcome, RegisterError
from ...standard import get_template, template_for_year
from .. import clock
from ..reports.models import Agency
from ..reports.editing import parse_cell_value
from .models import ActiveFiguresRecord, LitigationRecord
from ...cases.letter_settings import DEFAULT_FORMAT, LetterSettings, SettingsError
from . import store
from .store import StoreError, register_version

KINDS = [{"code": k.value, "label": k.label} for k in LitigationKind]
OUTCOMES = [{"code": o.value, "label": o.label} for o in LitigationOutcome]


def litigation_row(r: LitigationRecord) -> dict[str, Any]:
    return {"id": r.pk, "number": r.number, "agency": r.agency.name,
            "kind": r.kind, "kind_label": LitigationKind(r.kind).label,
            "received_on": r.received_on.isoformat(), "outcome": r.outcome,
            "outcome_label": LitigationOutcome(r.outcome).label,
            "concluded_on": r.concluded_on.isoformat() if r.concluded_on else None,
            "cases": [linked_case(c) for c in sorted(r.cases.all(), key=lambda c: c.number)],
            "note": r.data.get("note", ""), "version": register_version(r)}


def linked_case(c) -> dict[str, Any]:
    """An application as a register entry names it: number, subject, its page."""
    return {"id": c.pk, "number": c.number, "subject": c.subject,
            "url": reverse("cases:detail", args=[c.pk])}


def litigation_of_case(record) -> list[dict[str, Any]]:
    """The 复议/诉讼 entries that name this application, for its page."""
    return [{"id": r.pk, "number": r.number, "kind_label": LitigationKind(r.kind).label,
             "outcome_label": LitigationOutcome(r.outcome).label,
             "received_on": r.received_on.isoformat(),
             "concluded_on": r.concluded_on.isoformat() if r.concluded_on else None,
             "url": reverse("caseregs:litigation", args=[r.pk])}
            for r in record.litigation.order_by("received_on", "pk")]


def registers_data(agency: Agency | None = None, user=None) -> dict[str, Any]:
    from .querysets import visible

    lit = visible(user, LitigationRecord.objects.select_related("agency").prefetch_related("cases"))
    act = visible(user, ActiveFiguresRecord.objects.select_related("agency"))
    if agency is not None:
        lit, act = lit.filter(agency=agency), act.filter(agency=agency)
    return {"agency": agency.name if agency else None,
            "litigation": [litigation_row(r) for r in lit],
            "active": [{"agency": r.agency.name, "agency_id": r.agency_id, "year": r.year,
                        "filled": sum(1 for cols in r.cells.values() for v in cols.values()
                                      if v is not None),
                        "updated_at": clock.text(r.updated_at)} for r in act],
            "kinds": KINDS, "outcomes": OUTCOMES,
            "letters": letter_settings_data(agency)["settings"] if agency is not None else None}


# --- letter settings -------------------------------------------------------------------------

def letter_settings_data(agency: Agency | None) -> dict[str, Any]:
    """The agency's letter settings as its letters use them, where they come from, and
    the number a letter would carry (an example)."""
    from dataclasses import asdict

    from .models import LetterSettingsRecord

    if agency is None or agency.pk is None:
        return {"agency": None, "settings": None}
    row = LetterSettingsRecord.objects.filter(agency=agency).first()
    values, fault = store.letter_settings_checked(agency)
    return {"agency": agency.name, "settings": asdict(values), "fault": fault,
            "origin": "page" if row else ("file" if values != LetterSettings() else "none"),
            "example": values.number("2026-0021", 2026),
            "review_text": values.review_text, "court_text": values.court_text,
            "version": register_version(row)}


def letter_settings_from_form(post: Mapping[str, str]) -> LetterSettings:
    values = {k: (post.get(k) or "").strip() for k in ("short_name", "number_format", "review_body", "court")}
    if not values["short_name"]:
        raise StoreError("请填写文号中的机关简称（如“望湖街”）")
    values["number_format"] = values["number_format"] or DEFAULT_FORMAT
    for k, limit in (("short_name", 20), ("number_format", 60), ("review_body", 60), ("court", 60)):
        if len(values[k]) > limit:
            raise StoreError(f"“{values[k][:20]}…”太长（不超过{limit}个字）")
    try:
        return LetterSettings(**values)
    except SettingsError as e:
        raise StoreError(str(e)) from None


# --- table 二 -----------------------------------------------------------------------------

def active_grid(year: int, cells: Mapping[str, Mapping[str, Any]] | None) -> dict[str, Any]:
    """The year's table 二 as rows of (code, label, cells) for a form or a reader."""
    template = template_for_year(year) or "2021"
    t = get_template(template).table("active")
    cells = cells or {}
    return {"template": template, "columns": [{"code": c.code, "label": c.label} for c in t.columns],
            "rows": [{"code": r.code, "label": r.label,
                      "cells": {c.code: cells.get(r.code, {}).get(c.code)
                                for c in t.row_columns(r)}} for r in t.rows]}


def active_data(agency: Agency, year: int) -> dict[str, Any]:
    """Table 二 as entered (blank for an agency not stored yet)."""
    row = ActiveFiguresRecord.objects.filter(agency=agency, year=year).first() if agency.pk else None
    return {"agency": agency.name, "year": year, "entered": row is not None,
            "updated_at": clock.text(row.updated_at) if row else None,
            "version": register_version(row),
            **active_grid(year, row.cells if row else None)}


def active_from_form(post: Mapping[str, str], agency: Agency, year: int) -> ActiveFigures:
    """`cell:row.col` fields -> figures; a blank cell stays blank (null), never 0.
    Read as a report's typed cell is (editing.parse_cell_value): Decimal() also took
    1e3, 1_000 and other scripts' digits (٣) as numbers."""
    grid = active_grid(year, None)
    money = {c.code for c in get_template(grid["template"]).table("active").columns if c.money}
    cells: dict[str, dict[str, Decimal | int | None]] = {}
    for r in grid["rows"]:
        for col in r["cells"]:
            raw = post.get(f"cell:{r['code']}.{col}") or ""
            value = parse_cell_value(raw, f"表二“{r['label']}”的{col}")  # as a report's cell is typed
            if value is None:
                continue
            if value < 0:
                raise StoreError(f"表二“{r['label']}”不能为负数：{raw}")
            if col not in money:
                if value != int(value):
                    raise StoreError(f"表二“{r['label']}”的件数须为整数：{raw}")
                value = int(value)
            cells.setdefault(r["code"], {})[col] = value  # money as typed
    try:
        return ActiveFigures(agency.name, year, cells)
    except RegisterError as e:
        raise StoreError(str(e)) from None
