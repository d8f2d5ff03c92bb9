"""Late witnesses of a report's name and year: what stands outside its text.

Where the title, the portal's fields, the signature and the preface name no body
(or give no year), a Word file's first-page header or footer may (some offices print
the name only there, above a title without it): printed on every page, it comes
first. Then the file's properties (File > Properties: 标题, 主题, 单位, 作者), which
are often the template's or the computer's owner's, so only a title that reads as a
title by itself, or a company or author naming a body of an area, counts. Each use
is said in a note (F-META). A title is read by the caller's `title_of` (meta.py's
title reading): lines -> (name as printed, year), or None where they hold no title.
"""

from __future__ import annotations

import re
from typing import Callable

from ..ingest.document import Line
from ..standard.normalize import nfkc
from .agency import acceptable, region_of

TitleOf = Callable[[list[Line]], "tuple[str | None, int | None] | None"]

_PROPERTY_FIELDS = {"doc_title": "标题", "doc_subject": "主题", "doc_company": "单位",
                    "doc_author": "作者"}
# a title the producer made from the file's name ("Microsoft Word - 文档1.docx"):
# a name of a file, not a title, whatever it reads
_PRODUCER_TITLE = re.compile(r"^\s*(?:Microsoft\s*(?:Word|Excel|PowerPoint)|WPS\s*\w*|Word)\s*[-–—]",
                             re.IGNORECASE)
_CLAUSE_MARK = re.compile(r"[，。；！？：,;!?:]")


def late_agency(notes: list, fields: dict, title_of: TitleOf) -> str | None:
    """The body the page header names, else the one the file's properties name; the
    source is said in `notes`."""
    name = header_title(fields, title_of)[0]
    if name is not None:
        notes.append(("meta_from_header", {"what": "agency", "value": name}))
        return name
    name, _, key = properties_title(fields, title_of)
    if name is None:
        for key in ("doc_company", "doc_author"):
            name = acceptable(fields.get(key))
            if name is not None and region_of(name) is not None:
                break
            name = None
    if name is not None:
        notes.append(("meta_from_properties", property_note(fields, "agency", name, key)))
    return name


def header_title(fields: dict, title_of: TitleOf) -> tuple[str | None, int | None]:
    """(name, year) of a title printed in the first page's header or footer (a Word
    file's `doc_header`, one line a paragraph), else the first line there that is a
    body's name of an area by itself (a running header of the body's name)."""
    header = fields.get("doc_header")
    if not header:
        return None, None
    lines = [Line(i, text) for i, text in enumerate(header.split("\n"))]
    title = title_of(lines)
    if title is not None:
        return acceptable(title[0]), title[1]
    for line in lines:
        name = acceptable(line.text)
        if name is not None and region_of(name) is not None:
            return name, None
    return None, None


def properties_title(fields: dict, title_of: TitleOf) -> tuple[str | None, int | None, str]:
    """(name, year, field) of the first title the file's properties state (标题,
    else 主题) that reads as a title by itself: no producer's file name, no clause."""
    for key in ("doc_title", "doc_subject"):
        title = fields.get(key)
        if not title or _PRODUCER_TITLE.match(title) or _CLAUSE_MARK.search(nfkc(title)):
            continue
        read = title_of([Line(0, title)])
        if read is not None:
            return acceptable(read[0]), read[1], key
    return None, None, ""


def property_note(fields: dict, what: str, value: str, key: str) -> dict:
    """A note's data: what was taken, from which property of which kind of file."""
    return {"what": what, "value": value, "field": _PROPERTY_FIELDS[key],
            "file": fields.get("doc_file", "Word")}


__all__ = ["header_title", "late_agency", "properties_title", "property_note"]
