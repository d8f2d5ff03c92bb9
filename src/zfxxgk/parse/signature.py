"""The signature that closes a report: the body's name and the date it was issued.

Most reports end with it, so it is read from their last lines. A page may go on
after it, though: a portal page listing two bodies' (or two years') reports one
after the other, tables appended as 附件 after the signature. The first report's
signature is then the first one after its part 六's heading, not the last
lines' (which belong to the second report, or are table rows).
"""

from __future__ import annotations

import re
from datetime import date

from ..ingest.document import Line
from ..standard.normalize import compact
from .agency import ON_BEHALF, ORG_SUFFIX, SEAL, simplified
from .chrome import is_chrome
from .dates import CN_DATE, DATE, MONTH_ONLY, parse_date

PAGE_NUMBER = re.compile(r"^[-—－–第]*\d{1,3}[-—－–页]*$|^第\d{1,3}页[,，/]?(?:共\d{1,3}页)?$")
# characters of a title's own words printed in traditional form (公開, 報告, 資訊, 區, 縣)
TRADITIONAL = re.compile(r"[開報資訊區縣務辦處關會員發機構國條據鎮鄉門廳業產隊總衛實驗場]")
_LONGEST = 80  # a signature line is a name (56 at most) and a date


def read_signature(lines: list[Line], last_part: int | None) -> tuple[date | None, str | None]:
    """(date, name) of the report's signature; `last_part`: the index of the line
    after part 六's heading, where the first signature is looked for (one with a
    body's name: a date alone there may be anything's) before the last lines."""
    if last_part is not None:
        texts = _texts(lines[last_part:])
        for i, text in enumerate(texts):
            found = _signed(texts, i)
            if found is not None and found[1]:
                return found
    tail = _last_texts(lines, 4)
    for i in range(len(tail) - 1, -1, -1):
        found = _signed(tail, i)
        if found is not None:
            return found
    for i, text in enumerate(tail):  # 2024年1月, no day: the name beside it, no date
        if MONTH_ONLY.match(text):
            return None, _name_beside(tail, i)
    return None, None


def _texts(lines: list[Line]) -> list[str]:
    """The lines a signature may be among: without page numbers, a seal printed as
    its own line (（盖章）) or after the name, and a scraped page's tools and footer
    after the signature (打印本页, 主办单位：…, 更新日期：…)."""
    return [text for text in map(_text, lines) if text]


def _last_texts(lines: list[Line], n: int) -> list[str]:
    """The last `n` lines of `_texts`, found from the end."""
    out: list[str] = []
    for ln in reversed(lines):
        text = _text(ln)
        if text:
            out.append(text)
            if len(out) == n:
                break
    return out[::-1]


def _text(line: Line) -> str:
    if not line.text.strip():
        return ""
    text = SEAL.sub("", compact(line.text))
    return "" if not text or PAGE_NUMBER.match(text) or is_chrome(text) else text


def _signed(texts: list[str], i: int) -> tuple[date, str | None] | None:
    """Line `i` as a signature's date, with the name before it on its line, on the
    line before it, or on the line after it (the date printed above the name)."""
    text = texts[i]
    if len(text) > _LONGEST:
        return None
    d = parse_date(text)
    if d is None:
        return None
    before = _signature_before_date(text)
    if before is None:
        return None
    return d, before or _name_beside(texts, i)  # (`before` is a name when given)


def _name_beside(tail: list[str], i: int) -> str | None:
    """The body's name on the line before line `i` of the signature, else after it;
    above a body that seals on its behalf (某区人民政府办公室（代章）), the name over it."""
    j = next((j for j in (i - 1, i + 1) if 0 <= j < len(tail) and _signature_name(tail[j])), None)
    if j is not None and ON_BEHALF.search(tail[j]) and j > 0 and _signature_name(tail[j - 1]):
        j -= 1
    return None if j is None else tail[j]


def _signature_before_date(text: str) -> str | None:
    """What precedes a signature's date on its line ('' for a date alone); None
    when the line is no signature line (a sentence with a date, a date in the middle)."""
    m = DATE.search(text) or CN_DATE.search(text)
    if m is None:
        return None
    before = text[: m.start()]
    if m.end() >= len(text) - 1 and before and _signature_name(before):
        return before
    return "" if len(text) <= 16 else None  # a short line: the date, perhaps in brackets


def _signature_name(text: str) -> bool:
    if len(text) > 56 or "。" in text:
        return False
    return bool(ORG_SUFFIX.search(text) or (TRADITIONAL.search(text)
                                            and ORG_SUFFIX.search(simplified(text))))
