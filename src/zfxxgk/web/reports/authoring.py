"""Writing the six narrative parts on the edit page: each part's text with the
figures it should quote beside it, a draft to insert, and the narrative rules over
the text as typed.

The figures, the draft and the checks are the library's (`render.figures`,
`render.narrative_draft`, `check.part`); they are computed from the report *as
typed*, so a figure beside part 一 follows a cell changed a moment ago in the grid.
Nothing here saves: saving is the edit form's one path (`editing.save_cells`).
"""

from __future__ import annotations

from typing import Any

from django.shortcuts import render
from django.views.decorators.http import require_POST

from ...app.finding_table import figures_place
from ...check import run
from ...check.part import check_part
from ...model import Report as LibReport
from ...render.figures import part_figures
from ...render.layout import TABLE_PARTS, paragraphs, split_at_table
from ...render.narrative_draft import draft_part
from ...standard.placeholders import placeholders
from ...standard import SECTIONS
from ..common import needs
from . import editing, presentation, querysets, services
from .models import Report
from .tablemark import editor_text, take_mark


def section_values(request) -> dict[str, str] | None:
    """The parts typed into the form (`section:N`), or None when the form has none
    (a client that edits cells only leaves the text as it is)."""
    typed = {k[8:]: v for k, v in request.POST.items() if k.startswith("section:")}
    return typed or None


def cell_values(request) -> dict[str, str]:
    return {k[5:]: v for k, v in request.POST.items() if k.startswith("cell:")}


def part_context(lib: LibReport, key: str, text: str, figures=None) -> dict[str, Any]:
    figures = part_figures(lib) if figures is None else figures
    found = [f.to_dict() for f in check_part(lib, key, text)] if text.strip() else []
    before = (lib.text_before_table or {}).get(key, 0)
    return {"key": key, "heading": SECTIONS[key], "text": text, "editor": editor_text(key, text, before),
            "figures": [{**f.to_dict(), "place": figures_place(list(f.cells), lib.template)}
                        for f in figures[key]],
            "findings": presentation.findings_for_page(found, lib.template),
            "todo": len(placeholders(text)), "has_table": key in TABLE_PARTS}


def parts_context(lib: LibReport, texts: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """The six parts for the editor; `texts` (typed, possibly unsaved) win over the
    report's own."""
    figures = part_figures(lib)
    stored = lib.sections or {}
    texts = texts or {}
    return [part_context(lib, key, texts[key] if key in texts else stored.get(key, ""), figures)
            for key in SECTIONS]


def narrative_data(lib: LibReport) -> dict[str, Any]:
    """The JSON of `/api/reports/N/narrative`: each part's text, figures, findings
    and the draft the editor would insert — the same builder as the edit page."""
    return {"parts": [{**{k: p[k] for k in ("key", "heading", "text", "figures", "todo")},
                       "findings": [{k: f[k] for k in ("rule", "severity", "message", "cells")}
                                    for f in p["findings"]],
                       "draft": draft_part(lib, p["key"])}
                      for p in parts_context(lib)]}


def reading_parts(lib: LibReport, grids: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The six parts for the report page as the rendered document prints them: a
    table part's text before its table (`text_before_table`), its grid (of
    `grids`, the page's tables), then the rest; paragraphs split into plain text
    and the 【待补充…】 placeholders still in them."""
    sections = lib.sections or {}
    by_code = {g["code"]: g for g in grids}
    places = lib.text_before_table or {}
    out = []
    for key, heading in SECTIONS.items():
        grid = by_code.get(TABLE_PARTS.get(key, ""))
        before, after = split_at_table(sections.get(key) or "", places.get(key, 0) if grid else 0)
        out.append({"key": key, "heading": heading, "grid": grid,
                    "before": [_segments(p) for p in paragraphs(before)],
                    "paragraphs": [_segments(p) for p in paragraphs(after)]})
    return out


def _segments(text: str) -> list[tuple[str, bool]]:
    out, rest = [], text
    for todo in placeholders(text):
        before, _, rest = rest.partition(todo)
        if before:
            out.append((before, False))
        out.append((todo, True))
    if rest:
        out.append((rest, False))
    return out


def typed_context(row: Report, cells: dict[str, str], sections: dict[str, str] | None,
                  insert: str | None = None) -> dict[str, Any]:
    """The edit page's grid, findings and parts for the values as typed (nothing
    saved); `insert`: put that part's draft after its typed text."""
    lib, _ = editing.apply_cells(row, cells, sections)
    texts = dict(lib.sections or {})
    if insert is not None:
        texts[insert] = with_draft(lib, insert, texts.get(insert, ""))
    found = [f.to_dict() for f in run(lib)]
    return {"grids": presentation.grids(lib, found),
            "findings": presentation.findings_for_page(found, lib.template or None),
            "counts": presentation.counts(found), "parts": parts_context(lib, texts)}


def with_draft(lib: LibReport, key: str, text: str) -> str:
    """The part's text with its draft inserted: the draft alone when the part is
    empty, else after what is there (typed text is never replaced)."""
    draft = draft_part(lib, key)
    return f"{text.rstrip()}\n{draft}" if text.strip() else draft


def _typed_part(request, pk: int, key: str) -> tuple[Report, str]:
    """The report a part is typed for (one the user may change) and the part's text
    as typed; 404 for a part the report form does not have."""
    if key not in SECTIONS:
        from django.http import Http404

        raise Http404("没有这个部分")
    return querysets.report_for(request.user, pk, change=True), request.POST.get(f"section:{key}", "")


@needs("edit")
@require_POST
def part_check(request, pk: int, key: str):
    """htmx: the narrative findings for one part's text as typed (not saved)."""
    row, text = _typed_part(request, pk, key)
    try:
        lib, _ = editing.apply_cells(row, cell_values(request), {key: text})
        ctx, error = part_context(lib, key, (lib.sections or {}).get(key, "")), None
    except services.ServiceError as e:
        ctx, error = {"key": key, "text": text, "findings": [], "todo": len(placeholders(text))}, e.message
    return render(request, "reports/_part_check.html", {"p": ctx, "error": error})


@needs("edit")
@require_POST
def part_draft(request, pk: int, key: str):
    """htmx: the part with its draft inserted (from the cells as typed), not saved."""
    row, text = _typed_part(request, pk, key)
    error = None
    try:
        lib, _ = editing.apply_cells(row, cell_values(request), {key: text})
        text = with_draft(lib, key, (lib.sections or {}).get(key, ""))
    except services.ServiceError as e:
        lib, error = services.library_report(row), e.message
        text = take_mark(text)[0]
    return render(request, "reports/_part_edit.html",
                  {"p": part_context(lib, key, text), "r": {"id": row.pk}, "error": error})
