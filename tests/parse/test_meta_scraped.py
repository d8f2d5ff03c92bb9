"""Meta of report heads and tails as scraped from portals and typed by offices, in
shapes the project's writers do not print (bench/meta_probe.py counts them on
whole reports): who reports and for which year, right or left null, never a
neighbour's name, the site's owner or another year."""

from __future__ import annotations

import pytest

from zfxxgk.check import run
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



@pytest.mark.parametrize("year", ["2O23", "2o23", "2O2３"])
def test_a_year_in_digits_with_a_letter_for_zero(year):
    """2O23年 (typed, or read from a scan): the year, and no part of the name."""
    report = parse_text(f"青禾县白沙镇{year}年政府信息公开工作年度报告" + BODY)
    assert (report.agency, report.year) == ("青禾县白沙镇", 2023)


TITLE = "青禾市审计局2023年政府信息公开工作年度报告"
SIGNATURE = "\n青禾市审计局\n2024年1月20日\n"


@pytest.mark.parametrize("links", [
    "年报专栏\n· 青禾市审计局2022年政府信息公开工作年度报告 2023-01-18\n"
    "· 青禾市统计局2021年政府信息公开工作年度报告 2022-01-21\n",
    "青禾市审计局2022年政府信息公开工作年度报告 [2023-01-18]\n青禾市统计局2021年政府信息公开工作年度报告 [2022-01-21]\n",
    "上一篇：青禾市统计局2022年政府信息公开工作年度报告\n",
])
def test_links_to_other_reports_above_the_title_are_no_title(links):
    """A page's list of other reports (bullets, or a date closing each) before the
    report's own title: another year's or another body's title is never read."""
    report = parse_text(links + TITLE + BODY)
    assert (report.agency, report.year) == ("青禾市审计局", 2023)


FOOTER = ("【打印本页】【关闭窗口】\n主办单位：青禾市云岭区人民政府办公室 承办单位：青禾市云岭区大数据中心\n"
          "网站标识码：3208000001 苏ICP备05001234号-1\n地址：青禾市云岭区望湖路1号 联系电话：0517-12345678\n"
          "更新日期：2024年6月3日\n")


def test_a_page_footer_after_the_signature_hides_neither_name_nor_date():
    """The footer names the site's owner and may carry a date: the signature above it
    still names the body and dates the report."""
    report = parse_text("2023年政府信息公开工作年度报告" + BODY + SIGNATURE + FOOTER)
    assert (report.agency, report.year) == ("青禾市审计局", 2023)
    assert report.published_on.isoformat() == "2024-01-20"


@pytest.mark.parametrize("site", ["青禾市云岭区人民政府门户网站", "青禾市人民政府网", "青禾政务服务平台"])
def test_a_site_name_above_a_nameless_title_is_no_agency(site):
    """A site's name is no agency, nor part of the name on the title's line below it."""
    report = parse_text(f"{site}\n青禾海关2023年政府信息公开工作年度报告" + BODY)
    assert report.agency == "青禾海关"
    report = parse_text(f"{site}\n2023年政府信息公开工作年度报告" + BODY + SIGNATURE)
    assert (report.agency, report.year) == ("青禾市审计局", 2023)


NO_YEAR_TITLE = "青禾市审计局政府信息公开工作年度报告\n"
BODY_2023 = ("\n一、总体情况\n2023年，本局稳步推进政务公开工作。\n"
             "六、其他需要报告的事项\n2023年未收取信息处理费。\n")


@pytest.mark.parametrize("date_line", ["2024年1月20日", "（2024年1月20日）", "二〇二四年一月二十日"])
def test_a_date_under_a_title_without_year_dates_the_report(date_line):
    """The date printed under the title is the day the report was issued, not the
    year it reports on: the year is the one before, as from a signature's date."""
    report = parse_text(NO_YEAR_TITLE + date_line + BODY + "本年度未收取信息处理费。\n本局将继续努力。\n")
    assert (report.agency, report.year) == ("青禾市审计局", 2023)
    assert report.published_on.isoformat() == "2024-01-20"


@pytest.mark.parametrize("preface", [
    "根据2019年修订的《中华人民共和国政府信息公开条例》要求，编制本报告。",
    "根据《中华人民共和国政府信息公开条例》（2019年4月3日修订）和国办公开办函〔2021〕30号要求编制。",
    "《条例》自2019年5月15日起施行，2019年修订后本局认真贯彻。",
])
def test_without_a_stated_year_the_laws_years_are_not_the_reports(preface):
    """No title year, period or signature: the year the text speaks of is taken (and
    said in F-META), never the year of the law or a date it cites."""
    report = parse_text(NO_YEAR_TITLE + preface + BODY_2023)
    assert report.year == 2023
    assert any(f.rule == "F-META" and "推定为2023年度" in f.message for f in run(report))


def test_two_years_named_as_often_leave_the_year_null_and_said():
    text = NO_YEAR_TITLE + "\n一、总体情况\n2023年工作平稳。\n五、存在的主要问题及改进情况\n2024年将继续努力。\n"
    report = parse_text(text)
    assert report.year is None
    assert any(f.rule == "F-META" and "未能确定报告的年度" in f.message for f in run(report))


NAMES = ["青禾海关", "青禾市档案馆", "青禾市供销合作社联合社", "青禾工业园区", "青禾综合保税区",
         "中共青禾市委统一战线工作部（青禾市民族宗教事务局）", "中共青禾市委机构编制委员会办公室",
         "青禾市人民政府金融工作办公室", "青禾市老龄工作委员会办公室"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("how", ["two_lines", "signature"])
def test_bodies_whose_names_end_or_hold_unusual_words(name, how):
    """海关, 馆, 供销合作社, 园区 and bodies whose own name holds a word our clause
    test rejects (编制, 工作) report too: their names are read from a title over two
    lines and from a signature alone."""
    if how == "two_lines":
        text = f"{name}\n2023年政府信息公开工作年度报告" + BODY
    else:
        text = "2023年政府信息公开工作年度报告" + BODY + f"\n{name}\n2024年1月20日\n"
    assert (parse_text(text).agency, parse_text(text).year) == (name, 2023)


@pytest.mark.parametrize("head", [
    "青禾市审计局关于\n2023年度政府信息公开工作的年度报告",
    "附件1：青禾市审计局2023年政府信息公开工作年度报告",
    "附件\n青禾市审计局\n2023年政府信息公开工作年度报告",
])
def test_title_after_a_broken_about_or_an_attachment_label(head):
    report = parse_text(head + BODY)
    assert (report.agency, report.year) == ("青禾市审计局", 2023)


@pytest.mark.parametrize("text", ["青禾市审计局落实工作部署", "青禾市政府信息公开工作情况", "青禾市工作局长会议"])
def test_clause_words_still_make_no_name(text):
    """The body words are taken out of the clause test only where they are a body's."""
    report = parse_text(f"{text}\n2023年政府信息公开工作年度报告" + BODY)
    assert report.agency is None


@pytest.mark.parametrize("title,signature,noted", [
    ("青禾市审计局", "青禾市统计局", True),
    ("云岭区人民政府", "望湖街道办事处", True),
    ("青禾县人民政府", "青禾市云岭区人民政府办公室", True),
    ("青禾市云岭区人民政府", "青禾市云岭区人民政府办公室", False),
    ("云岭区人民政府", "青禾市云岭区人民政府", False),
    ("青禾市发展和改革委员会", "青禾市发展改革委", False),
    ("青禾县住房和城乡建设局（县人民防空办公室）", "青禾县住房和城乡建设局", False),
])
def test_a_signature_naming_another_body_than_the_title_is_said(title, signature, noted):
    """The title's name wins; a signature naming another body (a report copied from
    another's) is said in F-META, the same body in other words is not."""
    report = parse_text(f"{title}2023年政府信息公开工作年度报告" + BODY + f"\n{signature}\n2024年1月20日\n")
    assert report.agency == title
    said = [f for f in run(report) if f.rule == "F-META" and "落款" in f.message]
    assert bool(said) == noted
    if noted:
        assert signature in said[0].message


@pytest.mark.parametrize("today", ["2024年03月25日 星期一 农历二月十六", "2024年3月25日星期一"])
def test_a_portals_date_of_today_before_a_yearless_title_is_neither_year_nor_name(today):
    """A year followed by its month is a date's: the portal's today above the title
    gives no title year and no part of the name (the signature's date dates it)."""
    report = parse_text(f"{today}\n{NO_YEAR_TITLE}" + BODY + SIGNATURE)
    assert (report.agency, report.year) == ("青禾市审计局", 2023)


@pytest.mark.parametrize("head", [
    "青禾市审计局\n政府信息公开工作年度报告\n（2023年1月1日—2023年12月31日）",
    "青禾市审计局\n政府信息公开工作年度报告\n（2023年度）",
    "青禾市审计局政府信息公开工作年度报告\n（2023年度）",
    "青禾市审计局\n政府信息公开工作年度报告\n本报告统计期限为2023年1月1日至2023年12月31日。",
])
def test_a_yearless_title_over_lines_with_its_year_or_period_under_it(head):
    report = parse_text(head + BODY)
    assert (report.agency, report.year) == ("青禾市审计局", 2023)
    assert not [n for n in report.notes if n.kind.startswith("meta_year")]


@pytest.mark.parametrize("head", [
    "青禾市人民政府办公室\n关于印发青禾市审计局2023年政府信息公开工作年度报告的通知",
    "青禾市人民政府\n青禾市审计局2023年政府信息公开工作年度报告",
    "青禾市政务服务网\n青禾市审计局2023年政府信息公开工作年度报告",
    "青禾市审计局文件\n青审〔2024〕5号\n2023年政府信息公开工作年度报告",
    "青禾市审计局文件\n2023年政府信息公开工作年度报告",
])
def test_the_line_above_a_named_title_is_no_part_of_its_name(head):
    """A notice's issuer or a site's banner above a title that names its body is
    not joined to the name; a masthead (某局文件) names a title that names none."""
    report = parse_text(head + BODY)
    assert (report.agency, report.year) == ("青禾市审计局", 2023)


@pytest.mark.parametrize("field", ["来源：青禾市云岭区人民政府办公室　发布时间：2024-01-25",
                                   "信息来源：区政府办", "发布机构：青禾市云岭区人民政府"])
def test_the_report_signature_wins_over_a_portal_field_naming_another_body(field):
    """A nameless title: the page's 来源 or 发布机构 is often the site's office; the
    body that signs the report is the report's."""
    report = parse_text("2023年政府信息公开工作年度报告\n" + field + BODY + "\n青禾市云岭区望湖街道办事处\n2024年1月20日\n")
    assert (report.agency, report.year) == ("青禾市云岭区望湖街道办事处", 2023)


def test_a_portal_field_naming_the_signing_body_in_other_words_stands():
    report = parse_text("2023年政府信息公开工作年度报告\n来源：望湖街道" + BODY + "\n青禾市云岭区望湖街道办事处\n2024年1月20日\n")
    assert report.agency == "望湖街道"


@pytest.mark.parametrize("head,name", [
    ("中共青禾市委\n宣传部2023年政府信息公开工作年度报告", "中共青禾市委宣传部"),
    ("青禾市人民政府\n办公室2023年政府信息公开工作年度报告", "青禾市人民政府办公室"),
    ("青禾市云岭区\n望湖街道办事处2023年政府信息公开工作年度报告", "青禾市云岭区望湖街道办事处"),
])
def test_a_name_broken_over_the_title_lines_is_joined(head, name):
    assert parse_text(head + BODY).agency == name


STREET_SIGNATURE = "\n青禾市云岭区望湖街道办事处\n2024年1月20日\n"


@pytest.mark.parametrize("head,signature,name", [
    # the district's banner over the street's short title: the signature's full name
    ("青禾市云岭区人民政府\n望湖街道办事处2023年政府信息公开工作年度报告", STREET_SIGNATURE,
     "青禾市云岭区望湖街道办事处"),
    # the street's own banner over its short title, signed or not: the banner's name
    ("青禾市云岭区望湖街道办事处\n望湖街道2023年政府信息公开工作年度报告", STREET_SIGNATURE,
     "青禾市云岭区望湖街道办事处"),
    ("青禾市云岭区望湖街道办事处\n望湖街道2023年政府信息公开工作年度报告", "", "青禾市云岭区望湖街道办事处"),
    # ... signed with its short name: the banner is the full one
    ("青禾市云岭区望湖街道办事处\n望湖街道办事处2023年政府信息公开工作年度报告", "\n望湖街道办事处\n2024年1月20日\n",
     "青禾市云岭区望湖街道办事处"),
    # an office's own full name over its title without the area
    ("青禾市人民政府办公室\n人民政府办公室2023年政府信息公开工作年度报告", "", "青禾市人民政府办公室"),
    # a banner over a nameless title, the report signed by another body
    ("青禾市云岭区人民政府\n2023年政府信息公开工作年度报告", STREET_SIGNATURE, "青禾市云岭区望湖街道办事处"),
    # a body's own full name over its short title and signature, its name holding 工作
    ("青禾市老龄工作委员会办公室\n老龄工作委员会办公室2023年政府信息公开工作年度报告",
     "\n老龄工作委员会办公室\n2024年1月20日\n", "青禾市老龄工作委员会办公室"),
    # a bureau's title without its area under the district's banner
    ("青禾市云岭区人民政府\n卫生健康委员会2023年政府信息公开工作年度报告",
     "\n青禾市云岭区卫生健康委员会\n2024年1月20日\n", "青禾市云岭区卫生健康委员会"),
])
def test_a_banner_over_a_short_title_gives_way_to_the_body_that_signs(head, signature, name):
    """A line above the title may be the site's or a higher body's banner: joined
    into the title's name it makes a name nobody signs (青禾市云岭区人民政府望湖街道),
    and over a nameless title it names the site's owner. The body the signature
    names decides; unsigned, the banner holding the title's words is the full name."""
    report = parse_text(head + BODY + signature)
    assert (report.agency, report.year) == (name, 2023)


def test_a_banner_the_signature_contradicts_is_said():
    report = parse_text("青禾市云岭区人民政府\n2023年政府信息公开工作年度报告" + BODY + STREET_SIGNATURE)
    said = [f.message for f in run(report) if f.rule == "F-META"]
    assert any("青禾市云岭区人民政府" in m and "按落款" in m for m in said)


@pytest.mark.parametrize("title", ["（青禾市云岭区人民政府）2023年政府信息公开工作年度报告",
                                   "(青禾市云岭区人民政府)2023年度政府信息公开工作年度报告"])
def test_a_whole_name_in_brackets_before_the_year_is_the_name(title):
    report = parse_text(title + BODY)
    assert (report.agency, report.year) == ("青禾市云岭区人民政府", 2023)


@pytest.mark.parametrize("title", [
    "（中共青禾市委宣传部（青禾市新闻出版局））2023年政府信息公开工作年度报告",
    "2023年度政府信息公开工作年度报告（中共青禾市委宣传部（青禾市新闻出版局））"])
def test_a_name_in_brackets_holding_its_second_name_in_brackets_is_the_name(title):
    report = parse_text(title + BODY)
    assert (report.agency, report.year) == ("中共青禾市委宣传部（青禾市新闻出版局）", 2023)


@pytest.mark.parametrize("title", ["青禾市审计局2022—2023年政府信息公开工作年度报告",
                                   "青禾市审计局2022-2023年度政府信息公开工作年度报告",
                                   "青禾市审计局2022年至2023年政府信息公开工作年度报告"])
def test_a_range_of_years_in_the_title_gives_no_year_unless_the_period_settles_it(title):
    """Neither year of a range is the report's by itself (nor the signature's year
    less one): null with F-META; a period of one year in the range settles it."""
    report = parse_text(title + BODY + SIGNATURE)
    assert (report.agency, report.year) == ("青禾市审计局", None)
    assert any(f.rule == "F-META" and "区间" in f.message for f in run(report))
    settled = parse_text(title + "\n本报告统计期限为2023年1月1日至2023年12月31日。" + BODY + SIGNATURE)
    assert (settled.agency, settled.year) == ("青禾市审计局", 2023)


def test_a_body_sealing_on_behalf_of_the_report_s_body_is_not_its_name():
    """某区人民政府办公室（代章） under the body's name: a township without a seal of
    its own has the district's office seal the report; the name above is the body's."""
    report = parse_text("2023年政府信息公开工作年度报告" + BODY
                        + "\n青禾市云岭区望湖街道办事处\n青禾市云岭区人民政府办公室（代章）\n2024年1月20日\n")
    assert (report.agency, report.year) == ("青禾市云岭区望湖街道办事处", 2023)
