"""Where a table part's text prints, as the editor shows it.

A report keeps each part's text whole and says how many of its lines print before
the part's table (`text_before_table`). In the editor's textarea of parts 二–四
the table's place is one line `〔表格〕`: the lines above it print before the table,
the lines below it after. Moving that line moves the text; a client that sends
the text without the line (the JSON API) keeps the stored place as long as the
lines before the table are still the first lines of the text.
"""

from __future__ import annotations

from ...render.layout import TABLE_PARTS, split_at_table

MARK = "〔表格〕"


def editor_text(key: str, text: str, before: int) -> str:
    """The part's text with the table's line where the table prints."""
    if key not in TABLE_PARTS:
        return text
    head, tail = split_at_table(text, before)
    return "\n".join(x for x in (head, MARK, tail) if x)


def take_mark(text: str) -> tuple[str, int | None]:
    """Typed text -> (the text without the table's line, lines before it); None
    when the line is not there."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    at = next((i for i, line in enumerate(lines) if line.strip() == MARK), None)
    if at is None:
        return text, None
    head = "\n".join(lines[:at]).strip("\n")
    tail = "\n".join(lines[at + 1:]).strip("\n")
    before = head.count("\n") + 1 if head.strip() else 0
    return "\n".join(x for x in (head, tail) if x.strip()), before


def placement(key: str, typed: str, marked: int | None, stored: str, stored_before: int) -> int:
    """How many lines of the typed text print before the table."""
    if key not in TABLE_PARTS:
        return 0
    if marked is not None:
        return marked
    head, _ = split_at_table(stored, stored_before)
    kept = stored_before and typed.split("\n")[:stored_before] == head.split("\n")
    return stored_before if kept else 0
