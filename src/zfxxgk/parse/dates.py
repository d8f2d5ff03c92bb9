"""Dates and years as reports print them, and the year a text speaks of.

Offices print a year in Chinese numerals (二〇二三年) with whatever stands for the
zero at hand: 〇, ○, ◯, 零, the letters O/o or Greek Ο/ο, the digit 0; and a
year in digits with a letter O or l for 0 or 1 (2O23年, typed or read from a scan). A report
whose title, statistics period and signature state no year still speaks of it
(``2023年，我局……``); the law it cites (``2019年修订``, ``〔2019〕``) and the dates
of single days (``2024年1月20日``) are other years, never the report's.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from ..ingest.document import Line
from ..standard.normalize import compact
from .prose.numbers import chinese_to_int

DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_CN_ZERO = "〇○◯零OoΟο0"
_CN_DIGITS = {**dict.fromkeys(_CN_ZERO, 0), "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
# four digits, at least one of them not a zero (a run of letters O is no year)
_CN_YEAR_DIGITS = rf"(?=[^年]{{0,3}}[一二三四五六七八九])[{_CN_ZERO}一二三四五六七八九]{{4}}"
CN_DATE = re.compile(rf"({_CN_YEAR_DIGITS})年([一二三四五六七八九十]{{1,3}})月([一二三四五六七八九十]{{1,3}})日")
MONTH_ONLY = re.compile(rf"^[(（]?(?:\d{{4}}|{_CN_YEAR_DIGITS})年(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})月[)）]?$")
_CN_YEAR = re.compile(rf"({_CN_YEAR_DIGITS})(?=年)")
# a year in digits with letters typed or read for 0 and 1 (2O23年, 2o23年, 20l9年)
_LETTER_YEAR = re.compile(r"(?<![A-Za-z0-9])(?=[12][0-9]*[OoIl])([12][0-9OoIl]{3})(?=年)")
_LETTER_DIGITS = str.maketrans("OoIl", "0011")
# a date alone on its line, perhaps in brackets: the date a head prints under the title
_DATE_LINE = re.compile(r"^[(（]?(?:\d{4}年\d{1,2}月\d{1,2}日|" + CN_DATE.pattern + r")[)）]?$")
# a year the text speaks of: not a day's date, not a law's year or document number
_YEAR_MENTION = re.compile(r"(?<![〔\[\d])(20\d{2})年(?!\d{1,2}月)(?![^，。；]{0,8}?(?:修订|修正|施行|颁布|印发|公布))")
_TEXT_LINES = 150


def parse_date(text: str) -> date | None:
    m = DATE.search(text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = CN_DATE.search(text)
        if not m:
            return None
        y = int(_cn_digits(m.group(1)))
        mo, d = chinese_to_int(m.group(2)), chinese_to_int(m.group(3))
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _cn_digits(text: str) -> str:
    """二〇二三 -> 2023: a year printed digit by digit in Chinese numerals."""
    return "".join(str(_CN_DIGITS[c]) for c in text)


def arabic_years(text: str) -> str:
    """The years of a text printed in Chinese numerals (二〇二三年), or in digits with
    a letter for 0 or 1 (2O23年), in digits."""
    if "年" not in text:
        return text
    text = _LETTER_YEAR.sub(lambda m: m.group(1).translate(_LETTER_DIGITS), text)
    return _CN_YEAR.sub(lambda m: _cn_digits(m.group(1)), text)


def date_line(text: str) -> date | None:
    """The date of a line that is a date and nothing else (``（2024年1月20日）``)."""
    text = compact(text)
    return parse_date(text) if _DATE_LINE.match(text) else None


def text_year(lines: list[Line]) -> int | None:
    """The year the report's text speaks of most (``2023年，本机关……``), or None when
    no year leads: two years named as often (this year's work and next year's plans)
    leave the reader to say which the report is for."""
    counts: Counter[int] = Counter()
    for line in lines[:_TEXT_LINES]:
        text = compact(line.text)
        counts.update(int(y) for y in _YEAR_MENTION.findall(text))
    top = counts.most_common(2)
    if not top or (len(top) == 2 and top[0][1] == top[1][1]):
        return None
    return top[0][0]


def range_year(first: int, last: int, period: tuple | None) -> int | None:
    """The year of a report whose title names a range of years (2022—2023年): the
    year of its statistics period (`period`: printed, y1, m1, d1, y2, m2, d2) where
    that is one year of the range; else None (a date or the years the text names
    would be a guess between the range's years)."""
    if period is not None and period[1] == period[4] and first <= period[4] <= last:
        return period[4]
    return None
