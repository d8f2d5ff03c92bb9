"""A compiled report carries a narrative draft whose figures are its own tables',
with the counting policy stated and the year's 信息处理费 taken from the cases."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings

from zfxxgk import check
from zfxxgk.cases.calendar import WorkdayCalendar
from zfxxgk.cases.law import DeadlineKind as K
from zfxxgk.cases.compile import NARRATIVE_NOTES, compile_year, fee_facts
from zfxxgk.cases.model import ApplicantType, Case, Channel, Event, EventKind as E, Outcome
from zfxxgk.cases.workflow import apply
from zfxxgk.check.part import NARRATIVE_RULES
from zfxxgk.standard.placeholders import placeholders

from .test_compile import AGENCY, YEARS, case_lists, policies
from .test_compile_cli import data_folder, run

CAL = WorkdayCalendar.bundled()


@settings(max_examples=25, deadline=None)
@given(case_lists, policies)
def test_compiled_drafts_agree_with_their_tables(cases, policy):
    for year in YEARS:
        comp = compile_year(cases, year, AGENCY, policy=policy)
        report = comp.report
        assert sorted(report.sections) == list("123456")
        assert [(f.rule, f.message) for f in check.run(report, select=NARRATIVE_RULES)] == []
        received = report.applications["received"]["total"]
        if received:
            assert f"新收政府信息公开申请{received}件" in report.sections["1"]
        assert NARRATIVE_NOTES[policy.unit] in report.sections["1"]  # the counting policy is said
        # tables 二 and 四 have no register here: blank, so placeholders, never 0
        assert "被申请行政复议0件" not in report.sections["4"]
        assert "表四中“行政复议·总计”" in "".join(placeholders(report.sections["4"]))


def _fee_case(cid: str, received: date, paid: bool) -> Case:
    c = Case(cid, AGENCY, ApplicantType.COMMERCIAL)
    c = apply(c, Event(E.RECEIVED, received, channel=Channel.IN_PERSON), CAL)
    c = apply(c, Event(E.FEE_NOTICE, received.replace(day=received.day + 2), fee_method="pieces",
                       quantity=12), CAL)
    if paid:
        c = apply(c, Event(E.FEE_PAID, received.replace(day=received.day + 5)), CAL)
    return c


def test_fee_events_of_the_year_fill_part_six():
    cases = [_fee_case("a", date(2024, 3, 4), paid=True), _fee_case("b", date(2024, 5, 6), paid=False),
             _fee_case("c", date(2023, 5, 8), paid=True)]
    facts = fee_facts(cases, 2024)
    assert (facts.notices, facts.paid) == (2, 1)
    assert facts.billed == cases[0].fee_amount + cases[1].fee_amount and facts.billed > 0
    assert facts.collected == cases[0].fee_amount
    six = compile_year(cases, 2024, AGENCY).report.sections["6"]
    assert f"收费通知{facts.notices}件" in six and f"实际收取{facts.collected}元" in six
    quiet = compile_year([_case_without_fee()], 2024, AGENCY).report.sections["6"]
    assert "未收取信息处理费" in quiet
    assert "信息处理费" in placeholders(compile_year([], 2024, AGENCY).report.sections["6"])[0]


def test_a_fee_noticed_in_december_and_paid_in_january_is_said_open_at_year_end():
    """The clerk's 2025 draft said 缴纳0件 for a fee paid on 5 January with nothing
    telling why; a withdrawn application's notice is settled, not open."""
    late = _fee_case("d", date(2025, 12, 15), paid=False)
    late = apply(late, Event(E.FEE_PAID, date(2026, 1, 5)), CAL)
    gone = apply(_fee_case("e", date(2025, 12, 1), paid=False), Event(E.WITHDRAWN, date(2025, 12, 10)), CAL)
    facts = fee_facts([late, gone], 2025)
    assert (facts.notices, facts.paid, facts.open_at_year_end) == (2, 0, 1)
    six = compile_year([late, gone], 2025, AGENCY).report.sections["6"]
    assert "另有1件截至本年度末申请人尚未缴费" in six
    assert fee_facts([late, gone], 2026).open_at_year_end == 0
    assert "截至本年度末" not in compile_year([late, gone], 2026, AGENCY).report.sections["6"]


def _case_without_fee() -> Case:
    c = Case("z", AGENCY, ApplicantType.NATURAL_PERSON)
    c = apply(c, Event(E.RECEIVED, date(2024, 6, 3), channel=Channel.IN_PERSON), CAL)
    return apply(c, Event(E.ANSWERED, date(2024, 6, 10), outcome=Outcome.GRANTED), CAL)


def test_cli_compile_writes_the_draft(tmp_path):
    pytest.importorskip("django")
    data, out = tmp_path / "data", tmp_path / "r.json"
    assert run("cases", "import-json", str(data_folder(tmp_path / "json")), "--data",
               str(data)).returncode == 0
    done = run("compile", "--agency", AGENCY, "--year", "2025", "--data", str(data), "-o", str(out))
    assert done.returncode == 0, done.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    one = doc["sections"]["1"]
    assert "新收政府信息公开申请2件" in one and "结转下年度继续办理1件" in one
    assert "制发规章1件" in one and "现行有效规章8件" in one
    assert "因政府信息公开工作被申请行政复议1件，其中结果维持1件" in doc["sections"]["4"]
    assert "统计口径" in done.stderr  # the policy is still shown to the user
    assert "还有【待补充】的内容（“一、总体情况”" in done.stderr and "第1部分" not in done.stderr


def _answered(cid: str, received: date, answered: date, extension: int = 0) -> Case:
    c = apply(Case(cid, AGENCY, ApplicantType.NATURAL_PERSON),
              Event(E.RECEIVED, received, channel=Channel.IN_PERSON), CAL)
    if extension:
        c = apply(c, Event(E.EXTENDED, received, days=extension, approver="主任", notice_on=received), CAL)
    return apply(c, Event(E.ANSWERED, answered, outcome=Outcome.GRANTED), CAL)


def test_part_one_says_how_many_answers_were_on_time_and_late():
    """Received 3 Jun 2025 (after 端午): the 20th working day after it is 1 Jul."""
    from zfxxgk.cases.compile import answer_times
    from zfxxgk.parse.prose import report_claims

    on_time = _answered("a", date(2025, 6, 3), date(2025, 7, 1))       # its last day
    late = _answered("b", date(2025, 6, 3), date(2025, 7, 2))          # one day after
    extended = _answered("c", date(2025, 6, 3), date(2025, 7, 20), 20)  # within the extension
    lapsed = apply(apply(Case("d", AGENCY, ApplicantType.NATURAL_PERSON),
                         Event(E.RECEIVED, date(2025, 6, 3), channel=Channel.IN_PERSON), CAL),
                   Event(E.WITHDRAWN, date(2025, 6, 5)), CAL)          # not an answer
    last_year = _answered("e", date(2024, 6, 3), date(2024, 8, 1))      # late, another year
    assert on_time.deadlines[K.ANSWER].due == date(2025, 7, 1)
    cases = [on_time, late, extended, lapsed, last_year]
    times = answer_times(cases, 2025)
    assert (times.on_time, times.late, times.unknown) == (2, 1, 0)
    one = compile_year(cases, 2025, AGENCY).report.sections["1"]
    assert "本年度作出答复的申请共3份，其中在答复期限内答复2份，超过答复期限答复1份" in one
    assert "超过答复期限的原因和改进措施" in "".join(placeholders(one))
    report = compile_year(cases, 2025, AGENCY).report
    read = [c for c in report_claims(report) if "作出答复的申请共" in c.sentence.text]
    assert read == []  # none of it is taken for a cell of table 三
    assert any(c.topic == "received" for c in report_claims(report))  # the reader did read part 一
    assert [f.rule for f in check.run(report, select=NARRATIVE_RULES)] == []
    assert "均在答复期限内答复" in compile_year([on_time, extended], 2025, AGENCY).report.sections["1"]
    # no answer in the year: left to the authors, as before
    assert "按期答复情况" in "".join(placeholders(compile_year([lapsed], 2025, AGENCY).report.sections["1"]))
