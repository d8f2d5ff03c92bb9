"""The narrative parts as sentences that know their source line.

`Report.sections` holds each part's text as found (lines joined by newlines, tables
left out); the source lines hold the same lines with their numbers. Lines are joined
without a separator, because PDF text wraps mid-word (`答` / `复 3050 件`), and each
character keeps the line it came from, so a finding can quote the line where the
number is printed. Page footers (`- 3 -`) are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Report

_FOOTER = re.compile(r"^[-—\s]*(?:第\s*)?\d+\s*(?:页)?[-—\s]*$")
_SENTENCE_END = "。；;！？!?"


@dataclass(frozen=True)
class Sentence:
    section: str
    text: str
    lines: tuple[int | None, ...]  # source line of each character

    def line_at(self, offset: int) -> int | None:
        if not self.lines:
            return None
        return self.lines[min(max(offset, 0), len(self.lines) - 1)]


def _line_numbers(report: Report, body: list[str]) -> list[int | None]:
    """The source line of each line of a section, found in order among the
    source lines (None where it cannot be found, e.g. a report read from JSON)."""
    ordered = sorted(report.source_lines.items())
    stripped = [(n, t.strip()) for n, t in ordered]
    out: list[int | None] = []
    pos = 0
    for text in body:
        for i in range(pos, len(stripped)):
            if stripped[i][1] == text:
                out.append(stripped[i][0])
                pos = i + 1
                break
        else:
            out.append(None)
    return out


def sentences(report: Report, section: str) -> list[Sentence]:
    text = (report.sections or {}).get(section) or ""
    body = [t.strip() for t in text.split("\n")]
    body = [t for t in body if t and not _FOOTER.match(t)]
    numbers = _line_numbers(report, body)
    chars: list[str] = []
    lines: list[int | None] = []
    for t, n in zip(body, numbers):
        chars.extend(t)
        lines.extend([n] * len(t))
    out: list[Sentence] = []
    start = 0
    for i, c in enumerate(chars):
        if c in _SENTENCE_END or i == len(chars) - 1:
            s = "".join(chars[start:i + 1]).strip()
            if s:
                out.append(Sentence(section, "".join(chars[start:i + 1]),
                                    tuple(lines[start:i + 1])))
            start = i + 1
    return out


def all_sentences(report: Report, sections: tuple[str, ...] = ("1", "5", "6")) -> list[Sentence]:
    return [s for k in sections for s in sentences(report, k)]
