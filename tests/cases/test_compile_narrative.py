"""A compiled report carries a narrative draft whose figures are its own tables',
with the counting policy stated and the year's 信息处理费 taken from the cases."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings

from zfxxgk import check
from zfxxgk.cases.calendar import WorkdayCalendar
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
