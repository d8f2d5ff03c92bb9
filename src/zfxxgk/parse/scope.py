"""Whose work a report's tables count: the body's own (`agency`) or its whole area
(`region`, a government's summary of all its departments), and what kind of body it is.

Both matter to the checker: the publication deadline depends on the kind of body
(条例 第四十九条), and a sentence about "全市" or about one office reads differently
against tables of one scope or the other. The evidence is kept as words a reviewer
can check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Report
from .prose import report_claims
from .placement import government_of_office
from .prose.claims import REGION_WORDS

_TOWNSHIP = re.compile(r"(?:街道|街道办事处|街道办|镇|乡|苏木)(?:人民政府|政府|人民政府办公室|办事处)?$")
_GOVERNMENT = re.compile(r"人民政府$")
_SUMMARY_WORDS = re.compile(r"本行政区域|全(?:省|市|区|县|旗|州|盟)各(?:级|地|部门|单位)|汇总")
_AREA_WORDS = re.compile(r"本行政区域")

# A government's own office rarely decides penalties itself; hundreds of them in
# table 二 mean the tables count the departments of its area.
REGION_PENALTIES = 100


@dataclass(frozen=True)
class Scope:
    scope: str  # "agency" or "region"
    evidence: str | None  # Chinese words saying why (None for the default)


def body_kind(agency: str | None) -> str:
    """`township` (乡镇, 街道), `government` (县级以上人民政府), `department`, or
    `unknown` when the name is missing."""
    if not agency:
        return "unknown"
    if _TOWNSHIP.search(agency):
        return "township"
    if _GOVERNMENT.search(agency):
        return "government"
    return "department"


def derive_scope(report: Report) -> Scope:
    kind = body_kind(report.agency)
    office = kind == "department" and government_of_office(report.agency) is not None
    if kind != "government" and not office:
        return Scope("agency", None)
    # cheap signals first: this runs inside every parse
    text = "".join((report.sections or {}).get("1", "").split())
    # A government's general office often signs the area summary it compiles; its own
    # report may speak of 全区各部门 or 汇总 as the office coordinating them, so for an
    # office only the words that say the figures are the area's count.
    m = (_AREA_WORDS if office else _SUMMARY_WORDS).search(text)
    if m:
        return Scope("region", f"正文称“{m.group(0)}”")
    if REGION_WORDS.search(text):  # no region words, no region subject
        for claim in report_claims(report, ("1",)):
            if claim.rule == "N-1" and claim.subject.kind == "region":
                return Scope("region", f"正文以“{claim.subject.words}”叙述申请数量")
    penalties = (report.active.get("penalty") or {}).get("decisions")
    if isinstance(penalties, int) and penalties >= REGION_PENALTIES:
        return Scope("region", f"表二行政处罚决定{penalties}件，是全辖区的数字")
    return Scope("agency", None)
