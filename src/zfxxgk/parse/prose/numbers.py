"""Quantities as the prose prints them: `3119 件`, `3,119件`, `十七件`, `两千余条`,
`100余条`, `98.5%`.

Reports mix Arabic and Chinese numerals, and PDF extraction puts spaces between a
number and its unit; a `余` ("100余条") makes the number a lower bound, not a value,
so a quantity carries whether it is exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_DIGIT = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "三": 3,
          "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7,
          "八": 8, "捌": 8, "九": 9, "玖": 9}
_UNIT = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
CN_CHARS = "".join(_DIGIT) + "".join(_UNIT) + "".join(_BIG)

# Units that count things (applications, cases, documents, items).
COUNT_UNITS = "件条个起宗次例份项篇"
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CHINESE = f"[{CN_CHARS}]+"
QUANTITY = re.compile(
    rf"(?P<num>{_ARABIC}|{_CHINESE})\s*(?P<approx>余|多)?\s*"
    rf"(?:(?P<pct>%|％)|(?P<unit>[{COUNT_UNITS}]|万元|元))")


@dataclass(frozen=True)
class Quantity:
    """A number printed in the prose with its unit; `exact` is False for `100余条`
    (then `value` is a lower bound); `start`/`end` are offsets in the text read."""

    value: Decimal
    unit: str
    exact: bool
    start: int
    end: int
    printed: str

    def agrees_with(self, table_value) -> bool:
        """Whether a table cell can be what this quantity says."""
        if table_value is None:
            return True
        v = Decimal(str(table_value))
        return v == self.value if self.exact else v >= self.value


def chinese_to_int(text: str) -> int | None:
    """`十七` -> 17, `一百零三` -> 103, `两千` -> 2000, `三万五千` -> 35000,
    `二〇二四` -> 2024 (digit by digit when there is no unit character)."""
    if not text or any(c not in CN_CHARS for c in text):
        return None
    if not any(c in _UNIT or c in _BIG for c in text):
        return int("".join(str(_DIGIT[c]) for c in text))
    total, section, digit = 0, 0, None
    for c in text:
        if c in _DIGIT:
            digit = _DIGIT[c]
        elif c in _UNIT:
            section += (1 if digit is None else digit) * _UNIT[c]
            digit = None
        else:  # 万, 亿
            section += digit or 0
            total += (section or 1) * _BIG[c]
            section, digit = 0, None
    return total + section + (digit or 0)


def to_decimal(printed: str) -> Decimal | None:
    s = printed.replace(",", "")
    if s and s[0].isdigit():
        return Decimal(s)
    n = chinese_to_int(s)
    return None if n is None else Decimal(n)


def quantities(text: str) -> list[Quantity]:
    """Every number-with-unit in `text`, in order. A Chinese numeral glued to a
    word is taken only when it is not part of a word (`一是`, `三审三校`, `统一`
    have no unit after them and are not matched)."""
    out = []
    for m in QUANTITY.finditer(text):
        value = to_decimal(m.group("num"))
        if value is None:
            continue
        unit = "%" if m.group("pct") else m.group("unit")
        out.append(Quantity(value, unit, m.group("approx") is None, m.start(), m.end(),
                            m.group(0)))
    return out
