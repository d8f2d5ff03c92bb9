"""What the prose says about the tables: each quantity mapped to the cells it speaks of.

A claim is made only when the words around a number say unambiguously what it
counts; anything else is left alone, because a false warning costs a reviewer more
than a missed one. The decisions, in order, for a number in a sentence:

- the sentence's topic: applications (申请), reconsideration / litigation (行政复议 /
  行政诉讼, the nearest one before the number), or documents (规章 / 行政规范性文件);
- the words since the previous number (`before`) and up to the end of the clause
  (`after`) pick the row: 结转…下年度 / 顺延 → 结转下年度, 上年…结转 → 上年结转,
  予以公开 / 部分公开 / 不予公开 / … → that outcome, 受理 / 收到 … 申请 → 本年新收,
  答复 / 办结 → （七）总计;
- who the sentence speaks of (`subject`): the reporting body, its whole area
  (全市, 全区, 本行政区域), or one office inside it (区政府办代表区政府受理…): a
  figure of one office is not the body's total, and the finding says so.

"政策性文件" is not 行政规范性文件, "规章制度" is not 规章: such numbers make no claim.

A sentence about applications that does not say 公开 (`本年度新收申请共11件`) is read
only when a bare `新收/收到/受理 申请 … N件` of the report's year anchors it: 申请 alone
is also 行政许可 or 办件, so a qualified 申请, another year, one channel or applicant
kind, a comparison (较上年, 同比) or a review sentence makes no claim. The anchored
sentence's other numbers may then state 上年结转, 办结 and 结转下年度.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .numbers import COUNT_UNITS, Quantity, quantities
from .prose import Sentence

# --- who a sentence speaks of ---------------------------------------------------------

REGION_WORDS = re.compile(r"全(?:省|市|区|县|旗|州|盟|镇|乡)|本行政区域|各级|各地|各部门|各单位|全市各|全区各|全县各")
_OFFICE_END = re.compile(r"(?:政府办|政府办公室|办公室|政务公开办|政务服务管理办公室|政务服务中心)$")
_LEAD_YEAR = re.compile(r"^[\s，,。]*(?:\d{4}\s*年度?|全年|本年度?|今年|[\s，,]|以来)*")


@dataclass(frozen=True)
class Subject:
    kind: str  # "body", "region" or "office"
    words: str  # the sentence's words naming it ("区政府办代表区政府")


def subject_of(lead: str) -> Subject:
    """Classify the words before a sentence's verb."""
    words = _LEAD_YEAR.sub("", lead).strip("，, ")
    words = re.split(r"[，,；;]", words)[-1] if words else words
    if "代表" in words:
        return Subject("office", words)
    head = re.split(r"(?:共|累计|全年|依法|共计|依申请)", words)[0]
    if _OFFICE_END.search(head):
        return Subject("office", head)
    if REGION_WORDS.search(words):
        return Subject("region", words)
    return Subject("body", words)


# --- claims ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Claim:
    rule: str  # N-1, N-2, N-3, N-6
    topic: str  # e.g. "received", "withheld", "review.total", "suit.upheld", "normative_docs.issued"
    quantity: Quantity
    sentence: Sentence
    subject: Subject


_RECEIVE = re.compile(r"(受理|收到|接收|接到|新收|收悉)")
_ANSWER = re.compile(r"(答复|办结|办理完毕|作出答复)")
_OUTCOMES = (
    ("partly_granted", re.compile(r"部分公开")),
    ("granted", re.compile(r"(?<!不)予以公开|(?<!部分)(?<!不予)(?<!主动)全部公开")),
    ("withheld", re.compile(r"不予公开")),
    ("unavailable", re.compile(r"无法提供")),
    ("not_processed", re.compile(r"不予处理")),
    ("other", re.compile(r"其他处理")),
)
_CARRIED_FORWARD = re.compile(r"结转(?:至|到)?下一?年度?|顺延(?:至|到)?下一?年度?|转入下一?年度?|下年度继续办理")
_CARRIED_IN = re.compile(r"上一?年度?结转|结转自上一?年|上年度?遗留")
_NONE_RECEIVED = re.compile(r"(?:未|没有|无)(?:收到|接到|受理|接收|发生)[^，。；,;]{0,16}申请")
_CLAUSE = re.compile(r"[，,。；;（）()：:]")

_REVIEW_WORDS = (("review", re.compile(r"行政复议")), ("suit", re.compile(r"行政诉讼|起诉")))
_CASE_PARTS = (("upheld", re.compile(r"维持")), ("corrected", re.compile(r"纠正")),
               ("other", re.compile(r"其他结果")), ("pending", re.compile(r"尚未审结|未审结|正在审理|审理中")))
_NO_CASES = re.compile(r"(?:未|没有)(?:发生|收到|出现|产生|被提起|被申请)[^，。；]{0,20}?(行政复议|行政诉讼)"
                       r"(?:[、和及或]\s*(行政复议|行政诉讼))?")

_DOC_KIND = re.compile(r"(规章(?!制度))|((?<!党内)(?:行政)?规范性文件)|(政策性文件|政策文件|其他文件)")
_DOC_VERBS = (("repealed", re.compile(r"废止|宣布失效")),
              ("in_force", re.compile(r"现行有效")),
              ("issued", re.compile(r"制发|新制定|制定|出台|印发|新增")))


def _clause_before(text: str, start: int) -> str:
    cut = max((m.end() for m in _CLAUSE.finditer(text, 0, start)), default=0)
    return text[cut:start]


def _clause_after(text: str, end: int) -> str:
    m = _CLAUSE.search(text, end)
    return text[end:m.start() if m else len(text)]


def _last(patterns, text: str):
    """The pattern name whose last match in `text` is the rightmost one."""
    best, at = None, -1
    for name, pat in patterns:
        for m in pat.finditer(text):
            if m.start() > at:
                best, at = name, m.start()
    return best


def _application_topic(before: str, after: str, clause: str) -> str | None:
    if _CARRIED_FORWARD.search(after) or _CARRIED_FORWARD.search(before):
        return "carried_forward"
    if _CARRIED_IN.search(before):
        return "carried_in"
    outcomes = [name for name, pat in _OUTCOMES if pat.search(before)]
    if outcomes:
        return "+".join(sorted(outcomes))
    if _RECEIVE.search(clause) and "申请" in clause:
        return "received"
    if _ANSWER.search(before) and not _RECEIVE.search(before):
        return "total"
    return None


def _subject(sentence: Sentence, q_start: int) -> Subject:
    text = sentence.text[:q_start]
    m = None
    for m in _RECEIVE.finditer(text):
        pass
    if m is None:
        for m in _ANSWER.finditer(text):
            pass
    return subject_of(text[: m.start()] if m else "")


def claims_in(sentence: Sentence, year: int | None = None) -> list[Claim]:
    text = sentence.text
    plain = "公开" not in text and _plain_sentence(text)
    out: list[Claim] = []
    qs = [q for q in quantities(text) if q.unit in COUNT_UNITS]
    prev_end = 0
    for q in qs:
        before = text[prev_end:q.start]
        prev_end = q.end
        after = _clause_after(text, q.end)
        clause = _clause_before(text, q.start)
        lead = text[:q.start]
        claim = _case_claim(sentence, q, lead, before) or _doc_claim(sentence, q, lead, before)
        if claim is None and plain:
            claim = _plain_claim(sentence, q, before, after, clause, year, anchored=bool(out))
        elif claim is None and "申请" in text and "公开" in text:
            topic = _application_topic(before, after, clause)
            if topic is not None:
                claim = Claim("N-1", topic, q, sentence, _subject(sentence, q.start))
        if claim is not None:
            out.append(claim)
    out.extend(_none_claims(sentence, qs))
    return out


# A bare 申请 right after the verb, then only 共/合计/为… before the number.
_PLAIN_RECEIVED = re.compile(r"(?:新收|收到|受理|接收|接到|收悉)了?(?:各类)?申请"
                             r"(?:共计|总计|合计|共|总数|数量|数|为|达|：|:|\s)*$")
# Words that make a clause speak of part of the total, another year, or a change.
_PLAIN_GUARD = re.compile(r"上一?年|去年|前年|同比|较|比|增|减|多|少|下降|上升|其中|通过|当面|网络|网上|"
                          r"信函|邮寄|邮件|传真|现场|线上|线下|窗口|平台|自然人|法人|企业|律师|机构|组织|"
                          r"许可|审批|政务服务|信访|办件|热线|咨询|投诉|举报")
_PLAIN_SENTENCE_GUARD = re.compile(r"复议|诉讼|起诉")
_YEAR = re.compile(r"(\d{4})\s*年")


def _plain_sentence(text: str) -> bool:
    return "申请" in text and not _PLAIN_SENTENCE_GUARD.search(text)


def _plain_claim(sentence: Sentence, q: Quantity, before: str, after: str, clause: str,
                 year: int | None, anchored: bool) -> Claim | None:
    """A number of a sentence without 公开: the anchor (本年新收), or, once the
    sentence is anchored, 上年结转 / 办结 / 结转下年度 (module docstring)."""
    years = _YEAR.findall(sentence.text[:q.start])
    if years and (year is None or int(years[-1]) != year):
        return None
    if _PLAIN_RECEIVED.search(clause) and not _PLAIN_GUARD.search(clause):
        return Claim("N-1", "received", q, sentence, _subject(sentence, q.start))
    if not anchored:
        return None
    topic = _application_topic(before, after, clause)
    if topic == "carried_in":
        rest = _CARRIED_IN.sub("", clause)
    elif topic in ("carried_forward", "total"):
        rest = clause
    else:
        return None
    if _PLAIN_GUARD.search(rest) or len(rest) > 12:
        return None
    return Claim("N-1", topic, q, sentence, _subject(sentence, q.start))


def _case_claim(sentence: Sentence, q: Quantity, lead: str, before: str) -> Claim | None:
    kind = _last(_REVIEW_WORDS, lead)
    if kind is None or "公开" not in sentence.text:
        return None
    part = _last(_CASE_PARTS, before)
    if part is None:
        if not any(p.search(before) for _, p in _REVIEW_WORDS):
            return None
        part = "total"
    return Claim("N-2", f"{kind}.{part}", q, sentence, subject_of(""))


def _doc_claim(sentence: Sentence, q: Quantity, lead: str, before: str) -> Claim | None:
    kinds = list(_DOC_KIND.finditer(before))
    if not kinds:
        return None
    last = kinds[-1]
    if last.group(3):  # 政策性文件: not a table row
        return None
    if not before.rstrip().endswith(last.group(0)) and len(before) - last.end() > 4:
        return None  # the document word does not name what is counted
    verb = _last(_DOC_VERBS, lead[max(0, len(lead) - 40):])
    if verb is None:
        return None
    doc = "rules" if last.group(1) else "normative_docs"
    return Claim("N-3", f"{doc}.{verb}", q, sentence, subject_of(""))


def _none_claims(sentence: Sentence, qs: list[Quantity]) -> list[Claim]:
    """`未收到政府信息公开申请` (N-6) and `未发生…行政复议、行政诉讼` (N-2): a zero
    stated in words, not as a number (its quantity has no unit)."""
    out = []
    text = sentence.text
    for m in _NONE_RECEIVED.finditer(text):
        if "申请" in m.group(0) and not any(q.start >= m.start() and q.end <= m.end() + 6 for q in qs):
            zero = Quantity(Decimal(0), "", True, m.start(), m.end(), m.group(0))
            out.append(Claim("N-6", "received", zero, sentence, subject_of(text[:m.start()])))
    if "公开" in text:
        for m in _NO_CASES.finditer(text):
            for word in filter(None, m.groups()):
                kind = "review" if word == "行政复议" else "suit"
                zero = Quantity(Decimal(0), "", True, m.start(), m.end(), m.group(0))
                out.append(Claim("N-2", f"{kind}.total", zero, sentence, subject_of("")))
    return out
