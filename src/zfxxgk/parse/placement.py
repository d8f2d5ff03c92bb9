"""Where an agency sits among governments, read from its name alone.

A report names its body (``淮安市洪泽区人民政府``, ``洪泽区教育局``,
``青禾市云岭区望湖街道办事处``); the leading administrative areas of that name say
which governments stand above it. There is no gazetteer here, so the rules only
place what the name itself proves: a lone ``昆山市`` may be a prefecture-level or
a county-level city and keeps no level; a development zone, a court, a branch
bureau or a national ministry stays unplaced. Unknown is left blank, never
guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..standard.normalize import compact

PROVINCE, CITY, COUNTY, TOWNSHIP, DEPARTMENT = "province", "city", "county", "township", "department"
_RANK = {PROVINCE: 0, CITY: 1, COUNTY: 2}
GOVERNMENT = "人民政府"

# The four municipalities stand at the level of a province.
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_SUFFIX_KIND = (("自治区", "province"), ("省", "province"), ("自治州", "prefecture"),
                ("盟", "prefecture"), ("地区", "prefecture"), ("自治县", "county"),
                ("自治旗", "county"), ("新区", "new_area"), ("林区", "county"),
                ("特区", "county"), ("区", "county"), ("县", "county"), ("旗", "county"),
                ("市", "city"))
_SEGMENT = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:自治区|自治州|自治县|自治旗|省|市|盟|地区|区|县|旗)")
_ONE_CHAR_COUNTY = re.compile(r"[\u4e00-\u9fff]县")  # 沛县, 萧县, 歙县
# Areas that are not administrative divisions: their bodies are not governments.
# (Not 城区, 港区 or 矿区: 鹿城区, 海港区 and 白云鄂博矿区 are districts.)
_ZONE_WORDS = ("开发区", "园区", "高新区", "示范区", "试验区", "实验区", "管理区", "工业区",
               "保税区", "名胜区", "景区", "度假区", "合作区", "经济区", "产业区", "功能区",
               "片区", "保护区", "社区", "小区")
# Districts whose names end in a zone word: 商丘市梁园区 is no industrial park.
_DISTRICTS_LIKE_ZONES = frozenset({"梁园区"})
# Bodies that are not under the people's government of their area.
_NOT_GOVERNMENT = ("法院", "检察院", "人民代表大会", "人大", "政协", "中共", "党委", "纪委",
                   "监察委员会", "管理委员会", "管委会", "分局", "常务委员会", "委员会委员会")
_DEPARTMENT_END = re.compile(r"(?:局|厅|委员会|办公室|办公厅)$")
_GOVERNMENT_BODY = ("人民政府", "政府", "行政公署")
_PARTY = re.compile(r"^[省市州盟区县旗]?委")  # 区委办公室, 市委: party bodies
_SECOND_NAME = re.compile(r"(?:[(（][^()（）]+[)）])+$")
_TOWNSHIP_END = re.compile(r"^([\u4e00-\u9fff]{1,12}?)(街道办事处|镇人民政府|乡人民政府|苏木人民政府|"
                           r"镇政府|乡政府|街道办)$")


@dataclass(frozen=True)
class Node:
    """A government above an agency: the name it is known by and its level (None
    when the name does not prove it)."""

    name: str
    level: str | None


@dataclass(frozen=True)
class Placement:
    """An agency's level and the governments above it, highest first; the parent
    is the last of them. `level` None means the name does not place it."""

    level: str | None = None
    ancestors: tuple[Node, ...] = ()


UNPLACED = Placement()


@dataclass(frozen=True)
class _Area:
    text: str
    kind: str
    level: str | None = None


def split_areas(name: str) -> tuple[list[_Area], str]:
    """``淮安市洪泽区教育局`` -> ([淮安市, 洪泽区], ``教育局``): the leading areas and
    the rest of the name."""
    areas: list[_Area] = []
    at = 0
    while at < len(name):
        m = _ONE_CHAR_COUNTY.match(name, at) or _SEGMENT.match(name, at)
        if not m or m.end() == len(name):
            break
        text = m.group(0)
        kind = next(k for suffix, k in _SUFFIX_KIND if text.endswith(suffix))
        if kind == "county" and any(text.endswith(w) for w in _ZONE_WORDS) \
                and text not in _DISTRICTS_LIKE_ZONES:
            kind = "zone"
        if kind == "county" and text.endswith("新区"):
            kind = "new_area"
        areas.append(_Area(text, kind))
        at = m.end()
    return areas, name[at:]


def _levels(areas: list[_Area]) -> list[_Area] | None:
    """Each area with its level; None when the sequence is not a chain of
    governments (a zone, levels out of order)."""
    out: list[_Area] = []
    for i, a in enumerate(areas):
        prev = out[-1].level if out else None
        nxt = areas[i + 1].kind if i + 1 < len(areas) else None
        if a.kind == "zone":
            return None
        if a.kind == "city":
            if i == 0 and a.text in MUNICIPALITIES:
                level = PROVINCE
            elif prev == PROVINCE or nxt in ("county", "city", "new_area"):
                level = CITY
            elif prev == CITY:
                level = COUNTY  # a county-level city under a prefecture
            elif prev == COUNTY:
                return None
            else:
                level = None
        elif a.kind == "prefecture":
            level = CITY
        elif a.kind in ("county", "new_area"):
            level = COUNTY
        else:
            level = PROVINCE
        if level is None and i + 1 < len(areas):
            return None
        if out and level is not None and (prev is None or _RANK[level] <= _RANK[prev]):
            return None
        out.append(_Area(a.text, a.kind, level))
    return out


def _government(chain: list[_Area], i: int) -> Node:
    """The government of chain[i], named as such bodies name themselves: a
    county's with its prefecture or municipality in front (``淮安市洪泽区人民政府``,
    ``北京市海淀区人民政府``), others alone."""
    a = chain[i]
    above = chain[i - 1] if i > 0 else None
    prefix = above.text if a.level == COUNTY and above is not None and (
        above.level == CITY or above.text in MUNICIPALITIES) else ""
    return Node(prefix + a.text + GOVERNMENT, a.level)


def _ancestors(chain: list[_Area]) -> tuple[Node, ...]:
    return tuple(_government(chain, i) for i in range(len(chain)))


def place(name: str | None) -> Placement:
    """The level of the agency `name` and the governments above it, as far as the
    name proves them (UNPLACED otherwise)."""
    if not name:
        return UNPLACED
    # a second name in brackets (挂牌: 某局（某办公室）) says nothing of the level
    name = _SECOND_NAME.sub("", compact(name))
    if any(w in name for w in _NOT_GOVERNMENT):
        return UNPLACED
    areas, body = split_areas(name)
    chain = _levels(areas)
    if chain is None or not body or any(w in body for w in _ZONE_WORDS):
        return UNPLACED
    if body in _GOVERNMENT_BODY:
        if not chain:
            return UNPLACED
        return Placement(chain[-1].level, _ancestors(chain[:-1]))
    if any(a.kind == "new_area" for a in chain):
        return UNPLACED  # a 新区 may be a district or a zone: only its government is sure
    township = _TOWNSHIP_END.match(body)
    if township:
        if chain and chain[-1].level not in (COUNTY, CITY, None):
            return UNPLACED
        return Placement(TOWNSHIP, _ancestors(chain))
    if not chain or not _DEPARTMENT_END.search(body) or _PARTY.match(body) or body.startswith("办"):
        return UNPLACED
    if any(body.startswith(g) and body != g for g in _GOVERNMENT_BODY) \
            and not body.removeprefix("人民").startswith("政府办"):
        return UNPLACED
    return Placement(DEPARTMENT, _ancestors(chain))


_GENERAL_OFFICE = re.compile(r"(?:人民政府|政府)办公[室厅]$")


def government_of_office(name: str | None) -> Node | None:
    """The government whose general office (办公室, 办公厅) `name` is, when the name
    proves it (``淮安市洪泽区人民政府办公室`` -> 淮安市洪泽区人民政府): the office
    that compiles and signs its government's area summary. None for any other body."""
    if not name or not _GENERAL_OFFICE.search(compact(name)):
        return None
    placed = place(name)
    return placed.ancestors[-1] if placed.level == DEPARTMENT and placed.ancestors else None


def same_body(short: str, full: str) -> bool:
    """Whether `full` is `short` with more areas in front (``洪泽区人民政府`` and
    ``淮安市洪泽区人民政府``): two names of one body, as reports print them."""
    if short == full or not full.endswith(short):
        return short == full
    areas, rest = split_areas(full[: len(full) - len(short)] + "\u3007")  # 〇 ends the areas
    return rest == "\u3007" and bool(areas) and _levels(split_areas(full)[0]) is not None
