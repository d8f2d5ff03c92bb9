"""A first draft of the six narrative parts with the tables' figures filled in.

The draft is for staff to complete, not to publish as is: what tables cannot say
(the platforms, the problems and their fixes) is a marked placeholder
(`PLACEHOLDER`), found again by `placeholders()` before a report goes out.

Every number is written so that the checker's prose reader (`parse.prose`)
attributes it to the cells it came from: one clause per figure, the words that
name the figure right before it, Arabic digits, one topic per sentence. A blank
cell is never written as 0: its figure is named in a placeholder sentence after
the figures that are known, so no number's neighbourhood is changed by it.
"""

from __future__ import annotations

from ..model import Report, cell_text
from ..standard import SECTIONS, get_template
from ..standard.placeholders import PLACEHOLDER
from ..standard.vocabulary import INTAKE_NAMES, OUTCOME_NAMES
from .figures import AnswerTimes, Figure, FeeFacts, figure_map

def todo(what: str) -> str:
    """A placeholder; it ends its own sentence, so the labels it names are never
    read as the words before the next number."""
    return f"{PLACEHOLDER}：{what}。】"


def _clauses(items: list[tuple[str, Figure]], table: str) -> tuple[list[str], str]:
    """(words, figure) -> the clauses of the known figures, and a
    placeholder sentence naming the blank ones."""
    known, blank = [], []
    for before, fig in items:
        if fig.value is None:
            blank.append(fig.label)
        else:
            known.append(f"{before}{cell_text(fig.value)}{fig.unit}")
    missing = todo(f"{table}中“{'”“'.join(blank)}”空白，请核实后补写") if blank else ""
    return known, missing


def _sentence(lead: str, clauses: list[str], missing: str, sep: str = "，") -> str:
    text = (lead + sep.join(clauses) + "。") if clauses else ""
    return text + missing


# --- part 一 --------------------------------------------------------------------------

def applications_sentence(f: dict[str, Figure]) -> str:
    """依申请公开: received, carried in, answered with outcomes, carried forward."""
    keys = ("received", "carried_in", "total", "carried_forward")
    outcomes = [(("其中" if k == "granted" else "") + name, k) for k, name in OUTCOME_NAMES.items()]
    words = [("新收政府信息公开申请", "received"), (INTAKE_NAMES["carried_in"], "carried_in"),
             ("共办结申请", "total"), *outcomes, (INTAKE_NAMES["carried_forward"], "carried_forward")]
    known, missing = _clauses([(w, f[k]) for w, k in words], "表三")
    if all(f[k].value == 0 for k in keys):
        return "本年度未收到政府信息公开申请，也没有上年结转的政府信息公开申请。" + missing
    return _sentence("本年度", known, missing)


def documents_sentence(report: Report, f: dict[str, Figure]) -> str:
    """规章 and 行政规范性文件 (2021: issued, repealed, in force; 2019: made,
    published, public total)."""
    if get_template(report.template).code == "2021":
        words = (("制发{d}", "issued"), ("废止{d}", "repealed"), ("现行有效{d}", "in_force"))
        docs = (("rules", "规章"), ("normative_docs", "行政规范性文件"))
    else:
        words = (("新制作{d}", "made"), ("新公开{d}", "published"), ("对外公开{d}总数", "public_total"))
        docs = (("rules", "规章"), ("normative_docs", "规范性文件"))
    items = [(w.format(d=name), f[f"{row}.{col}"]) for row, name in docs for w, col in words]
    known, missing = _clauses(items, "表二")
    return _sentence("本年度", known, missing)


def cases_sentences(f: dict[str, Figure], outcomes: bool) -> str:
    """行政复议 and 行政诉讼, each its own sentence; none at all is said in words."""
    out = []
    for group, words in (("review", "被申请行政复议"), ("suit", "被提起行政诉讼")):
        total = f[f"{group}.total"]
        name = "行政复议" if group == "review" else "行政诉讼"
        if total.value == 0:
            out.append(f"本年度未发生因政府信息公开工作引起的{name}。")
            continue
        items = [(f"因政府信息公开工作{words}", total)]
        if outcomes:
            items += [(("其中" if i == 0 else "") + label, f[f"{group}.{part}"])
                      for i, (part, label) in enumerate((("upheld", "结果维持"), ("corrected", "结果纠正"),
                                                        ("other", "其他结果"), ("pending", "尚未审结")))]
        known, missing = _clauses(items, "表四")
        out.append(_sentence("本年度", known, missing))
    return "".join(out)


def timeliness_sentence(answers: AnswerTimes | None) -> str:
    """Answered on time or late, when the case registers know it; otherwise left to
    the authors. Counted in 份 (one application each, whatever the counting policy)
    and said without 公开 or 收到: the prose reader takes none of it for a cell."""
    if answers is None or answers.answered == 0:
        return todo("按期答复情况和办理中的做法")
    basis = "（答复期限按《条例》第三十三条计算，延长答复期限的按延长后的期限）"
    head = f"本年度作出答复的申请共{answers.answered}份，"
    if answers.late == 0 and answers.unknown == 0:
        text = head + f"均在答复期限内答复{basis}。"
    else:
        text = head + f"其中在答复期限内答复{answers.on_time}份"
        if answers.late:
            text += f"，超过答复期限答复{answers.late}份"
        text += basis + "。"
        if answers.unknown:
            text += todo(f"另有{answers.unknown}份申请的答复期限没有记录，请核实是否按期答复")
        if answers.late:
            text += todo("超过答复期限的原因和改进措施")
    return text + todo("办理中的做法")


def part_one(report: Report, f: dict[str, Figure], counting_note: str | None = None,
             answers: AnswerTimes | None = None) -> str:
    return "\n".join([
        "（一）主动公开。本年度，本机关通过政府门户网站政府信息公开专栏等渠道主动公开政府信息。"
        + todo("主动公开信息的条数、政策解读和回应社会关切的情况"),
        "（二）依申请公开。" + applications_sentence(f) + _note(counting_note)
        + timeliness_sentence(answers),
        "（三）政府信息管理。" + documents_sentence(report, f)
        + todo("政府信息公开属性源头认定、保密审查和动态更新的做法"),
        "（四）政府信息公开平台建设。" + todo("政府网站、政务新媒体、政府公报等平台的建设和使用情况"),
        "（五）监督保障。" + cases_sentences(f, outcomes=False)
        + todo("工作机构和人员、培训、考核和社会评议、责任追究等情况"),
    ])


def _note(text: str | None) -> str:
    if not text:
        return ""
    return text if text.endswith("。") else text + "。"


# --- parts 二、三、四 -------------------------------------------------------------------

def part_two(report: Report, f: dict[str, Figure]) -> str:
    if get_template(report.template).code == "2021":
        items = [("作出行政许可处理决定", f["licensing.decisions"]),
                 ("行政处罚决定", f["penalty.decisions"]),
                 ("行政强制决定", f["coercion.decisions"]),
                 ("行政事业性收费金额", f["fees.amount"])]
    else:
        items = [("作出行政许可处理决定", f["licensing.decisions"]),
                 ("其他对外管理服务事项处理决定", f["other_services.decisions"]),
                 ("行政处罚处理决定", f["penalty.decisions"]),
                 ("行政强制处理决定", f["coercion.decisions"]),
                 ("政府集中采购项目", f["procurement.items"])]
    known, missing = _clauses(items, "表二")
    return _sentence("本年度", known, missing, "、")


def part_three(f: dict[str, Figure]) -> str:
    people, orgs = f["received.natural_person"], f["received.organisations"]
    if f["received"].value == 0:
        return ""
    known, missing = _clauses([("自然人提出", people), ("法人或其他组织提出", orgs)], "表三")
    return _sentence("本年度新收的政府信息公开申请中，", known, missing)


# --- parts 五、六 ----------------------------------------------------------------------

def part_five() -> str:
    return "\n".join([
        "（一）存在的主要问题。" + todo("本年度政府信息公开工作存在的主要问题"),
        "（二）改进情况。" + todo("针对上述问题的改进措施，以及上年度报告所提问题的改进情况"),
    ])


def part_six(report: Report, f: dict[str, Figure], fees: FeeFacts | None) -> str:
    lines = []
    if get_template(report.template).code == "2021":
        if fees is not None:
            if fees.notices == 0 and fees.paid == 0:
                fee = "本年度未发出信息处理费收费通知，未收取信息处理费。"
            else:
                fee = (f"本年度依照《政府信息公开信息处理费管理办法》发出信息处理费收费通知{fees.notices}件，"
                       f"通知金额合计{fees.billed}元；申请人缴纳信息处理费{fees.paid}件，"
                       f"实际收取{fees.collected}元。")
                if fees.open_at_year_end:
                    fee += (f"另有{fees.open_at_year_end}件截至本年度末申请人尚未缴费，"
                            "次年缴纳的计入缴纳当年。")
        else:
            fee = todo("本年度是否收取信息处理费；收取的，写明发出收费通知的件数、通知金额和实际收取金额")
        no_fee = f.get("no_fee")
        if no_fee is not None and no_fee.value:
            fee += (f"因申请人逾期未按收费通知要求缴纳费用、本机关不再处理的申请"
                    f"{cell_text(no_fee.value)}件。")
        elif no_fee is not None and no_fee.value is None:
            fee += todo("表三中“申请人逾期未按收费通知要求缴纳费用”一行空白，请核实")
        lines.append("（一）信息处理费。" + fee)
        lines.append("（二）其他事项。" + todo("其他需要报告的事项，如落实年度政务公开工作要点的情况；没有的写“无”"))
    else:
        lines.append(todo("其他需要报告的事项；没有的写“无”"))
    return "\n".join(lines)


def draft_sections(report: Report, fees: FeeFacts | None = None,
                   counting_note: str | None = None,
                   answers: AnswerTimes | None = None) -> dict[str, str]:
    """The six parts ("1".."6") drafted from the report's tables (and, when the case
    registers give them, the year's 信息处理费 and the answers on time or late;
    `counting_note`, the counting policy in words, is said where the applications
    are counted)."""
    f = figure_map(report, fees)
    drafts = {"1": part_one(report, f, counting_note, answers), "2": part_two(report, f),
              "3": part_three(f),
              "4": cases_sentences(f, outcomes=True), "5": part_five(), "6": part_six(report, f, fees)}
    return {k: drafts[k] for k in SECTIONS}


def draft_part(report: Report, key: str, fees: FeeFacts | None = None) -> str:
    """One part's draft (the "插入草稿" action of the editor); KeyError for no part."""
    return draft_sections(report, fees)[key]
