"""Figures a report's own prose states, as hints for reading its damaged tables.

`现行有效行政规范性文件1512件`, `收到申请56件，自然人52件、商业企业4件`: when a row's
digits can be cut more than one way and the identities leave a tie, a figure the
same report prints in a sentence may choose among the tied readings (`solve`).
It never overrides a reading: a hint that fits none of them is ignored, and the
checker's N rules report prose that contradicts its table.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from ..standard import get_template
from ..standard.identities import carry_over
from ..standard.normalize import compact
from .solve import PREVIOUS, PROSE

_N = r"(\d{1,9})\s*(?:件|个|份|条)"
_DOC = r"(?:行政)?规范性文件"
_ACTIVE = (
    (re.compile(rf"现行有效(?:的)?{_DOC}(?:共|为)?{_N}"), "active.normative_docs.in_force"),
    (re.compile(rf"{_DOC}现行有效(?:的)?(?:共|为)?{_N}"), "active.normative_docs.in_force"),
    (re.compile(rf"(?:制发|印发|出台|制定)(?:了)?{_DOC}{_N}"), "active.normative_docs.issued"),
    (re.compile(rf"(?:废止|清理废止)(?:了)?{_DOC}{_N}"), "active.normative_docs.repealed"),
    (re.compile(rf"现行有效(?:的)?规章(?:共|为)?{_N}"), "active.rules.in_force"),
    (re.compile(rf"(?:制发|制定|出台)(?:了)?规章{_N}"), "active.rules.issued"),
)
_RECEIVED = re.compile(r"(?:本年度?|全年|共)?(?:新收|收到|受理)(?:各类)?(?:政府信息公开)?申请(?:共|合计)?(\d{1,9})\s*件")
_APPLICANTS = (
    ("natural_person", "自然人"), ("commercial", "商业企业"), ("research", "科研机构"),
    ("nonprofit", "社会公益组织"), ("legal_service", "法律服务机构"),
)
_CARRIED = (
    (re.compile(r"上年(?:度)?结转(?:的)?(?:政府信息公开)?申请(?:共)?(\d{1,9})\s*件"), "applications.carried_in.total"),
    (re.compile(r"结转(?:至)?下(?:一)?年度(?:继续办理)?(?:的)?(?:申请)?(\d{1,9})\s*件"), "applications.carried_forward.total"),
)
# table 四 as parts 四/五 state it: 行政复议3件（维持2件、纠正1件），未经复议直接起诉1件，
# 复议后起诉2件. A result (维持…) counts for 行政复议 only in the clause after its
# figure, before any 诉讼/起诉 (a lawsuit's results belong to one of two groups)
_T4 = "review_litigation."
_REVIEW = re.compile(r"(?<!经)行政复议(?:案件|申请)?(?:共|合计)?(\d{1,9})\s*(?:件|起)")
_SUITS = (
    (re.compile(r"未经(?:行政)?复议(?:直接)?(?:提起)?(?:行政)?(?:起诉|诉讼)(?:案件)?(?:共)?(\d{1,9})\s*(?:件|起)"),
     _T4 + "suit_direct.total"),
    (re.compile(r"(?<!未经)(?<!未经行政)复议后(?:提起)?(?:行政)?(?:起诉|诉讼)(?:案件)?(?:共)?(\d{1,9})\s*(?:件|起)"),
     _T4 + "suit_after_review.total"),
)
_RESULTS = (("upheld", "维持"), ("corrected", "纠正"), ("other", "其他结果"), ("pending", "尚未审结"))
_SENTENCE = re.compile(r"[^。；;]+")
# Words putting what follows in another year (上年收到申请51件, 去年同期, 与上年相比)
# and words putting it back in this one (本年, 今年, 全年). 上年结转 is this year's
# carried-in figure, not another year's.
_OTHER_YEAR = re.compile(r"(?:上一?年度?|去年|前年|同期)(?!度?结转)")
_THIS_YEAR = re.compile(r"本年|今年|全年")


def prose_figures(lines: list[str]) -> dict[str, int]:
    """Cell code -> the figure the prose states, where it states one once."""
    found: dict[str, set[int]] = {}
    for raw in lines:
        if "。" not in raw and "，" not in raw:
            continue
        text = compact(raw)
        for sentence in _SENTENCE.findall(text):
            _scan(sentence, found)
    return {code: next(iter(v)) for code, v in found.items() if len(v) == 1}


def _another_year(before: str) -> bool:
    """The sentence before a figure last named another year than this one."""
    other = [m.end() for m in _OTHER_YEAR.finditer(before)]
    this = [m.end() for m in _THIS_YEAR.finditer(before)]
    return bool(other) and (not this or other[-1] > this[-1])


def _scan(sentence: str, found: dict[str, set[int]]) -> None:
    """Figures of this year only: last year's, stated beside them, would choose a
    wrong cut whenever they fit one."""
    for pattern, code in _ACTIVE + _CARRIED:
        for m in pattern.finditer(sentence):
            if not _another_year(sentence[:m.start(1)]):
                found.setdefault(code, set()).add(int(m.group(1)))
    _scan_review(sentence, found)
    m = next((m for m in _RECEIVED.finditer(sentence)
              if not _another_year(sentence[:m.start(1)])), None)
    if not m:
        return
    found.setdefault("applications.received.total", set()).add(int(m.group(1)))
    rest = sentence[m.end():]
    for col, word in _APPLICANTS:
        n = re.search(rf"{word}(?:申请)?(\d{{1,9}})\s*件", rest)
        if n:
            found.setdefault(f"applications.received.{col}", set()).add(int(n.group(1)))


def _scan_review(sentence: str, found: dict[str, set[int]]) -> None:
    """Table 四's figures a sentence states plainly: 行政复议N件 and its results in
    the clause after it, 未经复议直接起诉 / 复议后起诉 M件 (行政诉讼M件 alone sums
    two groups: no cell)."""
    if "复议" not in sentence:
        return
    for pattern, code in _SUITS:
        for m in pattern.finditer(sentence):
            if not _another_year(sentence[:m.start(1)]):
                found.setdefault(code, set()).add(int(m.group(1)))
    for m in _REVIEW.finditer(sentence):
        if _another_year(sentence[:m.start(1)]):
            continue
        found.setdefault(_T4 + "review.total", set()).add(int(m.group(1)))
        clause = re.split(r"诉讼|起诉", sentence[m.end():], maxsplit=1)[0]
        for col, word in _RESULTS:
            n = re.search(rf"(?:结果)?{word}(?:原?(?:行政行为|决定|答复))?(\d{{1,9}})\s*(?:件|起)", clause)
            if n:
                found.setdefault(f"{_T4}review.{col}", set()).add(int(n.group(1)))


def lazy_figures(lines, previous=None) -> "Callable[[], dict[str, tuple[int, str]]]":
    """Cell code -> (figure, where stated): the prose's figures and, given last
    year's report of the same body, its 结转下年度 as this year's 上年结转 (X-1, an
    identity; table 二's year-to-year flow is only a hint and never used here).
    Worked out on the first call only: most reports never have a tie to break."""
    @lru_cache(maxsize=1)
    def get() -> dict:
        found = {c: (v, PROSE) for c, v in prose_figures([ln.text for ln in lines]).items()}
        found.update(_carried_over(previous))
        return found

    return get


def _carried_over(previous) -> dict:
    if previous is None:
        return {}
    out = {}
    for link in carry_over(get_template(previous.template)):
        value = previous.cell(link.prev)
        if value is not None:
            out[link.this] = (value, PREVIOUS)
    return out
