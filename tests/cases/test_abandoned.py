"""A request the applicant let lapse — no 补正 by its deadline (《条例》第三十条), no
fee paid in time (国办函〔2020〕109号) — closes with a 视为放弃申请告知书 and counts in
table 三's （六） row for it: 1. or 2. in the 2021 format, the single （六）其他处理 in 2019."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest

from zfxxgk.cases.compile import compile_year
from zfxxgk.cases.law import DeadlineKind as K
from zfxxgk.cases.letter_pdf import to_pdf
from zfxxgk.cases.letters import LetterError, build
from zfxxgk.cases.model import Case, Channel, Event, EventKind as E
from zfxxgk.cases.workflow import apply
from zfxxgk.standard.dates import zh_date

from .test_letters import CAL, check, docx_text, new_case, render

KIND = "视为放弃申请告知书"


def lapsed_correction(reply_by: date | None = None):
    """Received 25 Sep 2025, 补正 asked the next day, the period let run out."""
    asked = apply(new_case(), Event(E.CORRECTION_REQUESTED, date(2025, 9, 26),
                                    days=None if reply_by else 10, reply_by=reply_by,
                                    note="请写明地块编号。"), CAL)
    due = asked.deadlines[K.CORRECTION_REPLY].due
    return apply(asked, Event(E.CORRECTION_EXPIRED, due + timedelta(days=1)), CAL), due


def lapsed_fee():
    noticed = apply(new_case(), Event(E.FEE_NOTICE, date(2025, 10, 9), fee_method="pieces",
                                      quantity=45, notice_on=date(2025, 10, 10)), CAL)
    due = noticed.deadlines[K.FEE_PAYMENT].due
    return apply(noticed, Event(E.FEE_EXPIRED, due + timedelta(days=3)), CAL), due


def test_no_correction_letter_says_the_period_and_article_and_is_dated_the_closing() -> None:
    case, due = lapsed_correction()
    letter = build(case, KIND, cal=CAL)
    assert letter.title == "视为放弃申请告知书（逾期未补正）"
    assert letter.issued_on == case.closed_on == due + timedelta(days=1)
    text = check(render(case, KIND, cal=CAL), case, None, "第三十条")
    assert f"补正期限至{zh_date(due)}" in text and zh_date(date(2025, 9, 26)) in text
    assert "视为放弃，本机关不再处理该政府信息公开申请" in text
    assert "申请行政复议" in text and "提起行政诉讼" in text


def test_a_correction_date_the_office_named_is_the_one_recalled() -> None:
    case, due = lapsed_correction(reply_by=date(2025, 10, 20))
    assert due == date(2025, 10, 20)
    assert "补正期限至2025年10月20日" in docx_text(render(case, KIND, cal=CAL))


def test_no_fee_letter_names_the_amount_and_the_fee_rules() -> None:
    case, due = lapsed_fee()
    letter = build(case, KIND, cal=CAL)
    assert letter.title == "视为放弃申请告知书（逾期未缴费）"
    text = check(render(case, KIND, cal=CAL), case, None, "第四十二条")
    assert "人民币5,500元" in text and "109号" in text and f"缴费期限至{zh_date(due)}" in text
    assert letter.issued_on == due + timedelta(days=3)


def test_the_letter_prints_as_pdf() -> None:
    import pdfplumber

    case, _ = lapsed_fee()
    with pdfplumber.open(io.BytesIO(to_pdf(build(case, KIND, cal=CAL)))) as pdf:
        text = "".join(p.extract_text() or "" for p in pdf.pages).replace(" ", "")
    assert "视为放弃申请告知书" in text and "逾期未缴费" in text and "5,500" in text


@pytest.mark.parametrize("make", [
    lambda: new_case(),
    lambda: apply(new_case(), Event(E.CORRECTION_REQUESTED, date(2025, 9, 26), days=10), CAL),
    lambda: apply(new_case(), Event(E.FEE_NOTICE, date(2025, 10, 9), fee_method="pages",
                                    quantity=120), CAL),
])
def test_refused_while_the_period_has_not_lapsed(make) -> None:
    with pytest.raises(LetterError, match="逾期未补正.*逾期未缴费.*不能生成视为放弃申请告知书"):
        build(make(), KIND, cal=CAL)


def _cell(case, year: int, row: str) -> int:
    report = compile_year([case], year, case.agency).report
    return report.applications[row]["natural_person"]


def test_both_count_in_their_row_of_table_three() -> None:
    no_correction, _ = lapsed_correction()
    no_fee, _ = lapsed_fee()
    assert _cell(no_correction, 2025, "other.no_correction") == 1
    assert _cell(no_correction, 2025, "other.no_fee") == 0
    assert _cell(no_fee, 2025, "other.no_fee") == 1
    assert _cell(no_fee, 2025, "other.misc") == 0
    report = compile_year([no_correction, no_fee], 2025, no_fee.agency).report
    assert report.applications["total"]["total"] == 2


def test_the_2019_format_folds_them_into_its_single_other_row() -> None:
    fresh = new_case()
    case = Case(fresh.id, fresh.agency, fresh.applicant_type, applicant=fresh.applicant)
    case = apply(case, Event(E.RECEIVED, date(2020, 9, 25), channel=Channel.IN_PERSON), CAL)
    case = apply(case, Event(E.CORRECTION_REQUESTED, date(2020, 9, 27), days=10), CAL)
    due = case.deadlines[K.CORRECTION_REPLY].due
    case = apply(case, Event(E.CORRECTION_EXPIRED, due + timedelta(days=1)), CAL)
    table = compile_year([case], 2020, case.agency).report.applications
    assert table["other"]["natural_person"] == 1 and "other.no_correction" not in table
    assert build(case, KIND, cal=CAL).title.endswith("（逾期未补正）")
