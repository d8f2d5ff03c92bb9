"""The prose against the tables (standard.md §3.5): N-1, N-2, N-3, N-4, N-6.

All warnings: real reports often contradict themselves, and the prose may speak of
something the table does not count (one office, the whole area). Each finding gives
both numbers and both places; where the sentence is about one office inside the
body, it says so instead of calling the table wrong.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from ...model import Note
from .. import messages as msg
from ..context import Context
from ..engine import Finding, excerpt_of, finding, rule
from ..labels import describe_cells
from ...parse.prose import Claim

A = "applications"
R = "review_litigation"
_GROUPS = {"withheld": "withheld.", "unavailable": "unavailable.",
           "not_processed": "not_processed."}


def topic_cells(ctx: Context, topic: str) -> list[str]:
    """The cells whose sum the claim's topic names."""
    out: list[str] = []
    for part in topic.split("+"):
        if part in ("received", "carried_in", "total", "carried_forward", "granted",
                    "partly_granted"):
            out.append(f"{A}.{part}.total")
        elif part in _GROUPS:
            out += [f"{A}.{r}.total" for r in ctx.application_rows if r.startswith(_GROUPS[part])]
        elif part == "other":
            out += [f"{A}.{r}.total" for kind in ctx.other_in_use for r in kind]
        elif part.startswith("review."):
            out.append(f"{R}.review.{part.split('.')[1]}")
        elif part.startswith("suit."):
            col = part.split(".")[1]
            out += [f"{R}.suit_direct.{col}", f"{R}.suit_after_review.{col}"]
        elif part.split(".")[0] in ("rules", "normative_docs") and ctx.template.code == "2021":
            out.append(f"active.{part}")
    return out


def cells_sum(report, cells: list[str]):
    """The sum of the cells, None when there are none or one is blank (never 0 for blank)."""
    values = [report.cell(c) for c in cells]
    if not values or any(v is None for v in values):
        return None
    return sum(values)


def _place(line: int | None) -> str:
    return msg.PLACE_LINE.format(line=line) if line is not None else msg.PLACE_UNKNOWN


def _table_line(ctx: Context, cells: list[str]) -> int | None:
    for c in cells:
        p = ctx.report.where(c)
        if p is not None and p.line is not None:
            return p.line
    return None


def _excerpt(claim: Claim) -> str | None:
    text, q = claim.sentence.text, claim.quantity
    start = max(0, q.start - 30)
    return excerpt_of(text[start:q.end + 20])


def claim_finding(ctx: Context, claim: Claim, cells: list[str], value) -> Finding:
    q = claim.quantity
    line = claim.sentence.line_at(q.start)
    table = msg.TABLE_NAMES[cells[0].split(".")[0]]
    names = describe_cells(cells, ctx.template)
    if len(cells) > 1 and not claim.topic.startswith("suit."):
        names += msg.SUM_OF
    common = dict(prose_place=_place(line), table=table, cells=f"“{names}”",
                  value=msg.number(value) + (q.unit or "件"), table_place=_place(_table_line(ctx, cells)))
    if not q.unit:  # a zero stated in words
        text = msg.NARRATIVE_NONE.format(words=q.printed, **common)
    else:
        said = msg.number(q.value) + ("" if q.exact else msg.NARRATIVE_APPROX)
        topic = "、".join(msg.TOPIC_NAMES.get(t, t) for t in claim.topic.split("+"))
        text = msg.NARRATIVE.format(topic=topic, said=said, unit=q.unit, **common)
    fix = msg.NARRATIVE_FIX
    if claim.subject.kind == "office":
        text += msg.NARRATIVE_OFFICE.format(words=claim.subject.words)
        fix = msg.NARRATIVE_OFFICE_FIX
    elif claim.subject.kind == "region" and ctx.report.scope != "region":
        text += msg.NARRATIVE_REGION.format(words=claim.subject.words)
    note = Note("narrative", line=line)
    f = finding(ctx.report, claim.rule, cells, text, fix, note=note)
    f.where["excerpt"] = _excerpt(claim)
    return f


def _check(ctx: Context, rule_ids: tuple[str, ...]) -> Iterator[Finding]:
    seen: set[tuple[str, Decimal]] = set()
    for claim in ctx.claims:
        if claim.rule not in rule_ids:
            continue
        cells = topic_cells(ctx, claim.topic)
        value = cells_sum(ctx.report, cells)
        if value is None or claim.quantity.agrees_with(value):
            continue
        key = (claim.topic, claim.quantity.value)
        if key in seen:
            continue
        seen.add(key)
        yield claim_finding(ctx, claim, cells, value)


@rule("N-1", "warning", table=A, title="正文的申请数量与表三一致",
      description="“一、总体情况”中依申请公开部分所说的收到、上年结转、办理、结转下年度的申请数，"
                  "以及予以公开、部分公开、不予公开、无法提供、不予处理、其他处理的件数，"
                  "应与表三总计列一致；不含“公开”二字的句子（“本年度新收申请共11件”），只在本年度"
                  "“新收/收到/受理申请N件”处比较，并比较同句的上年结转、办结、结转下年度件数，"
                  "说其他年度、某一渠道或某类申请人、与上年比较、行政复议或行政许可的句子不作比较；"
                  "句子说的是机关内某一部门时，指出这一点。")
def applications_in_prose(ctx: Context) -> Iterator[Finding]:
    yield from _check(ctx, ("N-1",))


@rule("N-2", "warning", table=R, title="正文的复议、诉讼数量与表四一致",
      description="正文所说的政府信息公开行政复议、行政诉讼件数及其结果（维持、纠正、其他、尚未审结），"
                  "应与表四一致（行政诉讼为未经复议直接起诉与复议后起诉之和）；“未发生行政复议”应对应0。")
def cases_in_prose(ctx: Context) -> Iterator[Finding]:
    yield from _check(ctx, ("N-2",))


@rule("N-3", "warning", table="active", title="正文的规章、规范性文件数量与表二一致",
      description="正文所说的本年制发、废止、现行有效的规章和行政规范性文件件数，应与表二一致"
                  "（2021年格式）；“政策性文件”不是行政规范性文件，不作比较。")
def documents_in_prose(ctx: Context) -> Iterator[Finding]:
    yield from _check(ctx, ("N-3",))


@rule("N-6", "warning", table=A, title="称未收到申请时表三应为0",
      description="正文称“未收到政府信息公开申请”时，表三一、本年新收政府信息公开申请数量的总计应为0。")
def none_received(ctx: Context) -> Iterator[Finding]:
    yield from _check(ctx, ("N-6",))


FEE_WORDS = ("信息处理费", "处理费", "收费", "收取费用", "费用")


@rule("N-4", "warning", title="其他需要报告的事项说明信息处理费",
      description="2021年度起，“六、其他需要报告的事项”应说明信息处理费的收取情况"
                  "（国办函〔2020〕109号）；表三有逾期未缴费不再处理的申请时尤其应说明。")
def fee_reported(ctx: Context) -> Iterator[Finding]:
    report = ctx.report
    if report.year is None or report.year < 2021 or not report.sections:
        return
    six = report.sections.get("6")
    if six is None:
        return  # F-SECTION reports the missing part
    if any(w in "".join(six.split()) for w in FEE_WORDS):
        return
    no_fee = report.cell(f"{A}.other.no_fee.total")
    extra = msg.N_4_A22.format(count=no_fee) if isinstance(no_fee, int) and no_fee > 0 else ""
    line = ctx.section_line("6")
    yield finding(report, "N-4", [f"{A}.other.no_fee.total"] if extra else [],
                  msg.N_4.format(year=report.year, extra=extra), msg.N_4_FIX,
                  note=Note("narrative", line=line, excerpt=six.strip()[:40] or None))
