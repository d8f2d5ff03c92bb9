"""The narrative draft against its own tables: the checker's prose reader must find
every drafted figure where it came from, and no N rule may disagree; blank cells
are never written as 0; the draft survives render -> parse."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategies import distinct_report, reports
from zfxxgk import check
from zfxxgk.check.context import Context
from zfxxgk.parse.prose import report_claims
from zfxxgk.check.part import NARRATIVE_RULES, check_part
from zfxxgk.check.rules.narrative import topic_cells
from zfxxgk.model import report_from_json
from zfxxgk.parse import parse_text
from zfxxgk.render import render
from zfxxgk.render.figures import FeeFacts, part_figures
from zfxxgk.render.layout import strip_signature
from zfxxgk.render.narrative_draft import draft_part, draft_sections
from zfxxgk.standard.placeholders import placeholders

from render_checks import EXTRACT, as_data, differences, expected_files

ALL_PARTS = tuple("123456")


def with_draft(report, fees=None):
    return report.model_copy(update={"sections": draft_sections(report, fees)})


def claim_values(report):
    """(rule, topic, said, table value) for every number the prose reader attributes,
    in all six parts (the checker itself reads parts 一、五、六)."""
    ctx = Context(report)
    out = []
    for c in report_claims(report, ALL_PARTS):
        cells = topic_cells(ctx, c.topic)
        values = [report.cell(x) for x in cells]
        value = None if not cells or None in values else sum(values)
        out.append((c.rule, c.topic, c.quantity.value, value))
    return out


def assert_draft_agrees(report, fees=None):
    drafted = with_draft(report, fees)
    n_findings = check.run(drafted, select=NARRATIVE_RULES)
    assert [(f.rule, f.message) for f in n_findings] == []
    for key in ALL_PARTS:
        assert check_part(report, key, drafted.sections[key]) == [], key
    claims = claim_values(drafted)
    for rule, topic, said, value in claims:
        assert value is not None, f"{topic} quoted although its cells are blank"
        assert Decimal(said) == Decimal(value), (rule, topic, said, value)
    return drafted, claims


@pytest.mark.parametrize("template", ["2019", "2021"])
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(data=st.data())
def test_draft_of_a_valid_report_agrees_with_its_tables(template, data):
    report = data.draw(reports(template=template))
    drafted, claims = assert_draft_agrees(report)
    topics = {t for _, t, _, _ in claims}
    apps = report.applications
    if any(apps[r]["total"] for r in ("received", "carried_in", "total", "carried_forward")):
        # every table-三 figure was read back from the prose, not merely left unread
        assert {"received", "carried_in", "total", "carried_forward", "granted",
                "partly_granted", "withheld", "unavailable", "not_processed", "other"} <= topics
    else:
        assert ("received", 0) in {(t, s) for _, t, s, _ in claims}  # "未收到" is a claim of 0
    assert {"review.total", "suit.total"} <= topics
    if template == "2021":
        assert {"rules.issued", "rules.repealed", "rules.in_force", "normative_docs.issued",
                "normative_docs.repealed", "normative_docs.in_force"} <= topics


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(report=reports(blanks=True))
def test_blank_cells_are_placeholders_never_zero(report):
    """A blank figure is never quoted with a number (assert_draft_agrees: no claim on
    a blank cell) and is named in a placeholder of the part instead."""
    drafted, _ = assert_draft_agrees(report)
    figures = part_figures(report)
    for key in ("1", "4"):
        todo = "".join(placeholders(drafted.sections[key]))
        zero_groups = {f.key.split(".")[0] for f in figures[key]
                       if f.key.endswith(".total") and f.value == 0}
        for f in figures[key]:
            if f.value is None and f.key.split(".")[0] not in zero_groups:
                assert f"“{f.label}”" in todo or f"”{f.label}”" in todo, (key, f.label)
    assert placeholders(drafted.sections["5"])


@settings(max_examples=20, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(report=reports(mixed=True))
def test_mixed_other_row_reports_agree(report):
    assert_draft_agrees(report)


def test_figures_name_their_cells_and_blank_is_not_zero():
    report = distinct_report("2021")
    figs = {f.key: f for f in part_figures(report)["1"]}
    assert figs["received"].cells == ("applications.received.total",)
    assert figs["received"].value == report.cell("applications.received.total")
    assert len(figs["withheld"].cells) == 8
    assert figs["withheld"].value == sum(report.cell(c) for c in figs["withheld"].cells)
    suit = {f.key: f for f in part_figures(report)["4"]}["suit.total"]
    assert suit.cells == ("review_litigation.suit_direct.total", "review_litigation.suit_after_review.total")
    report.applications["withheld.process_info"]["total"] = None
    figs = {f.key: f for f in part_figures(report)["3"]}
    assert figs["withheld"].value is None and figs["withheld"].text == "空白（待补充）"
    text = draft_part(report, "1")
    assert "不予公开" not in text.split("【待补充：表三")[0]  # not quoted with a number
    assert "“不予公开”空白" in text


def test_a_wrong_number_typed_into_the_draft_is_found():
    """The check the tests above rely on can fail: change one drafted figure."""
    report = distinct_report("2021")
    sections = draft_sections(report)
    received = report.cell("applications.received.total")
    sections["1"] = sections["1"].replace(f"新收政府信息公开申请{received}件",
                                          f"新收政府信息公开申请{received + 1}件")
    found = check.run(report.model_copy(update={"sections": sections}), select=["N-1"])
    assert [f.cells for f in found] == [["applications.received.total"]]
    part = check_part(report, "4", "本年度因政府信息公开工作被申请行政复议99999件。")
    assert [f.rule for f in part] == ["N-2"]


def test_fee_facts_from_the_registers_fill_part_six():
    report = distinct_report("2021")
    text = draft_sections(report, FeeFacts(notices=3, billed=1200, paid=2, collected=800))["6"]
    assert "收费通知3件" in text and "800元" in text
    assert not any("信息处理费" in p for p in placeholders(text))
    none = draft_sections(report, FeeFacts(0, 0, 0, 0))["6"]
    assert "未收取信息处理费" in none
    assert "信息处理费" in placeholders(draft_sections(report)["6"])[0]
    assert_draft_agrees(report, FeeFacts(3, 1200, 2, 800))


def test_parts_without_tables_are_marked_to_complete():
    report = distinct_report("2019")
    sections = draft_sections(report)
    assert list(sections) == list(ALL_PARTS)
    assert len(placeholders(sections["5"])) == 2
    assert placeholders(sections["6"])  # 2019 format: no 信息处理费 yet, still to complete


def test_real_and_seed_samples(samples):
    files = expected_files(samples)
    assert len(files) >= 8
    for path in files:
        report = report_from_json(path.read_text(encoding="utf-8"))
        assert_draft_agrees(report)
    for txt in sorted((samples / "real").glob("*.txt")):
        report = parse_text(txt.read_text(encoding="utf-8"), source=txt.name)
        assert_draft_agrees(report)


@pytest.mark.parametrize("template", ["2019", "2021"])
@pytest.mark.parametrize("fmt", ["md", "html", "docx", "xlsx"])
def test_draft_round_trips_through_the_rendered_document(template, fmt):
    report = with_draft(distinct_report(template, seed=5))
    back = parse_text(EXTRACT[fmt](render(report, fmt)))
    assert differences(as_data(report), as_data(back)) == [] or all(
        d.startswith("sections.6") for d in differences(as_data(report), as_data(back)))
    signature = [report.agency, f"{report.published_on.year}年{report.published_on.month}月"
                 f"{report.published_on.day}日"]
    for key in ALL_PARTS:
        got = back.sections[key]
        if key == "6":  # the parser keeps the signature block in part 六
            got = strip_signature(got, signature)
        assert got == report.sections[key], (fmt, key)
    assert json.dumps(back.sections, ensure_ascii=False).count("【待补充") == \
        json.dumps(report.sections, ensure_ascii=False).count("【待补充")
