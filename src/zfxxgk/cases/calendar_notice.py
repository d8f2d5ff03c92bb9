"""The State Council's holiday notice, pasted as text, read into a year file.

An administrator has the notice as the 新华社 release or the 中国政府网 page: a title
(《国务院办公厅关于2027年部分节假日安排的通知》), often its number (国办发明电〔2026〕N号),
and one numbered paragraph per festival:

    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。
    2月14日（周六）、2月28日（周六）上班。

Writing that as TOML by hand was the one step of the calendar a clerk would not think
of. `notice_to_toml` writes the year file (`calendar.parse_year`'s format) from such
text: the sentence with 放假 gives the days off (a second date without its month is in
the first one's month), the sentences with 上班 the make-up working days; a date may
carry its own year (元旦 starting in December). Anything it cannot read is refused in
Chinese, naming the paragraph; the result still goes through the same checks as a
typed year file (every law holiday present, make-up days on weekends).
"""

from __future__ import annotations

import re
from datetime import date

_TITLE = re.compile(r"国务院办公厅关于\s*(\d{4})\s*年部分节假日安排的通知")
_NUMBER = re.compile(r"国办发明电\s*[〔［\[(（]\s*\d{4}\s*[〕］\])）]\s*\d+\s*号")
_PARAGRAPH = re.compile(r"(?:^|\n|。)\s*[一二三四五六七八九十]{1,3}\s*[、．.]\s*([^：:\n]{1,12})[：:]")
_DATE = re.compile(r"(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日")


class NoticeError(ValueError):
    """The text cannot be read as a holiday notice (Chinese message)."""


def looks_like_notice(text: str) -> bool:
    """Pasted notice text rather than a year file: it names festivals with 放假."""
    return "放假" in text and "[[festival]]" not in text


def _dates(sentence: str, year: int, name: str) -> list[date]:
    """The dates of a sentence, a month or year left out taken from the date before."""
    out: list[date] = []
    y, m = year, None
    for yy, mm, dd in _DATE.findall(sentence):
        y = int(yy) if yy else y
        m = int(mm) if mm else m
        if m is None:
            raise NoticeError(f"“{name}”一段的日期“{dd}日”没有月份")
        try:
            out.append(date(y, m, int(dd)))
        except ValueError:
            raise NoticeError(f"“{name}”一段有不存在的日期：{y}年{m}月{dd}日") from None
    return out


def _festival(name: str, body: str, year: int) -> tuple[date, date, list[date]]:
    off: list[date] | None = None
    work: list[date] = []
    for sentence in re.split(r"[。；;\n]", body):
        if "放假" in sentence and off is None:
            days = _dates(sentence, year, name)
            if not days:
                raise NoticeError(f"“{name}”一段的放假日期读不出")
            off = [days[0], days[1] if "至" in sentence and len(days) > 1 else days[0]]
        elif "上班" in sentence:
            work += _dates(sentence, year, name)
    if off is None:
        raise NoticeError(f"“{name}”一段没有写放假日期（“……放假”）")
    if off[1] < off[0]:
        raise NoticeError(f"“{name}”一段的放假结束日期早于开始日期")
    return off[0], off[1], work


def notice_to_toml(text: str) -> str:
    """The year file of the notice `text` (TOML), or NoticeError."""
    text = text.replace("\r\n", "\n").replace("\u3000", " ")
    title = _TITLE.search(text)
    if title is None:
        raise NoticeError("请连同标题一起粘贴通知（“国务院办公厅关于YYYY年部分节假日安排的通知”），"
                          "由标题确定年份")
    year = int(title.group(1))
    number = _NUMBER.search(text)
    source = f"国务院办公厅关于{year}年部分节假日安排的通知"
    if number:
        source += "（" + re.sub(r"\s+", "", number.group(0)) + "）"
    heads = list(_PARAGRAPH.finditer(text, title.end()))
    if not heads:
        raise NoticeError("没有找到各节日的段落（如“一、元旦：1月1日……放假”）")
    lines = ["# 由粘贴的通知全文读出", f"year = {year}", f'source = "{source}"', "amendments = []"]
    for i, head in enumerate(heads):
        name = head.group(1).strip()
        body = text[head.end(): heads[i + 1].start() if i + 1 < len(heads) else len(text)]
        if "放假" not in body and i == len(heads) - 1:
            continue  # a closing paragraph (各地区、各部门要妥善安排…)
        start, end, work = _festival(name, body, year)
        lines += ["", "[[festival]]", f'name = "{name}"', f"from = {start.isoformat()}",
                  f"to = {end.isoformat()}", f"workdays = [{', '.join(d.isoformat() for d in work)}]"]
    return "\n".join(lines) + "\n"
