"""The holiday notice pasted as text becomes the year file (walk-through: the calendar
page took only TOML typed by hand, a step no clerk would think of)."""

from __future__ import annotations

from datetime import date

import pytest

from zfxxgk.cases.calendar import WorkdayCalendar, parse_year
from zfxxgk.cases.calendar_notice import NoticeError, looks_like_notice, notice_to_toml

# The notices as published (body paragraphs; the title line and the closing as released)
NOTICE_2026 = """国务院办公厅关于2026年部分节假日安排的通知

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
　　经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
　　一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
　　二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
　　三、清明节：4月4日（周六）至6日（周一）放假，共3天。
　　四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
　　五、端午节：6月19日（周五）至21日（周日）放假，共3天。
　　六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
　　七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
　　节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。

国务院办公厅
2025年11月4日
"""

NOTICE_2025 = """国务院办公厅关于2025年部分节假日安排的通知
国办发明电〔2024〕12号
一、元旦：1月1日（周三）放假1天，不调休。
二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
三、清明节：4月4日（周五）至6日（周日）放假，共3天。
四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。
"""


@pytest.mark.parametrize("text, year", [(NOTICE_2026, 2026), (NOTICE_2025, 2025)])
def test_a_published_notice_reads_as_the_bundled_year(text, year):
    assert looks_like_notice(text)
    read = parse_year(notice_to_toml(text).encode("utf-8"))
    bundled = WorkdayCalendar.bundled().years[year]
    assert read.year == year and read.festivals == bundled.festivals


def test_the_number_goes_into_the_source_and_a_date_may_carry_its_year():
    text = ("国务院办公厅关于2027年部分节假日安排的通知\n国办发明电〔2024〕12号\n"
            "一、元旦：2026年12月31日（周四）至2027年1月1日（周五）放假，共2天。2026年12月27日（周日）上班。\n")
    year = parse_year(notice_to_toml(text).encode("utf-8"))
    assert year.source == "国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2024〕12号）"
    first = year.festivals[0]
    assert (first.name, first.start, first.end, first.workdays) == (
        "元旦", date(2026, 12, 31), date(2027, 1, 1), (date(2026, 12, 27),))


@pytest.mark.parametrize("text, message", [
    ("一、元旦：1月1日放假。", "请连同标题一起粘贴通知"),
    ("国务院办公厅关于2027年部分节假日安排的通知\n经国务院批准，放假安排如下。", "没有找到各节日的段落"),
    ("国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日至3日放假。\n二、春节：调休，共9天。\n"
     "三、清明节：4月5日放假。", "“春节”一段没有写放假日期"),
    ("国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：2月30日放假。", "不存在的日期"),
])
def test_what_cannot_be_read_is_refused_in_chinese(text, message):
    with pytest.raises(NoticeError, match=message):
        notice_to_toml(text)
