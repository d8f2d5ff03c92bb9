"""Typed cells and parts of a report: read as a person types them, put into the
stored report, checked live (the editable grid) and saved with one audit entry
per kind of change. Every save is a version step (`locked`: scope, then version)."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Any

from django.db import transaction

from ... import check
from ...model import Report as LibReport
from ...standard import TABLE_CODES, split_code
from ...standard.vocabulary import within_limit
from .. import audit
from .models import Report, Status
from .services import (ServiceError, _json_data, _notes_data, _store_findings, check_report, library_report,
                       locked, recheck_next_year)

# A number as a person types one: digits, a sign, a decimal point. Decimal() also
# took "1e3", "1_000" and other scripts' digits ("٣") and stored 1000, 1000 and 3.
_TYPED_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def parse_cell_value(text: str, code: str) -> int | Decimal | None:
    """A value typed into a cell: blank stays blank (not 0); money keeps its digits.
    Full-width digits (an input method's １２) are the digits they show."""
    s = unicodedata.normalize("NFKC", text or "").strip().replace(",", "").replace("，", "")
    if s == "":
        return None
    shown = text if len(text) <= 40 else text[:40] + "…"  # a typed megabyte is not echoed
    if not _TYPED_NUMBER.fullmatch(s):
        raise ServiceError(f"{code}：“{shown}”不是数字")
    d = Decimal(s)
    if not within_limit(d):
        raise ServiceError(f"{code}：“{shown}”位数过多，不是报告中可能的数")
    if d == d.to_integral_value() and "." not in s:
        return int(d)
    return d


def clean_sections(values: dict[str, str]) -> dict[str, str]:
    """Typed texts of the six parts (key "1".."6"): line ends unified, trailing
    spaces and blank edges dropped; an empty part is absent, as when parsed."""
    from ...standard import SECTIONS

    out = {}
    for key, text in values.items():
        if key not in SECTIONS:
            raise ServiceError(f"没有这个部分：{key}（只有 1 到 6 部分）")
        lines = [line.rstrip() for line in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        cleaned = "\n".join(lines).strip("\n")
        if cleaned.strip():
            out[key] = cleaned
    return out


def apply_cells(row: Report, values: dict[str, str],
                sections: dict[str, str] | None = None) -> tuple[LibReport, list[str]]:
    """The stored report with `values` (cell code -> typed text) put in, not saved.
    Only cells of the report's own tables can be set. `sections`, when given, are
    the typed parts (those not given keep their text; an empty one is removed).
    Returns (report, changed codes: cell codes, and `section.N` for each part)."""
    lib = library_report(row)
    changed = []
    for code, text in values.items():
        table, r, c = split_code(code) if code.count(".") >= 2 else ("", "", "")
        if table not in TABLE_CODES or not lib.has_cell(code):
            raise ServiceError(f"没有这个单元格：{code}")
        value = parse_cell_value(text, code)
        if getattr(lib, table)[r][c] != value:
            getattr(lib, table)[r][c] = value
            changed.append(code)
    if changed:  # notes about an edited cell (inferred, blank…) no longer apply
        lib._notes = [n for n in lib.notes if not set(n.cells) & set(changed)]
        for code in changed:
            if lib.provenance and code in lib.provenance:
                lib.provenance[code].text = None
    if sections is not None:
        changed += _apply_sections(lib, sections)
    return lib, changed


def _apply_sections(lib: LibReport, sections: dict[str, str]) -> list[str]:
    """Put the typed parts in (a table part's text with the table's place, see
    tablemark); returns `section.N` for each part whose text or place changed."""
    from .tablemark import placement, take_mark

    marks = {k: take_mark(v) for k, v in sections.items()}
    typed = clean_sections({k: text for k, (text, _) in marks.items()})
    merged, places = dict(lib.sections or {}), dict(lib.text_before_table or {})
    changed = []
    for key in sections:
        before = placement(key, typed.get(key, ""), marks[key][1], merged.get(key) or "", places.get(key, 0))
        if (typed.get(key) or None) != (merged.get(key) or None) or before != places.get(key, 0):
            changed.append(f"section.{key}")  # '' and absent: both blank
        merged.pop(key, None)
        places.pop(key, None)
        if key in typed:
            merged[key] = typed[key]
            if before:
                places[key] = before
    lib.sections = {k: merged[k] for k in sorted(merged)} or None
    lib.text_before_table = {k: places[k] for k in sorted(places)} or None
    return changed


def preview_cells(row: Report, values: dict[str, str],
                  sections: dict[str, str] | None = None) -> list[check.Finding]:
    """The findings the report would have with `values` (and `sections`) put in,
    nothing saved: the live check behind the editable grid and parts."""
    lib, _ = apply_cells(row, values, sections)
    return check_report(lib, row.agency)


class Saved(list):
    """The codes `save_cells` changed, and `version`: the report's version (ETag) as
    that save left it, which a step following from the save (保存并提交审核) must name."""

    version: str = ""


@transaction.atomic
def save_cells(row: Report, values: dict[str, str], user,
               sections: dict[str, str] | None = None, if_match: str | None = None) -> Saved:
    """Save edited cells and parts and check the report again, with one audit entry
    per kind of change. A published report is frozen, one under review waits to be
    returned. With `if_match` (the version the editor started from), a report
    changed meanwhile is refused (412)."""
    from .versioning import etag

    row = locked(row, user, if_match)
    if row.frozen:
        raise ServiceError("报告已发布，不能修改；如需更正，请建立新版本", 409)
    if row.status != Status.DRAFT:
        raise ServiceError("报告正在审核，不能修改；请先退回", 409)
    lib, codes = apply_cells(row, values, sections)
    changed = Saved(codes)
    changed.version = etag(row)
    if not changed:
        return changed
    cells = [c for c in changed if not c.startswith("section.")]
    parts = [c.split(".", 1)[1] for c in changed if c.startswith("section.")]
    before = {code: row_cell(row.data, code) for code in cells}
    before_parts = {k: (row.data.get("sections") or {}).get(k) for k in parts}
    row.data = _json_data(lib)
    row.notes = _notes_data(lib)
    _store_findings(row, check_report(lib, row.agency))
    row.save()
    recheck_next_year(row.agency, row.year)
    if cells:
        audit.record(user, "修改单元格", row, "、".join(cells),
                     before=before, after={code: row_cell(row.data, code) for code in cells})
    if parts:
        audit.record(user, "修改正文", row, "、".join(f"第{k}部分" for k in parts),
                     before=before_parts, after={k: (row.data.get("sections") or {}).get(k) for k in parts})
    changed.version = etag(row)
    return changed



def row_cell(data: dict[str, Any], code: str) -> Any:
    table, r, c = split_code(code)
    return data.get(table, {}).get(r, {}).get(c)
