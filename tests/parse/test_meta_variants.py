"""Adversarial variants of where a report states who it is, for which year, and
where its tables lie (issue 12, items 3 and 4).

Every shared sample and project-written reports are re-headed in each way portals,
offices and crawlers print them: a title with the portal's label, the title only in
the portal's fields or the page head, the agency named only in the preface or the
signature, the year only in the statistics period or the portal's date, part
headings misprinted or missing. Agency, year and template must come out right and
every table cell exactly as published or null.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exact_cells import assert_read_without_headings, tables_of, wrong_cells
from layouts import write
from samples import load_expected, samples_dir, SAMPLES
from strategies import distinct_report
from zfxxgk.check import run
from zfxxgk.ingest.html import load_html
from zfxxgk.parse import parse_document, parse_text
from zfxxgk.standard import SECTIONS

TITLE = "{a}{y}年政府信息公开工作年度报告"
PREFACE_LAW = "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求"
PREFACE_NOTICE = ("根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国"
                  "政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求")


# --------------------------------------------------------------------------------------
# the bodies: shared samples and project-written reports, header and signature removed

def _sample_names() -> list[str]:
    return [f"{k}/{p.stem}" for k in ("seeds", "real")
            for p in sorted((SAMPLES / f"{k}-expected").glob("*.json"))] or ["missing"]


def _strip_head_and_tail(text: str) -> str:
    """The report from its first part heading on, without the signature."""
    lines = text.split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.strip().lstrip("#* ").startswith("一、总体情况"))
    body = lines[start:]
    while body and (not body[-1].strip() or re.fullmatch(r"\s*-\s*\d+\s*-\s*", body[-1])
                    or re.search(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$", body[-1].strip())
                    or re.search(r"(?:办事处|人民政府|局)$", body[-1].strip())):
        body.pop()
    return "\n".join(body)


def _sample(name: str) -> tuple[str, dict]:
    folder = samples_dir()
    kind, stem = name.split("/")
    expected = load_expected(folder / f"{kind}-expected" / f"{stem}.json")
    text = (folder / kind / f"{stem}.txt").read_text(encoding="utf-8")
    return _strip_head_and_tail(text), expected


# --------------------------------------------------------------------------------------
# headers: each a function (agency, year) -> (text before the body, text after it)

def _sig(a: str, y: int) -> str:
    return f"\n{a}\n{y + 1}年1月20日\n"


HEADS = {
    "title": lambda a, y: (TITLE.format(a=a, y=y), ""),
    "title_two_lines": lambda a, y: (f"{a}\n{y} 年政府信息公开工作年度报告", ""),
    "title_about": lambda a, y: (f"{a}关于{y}年度政府信息公开工作的年度报告", ""),
    "year_first": lambda a, y: (f"{y}年度{a}政府信息公开工作年度报告", ""),
    "three_lines": lambda a, y: (f"{a}\n{y}年度\n政府信息公开工作年度报告", ""),
    "annual_short": lambda a, y: (f"{a}{y}年政府信息公开年报", ""),
    "work_report": lambda a, y: (f"{a}{y}年度政府信息公开工作报告", ""),
    "book_marks": lambda a, y: (f"《{a}{y}年政府信息公开工作年度报告》", ""),
    "notice": lambda a, y: (f"关于印发《{a}{y}年政府信息公开工作年度报告》的通知", ""),
    "full_text": lambda a, y: (f"{a}{y}年政府信息公开工作年度报告（全文）", ""),
    "label_colon": lambda a, y: ("标题：" + TITLE.format(a=a, y=y), ""),
    "label_ascii_colon": lambda a, y: ("标题: " + TITLE.format(a=a, y=y), ""),
    "label_bracket": lambda a, y: ("【标题】" + TITLE.format(a=a, y=y), ""),
    "label_name": lambda a, y: ("名称：" + TITLE.format(a=a, y=y), ""),
    "label_two_lines": lambda a, y: (f"标题：{a}\n{y}年政府信息公开工作年度报告", ""),
    "hyperlink": lambda a, y: (f'=HYPERLINK("http://example.invalid/{y}.html","{TITLE.format(a=a, y=y)}")', ""),
    "title_cn_year": lambda a, y: (f"{a}{_cn_year(y)}年政府信息公开工作年度报告", ""),
    "title_fullwidth": lambda a, y: (f"{a}{str(y).translate(_FULL)}年政府信息公开工作年度报告", ""),
    "portal_source": lambda a, y: (f"来源：{a}\n{y}年政府信息公开工作年度报告", ""),
    "portal_info_source": lambda a, y: (f"信息来源：{a}　发布时间：{y + 1}-01-20\n"
                                        f"{y}年政府信息公开工作年度报告", ""),
    "portal_publisher": lambda a, y: (f"索引号：11320800/{y + 1}-00012\t发布机构：{a}\t"
                                      f"生成日期：{y + 1}-01-20\n{y}年政府信息公开工作年度报告", ""),
    "portal_issuer": lambda a, y: (f"发文机关：{a}\n{y}年政府信息公开工作年度报告", ""),
    "portal_bar": lambda a, y: (f"发布时间：{y + 1}-01-15 | 来源：{a} | 浏览次数：128\n"
                                f"{y}年政府信息公开工作年度报告", ""),
    "preface_by": lambda a, y: (f"{y}年政府信息公开工作年度报告\n本报告由{a}编制。", ""),
    "preface_by_law": lambda a, y: (f"{y}年政府信息公开工作年度报告\n本报告由{a}根据《条例》要求编制。", ""),
    "preface_compiled": lambda a, y: (f"{y}年政府信息公开工作年度报告\n{a}{PREFACE_LAW}，编制了本报告。", ""),
    "preface_law_first": lambda a, y: (f"{y}年政府信息公开工作年度报告\n{PREFACE_LAW}，由{a}编制完成本报告。", ""),
    "preface_law_then_name": lambda a, y: (f"{y}年政府信息公开工作年度报告\n{PREFACE_LAW}，{a}编制了本年度报告。", ""),
    "preface_notice": lambda a, y: (f"{y}年政府信息公开工作年度报告\n{PREFACE_NOTICE}，{a}编制了本报告。", ""),
    "preface_notice_by": lambda a, y: (f"{y}年政府信息公开工作年度报告\n本报告是{PREFACE_NOTICE}，由{a}编制的。", ""),
    "preface_alias": lambda a, y: (f"{y}年政府信息公开工作年度报告\n{a}（以下简称“本机关”）{PREFACE_LAW}，编制了本报告。", ""),
    "preface_now": lambda a, y: (f"{y}年政府信息公开工作年度报告\n{PREFACE_LAW}，现将{a}{y}年政府信息公开工作年度报告公布如下。", ""),
    "signature_public": lambda a, y: (f"{y}年政府信息公开工作年度报告", f"\n{a}\n{y + 1}年1月20日\n（此件公开发布）\n"),
    "signature": lambda a, y: (f"{y}年政府信息公开工作年度报告", _sig(a, y)),
    "signature_seal": lambda a, y: (f"{y}年政府信息公开工作年度报告", f"\n{a}（盖章）\n{y + 1}年1月20日\n"),
    "signature_cn_date": lambda a, y: (f"{y}年政府信息公开工作年度报告",
                                       f"\n{a}\n{_cn_year(y + 1)}年一月二十日\n"),
    "signature_spaced_date": lambda a, y: (f"{y}年政府信息公开工作年度报告", f"\n{a}\n{y + 1} 年 1 月 20 日\n- 5 -\n"),
    "signature_no_title": lambda a, y: ("", _sig(a, y)),
    "signature_date_above": lambda a, y: (f"{y}年政府信息公开工作年度报告", f"\n{y + 1}年1月20日\n{a}\n"),
    "signature_one_line": lambda a, y: (f"{y}年政府信息公开工作年度报告", f"\n{a}　　{y + 1}年1月20日\n- 6 -\n"),
    "signature_one_line_seal": lambda a, y: (f"{y}年政府信息公开工作年度报告",
                                             f"\n{a}（盖章）{_cn_year(y + 1)}年一月二十日\n"),
    # how portals print the head of a page: info tables, breadcrumbs, the page's tools
    "portal_info_table_tabs": lambda a, y: (f"索引号\t11320800/{y + 1}-00012\t主题分类\t其他\n"
                                            f"发布机构\t{a}\t发文日期\t{y + 1}-01-25\n"
                                            f"标题\t{TITLE.format(a=a, y=y)}", ""),
    "portal_breadcrumb": lambda a, y: (f"首页 > 政务公开 > 政府信息公开年报\n{TITLE.format(a=a, y=y)}\n"
                                       "【字体：大 中 小】 打印", ""),
    "portal_breadcrumb_title": lambda a, y: (f"当前位置：首页 » 政务公开 » {TITLE.format(a=a, y=y)}", ""),
    "portal_crumb_short_step": lambda a, y: (f"当前位置：首页 › 信息公开 › 年报\n{a}\n{y}年政府信息公开工作年度报告",
                                             ""),
    "portal_date_line_first": lambda a, y: (f"{y + 1}-01-25\n{TITLE.format(a=a, y=y)}", ""),
    "portal_fields_after_title": lambda a, y: (f"{TITLE.format(a=a, y=y)}\n来源：{a}　作者：张三　"
                                               f"发布时间：{y + 1}-01-25 10:12:33　浏览次数：128", ""),
    "portal_tools_on_title": lambda a, y: (f"{TITLE.format(a=a, y=y)}【字体：大 中 小】【打印】【关闭】", ""),
    "title_traditional": lambda a, y: (f"{a}{y}年政府信息公開工作年度報告", ""),
    "title_name_after": lambda a, y: (f"{y}年度政府信息公开工作年度报告（{a}）", ""),
    "title_year_inside": lambda a, y: (f"{a}政府信息公开工作{y}年度报告", ""),
    "title_year_inside_two_lines": lambda a, y: (f"{a}\n政府信息公开工作{y}年度报告", ""),
    "signature_month_only": lambda a, y: (f"{y}年政府信息公开工作年度报告", f"\n{a}\n{y + 1}年1月\n"),
    "signature_month_above": lambda a, y: (f"{y}年政府信息公开工作年度报告", f"\n{_cn_year(y + 1)}年一月\n{a}\n"),
    "portal_self_source": lambda a, y: (f"{y}年政府信息公开工作年度报告\n来源：本站　发布时间：{y + 1}-01-25",
                                        _sig(a, y)),
    "title_work_situation": lambda a, y: (f"{a}\n关于{y}年度政府信息公开工作情况的报告", ""),
    "title_annual_work": lambda a, y: (f"{a}{y}年度政府信息公开年度工作报告", ""),
    "title_year_bracket_after": lambda a, y: (f"{a}政府信息公开工作年度报告（{y}年度）", ""),
    "title_year_bracket_inside": lambda a, y: (f"{a}（{y}年）政府信息公开工作年度报告", ""),
    "title_year_bracket_two_lines": lambda a, y: (f"{a}\n政府信息公开工作年度报告（{y}年度）", ""),
}
_FULL = str.maketrans("0123456789", "０１２３４５６７８９")
_CN = "〇一二三四五六七八九"


def _cn_year(y: int) -> str:
    return "".join(_CN[int(c)] for c in str(y))


AGENCIES = [
    "青禾省人民政府办公厅",
    "中华人民共和国青禾资源部",
    "国家青禾监督管理总局",
    "青禾市住房和城乡建设委员会",
    "青禾市发展和改革委员会",
    "青禾市人民政府办公室",
    "青禾经济技术开发区管理委员会",
    "青禾高新技术产业开发区管委会",
    "青禾市云岭新区管理委员会",
    "青禾两岸综合实验区",
    "青禾市云岭高新区",
    "青禾市白沙经济开发区",
    "青禾市云岭新区",
    "鹿鸣旗巴彦塔拉苏木",
    "青禾市云岭区望湖街道办事处",
    "青禾市国营青山林场",
    "云岭区望湖街道",
    "青禾市公安局交通警察支队",
    "青禾市人民政府办公室（市政务服务管理局）",
    "青禾县住房和城乡建设局（县人民防空办公室）",
]


def _variant_text(head: str, body: str, tail: str) -> str:
    return (head + "\n\n" if head else "") + body + tail


HEAD_CASES = [(h, a) for h in HEADS for a in AGENCIES[:3]] + \
    [(h, a) for a in AGENCIES[3:] for h in ("title", "label_colon", "portal_source", "preface_by",
                                             "signature", "title_two_lines")]


@pytest.mark.parametrize("head,agency", HEAD_CASES)
def test_agency_and_year_from_every_place_a_report_states_them(head, agency):
    expected = distinct_report("2021", seed=11, agency=agency, year=2023)
    body = _strip_head_and_tail(write("tab_exact", expected, seed=3))
    before, after = HEADS[head](agency, 2023)
    report = parse_text(_variant_text(before, body, after))
    assert (report.agency, report.year, report.template) == (_expected_agency(head, agency), 2023, "2021")
    assert tables_of(report) == tables_of(expected)


def _expected_agency(head: str, agency: str) -> str:
    """A government's office compiles the government's report: a preface naming
    only 某某人民政府办公室 as compiler names the government's report (as the real
    淮安/洪泽 reports do under their government's title)."""
    if head.startswith("preface") and agency.endswith("人民政府办公室"):
        return agency.removesuffix("办公室")
    return agency


@pytest.mark.parametrize("head", list(HEADS))
@pytest.mark.parametrize("name", _sample_names())
def test_shared_samples_reheaded(name, head):
    body, expected = _sample(name)
    agency, year = expected["agency"], expected["year"]
    before, after = HEADS[head](agency, year)
    report = parse_text(_variant_text(before, body, after))
    assert (report.agency, report.year, report.template) == (agency, year, expected["template"])
    assert wrong_cells(report, expected) == []


_BRACKET_HEADS = ("title", "title_two_lines", "portal_source", "preface_by", "signature",
                  "signature_date_above", "signature_one_line")
BRACKET_CASES = [(p, n, h) for p, n in [
    ("青禾县住房和城乡建设局(县人民防空办公室)", "青禾县住房和城乡建设局（县人民防空办公室）"),
    ("青禾市人民政府办公室（市政务服务管理局）（市大数据中心）", "青禾市人民政府办公室（市政务服务管理局）（市大数据中心）"),
    ("青禾縣住房和城鄉建設局（縣人民防空辦公室）", "青禾县住房和城乡建设局（县人民防空办公室）"),
] for h in _BRACKET_HEADS] + [(p, n, h) for p, n in [  # a note is printed after a name, not in a sentence
    ("青禾县审计局（2023年度）", "青禾县审计局"),
    ("青禾县审计局(全文)", "青禾县审计局"),
] for h in _BRACKET_HEADS if not h.startswith("preface")]


@pytest.mark.parametrize("printed,name,head", BRACKET_CASES)
def test_a_name_with_brackets_keeps_a_bodys_name_and_drops_a_note(printed, name, head):
    """挂牌 bodies print their second name in brackets; a year or a note in brackets
    is no part of the name. Brackets come out full-width."""
    expected = distinct_report("2021", seed=18, year=2023)
    body = _strip_head_and_tail(write("tab_exact", expected, seed=7))
    before, after = HEADS[head](printed, 2023)
    report = parse_text(_variant_text(before, body, after))
    assert (report.agency, report.year, report.template) == (name, 2023, "2021")
    assert tables_of(report) == tables_of(expected)


@pytest.mark.parametrize("printed", ["青禾县审计局（根据条例要求）", "青禾县（审计局", "青禾县（县统计局）审计局",
                                     "青禾县审计局（见附件1）编制"])
def test_brackets_that_hold_no_name_give_no_name(printed):
    expected = distinct_report("2021", seed=19, year=2023)
    body = _strip_head_and_tail(write("tab_exact", expected, seed=8))
    report = parse_text(TITLE.format(a=printed, y=2023) + "\n" + body)
    assert report.agency is None, report.agency
    assert report.year == 2023


# --------------------------------------------------------------------------------------
# the year from the statistics period or the portal's date; the template from the labels

YEAR_HEADS = {
    "period_is": "{a}政府信息公开工作年度报告\n本报告统计期限为{y}年1月1日至{y}年12月31日。",
    "period_from": "{a}政府信息公开工作年度报告\n本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。",
    "period_short": "{a}政府信息公开工作年度报告\n本报告所列数据统计时限：{y}年1月1日—12月31日。",
    "period_dash": "{a}政府信息公开工作年度报告\n统计期：{y}年1月1日-{y}年12月31日",
    "period_spaced": "{a}政府信息公开工作年度报告\n报告中所列数据统计期限自 {y} 年 1 月 1 日至 {y} 年 12 月 31 日。",
    "period_short_after_date": "{a}政府信息公开工作年度报告\n（{n}年1月15日）\n本报告所列数据统计时限：{y}年1月1日至12月31日。",
    "portal_date": "{a}政府信息公开工作年度报告\n发布时间：{n}-01-20",
    "portal_date_cn": "{a}政府信息公开工作年度报告\n发布日期：{n}年01月20日 来源：{a}",
    "signature_date": "{a}政府信息公开工作年度报告",
}


@pytest.mark.parametrize("how", list(YEAR_HEADS))
@pytest.mark.parametrize("template", ["2019", "2021"])
def test_year_from_period_or_date(how, template):
    agency, year = "青禾市统计局", 2020 if template == "2019" else 2023
    expected = distinct_report(template, seed=12, agency=agency, year=year)
    body = _strip_head_and_tail(write("spaces", expected, seed=4))
    tail = _sig(agency, year) if how == "signature_date" else ""
    report = parse_text(YEAR_HEADS[how].format(a=agency, y=year, n=year + 1) + "\n" + body + tail)
    assert (report.agency, report.year, report.template) == (agency, year, template)
    assert tables_of(report) == tables_of(expected)
    if how.startswith("portal_date"):
        assert any(f.rule == "F-META" and str(year) in f.message for f in run(report))


# --------------------------------------------------------------------------------------
# what is never a name

NOT_NAMES = [
    "根据《中华人民共和国政府信息公开条例》要求编制了2023年政府信息公开工作年度报告",
    "现将本机关2023年政府信息公开工作年度报告公布如下",
    "按照上级要求2023年政府信息公开工作年度报告",
    '=HYPERLINK("http://x.invalid/a","点击查看")2023年政府信息公开工作年度报告',
    "<b>青禾市审计局</b>2023年政府信息公开工作年度报告",
    "青禾市审计局=SUM(A1)2023年政府信息公开工作年度报告",
    "关于印发青禾市云岭区望湖街道办事处与青禾市云岭区鹿鸣街道办事处联合编制的2023年政府信息公开工作年度报告",
    "本单位2023年政府信息公开工作年度报告",
    "青禾省青禾市云岭区望湖街道办事处与青禾省青禾市云岭区鹿鸣街道办事处联合工作领导小组办公室2023年政府信息公开工作年度报告",
    # a portal's fields or date run into the title line are no part of a name
    "发布机构青禾市审计局发文日期2024-01-25标题青禾镇2023年政府信息公开工作年度报告",
    "2024-01-25青禾市审计局2023年政府信息公开工作年度报告",
    "首页 > 政务公开 > 本单位2023年政府信息公开工作年度报告",
]


@pytest.mark.parametrize("title", NOT_NAMES)
def test_a_clause_formula_or_markup_is_never_a_name(title):
    expected = distinct_report("2021", seed=13, year=2023)
    body = _strip_head_and_tail(write("tab_exact", expected, seed=5))
    report = parse_text(title + "\n" + body)
    assert report.agency is None, report.agency
    assert report.year == 2023
    assert any(f.rule == "F-META" and "机关名称" in f.message for f in run(report))


@pytest.mark.parametrize("printed,simple", [
    ("青禾市雲嶺區人民政府辦公室", "青禾市云岭区人民政府办公室"),
    ("青禾縣衛生健康委員會", "青禾县卫生健康委员会"),
    ("青禾市經濟技術開發區管理委員會", "青禾市经济技术开发区管理委员会"),
])
@pytest.mark.parametrize("head", ["title", "portal_source", "preface_by", "signature"])
def test_traditional_characters_give_the_simplified_name(printed, simple, head):
    expected = distinct_report("2021", seed=14, year=2023)
    body = _strip_head_and_tail(write("tab_exact", expected, seed=6))
    before, after = HEADS[head](printed, 2023)
    report = parse_text(_variant_text(before, body, after))
    assert (report.agency, report.year) == (_expected_agency(head, simple), 2023)


# --------------------------------------------------------------------------------------
# web pages: the page head's meta tags and <title>, the portal's field block

def _html(report, head: str = "", info: str = "", keep_h1: bool = True) -> bytes:
    from zfxxgk.render import render

    page = render(report, "html")
    page = re.sub(r"<title>.*?</title>", head, page, count=1, flags=re.S)
    if not keep_h1:  # neither the title nor the signature names the body
        page = re.sub(r"<h1[^>]*>.*?</h1>", "", page, count=1, flags=re.S)
        page = re.sub(r"<p class=\"signature\">.*?</p>", "", page, flags=re.S)
    assert report.agency not in re.sub(r"<head>.*?</head>", "", page, flags=re.S)
    if info:
        page = page.replace("<body>", f"<body><div class='info'>{info}</div>", 1)
    return page.encode("utf-8")


HTML_HEADS = {
    "title_site_suffix": ("<title>{t}_青禾市人民政府</title>", ""),
    "title_site_prefix": ("<title>青禾市人民政府_{t}</title>", ""),
    "title_portal_dash": ("<title>{t} - 政府信息公开</title>", ""),
    "title_pipe": ("<title>{t} | 青禾市人民政府门户网站</title>", ""),
    "article_title": ("<meta name='ArticleTitle' content='{t}'><title>青禾市人民政府</title>", ""),
    "content_source": ("<title>{y}年政府信息公开工作年度报告 - 政府信息公开</title>"
                       "<meta name='ContentSource' content='{a}'>", ""),
    "author": ("<title>{y}年政府信息公开工作年度报告</title><meta name='Author' content='{a}'>", ""),
    "author_person": ("<title>{t}</title><meta name='Author' content='张三'>", ""),
    "portal_block": ("<title>青禾市人民政府</title>",
                     "<span>索引号：113208/{n}-00012</span><span>发布机构：{a}</span>"
                     "<span>发布时间：{n}-01-20</span>"),
    "portal_table": ("<title>青禾市人民政府</title>",
                     "<table><tr><td>索引号：</td><td>113208/{n}-00012</td><td>发布机构：</td><td>{a}</td></tr>"
                     "<tr><td>发布日期：</td><td>{n}-01-20</td><td>文号：</td><td></td></tr></table>"),
    "portal_table_no_colon": ("<title>青禾市人民政府</title>",
                              "<table><tr><td>索引号</td><td>113208/{n}-00012</td><td>发布机构</td><td>{a}</td></tr>"
                              "<tr><td>发布日期</td><td>{n}-01-20</td><td>文号</td><td></td></tr></table>"),
    "portal_block_only_date": ("<title>{a}政府信息公开工作年度报告_青禾市人民政府</title>",
                               "<span>发布日期：{n}-01-20</span><span>浏览次数：12</span>"),
}


@pytest.mark.parametrize("how", list(HTML_HEADS))
@pytest.mark.parametrize("agency", ["青禾市云岭区望湖街道办事处", "青禾省人民政府办公厅",
                                    "青禾高新技术产业开发区管委会"])
def test_web_page_head_and_portal_fields(how, agency):
    year = 2023
    expected = distinct_report("2021", seed=15, agency=agency, year=year)
    head, info = HTML_HEADS[how]
    fmt = {"t": TITLE.format(a=agency, y=year), "a": agency, "y": year, "n": year + 1}
    page = _html(expected, head.format(**fmt), info.format(**fmt), keep_h1=False)
    report = parse_document(load_html(page, source="page.html"))
    assert (report.agency, report.year, report.template) == (agency, year, "2021")
    assert tables_of(report) == tables_of(expected)


def _docx(report, title: str | None, preface: str | None, signature: bool) -> bytes:
    """The project's DOCX of `report` with its title, preface and signature rewritten."""
    import io

    import docx

    from zfxxgk.render import render

    doc = docx.Document(io.BytesIO(render(report, "docx")))
    paragraphs = doc.paragraphs
    for p, text in ((paragraphs[0], title), (paragraphs[1], preface)):
        if text is None:
            p._element.getparent().remove(p._element)
        else:
            for run_ in p.runs[1:]:
                run_._element.getparent().remove(run_._element)
            p.runs[0].text = text
    if not signature:
        for p in paragraphs[-2:]:
            p._element.getparent().remove(p._element)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


DOCX_HEADS = {
    "label": lambda a, y: ("【标题】" + TITLE.format(a=a, y=y), None, False),
    "cn_year": lambda a, y: (f"{a}{_cn_year(y)}年政府信息公开工作年度报告", None, False),
    "preface": lambda a, y: (f"{y}年政府信息公开工作年度报告", f"本报告由{a}根据《条例》要求编制。", False),
    "signature": lambda a, y: (f"{y}年政府信息公开工作年度报告", None, True),
    "period_only": lambda a, y: (f"{a}政府信息公开工作年度报告",
                                 f"本报告统计期限为{y}年1月1日至{y}年12月31日。", False),
}


@pytest.mark.parametrize("how", list(DOCX_HEADS))
@pytest.mark.parametrize("agency", ["青禾省人民政府办公厅", "鹿鸣旗巴彦塔拉苏木"])
def test_word_files_reheaded(how, agency):
    from zfxxgk.ingest.docx import load_docx

    expected = distinct_report("2021", seed=21, agency=agency, year=2023)
    data = _docx(expected, *DOCX_HEADS[how](agency, 2023))
    report = parse_document(load_docx(data, source="r.docx"))
    assert (report.agency, report.year, report.template) == (agency, 2023, "2021")
    assert tables_of(report) == tables_of(expected)


def test_docx_without_title_signature_names_the_body():
    from zfxxgk.ingest.docx import load_docx
    from zfxxgk.render import render

    expected = distinct_report("2021", seed=16, agency="青禾市云岭新区管理委员会", year=2023)
    report = parse_document(load_docx(render(expected, "docx"), source="r.docx"))
    assert (report.agency, report.year, report.template) == ("青禾市云岭新区管理委员会", 2023, "2021")
    assert tables_of(report) == tables_of(expected)


def _with_properties(data: bytes, title: str = "", author: str = "", company: str = "",
                     subject: str = "") -> bytes:
    """The DOCX with its file properties (core.xml 标题/主题/作者, app.xml 单位) set."""
    import io
    import zipfile
    from xml.sax.saxutils import escape

    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{escape(title)}</dc:title><dc:subject>{escape(subject)}</dc:subject>"
            f"<dc:creator>{escape(author)}</dc:creator></cp:coreProperties>")
    app = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           f"<Company>{escape(company)}</Company></Properties>")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            if item.filename not in ("docProps/core.xml", "docProps/app.xml"):
                dst.writestr(item, src.read(item.filename))
        dst.writestr("docProps/core.xml", core)
        dst.writestr("docProps/app.xml", app)
    return out.getvalue()


PROPERTY_CASES = {
    # (body title, preface, properties) -> the property that must stand in, or None
    "title_property": (lambda a, y: ("政府信息公开工作年度报告", None, {"title": TITLE.format(a=a, y=y)}),
                       ("agency", "year")),
    "company": (lambda a, y: (f"{y}年政府信息公开工作年度报告", None, {"company": a, "author": "Administrator"}),
                ("agency",)),
    "author": (lambda a, y: (f"{y}年政府信息公开工作年度报告", None, {"author": a, "company": "微软中国"}),
               ("agency",)),
    "text_wins": (lambda a, y: (TITLE.format(a=a, y=y), None,
                                {"title": TITLE.format(a="青禾市另一局", y=y - 3), "company": "青禾市另一局"}), ()),
    "preface_wins": (lambda a, y: (f"{y}年政府信息公开工作年度报告", f"本报告由{a}根据《条例》要求编制。",
                                   {"company": "青禾市另一局"}), ()),
}


@pytest.mark.parametrize("how", list(PROPERTY_CASES))
@pytest.mark.parametrize("agency", ["青禾市云岭区住房和城乡建设局", "青禾县审计局（县统计局）"])
def test_word_file_properties_are_a_late_source_said_in_a_note(how, agency):
    from zfxxgk.ingest.docx import load_docx

    make, used = PROPERTY_CASES[how]
    title, preface, props = make(agency, 2023)
    expected = distinct_report("2021", seed=22, agency=agency, year=2023)
    data = _with_properties(_docx(expected, title, preface, False), **props)
    report = parse_document(load_docx(data, source="报告.docx"))
    assert (report.agency, report.year, report.template) == (agency, 2023, "2021")
    assert tables_of(report) == tables_of(expected)
    noted = [f.message for f in run(report) if f.rule == "F-META" and "Word 文件属性" in f.message]
    assert len(noted) == len(used), noted
    if "agency" in used:
        assert any(f"机关名称取自 Word 文件属性" in m and agency in m for m in noted)


@pytest.mark.parametrize("props", [{"company": "深度技术社区"}, {"author": "张三"}, {"company": "雨林木风"},
                                   {"title": "Microsoft Word - 年报.docx"}, {"author": "Administrator"}])
def test_a_computers_owner_in_the_properties_is_no_name(props):
    from zfxxgk.ingest.docx import load_docx

    expected = distinct_report("2021", seed=23, year=2023)
    data = _with_properties(_docx(expected, "2023年政府信息公开工作年度报告", None, False), **props)
    report = parse_document(load_docx(data, source="report.docx"))
    assert report.agency is None, report.agency
    assert any(f.rule == "F-META" and "机关名称" in f.message for f in run(report))


def test_html_pubdate_gives_the_year_with_a_note():
    """The standard page metadata's PubDate is the portal's date: the year before it
    when nothing else states the year, said in F-META."""
    expected = distinct_report("2021", seed=24, agency="青禾市审计局", year=2023)
    page = _html(expected, "<title>青禾市审计局政府信息公开工作年度报告</title>"
                           "<meta name='PubDate' content='2024-01-20 09:30'>", keep_h1=False)
    page = re.sub(rb"\d{4}\s*\xe5\xb9\xb4", b"", page)  # no year in the text (年 after digits)
    doc = load_html(page, source="p.html")
    assert doc.meta["portal_date"] == "2024-01-20"
    report = parse_document(doc)
    assert (report.agency, report.year) == ("青禾市审计局", 2023)
    assert any(f.rule == "F-META" and "2024-01-20" in f.message for f in run(report))


@pytest.mark.parametrize("props, taken", [
    ({"title": "Microsoft Word - 青禾市另一局2022年政府信息公开工作年度报告.docx"}, None),
    ({"title": "根据《条例》规定，现将青禾市另一局2022年政府信息公开工作年度报告公布如下"}, None),
    ({"title": "Microsoft Word - 文档1.docx", "subject": TITLE.format(a="青禾市另一局", y=2022)},
     ("青禾市另一局", 2022)),
])
def test_a_producers_title_or_a_clause_is_no_title_the_subject_may_be(props, taken):
    """Neither name nor year from a title the producer made of a file name or from a
    sentence; Word's 主题 (subject) stands in when it reads as a title."""
    from zfxxgk.ingest.docx import load_docx

    expected = distinct_report("2021", seed=24, year=2023)
    data = _with_properties(_docx(expected, "政府信息公开工作年度报告", None, False), **props)
    report = parse_document(load_docx(data, source="report.docx"))
    assert (report.agency, report.year) == (taken or (None, None))
    noted = [f.message for f in run(report) if f.rule == "F-META" and "Word 文件属性“主题”" in f.message]
    assert len(noted) == (2 if taken else 0), noted


def test_portal_field_run_into_the_next_is_cut_and_a_bad_one_never_stands_in():
    """Spans without spaces: ``发布机构：某局发布时间：…``; a 发布机构 that is no name
    is not put in by the loading API either."""
    from zfxxgk.api import report_from_loaded

    expected = distinct_report("2021", seed=17, agency="青禾市审计局", year=2023)
    page = _html(expected, "<title>x</title>", "<span>发布机构：青禾市审计局</span><span>发布时间：2024-01-20</span>",
                 keep_h1=False)
    assert report_from_loaded(load_html(page, source="p.html")).agency == "青禾市审计局"
    page = _html(expected, "<title>x</title>", "<span>发布机构：根据条例要求编制</span>", keep_h1=False)
    report = report_from_loaded(load_html(page, source="p.html"))
    assert report.agency is None
    assert any(f.rule == "F-META" and "机关名称" in f.message for f in run(report))


# --------------------------------------------------------------------------------------
# tables found by what they hold when their part heading is misprinted or missing

def heading_variants(key: str) -> dict[str, str | None]:
    """The ways a part heading is printed wrong; None: no F-LABEL is owed (gone)."""
    official = SECTIONS[key]
    numeral, words = official.split("、", 1)
    mid = len(words) // 2
    return {
        "extra_start": f"{numeral}、{words[:2]}{words[1]}{words[2:]}",
        "extra_mid": f"{numeral}、{words[:mid]}的{words[mid:]}",
        "extra_end": f"{numeral}、{words}况",
        "missing_start": f"{numeral}、{words[1:]}",
        "missing_mid": f"{numeral}、{words[:mid]}{words[mid + 1:]}",
        "missing_end": f"{numeral}、{words[:-1]}",
        "no_numeral": words,
        "part": f"第{numeral}部分 {words}",
        "part_colon": f"第{numeral}部分：{words}",
        "bracketed": f"（{numeral}）{words}",
        "dotted": f"{numeral}．{words}",
        "spaced": f"{numeral} 、 {words}",
        "missing": "",
    }


HEADING_CASES = [(key, how) for key in ("2", "3", "4") for how in heading_variants(key)] + \
    [(key, how) for key in ("1", "5", "6") for how in ("extra_mid", "no_numeral", "part", "missing")]
TABLE_OF = {"2": "active", "3": "applications", "4": "review_litigation"}


@pytest.mark.parametrize("layout", ["tab_exact", "spaces", "pdf_text", "markdown", "cell_per_line",
                                    "tab_residue"])
@pytest.mark.parametrize("key,how", HEADING_CASES)
def test_table_found_when_its_part_heading_is_misprinted(key, how, layout):
    expected = distinct_report("2021", seed=18, year=2023)
    text = write(layout, expected, seed=7)
    official = SECTIONS[key]
    printed = heading_variants(key)[how]
    at = [ln for ln in text.split("\n") if ln.strip().lstrip("#* ").startswith(official)]
    assert at, official
    text = text.replace(at[0], at[0].replace(official, printed), 1)
    report = parse_text(text)
    assert (report.agency, report.year, report.template) == (expected.agency, 2023, "2021")
    assert wrong_cells(report, tables_of(expected)) == []
    assert tables_of(report) == tables_of(expected)
    if how not in ("missing", "dotted", "spaced"):  # the wording or numbering differs
        labels = [f for f in run(report) if f.rule == "F-LABEL" and official in f.message]
        assert labels, printed


@pytest.mark.parametrize("name", _sample_names())
@pytest.mark.parametrize("key,how", [(k, h) for k, h in HEADING_CASES
                                     if h in ("extra_mid", "missing_start", "no_numeral", "part",
                                              "bracketed", "missing")])
def test_shared_samples_with_a_misprinted_part_heading(name, key, how):
    body, expected = _sample(name)
    official = SECTIONS[key]
    lines = body.split("\n")
    at = next(i for i, ln in enumerate(lines) if ln.strip().startswith(official))
    lines[at] = lines[at].replace(official, heading_variants(key)[how])
    head, tail = HEADS["title"](expected["agency"], expected["year"])
    report = parse_text(_variant_text(head, "\n".join(lines), tail))
    assert (report.agency, report.year, report.template) == \
        (expected["agency"], expected["year"], expected["template"])
    assert wrong_cells(report, expected) == []
    full = parse_text(_variant_text(head, body, tail))
    assert tables_of(report) == tables_of(full)
    if how != "missing":
        assert [f for f in run(report) if f.rule == "F-LABEL" and official in f.message]


# --------------------------------------------------------------------------------------
# random names, heads and bodies together

UNUSUAL_BODIES = ["人民政府办公厅", "自然资源部", "税务总局", "发展和改革委员会", "经济技术开发区管理委员会",
                  "高新区管委会", "综合实验区", "新区", "高新区", "望湖街道办事处", "巴彦塔拉苏木",
                  "国营青山林场", "人民政府", "交通运输局", "生态环境局"]
names = st.builds(lambda c, d, b: c + d + b, st.sampled_from(["青禾省", "青禾市", "云岭市", "白沙湾市"]),
                  st.sampled_from(["", "云岭区", "鹿鸣旗", "青杉县"]), st.sampled_from(UNUSUAL_BODIES))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agency=names, head=st.sampled_from(sorted(HEADS)), template=st.sampled_from(["2019", "2021"]),
       layout=st.sampled_from(["tab_exact", "spaces", "pdf_text", "markdown"]),
       headings=st.lists(st.sampled_from(HEADING_CASES), max_size=3, unique_by=lambda h: h[0]),
       seed=st.integers(0, 10**6))
def test_random_heads_and_headings_keep_meta_andtables_of(agency, head, template, layout, headings, seed):
    year = 2020 if template == "2019" else 2024
    expected = distinct_report(template, seed=seed % 50, agency=agency, year=year)
    body = _strip_head_and_tail(write(layout, expected, seed=seed))
    for key, how in headings:
        body = body.replace(SECTIONS[key], heading_variants(key)[how], 1)
    before, after = HEADS[head](agency, year)
    report = parse_text(_variant_text(before, body, after))
    assert (report.agency, report.year, report.template) == \
        (_expected_agency(head, agency), year, template)
    assert wrong_cells(report, tables_of(expected)) == []


@pytest.mark.parametrize("layout", ["tab_exact", "spaces", "pdf_text", "markdown", "cell_per_line",
                                    "tab_residue"])
@pytest.mark.parametrize("template", ["2019", "2021"])
def test_template_from_the_table_labels_without_any_heading_or_title(template, layout):

    assert_read_without_headings(template, layout, seed=19, text_seed=8)


@pytest.mark.parametrize("line", ["首页", "当前位置：首页 > 政务公开 > 年报", "来源：", "字号：大 中 小"])
def test_a_portal_line_before_a_nameless_title_is_no_name(line):
    expected = distinct_report("2021", seed=20, year=2023)
    body = _strip_head_and_tail(write("tab_exact", expected, seed=9))
    report = parse_text(f"{line}\n2023年度\n政府信息公开工作年度报告\n{body}")
    assert (report.agency, report.year) == (None, 2023)
