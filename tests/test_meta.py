"""Meta of project-written report openings and endings: who, which year, signed when."""

from __future__ import annotations

import pytest

from zfxxgk.parse import parse_text

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
