"""What changed between two versions of a report, for the reviewer about to publish:
each cell that differs named as the printed form names it (表三 第5行 自然人：12 → 13),
each part whose text differs with the sentences taken out and put in, and the
title facts (机关, 年度, 落款日期). `changes` is pure: two report JSON documents in,
rows out. The page's block is cached by the two versions' ETags (`for_page`): a
reviewer reloading a pending version neither reads the two JSON documents again
nor compares them; any save renews a tag, so a stale diff is never shown.
"""

from __future__ import annotations

import difflib
from typing import Any

from ...app.finding_table import official_place
from ...check.labels import describe_cells
from ...model import cell_text
from ...standard import SECTIONS, TABLE_CODES

BLANK = "空"
# As long as the report page's fragments (its ETags change with every save anyway).
CACHE_SECONDS = 21600
META = {"agency": "机关名称", "year": "统计年度", "template": "表格格式", "published_on": "落款日期"}


def _text(value: Any) -> str:
    if value is None or value == "":
        return BLANK
    return cell_text(value) if not isinstance(value, str) else value


def cells_of(data: dict[str, Any]) -> dict[str, Any]:
    """A stored report JSON's cells by code (table.row.column)."""
    return {f"{t}.{r}.{c}": v for t in TABLE_CODES for r, cols in (data.get(t) or {}).items()
            for c, v in (cols or {}).items()}


def cell_changes(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, str]]:
    """Cells whose value differs, in the new version's order (then the old one's)."""
    before, after = cells_of(old), cells_of(new)
    template = new.get("template") or old.get("template")
    out = []
    for code in [*after, *(c for c in before if c not in after)]:
        if before.get(code) != after.get(code):
            place = official_place(code, template) or describe_cells([code], template)
            out.append({"code": code, "place": place, "old": _text(before.get(code)),
                        "new": _text(after.get(code))})
    return out


def part_changes(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """Parts whose text differs: the lines taken out and the lines put in."""
    out = []
    a, b = old.get("sections") or {}, new.get("sections") or {}
    for key, heading in SECTIONS.items():
        was, now = (a.get(key) or "").split("\n"), (b.get(key) or "").split("\n")
        if was == now:
            continue
        removed, added = [], []
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, was, now, autojunk=False).get_opcodes():
            if tag != "equal":
                removed += [x for x in was[i1:i2] if x.strip()]
                added += [x for x in now[j1:j2] if x.strip()]
        out.append({"part": heading, "removed": removed, "added": added})
    return out


def meta_changes(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, str]]:
    return [{"what": label, "old": _text(old.get(k)), "new": _text(new.get(k))}
            for k, label in META.items() if old.get(k) != new.get(k)]


def changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list]:
    """Everything that differs from `old` to `new` (zfxxgk.report/1 data)."""
    return {"meta": meta_changes(old, new), "cells": cell_changes(old, new),
            "parts": part_changes(old, new)}


def _version(pk: int | None) -> Any:
    """A version without its large columns (read only when the diff is computed)."""
    from .models import Report

    if pk is None:
        return None
    return Report.objects.defer("data", "notes", "source_lines").filter(pk=pk).first()


def base_version(row) -> Any:
    """The version a submitted report is compared with: the latest published one
    before it, else the version it was made from; None for a first version."""
    seen, prev = {row.pk}, _version(row.previous_version_id)
    first = prev
    while prev is not None and prev.pk not in seen:
        if prev.status == "published":
            return prev
        seen.add(prev.pk)
        prev = _version(prev.previous_version_id)
    return first


def for_page(row) -> dict[str, Any] | None:
    """The changes block of the report page, for a version not yet published."""
    from django.core.cache import cache

    from .versioning import etag

    if row.status == "published":
        return None
    base = base_version(row)
    if base is None:
        return None
    key = f"report-diff:{etag(base)}:{etag(row)}"
    found = cache.get(key)
    if found is None:
        found = changes(base.data or {}, row.data or {})
        cache.set(key, found, CACHE_SECONDS)
    return {"base": base, "count": sum(len(v) for v in found.values()), **found}
