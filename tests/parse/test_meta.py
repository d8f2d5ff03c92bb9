"""Meta of project-written report openings and endings: who, which year, signed when."""

from __future__ import annotations

import pytest

from zfxxgk.check import run
from zfxxgk.ingest.html import load_html
from zfxxgk.parse import parse_document, parse_text

BODY = "\n一、总体情况\n本年度工作平稳。\n六、其他需要报告的事项\n无。\n"


@pytest.mark.parametrize("head,agency,year", [
    ("青禾市交通运输局2023年政府信息公开工作年度报告", "青禾市交通运输局", 2023),
    ("青禾市交通运输局\n2023 年政府信息公开工作年度报告", "青禾市交通运输局", 2023),
    ("青禾市交通运输局 2023 年政府信息公开工作 年度报告", "青禾市交通运输局", 2023),
    ("青禾市交通运输局关于2022年度政府信息公开工作的年度报告", "青禾市交通运输局", 2022),
    ("望湖镇人民政府\n2022年度 政府信息公开工作年度报告", "望湖镇人民政府", 2022),
    ("青禾市望湖街道办事处办事处2021年政府信息公开工作年度报告", "青禾市望湖街道办事处", 2021),
])
def test_title_gives_agency_and_year(head, agency, year):
    report = parse_text(head + BODY)
    assert (report.agency, report.year) == (agency, year)


def test_government_title_takes_the_city_its_preface_names():
    text = ("云岭区人民政府\n2024年政府信息公开工作年度报告\n"
            "本报告由青禾市云岭区人民政府办公室根据《条例》要求编制。" + BODY)
    assert parse_text(text).agency == "青禾市云岭区人民政府"


def test_other_bodies_keep_the_name_their_title_states():
    text = ("云岭区望湖街道办事处2024年政府信息公开工作年度报告\n"
            "本报告由青禾市云岭区望湖街道办事处编制。" + BODY)
    assert parse_text(text).agency == "云岭区望湖街道办事处"


def test_no_title_signature_gives_agency_date_and_year():
    report = parse_text(BODY.strip() + "\n\n望湖街道办事处\n2025年1月20日\n")
    assert report.agency == "望湖街道办事处"
    assert report.published_on.isoformat() == "2025-01-20"
    assert report.year == 2024
    assert any(n.kind == "meta_no_title" for n in report.notes)


def test_signature_date_in_chinese_numerals():
    report = parse_text("望湖镇2024年政府信息公开工作年度报告" + BODY + "望湖镇人民政府\n二〇二五年一月二十日\n")
    assert report.published_on.isoformat() == "2025-01-20"


def test_no_title_no_signature_preface_names_the_body():
    report = parse_text("本报告由青禾市云岭区望湖街道办事处根据《条例》编制。" + BODY)
    assert report.agency == "青禾市云岭区望湖街道办事处"


def test_statistics_period_not_the_whole_year_is_noted():
    text = ("青禾市交通运输局2023年政府信息公开工作年度报告\n"
            "报告中所列数据统计期限自2023年1月1日起至2023年11月30日止。" + BODY)
    notes = [n for n in parse_text(text).notes if n.kind == "meta_period"]
    assert notes and notes[0].data["year"] == 2023


def test_whole_year_period_is_quiet():
    text = ("青禾市交通运输局2023年政府信息公开工作年度报告\n"
            "报告中所列数据统计期限自2023年1月1日起至2023年12月31日止。" + BODY)
    assert not [n for n in parse_text(text).notes if n.kind.startswith("meta_")]


def test_region_and_key_from_the_agency_name():
    report = parse_text("青禾市云岭区望湖街道办事处2024年政府信息公开工作年度报告" + BODY)
    assert report.region == "青禾市云岭区"
    assert report.agency_key == "青禾市云岭区望湖街道办事处"


# --------------------------------------------------------------------------------------
# agency and year from wherever a report states them (issue 12)

@pytest.mark.parametrize("head,agency", [
    ("标题：云岭区交通运输局2023年政府信息公开工作年度报告", "云岭区交通运输局"),
    ("【标题】云岭区交通运输局2023年政府信息公开工作年度报告", "云岭区交通运输局"),
    ("名称：青禾市生态环境局2023年政府信息公开工作年度报告", "青禾市生态环境局"),
    ('=HYPERLINK("http://example.invalid/a.html","青禾市教育局2023年政府信息公开工作年度报告")',
     "青禾市教育局"),
    ("青禾省人民政府办公厅2023年政府信息公开工作年度报告", "青禾省人民政府办公厅"),
    ("青禾市住房和城乡建设委员会2023年政府信息公开工作年度报告", "青禾市住房和城乡建设委员会"),
    ("青禾经济技术开发区管委会2023年政府信息公开工作年度报告", "青禾经济技术开发区管委会"),
    ("青禾市雲嶺區人民政府2023年政府信息公开工作年度报告", "青禾市云岭区人民政府"),
])
def test_title_labels_suffixes_and_traditional_characters(head, agency):
    assert parse_text(head + BODY).agency == agency


@pytest.mark.parametrize("preface", [
    "本报告由青禾市云岭区望湖街道办事处编制。",
    "青禾市云岭区望湖街道办事处根据《中华人民共和国政府信息公开条例》要求，编制了本报告。",
    "本报告由青禾市云岭区望湖街道办事处根据《条例》要求编制。",
])
def test_agency_named_only_in_the_preface(preface):
    text = "2023年政府信息公开工作年度报告\n" + preface + BODY
    assert parse_text(text).agency == "青禾市云岭区望湖街道办事处"


def test_a_sentence_is_never_an_agency():
    text = ("根据《中华人民共和国政府信息公开条例》要求编制了2023年政府信息公开工作年度报告\n"
            + BODY)
    report = parse_text(text)
    assert report.agency is None
    assert any(f.rule == "F-META" and "机关名称" in f.message for f in run(report))


def test_portal_label_before_the_title_and_portal_fields():
    text = ("来源：青禾市云岭区人民政府\n2023年政府信息公开工作年度报告\n" + BODY)
    assert parse_text(text).agency == "青禾市云岭区人民政府"
    text = ("发布机构：青禾市审计局\n2023年政府信息公开工作年度报告\n" + BODY)
    assert parse_text(text).agency == "青禾市审计局"


def test_file_name_is_the_last_resort_and_said():
    report = parse_text("2023年政府信息公开工作年度报告\n" + BODY,
                        source="reports/青禾市统计局2023年年报.txt")
    assert report.agency == "青禾市统计局"
    assert any(f.rule == "F-META" and "文件名" in f.message for f in run(report))


def test_year_from_the_statistics_period():
    text = ("青禾市统计局政府信息公开工作年度报告\n本报告统计期限为2022年1月1日至2022年12月31日。" + BODY)
    assert parse_text(text).year == 2022


def test_html_head_meta_gives_agency_and_year():
    page = ("<html><head><title>青禾市文化和旅游局2024年政府信息公开工作年度报告</title>"
            "<meta name='ContentSource' content='青禾市文化和旅游局'></head><body>"
            "<p>一、总体情况</p><p>本年度工作平稳。</p></body></html>")
    report = parse_document(load_html(page.encode("utf-8"), source="a.html"))
    assert (report.agency, report.year) == ("青禾市文化和旅游局", 2024)


def test_title_printed_after_the_first_heading_still_names_the_report():
    """Word files with the title in a picture or text box, and scans read out of
    order, put the first heading before the title."""
    text = ("一、总体情况\n本年度工作平稳。\n青禾市望湖街道办事处2024年政府信息公开工作年度报告\n"
            "六、其他需要报告的事项\n无。\n")
    report = parse_text(text)
    assert (report.agency, report.year) == ("青禾市望湖街道办事处", 2024)
    assert not any(n.kind == "meta_no_title" for n in report.notes)


def test_a_sentence_citing_a_report_is_not_a_title():
    text = ("一、总体情况\n本年度工作平稳。\n根据2023年政府信息公开工作年度报告\n"
            "六、其他需要报告的事项\n无。\n")
    report = parse_text(text)
    assert report.agency is None
    assert any(n.kind == "meta_no_title" for n in report.notes)
