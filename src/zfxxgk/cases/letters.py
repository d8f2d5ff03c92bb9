"""The letters of a case as DOCX (python-docx): 受理回执, 补正告知书, 延期答复告知书,
征求意见书, 收费通知书, the 答复书 variants (standard.md §4.10, SQ2021 list) and the
视为放弃申请告知书 that closes a request the applicant let lapse (no 补正 or no fee in
time: 《条例》第三十条, 国办函〔2020〕109号; table 三's （六） rows 1 and 2).

Each letter is first built as plain data (`Letter`: title, number, addressee,
paragraphs, seal and date line) from the case and the event it documents, then
written to DOCX (or, through `letter_pdf`, to PDF); tests read the data or the file.
The wording is this project's own, in plain words. Identity numbers appear only in
their masked form; a letter names the dates a party must act by but never the
office's internal working-out of them (that stays on the case page). The number and
the 复议机关/法院 come from the agency's `LetterSettings`. A letter whose case lacks
the event it documents is refused with a `LetterError` (Chinese message).
"""

from __future__ import annotations

import enum
import io
from dataclasses import dataclass, field, replace
from datetime import date

from .calendar import WorkdayCalendar
from ..standard.dates import zh_date
from .counting import Deadline, count_workdays
from .law import PERIODS, DeadlineKind
from .letter_settings import LetterSettings
from .model import Case, Channel, ConsultParty, Event, EventKind, Outcome
from .workflow import TransitionError, replay

REGULATION = "《中华人民共和国政府信息公开条例》（以下简称《条例》）"


class LetterError(ValueError):
    """The case does not (yet) support the requested letter."""


class LetterKind(enum.StrEnum):
    RECEIPT = "受理回执"
    CORRECTION = "补正告知书"
    EXTENSION = "延期答复告知书"
    CONSULTATION = "征求意见书"
    FEE = "收费通知书"
    ANSWER = "答复书"
    ABANDONED = "视为放弃申请告知书"  # 逾期不补正 / 逾期未缴费: the office stops


# 答复书 variants: outcome group -> (the title's variant, the decision)
_ANSWER_VARIANTS = {
    "granted": ("予以公开", "本机关予以公开，相关政府信息随本答复书一并提供。"),
    "partly_granted": ("部分公开", "本机关对可以公开的部分予以提供。"),
    "withheld": ("不予公开", "本机关决定不予公开。"),
    "unavailable": ("无法提供", "本机关无法向您提供该政府信息。"),
    "not_processed": ("不予处理", "本机关不作为政府信息公开申请处理。"),
}

# outcome -> (legal basis, the reason in words)
_OUTCOME_BASIS: dict[Outcome, tuple[str, str]] = {
    Outcome.GRANTED: ("《条例》第三十六条第（二）项",
                      "您申请获取的政府信息属于可以公开的政府信息，本机关决定予以公开"),
    Outcome.PARTLY_GRANTED: ("《条例》第三十七条",
                             "您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理，"
                             "本机关向您提供可以公开的部分，对不予公开的部分说明理由"),
    Outcome.STATE_SECRET: ("《条例》第十四条、第三十六条第（三）项",
                           "您申请获取的政府信息依法确定为国家秘密"),
    Outcome.PROHIBITED_BY_LAW: ("《条例》第十四条、第三十六条第（三）项",
                                "您申请获取的政府信息属于法律、行政法规禁止公开的政府信息"),
    Outcome.SECURITY_STABILITY: ("《条例》第十四条、第三十六条第（三）项",
                                 "您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定"),
    Outcome.THIRD_PARTY_RIGHTS: ("《条例》第十五条、第三十二条、第三十六条第（三）项",
                                 "您申请获取的政府信息涉及第三方合法权益，公开会对第三方合法权益造成损害"),
    Outcome.INTERNAL_AFFAIRS: ("《条例》第十六条第一款、第三十六条第（三）项",
                               "您申请获取的政府信息属于人事管理、后勤管理、内部工作流程等内部事务信息"),
    Outcome.PROCESS_INFO: ("《条例》第十六条第二款、第三十六条第（三）项",
                           "您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的过程性信息"),
    Outcome.ENFORCEMENT_FILE: ("《条例》第十六条第二款、第三十六条第（三）项",
                               "您申请获取的政府信息属于行政执法案卷信息"),
    Outcome.QUERY_MATTER: ("《条例》第三十六条第（七）项",
                           "您申请获取的信息属于有关法律、行政法规对获取另有规定的行政查询事项，"
                           "请按照相应规定办理"),
    Outcome.NOT_HELD: ("《条例》第三十六条第（四）项",
                       "经检索查找，本机关未制作、获取您申请公开的政府信息，该政府信息不存在"),
    Outcome.NEEDS_CREATION: ("《条例》第三十八条",
                             "您申请获取的信息需要本机关对现有政府信息进行加工、分析，本机关不予提供"),
    Outcome.STILL_UNCLEAR: ("《条例》第三十条",
                            "经补正后，您的申请内容仍不明确，本机关无法据此确定所需政府信息"),
    Outcome.COMPLAINT: ("《条例》第三十九条第一款",
                        "您提出的申请实为信访、投诉、举报等诉求，不作为政府信息公开申请处理，"
                        "请通过相应渠道提出"),
    Outcome.DUPLICATE: ("《条例》第三十六条第（六）项",
                        "本机关已就您提出的相同申请作出答复，您重复申请公开相同政府信息，本机关不予重复处理"),
    Outcome.PUBLICATION: ("《条例》第三十九条第二款",
                          "您申请获取的是本机关已公开发行的公报、报刊、书籍等公开出版物，请通过相应渠道获取"),
    Outcome.EXCESSIVE: ("《条例》第三十五条",
                        "您申请公开政府信息的数量、频次明显超过合理范围，且所说明的理由不合理"),
    Outcome.RECONFIRM: ("《条例》",  # no single article (standard.md §4.8 [U])
                        "您要求本机关确认或者重新出具您已获取的信息，不属于政府信息公开申请的处理范围"),
}


# how the application came in, as a plain verb phrase: 收到您{…}的政府信息公开申请
_CHANNEL_PHRASE = {
    Channel.IN_PERSON: "当面提交", Channel.SIGNED_POST: "邮寄", Channel.ORDINARY_POST: "以平常信函寄来",
    Channel.ONLINE: "在网上提交", Channel.FAX: "传真",
}
SEAL = "（印章）"


@dataclass
class Letter:
    kind: LetterKind
    title: str
    number: str
    addressee: str
    paragraphs: list[str] = field(default_factory=list)
    agency: str = ""
    issued_on: date | None = None

    @property
    def seal_line(self) -> str:
        return f"{self.agency}{SEAL}"

    @property
    def date_line(self) -> str:
        return zh_date(self.issued_on) if self.issued_on else "　　年　　月　　日"

    @property
    def text(self) -> str:
        return "\n".join([self.title, self.number, *self.paragraphs, self.seal_line, self.date_line])


def _last(case: Case, *kinds: EventKind) -> Event | None:
    return next((e for e in reversed(case.events) if e.kind in kinds), None)


def _require(case: Case, kind: LetterKind, *events: EventKind) -> Event:
    e = _last(case, *events)
    if e is None:
        need = "或".join(f"“{k.label}”" for k in events)
        raise LetterError(f"案件{case.id}尚无{need}记录，不能生成{kind.value}")
    return e


def _deadline(case: Case, kind: DeadlineKind, trigger: date, trigger_label: str,
              cal: WorkdayCalendar | None, days: int | None = None) -> Deadline:
    """The stored deadline, or (when the case has moved on) the same period recounted;
    `days` when the case set its length (an office's 补正期限)."""
    return case.deadlines.get(kind) or count_workdays(
        cal or WorkdayCalendar.bundled(), trigger, days or PERIODS[kind].days or 0,
        label=PERIODS[kind].label, trigger_label=trigger_label)


def _answer_due_then(a: _Ask, event: Event) -> Deadline | None:
    """The answer deadline as it stood the day `event` was recorded: a 受理回执 or
    延期答复告知书 printed again after a 补正, an extension or a fee pause states what
    it said that day, not the date later events moved the deadline to."""
    upto = next(i for i, e in enumerate(a.case.events) if e is event) + 1
    try:
        then = replay(replace(a.case, events=a.case.events[:upto]), a.cal or WorkdayCalendar.bundled())
    except TransitionError:  # events stored by an older rule set: the case as it is
        then = a.case
    return then.deadlines.get(DeadlineKind.ANSWER)


def _due_sentence(dl: Deadline, what: str = "") -> str:
    """The date only: how it was counted is the office's working, not the letter's."""
    mark = ("（该日期按法定节假日推算；国务院公布当年节假日安排后如有变动，本机关将另行告知）"
            if dl.provisional else "")
    return f"{what or dl.label or '期限'}为{zh_date(dl.due, weekday=True)}{mark}。"


def _subject(case: Case) -> str:
    return f"“{case.subject}”" if case.subject else "有关政府信息"


@dataclass
class _Ask:
    """What every letter's body is written from: the case, who applied and when."""

    case: Case
    kind: LetterKind
    recipient: str
    cal: WorkdayCalendar | None
    settings: LetterSettings

    @property
    def who(self) -> str:
        applicant = self.case.applicant
        assert applicant is not None  # build() refuses a case without one
        number = applicant.masked.get("id_number", "")
        return f"{applicant.name}（证件号码：{number}）" if number else applicant.name

    @property
    def got(self) -> str:
        return zh_date(self.case.received_on)


@dataclass
class _Body:
    """One letter's own part: its date, paragraphs, and title or addressee when
    they are not the kind's name and the applicant."""

    on: date | None
    paragraphs: list[str]
    title: str = ""
    addressee: str = ""


def _receipt(a: _Ask) -> _Body:
    case = a.case
    got = _require(case, a.kind, EventKind.RECEIPT_CONFIRMED, EventKind.RECEIVED)
    dl = _answer_due_then(a, got) or _deadline(case, DeadlineKind.ANSWER, case.received_on,
                                                "收到申请", a.cal)
    how = _CHANNEL_PHRASE.get(case.channel, "提交") if case.channel else "提交"
    return _Body(case.received_on, [
        f"{a.who}：",
        f"本机关于{a.got}收到您{how}的政府信息公开申请，申请获取{_subject(case)}。"
        f"依照{REGULATION}第三十一条的规定，{a.got}为本机关收到申请之日。",
        f"依照《条例》第三十三条的规定，本机关将自收到申请之日起20个工作日内答复您；"
        f"需要延长答复期限的，将另行书面告知。{_due_sentence(dl, '答复的最后一日')}",
        "特此回执。",
    ])


def _correction(a: _Ask) -> _Body:
    ev = _require(a.case, a.kind, EventKind.CORRECTION_REQUESTED)
    if ev.reply_by is not None:
        due_text = f"申请人补正期限为{zh_date(ev.reply_by, weekday=True)}（由本机关指定）。"
    else:
        due_text = _due_sentence(_deadline(a.case, DeadlineKind.CORRECTION_REPLY, ev.on,
                                           "发出补正告知", a.cal, ev.days))
    return _Body(ev.on, [
        f"{a.who}：",
        f"本机关于{a.got}收到您提出的政府信息公开申请。经审查，您的申请内容不够明确，"
        f"依照{REGULATION}第三十条的规定，现一次性告知您需要补正的事项：",
        ev.note or "请明确所需政府信息的名称、文号或者便于本机关查询的其他特征性描述。",
        f"请您在补正期限内向本机关提交补正后的申请。{due_text}",
        "答复期限自本机关收到补正后的申请之日起重新计算。无正当理由逾期不补正的，"
        "视为放弃申请，本机关不再处理该政府信息公开申请。",
    ])


def _correction_due(a: _Ask, ev: Event) -> date:
    """The last day of the applicant's 补正 period as the 补正告知书 set it."""
    if ev.reply_by is not None:  # a date the office named
        return ev.reply_by
    return _deadline(a.case, DeadlineKind.CORRECTION_REPLY, ev.on, "发出补正告知", a.cal, ev.days).due


def _extension(a: _Ask) -> _Body:
    ev = _require(a.case, a.kind, EventKind.EXTENDED)
    answer = _answer_due_then(a, ev)
    if answer is None:
        raise LetterError(f"案件{a.case.id}延期答复时没有答复期限（期限暂停中），不能生成{a.kind.value}")
    return _Body(ev.notice_on or ev.on, [
        f"{a.who}：",
        f"本机关于{a.got}收到您提出的政府信息公开申请，申请获取{_subject(a.case)}。",
        f"因{ev.note or '所需政府信息涉及面广、需要检索核实'}，本机关不能在20个工作日内作出答复。"
        f"经本机关政府信息公开工作机构负责人同意，依照{REGULATION}第三十三条第二款的规定，"
        f"答复期限延长{ev.days}个工作日。",
        _due_sentence(answer),
    ])


def _consultation(a: _Ask) -> _Body:
    ev = _require(a.case, a.kind, EventKind.CONSULTATION_SENT)
    party = ev.party or ConsultParty.THIRD_PARTY
    third = party is ConsultParty.THIRD_PARTY
    dl = _deadline(a.case, DeadlineKind.CONSULTATION, ev.on, f"{party.label}函发出", a.cal)
    addressee = a.recipient or ("第三方" if third else "有关机关")
    if third:
        basis = (f"依照{REGULATION}第三十二条的规定，现书面征求您（单位）的意见。"
                 "请自收到本征求意见书之日起15个工作日内提出书面意见；逾期未提出意见的，"
                 "由本机关依照《条例》的规定决定是否公开。第三方不同意公开且有合理理由的，"
                 "本机关不予公开；不公开可能对公共利益造成重大影响的，本机关可以决定予以公开，"
                 "并将决定公开的内容和理由书面告知。")
    else:
        basis = (f"依照{REGULATION}第三十四条的规定，现征求贵机关意见。"
                 "请自收到本函之日起15个工作日内提出意见；逾期未提出意见的，视为同意公开。")
    return _Body(ev.on, [
        f"{addressee}：",
        f"本机关于{a.got}收到申请人提出的政府信息公开申请，申请获取{_subject(a.case)}。"
        + ("经审查，该政府信息的公开可能损害您（单位）的合法权益。"
           if third else "经审查，该政府信息由本机关与贵机关共同制作。"),
        basis,
        _due_sentence(dl),
        # Minimum necessary (个人信息保护法第六条): the consulted party needs the
        # information in question, not who asked for it; the case number lets
        # its reply be filed.
        f"（本机关案件编号：{a.case.id}）",
    ], addressee=addressee)


def _fee(a: _Ask) -> _Body:
    case = a.case
    ev = _require(case, a.kind, EventKind.FEE_NOTICE)
    if case.fee_amount is None:
        raise LetterError(f"案件{case.id}未计算信息处理费，不能生成{a.kind.value}")
    dl = _deadline(case, DeadlineKind.FEE_PAYMENT, ev.notice_on or ev.on, "申请人收到收费通知", a.cal)
    return _Body(ev.on, [
        f"{a.who}：",
        f"本机关于{a.got}收到您提出的政府信息公开申请。您申请公开政府信息的数量、频次明显超过合理范围，"
        f"依照{REGULATION}第四十二条和《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》"
        f"（国办函〔2020〕109号）的规定，本机关依法收取信息处理费。",
        f"收费标准和计算：{case.fee_explanation}",
        f"应缴金额：人民币{case.fee_amount:,}元。",
        "请您自收到本通知书之次日起20个工作日内缴纳；逾期未缴纳的，视为放弃申请，"
        f"本机关不再处理该政府信息公开申请。{_due_sentence(dl)}",
    ])


def _answer(a: _Ask) -> _Body:
    ev = _require(a.case, a.kind, EventKind.ANSWERED)
    outcome = ev.outcome or a.case.outcome
    group = outcome.value.split(".")[0] if outcome else ""
    if outcome is None or group not in _ANSWER_VARIANTS:
        raise LetterError(f"案件{a.case.id}的办理结果没有对应的答复书")
    variant, decision = _ANSWER_VARIANTS[group]
    basis, reason = _OUTCOME_BASIS[outcome]
    paras = [
        f"{a.who}：",
        f"本机关于{a.got}收到您提出的政府信息公开申请，申请获取{_subject(a.case)}。现答复如下：",
        f"{reason}。依照{REGULATION}{basis.removeprefix('《条例》')}的规定，{decision}",
        *_item_answers(a.case, ev),
    ]
    if ev.note:
        paras.append(f"具体说明：{ev.note}")
    elif outcome is Outcome.PARTLY_GRANTED and len(paras) == 3:
        # 第三十七条 asks for the reasons of what is withheld; nothing recorded says them
        paras.append("不予公开的内容、理由和依据：" + "＿" * 24)
    paras.append(_remedies(a, "答复"))
    return _Body(ev.on, paras, title=f"政府信息公开申请答复书（{variant}）")


def _remedies(a: _Ask, what: str) -> str:
    """Where the applicant may turn (第五十一条), with the agency's 复议机关 and 法院."""
    return (f"如对本{what}不服，可以自收到本{what}之日起60日内向{a.settings.review_text}申请行政复议，"
            f"或者自收到本{what}之日起6个月内向{a.settings.court_text}提起行政诉讼"
            "（《条例》第五十一条）。")


def _abandoned(a: _Ask) -> _Body:
    """The office stops: the applicant's period (补正 or payment) ran out; dated the
    day the case was closed for it, with the period and what was asked recalled."""
    ev = _require(a.case, a.kind, EventKind.CORRECTION_EXPIRED, EventKind.FEE_EXPIRED)
    head = f"本机关于{a.got}收到您提出的政府信息公开申请，申请获取{_subject(a.case)}。"
    stop = "您的申请视为放弃，本机关不再处理该政府信息公开申请。"
    if ev.kind is EventKind.CORRECTION_EXPIRED:
        asked = _require(a.case, a.kind, EventKind.CORRECTION_REQUESTED)
        due = zh_date(_correction_due(a, asked))
        variant, facts = "逾期未补正", [
            head + f"因申请内容不够明确，本机关于{zh_date(asked.on)}向您发出补正告知书，"
            f"一次性告知需要补正的事项，补正期限至{due}。",
            f"截至{due}，本机关未收到您补正后的申请，您也未说明逾期的正当理由。"
            f"依照{REGULATION}第三十条的规定，{stop}"]
    else:
        notice = _require(a.case, a.kind, EventKind.FEE_NOTICE)
        due = zh_date(_deadline(a.case, DeadlineKind.FEE_PAYMENT, notice.notice_on or notice.on,
                                "申请人收到收费通知", a.cal).due)
        amount = f"人民币{a.case.fee_amount:,}元" if a.case.fee_amount is not None else "信息处理费"
        variant, facts = "逾期未缴费", [
            head + f"本机关于{zh_date(notice.on)}向您发出收费通知书，应缴信息处理费{amount}，"
            f"缴费期限至{due}。",
            f"截至{due}，您未缴纳上述费用。依照{REGULATION}第四十二条和《政府信息公开信息处理费"
            f"管理办法》（国办函〔2020〕109号）的规定，{stop}"]
    return _Body(ev.on, [f"{a.who}：", *facts, "您如仍需获取该政府信息，可以重新提出申请。",
                         _remedies(a, "告知书")],
                 title=f"{a.kind.value}（{variant}）")


def _item_answers(case: Case, ev: Event) -> list[str]:
    """One line per requested item with its own result, reason and article, when the
    application had several items answered one by one: the overall 部分公开 alone
    does not tell the applicant which item was withheld, nor why."""
    outcomes = ev.item_outcomes or case.item_outcomes
    if len(case.items) < 2 or len(outcomes) != len(case.items):
        return []
    lines = ["各项申请内容的答复如下："]
    for n, (item, outcome) in enumerate(zip(case.items, outcomes), 1):
        if outcome not in _OUTCOME_BASIS:  # （六）其他处理: no article of its own
            lines.append(f"{n}．“{item}”：其他处理。")
            continue
        basis, reason = _OUTCOME_BASIS[outcome]
        decision = _ANSWER_VARIANTS[outcome.value.split(".")[0]][1]
        lines.append(f"{n}．“{item}”：{reason}。依照{basis}的规定，{decision}")
    return lines


_BODIES = {LetterKind.RECEIPT: _receipt, LetterKind.CORRECTION: _correction,
           LetterKind.EXTENSION: _extension, LetterKind.CONSULTATION: _consultation,
           LetterKind.FEE: _fee, LetterKind.ANSWER: _answer, LetterKind.ABANDONED: _abandoned}


def build(case: Case, kind: LetterKind | str, *, recipient: str = "",
          cal: WorkdayCalendar | None = None, settings: LetterSettings | None = None) -> Letter:
    """The letter `kind` for `case` as data, dated the day of the event it documents.
    `recipient` names the consulted party (征求意见书); `settings` are the agency's
    (number format, 复议机关, 法院)."""
    kind = LetterKind(kind)
    settings = settings or LetterSettings()
    if case.applicant is None:
        raise LetterError(f"案件{case.id}未登记申请人信息，不能生成{kind.value}")
    if case.received_on is None:
        raise LetterError(f"案件{case.id}尚未确认收到申请，不能生成{kind.value}")
    body = _BODIES[kind](_Ask(case, kind, recipient, cal, settings))
    return Letter(kind, body.title or kind.value, settings.number(case.id, case.received_on.year),
                  body.addressee or case.applicant.name, body.paragraphs, case.agency, body.on)


def to_docx(letter: Letter) -> bytes:
    """The letter as Word; text a case file brought with control characters in it
    (a name pasted from a form) is written as Word can hold it (`xml_text`)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    from ..render.docx import xml_text

    doc = Document()
    for line, size in ((letter.agency, 16), (letter.title, 18), (letter.number, 0)):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(xml_text(line))
        if size:  # the agency and the title in bold
            run.bold, run.font.size = True, Pt(size)
    for p in letter.paragraphs:
        doc.add_paragraph(xml_text(p))
    doc.add_paragraph("")
    for line in (letter.seal_line, letter.date_line):
        p = doc.add_paragraph(xml_text(line))
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
