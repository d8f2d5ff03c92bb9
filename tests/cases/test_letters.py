"""Letters render as DOCX from the case: masked identity number, due date, article;
a letter whose event is missing is refused in Chinese."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from cryptography.fernet import Fernet

from zfxxgk.cases.calendar import WorkdayCalendar
from zfxxgk.cases.counting import zh_date
from zfxxgk.cases.law import DeadlineKind as K
from zfxxgk.cases.letter_pdf import to_pdf
from zfxxgk.cases.letter_settings import BLANK, LetterSettings, SettingsError, read_settings
from zfxxgk.cases.letters import LetterError, build, to_docx
from zfxxgk.cases.model import ApplicantType, Case, Channel, ConsultParty, Event, EventKind as E, Outcome
from zfxxgk.cases.personal import Applicant, PersonalDataCipher
from zfxxgk.cases.workflow import apply

CAL = WorkdayCalendar.bundled()
ID = "110101199003071234"


def docx_text(data: bytes) -> str:
    """All paragraph text of a DOCX."""
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def render(case: Case, kind: str, **kw) -> bytes:
    """The letter as DOCX bytes."""
    return to_docx(build(case, kind, **kw))


def new_case() -> Case:
    sealed = PersonalDataCipher(Fernet.generate_key().decode()).seal(
        Applicant("张三", id_number=ID, phone="13800001111"))
    c = Case("2025-017", "青禾市自然资源局", ApplicantType.NATURAL_PERSON, applicant=sealed,
             subject="某地块征收补偿方案")
    return apply(c, Event(E.RECEIVED, date(2025, 9, 25), channel=Channel.IN_PERSON), CAL)


def masked(c: Case) -> str:
    return c.applicant.masked["id_number"]  # type: ignore[union-attr]


def check(data: bytes, c: Case, due: date | None, article: str, to_applicant: bool = True) -> str:
    text = docx_text(data)
    assert ID not in text
    if to_applicant:
        assert masked(c) in text
    else:  # a consulted party learns nothing about who applied
        assert masked(c) not in text and "张三" not in text and c.id in text
    if due is not None:
        assert zh_date(due, weekday=True) in text
    assert article in text
    # plain words, and none of the office's working-out of the dates
    for internal in ("计算说明", "跳过", "工作日为", "日历版本", "方式收到"):
        assert internal not in text, internal
    seal, dated = text.rstrip().split("\n")[-2:]  # the foot: seal line, then the date
    assert seal == f"{c.agency}（印章）" and re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", dated)
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


def test_a_receipt_or_extension_printed_later_states_the_dates_it_gave_that_day() -> None:
    """A 受理回执 reprinted after a 补正 and an extension still says 20 working days
    from receipt (2025-10-29), and a 延期答复告知书 reprinted after a later fee pause the
    date the extension set (2025-12-03): the old letters took today's deadline."""
    c = new_case()
    first = c.deadlines[K.ANSWER].due
    for e in (Event(E.CORRECTION_REQUESTED, date(2025, 9, 26), days=10),
              Event(E.CORRECTION_RECEIVED, date(2025, 10, 9)),
              Event(E.EXTENDED, date(2025, 10, 30), days=20, approver="李主任",
                    notice_on=date(2025, 10, 30))):
        c = apply(c, e, CAL)
    extended = c.deadlines[K.ANSWER].due
    c = apply(c, Event(E.FEE_NOTICE, date(2025, 11, 3), fee_method="pieces", quantity=45,
                       notice_on=date(2025, 11, 3)), CAL)
    c = apply(c, Event(E.FEE_PAID, date(2025, 11, 20)), CAL)
    assert (first, extended) == (date(2025, 10, 29), date(2025, 12, 3))
    assert c.deadlines[K.ANSWER].due > extended
    receipt = docx_text(render(c, "受理回执"))
    assert f"答复的最后一日为{zh_date(first, weekday=True)}" in receipt
    extension = docx_text(render(c, "延期答复告知书"))
    assert f"答复期限为{zh_date(extended, weekday=True)}" in extension


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
    c = apply(new_case(), Event(E.ANSWERED, date(2025, 10, 15), outcome=outcome), CAL)
    text = check(render(c, "答复书"), c, None, article)
    assert f"（{variant}）" in text
    assert "2025年10月29日" not in text  # the answer deadline is the office's affair here


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


def test_number_format_and_remedies_come_from_the_agencys_settings() -> None:
    c = apply(new_case(), Event(E.ANSWERED, date(2025, 10, 15), outcome=Outcome.GRANTED), CAL)
    plain = build(c, "答复书")
    assert plain.number == "〔2025〕某某依申公第17号"  # the year once, the sequence without it
    assert plain.text.count(BLANK) == 2  # 复议机关 and 法院 left to fill by hand
    settings = read_settings("""["青禾市自然资源局"]
short_name = "青自然"
review_body = "青禾市人民政府"
court = "青禾市云岭区人民法院"
""")["青禾市自然资源局"]
    letter = build(c, "答复书", settings=settings)
    assert letter.number == "〔2025〕青自然依申公第17号"
    assert "60日内向青禾市人民政府申请行政复议" in letter.text
    assert "6个月内向青禾市云岭区人民法院提起行政诉讼" in letter.text
    assert "＿＿" not in letter.text
    own = LetterSettings(number_format="{short}〔{year}〕{seq}号", short_name="青自然")
    assert build(c, "答复书", settings=own).number == "青自然〔2025〕17号"


def _answered(number: str, received: date, answered: date) -> Case:
    c = Case(number, "青禾市自然资源局", ApplicantType.NATURAL_PERSON, applicant=new_case().applicant)
    c = apply(c, Event(E.RECEIVED, received, channel=Channel.IN_PERSON), CAL)
    return apply(c, Event(E.ANSWERED, answered, outcome=Outcome.GRANTED), CAL)


def test_two_cases_never_share_a_letter_number() -> None:
    """Before: the year was the letter's, so case 2025-0002 answered in January 2026
    and case 2026-0002 both got 〔2026〕某某依申公第2号."""
    late = build(_answered("2025-0002", date(2025, 12, 29), date(2026, 1, 6)), "答复书")
    new = build(_answered("2026-0002", date(2026, 1, 5), date(2026, 1, 6)), "答复书")
    assert late.number == "〔2025〕某某依申公第2号"
    assert new.number == "〔2026〕某某依申公第2号"
    # a number naming no year takes the year the application was received, not the letter's
    assert build(_answered("0002", date(2025, 12, 29), date(2026, 1, 6)), "答复书").number \
        == "〔2025〕某某依申公第2号"
    assert LetterSettings().number("青自然〔2024〕12号", 2025) == "〔2024〕某某依申公第12号"
    assert LetterSettings().number("A-2024", 2025) == "〔2025〕某某依申公第2024号"  # 2024 is its sequence


def test_bad_settings_are_refused_in_chinese() -> None:
    with pytest.raises(SettingsError, match="文号格式"):
        LetterSettings(number_format="第{number}号")
    with pytest.raises(SettingsError, match="未知的项"):
        read_settings('["甲"]\nseal = "x"\n')
    with pytest.raises(SettingsError, match="TOML"):
        read_settings("[甲")


@pytest.mark.parametrize("number_format", ["{year:>900000000}", "第{seq:0>12}号", "{short.__class__}",
                                           "{seq[0]}", "{case!r}", "{0}", "{}", "第{year号"])
def test_a_number_format_names_the_four_fields_and_nothing_else(number_format: str) -> None:
    """Before: any of Python's format language was taken — a width made a string of
    900 million characters at every letter (a clerk's setting, the server's memory
    gone), an attribute read the field's insides."""
    with pytest.raises(SettingsError, match="文号格式") as refused:
        LetterSettings(number_format=number_format)
    assert "expected" not in str(refused.value)  # said in Chinese
    assert LetterSettings(number_format="{{字}}〔{year}〕{short}{case}第{seq:0>3}号").number("2025-0007", 2025) \
        == "{字}〔2025〕某某2025-0007第007号"


def test_receipt_in_plain_words_as_pdf() -> None:
    import io

    import pdfplumber

    c = Case("2025-018", "青禾市自然资源局", ApplicantType.NATURAL_PERSON,
             applicant=new_case().applicant, subject="某地块征收补偿方案")
    c = apply(c, Event(E.RECEIVED, date(2025, 9, 24), channel=Channel.ONLINE), CAL)
    c = apply(c, Event(E.RECEIPT_CONFIRMED, date(2025, 9, 25)), CAL)
    letter = build(c, "受理回执")
    assert "收到您在网上提交的政府信息公开申请" in letter.text and "渠道方式" not in letter.text
    data = to_pdf(letter)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "".join(p.extract_text() or "" for p in pdf.pages).replace(" ", "")
    assert "受理回执" in text and "青禾市自然资源局（印章）" in text and "2025年9月25日" in text


def test_a_letter_holds_text_with_control_characters():
    """A name or subject pasted with a control character ("\x0b", "\x00") ended the
    Word letter in lxml's English traceback; the PDF was written."""
    sealed = PersonalDataCipher(Fernet.generate_key().decode()).seal(Applicant("张三\x00", id_number=ID))
    c = Case("2025-018", "青禾市自然资源局\x1b", ApplicantType.NATURAL_PERSON, applicant=sealed,
             subject="某地块\x0b征收补偿方案")
    c = apply(c, Event(E.RECEIVED, date(2025, 9, 25), channel=Channel.IN_PERSON), CAL)
    text = docx_text(render(c, "受理回执"))
    assert "青禾市自然资源局" in text and "张三" in text and not re.search(r"[\x00\x1b]", text)


def test_an_answer_to_several_items_gives_each_items_result_and_reason() -> None:
    """Walk-through: an application of two items, one disclosed and one withheld as
    internal affairs, got a 部分公开 答复书 saying the withheld part's reasons are given,
    and giving none. Each item is now answered with its own reason and article."""
    c = new_case()
    c.items = ("2025年车辆购置合同", "2025年公务用车运行费")
    c = apply(c, Event(E.ANSWERED, date(2025, 10, 15),
                       item_outcomes=(Outcome.GRANTED, Outcome.INTERNAL_AFFAIRS)), CAL)
    text = check(render(c, "答复书"), c, None, "第三十七条")
    assert "（部分公开）" in text
    assert "1．“2025年车辆购置合同”：您申请获取的政府信息属于可以公开的政府信息" in text
    line = next(x for x in text.split("\n") if x.startswith("2．"))
    assert "内部事务信息" in line and "《条例》第十六条第一款" in line and "本机关决定不予公开" in line


def test_a_partial_answer_without_its_reasons_leaves_a_blank_for_them() -> None:
    c = apply(new_case(), Event(E.ANSWERED, date(2025, 10, 15), outcome=Outcome.PARTLY_GRANTED), CAL)
    assert "不予公开的内容、理由和依据：＿＿＿" in docx_text(render(c, "答复书"))
    noted = apply(new_case(), Event(E.ANSWERED, date(2025, 10, 15), outcome=Outcome.PARTLY_GRANTED,
                                    note="第3页涉及个人隐私，依照《条例》第十五条不予公开"), CAL)
    text = docx_text(render(noted, "答复书"))
    assert "具体说明：第3页涉及个人隐私" in text and "＿＿＿" not in text.split("如对本答复不服")[0]


def test_a_company_without_an_identity_number_is_addressed_by_name() -> None:
    sealed = PersonalDataCipher(Fernet.generate_key().decode()).seal(Applicant("湖滨餐饮有限公司"))
    c = Case("2026-0022", "望湖街道办事处", ApplicantType.COMMERCIAL, applicant=sealed, subject="许可材料")
    c = apply(c, Event(E.RECEIVED, date(2026, 7, 1), channel=Channel.IN_PERSON), CAL)
    text = docx_text(render(c, "受理回执"))
    assert "湖滨餐饮有限公司：" in text and "未登记" not in text and "证件号码" not in text
