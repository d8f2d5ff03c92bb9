"""Letters render as DOCX from the case: masked identity number, due date, article;
a letter whose event is missing is refused in Chinese."""

from __future__ import annotations

from datetime import date

import pytest

from zfxxgk.cases.calendar import WorkdayCalendar
from zfxxgk.cases.counting import zh_date
from zfxxgk.cases.law import DeadlineKind as K
from zfxxgk.cases.letters import LetterError, build, docx_text, render
from zfxxgk.cases.model import ApplicantType, Case, Channel, ConsultParty, Event, EventKind as E, Outcome
from zfxxgk.cases.personal import Applicant, PersonalDataCipher
from zfxxgk.cases.workflow import apply

CAL = WorkdayCalendar.bundled()
ID = "110101199003071234"


def new_case() -> Case:
    sealed = PersonalDataCipher(PersonalDataCipher.generate_key()).seal(
        Applicant("张三", id_number=ID, phone="13800001111"))
    c = Case("2025-017", "青禾市自然资源局", ApplicantType.NATURAL_PERSON, applicant=sealed,
             subject="某地块征收补偿方案")
    return apply(c, Event(E.RECEIVED, date(2025, 9, 25), channel=Channel.IN_PERSON), CAL)


def masked(c: Case) -> str:
    return c.applicant.masked["id_number"]  # type: ignore[union-attr]


def check(data: bytes, c: Case, due: date, article: str, to_applicant: bool = True) -> str:
    text = docx_text(data)
    assert ID not in text
    if to_applicant:
        assert masked(c) in text
    else:  # a consulted party learns nothing about who applied
        assert masked(c) not in text and "张三" not in text and c.id in text
    assert zh_date(due, weekday=True) in text
    assert article in text
    assert c.agency in text
    return text


def test_receipt() -> None:
    c = new_case()
    check(render(c, "受理回执"), c, c.deadlines[K.ANSWER].due, "第三十一条")


def test_correction() -> None:
    c = apply(new_case(), Event(E.CORRECTION_REQUESTED, date(2025, 9, 26), days=10,
                                note="请写明地块编号。"), CAL)
    text = check(render(c, "补正告知书"), c, c.deadlines[K.CORRECTION_REPLY].due, "第三十条")
    assert "请写明地块编号" in text


def test_extension() -> None:
    c = apply(new_case(), Event(E.EXTENDED, date(2025, 10, 20), days=20, approver="李主任",
                                notice_on=date(2025, 10, 20)), CAL)
    check(render(c, "延期答复告知书"), c, c.deadlines[K.ANSWER].due, "第三十三条第二款")


def test_consultation_to_third_party() -> None:
    c = apply(new_case(), Event(E.CONSULTATION_SENT, date(2025, 9, 29),
                                party=ConsultParty.THIRD_PARTY), CAL)
    letter = build(c, "征求意见书", recipient="某置业有限公司")
    assert letter.addressee == "某置业有限公司"
    check(render(c, "征求意见书", recipient="某置业有限公司"), c,
          c.deadlines[K.CONSULTATION].due, "第三十二条", to_applicant=False)


def test_fee_notice() -> None:
    c = apply(new_case(), Event(E.FEE_NOTICE, date(2025, 10, 9), fee_method="pieces", quantity=45,
                                notice_on=date(2025, 10, 10)), CAL)
    text = check(render(c, "收费通知书"), c, c.deadlines[K.FEE_PAYMENT].due, "第四十二条")
    assert "5,500元" in text and "109号" in text and "20个工作日" in text


@pytest.mark.parametrize("outcome,variant,article", [
    (Outcome.GRANTED, "予以公开", "第三十六条第（二）项"),
    (Outcome.PARTLY_GRANTED, "部分公开", "第三十七条"),
    (Outcome.PROCESS_INFO, "不予公开", "第十六条第二款"),
    (Outcome.NOT_HELD, "无法提供", "第三十六条第（四）项"),
    (Outcome.COMPLAINT, "不予处理", "第三十九条第一款"),
])
def test_answer_variants(outcome: Outcome, variant: str, article: str) -> None:
    c = new_case()
    due = c.deadlines[K.ANSWER].due
    c = apply(c, Event(E.ANSWERED, date(2025, 10, 15), outcome=outcome), CAL)
    text = check(render(c, "答复书"), c, due, article)
    assert f"（{variant}）" in text


def test_withheld_answer_gives_reason() -> None:
    c = apply(new_case(), Event(E.ANSWERED, date(2025, 10, 15), outcome=Outcome.STATE_SECRET), CAL)
    assert "国家秘密" in docx_text(render(c, "答复书"))


@pytest.mark.parametrize("kind", ["补正告知书", "延期答复告知书", "征求意见书", "收费通知书", "答复书"])
def test_missing_event_is_refused(kind: str) -> None:
    with pytest.raises(LetterError, match="不能生成"):
        render(new_case(), kind)


def test_no_applicant_is_refused() -> None:
    c = Case("x", "青禾市自然资源局", ApplicantType.NATURAL_PERSON)
    with pytest.raises(LetterError, match="申请人"):
        render(c, "受理回执")


def test_consultation_of_another_agency() -> None:
    c = apply(new_case(), Event(E.CONSULTATION_SENT, date(2025, 9, 29), party=ConsultParty.AGENCY), CAL)
    text = check(render(c, "征求意见书", recipient="青禾市财政局"), c,
                 c.deadlines[K.CONSULTATION].due, "第三十四条", to_applicant=False)
    assert "视为同意公开" in text and "损害" not in text
