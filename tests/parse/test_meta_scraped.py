"""Meta of report heads and tails as scraped from portals and typed by offices, in
shapes the project's writers do not print (bench/meta_probe.py counts them on
whole reports): who reports and for which year, right or left null, never a
neighbour's name, the site's owner or another year."""

from __future__ import annotations

import pytest

from zfxxgk.parse import parse_text

BODY = "\n一、总体情况\n本年度工作平稳。\n六、其他需要报告的事项\n无。\n"


@pytest.mark.parametrize("zero", ["〇", "○", "◯", "零", "O", "o", "Ο", "0", "０", "Ｏ"])
def test_a_year_in_chinese_numerals_with_any_zero_typed(zero):
    """二O二三, 二0二三, 二ο二三: whatever stands for the zero, the year is read and
    never run into the name (青禾县白沙镇二o年)."""
    year = f"二{zero}二三"
    report = parse_text(f"青禾县白沙镇{year}年政府信息公开工作年度报告" + BODY
                        + f"青禾县白沙镇人民政府\n二{zero}二四年一月二十日\n")
    assert (report.agency, report.year) == ("青禾县白沙镇", 2023)
    assert report.published_on.isoformat() == "2024-01-20"
