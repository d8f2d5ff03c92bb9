"""How often the parser reads a report's agency, year or format wrong (or not at
all) from heads and tails printed in ways our writers and samples do not print.

tests/parse/test_meta_variants.py covers the usual places a report states who it
is (title, portal fields, preface, signature). Scraped reports add more: titles
wrapped mid-word, years in odd numerals (二O二三, 二0二三, 二零二三), the publication
date printed under a title without a year, the portal's chrome before the title
and after the signature (breadcrumbs, 字号, 打印本页, share bars, footers naming the
site's owner, link lists of other years' reports), and bodies whose names end in
words our suffix list lacks (海关, 馆, 供销合作社, 工业园区, 统一战线工作部).

Each shape is applied to project-written reports (strategies.distinct_report
written by tests/layouts, head and signature replaced; `html_portal_page`: the
project's web page set inside a portal's page) and parsed; the probe counts,
by shape: agency wrong (another name) or lost (null), year wrong or lost, format
wrong, and cells read wrong or lost. Wrong is worse than lost.
Run: `PYTHONPATH=src python3 bench/meta_probe.py [-v] [--only SHAPE]`.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests")]
sys.path.append(str(ROOT / "src"))  # after PYTHONPATH: another checkout may be probed

from exact_cells import filled_cells, tables_of, wrong_cells  # noqa: E402
from layouts import write  # noqa: E402
from strategies import distinct_report  # noqa: E402
from zfxxgk.ingest.html import load_html  # noqa: E402
from zfxxgk.parse import parse_document, parse_text  # noqa: E402
from zfxxgk.parse.meta import region_of  # noqa: E402
from zfxxgk.render import render  # noqa: E402

T = "{a}{y}年政府信息公开工作年度报告"
SITE = "青禾市云岭区人民政府"  # the portal's owner: never the report's agency
CHROME_TOP = (f"{SITE}\n首页 | 政务公开 | 政务服务 | 互动交流\n"
              "当前位置：首页 > 政务公开 > 政府信息公开年报 > 正文\n")
CHROME_TOOLS = "字号：大 中 小 打印本页 关闭窗口\n分享到：微信 微博 QQ空间\n"
FOOTER = ("【打印本页】【关闭窗口】\n主办单位：青禾市云岭区人民政府办公室 承办单位：青禾市云岭区大数据中心\n"
          "网站标识码：3208000001 苏ICP备05001234号-1 苏公网安备32080202000123号\n"
          "地址：青禾市云岭区望湖路1号 联系电话：0517-12345678\n")


def _cn(y: int, zero: str = "〇") -> str:
    return "".join(("〇一二三四五六七八九"[int(c)] if c != "0" else zero) for c in str(y))


def _sig(a: str, y: int) -> str:
    return f"\n{a}\n{y + 1}年1月20日\n"


def _split_after_area(name: str) -> str:
    """The name broken after its area (青禾市云岭区 / 望湖街道办事处), as a long title wraps."""
    area = region_of(name)
    return f"{area}\n{name[len(area):]}" if area else name


def _short(name: str) -> str:
    """A name as a title under its body's or its area's banner prints it: without
    its area and a street's 办事处 (望湖街道 for 青禾市云岭区望湖街道办事处); the
    whole name where what follows the area is no name by itself (人民政府办公厅)."""
    area = region_of(name)
    rest = name[len(area):] if area else name
    if rest.startswith(("人民政府", "委", "中共")):
        return name
    return rest.removesuffix("办事处")


# shape -> (agency, year) -> (head, tail); the report's agency and year stay (a, y)
SHAPES = {
    "plain": lambda a, y: (T.format(a=a, y=y), _sig(a, y)),
    "cn_year_latin_O": lambda a, y: (f"{a}{_cn(y, 'O')}年政府信息公开工作年度报告", ""),
    "cn_year_lower_o": lambda a, y: (f"{a}{_cn(y, 'o')}年政府信息公开工作年度报告", ""),
    "cn_year_digit_0": lambda a, y: (f"{a}{_cn(y, '0')}年政府信息公开工作年度报告", ""),
    "cn_year_ling": lambda a, y: (f"{a}{_cn(y, '零')}年度政府信息公开工作年度报告", ""),
    "cn_year_omicron": lambda a, y: (f"{a}{_cn(y, 'Ο')}年政府信息公开工作年度报告", ""),
    "cn_year_big_circle": lambda a, y: (f"{a}{_cn(y, '◯')}年政府信息公开工作年度报告", ""),
    "letter_in_digit_year": lambda a, y: (f"{a}{str(y).replace('0', 'O')}年政府信息公开工作年度报告", ""),
    "cn_year_first": lambda a, y: (f"{_cn(y)}年度{a}政府信息公开工作年度报告", ""),
    "wrap_mid_words": lambda a, y: (f"{a}\n{y}年度政府信息\n公开工作年度报告", ""),
    "wrap_after_about": lambda a, y: (f"{a}关于\n{y}年度政府信息公开工作的年度报告", ""),
    "wrap_at_year": lambda a, y: (f"{a}{y}\n年政府信息公开工作年度报告", ""),
    "wrap_last_word": lambda a, y: (f"{a}{y}年政府信息公开工作年度\n报告", ""),
    "title_nianbao_work": lambda a, y: (f"{a}{y}年政府信息公开工作年报", ""),
    "title_no_year_date_under": lambda a, y: (f"{a}政府信息公开工作年度报告\n{y + 1}年1月20日", ""),
    "title_no_year_pubdate_bracket": lambda a, y: (f"{a}政府信息公开工作年度报告\n（{y + 1}年1月20日）", ""),
    "title_no_year_law_year": lambda a, y: (
        f"{a}政府信息公开工作年度报告\n根据2019年修订的《中华人民共和国政府信息公开条例》要求，现公布本报告。", ""),
    "today_line_yearless_title": lambda a, y: (f"{y + 1}年03月25日 星期一 农历二月十六\n{a}政府信息公开工作年度报告",
                                               _sig(a, y)),
    "two_lines_yearless_period": lambda a, y: (f"{a}\n政府信息公开工作年度报告\n（{y}年1月1日—{y}年12月31日）", ""),
    "year_bracket_under_title": lambda a, y: (f"{a}政府信息公开工作年度报告\n（{y}年度）", ""),
    "two_lines_year_bracket_under": lambda a, y: (f"{a}\n政府信息公开工作年度报告\n（{y}年度）", ""),
    "title_then_range": lambda a, y: (f"{a}政府信息公开工作年度报告\n（{y}年1月1日至{y}年12月31日）", ""),
    "chrome_around": lambda a, y: (CHROME_TOP + T.format(a=a, y=y) + "\n发布时间：" f"{y + 1}-01-20 10:21 浏览次数：128\n"
                                   + CHROME_TOOLS, _sig(a, y) + FOOTER),
    "chrome_nameless_title": lambda a, y: (CHROME_TOP + f"{y}年政府信息公开工作年度报告\n" + CHROME_TOOLS,
                                           _sig(a, y) + FOOTER),
    "footer_only_nameless": lambda a, y: (f"{y}年政府信息公开工作年度报告", _sig(a, y) + FOOTER),
    "footer_updated_date": lambda a, y: (f"{a}政府信息公开工作年度报告",
                                         _sig(a, y) + f"主办：{SITE}办公室\n更新日期：{y + 1}年6月3日\n"),
    "related_list_before": lambda a, y: (
        f"年报专栏\n· {a}{y - 1}年政府信息公开工作年度报告 {y}-01-18\n· {a}{y - 2}年政府信息公开工作年度报告 "
        f"{y - 1}-01-21\n{T.format(a=a, y=y)}", ""),
    "related_dated_list": lambda a, y: (
        f"{a}{y - 1}年政府信息公开工作年度报告 [{y}-01-18]\n{a}{y - 2}年政府信息公开工作年度报告 [{y - 1}-01-21]\n"
        f"{T.format(a=a, y=y)}", ""),
    "imprint_after_signature": lambda a, y: (f"{y}年政府信息公开工作年度报告", _sig(a, y) + "（此件公开发布）\n"
                                             f"抄送：市政府办公室，市委宣传部。\n{a}办公室　{y + 1}年1月22日印发\n"),
    "attachment_label": lambda a, y: ("附件1：" + T.format(a=a, y=y), ""),
    "attachment_label_two_lines": lambda a, y: (f"附件：\n{a}\n{y}年政府信息公开工作年度报告", ""),
    "year_line_under_title": lambda a, y: (f"{a}政府信息公开工作年度报告\n（{y}年度）", ""),
    "notice_no_book_marks": lambda a, y: (f"{SITE}办公室\n关于印发{T.format(a=a, y=y)}的通知", ""),
    "body_banner_above_title": lambda a, y: (f"{SITE}\n{T.format(a=a, y=y)}", ""),
    "site_name_above_title": lambda a, y: (f"青禾市政务服务网\n{T.format(a=a, y=y)}", ""),
    "masthead_nameless_title": lambda a, y: (f"{a}文件\n青审〔{y + 1}〕5号\n{y}年政府信息公开工作年度报告", ""),
    "portal_source_site_office": lambda a, y: (f"{y}年政府信息公开工作年度报告\n来源：{SITE}办公室　发布时间：{y + 1}-01-25",
                                               _sig(a, y)),
    "name_split_after_area": lambda a, y: (_split_after_area(a) + T.format(a="", y=y), ""),
    "prev_next_after": lambda a, y: (T.format(a=a, y=y), _sig(a, y) + f"上一篇：{a}{y - 1}年政府信息公开工作年度报告\n"
                                     f"下一篇：{SITE}关于印发某某方案的通知\n"),
    "site_banner_nameless_title": lambda a, y: (f"{SITE}门户网站\n{y}年政府信息公开工作年度报告", _sig(a, y)),
    "township_banner_short_title": lambda a, y: (f"{a}\n{_short(a)}{y}年政府信息公开工作年度报告", _sig(a, y)),
    "own_banner_short_signature": lambda a, y: (f"{a}\n{_short(a)}{y}年政府信息公开工作年度报告",
                                                f"\n{_short(a)}\n{y + 1}年1月20日\n"),
    "county_banner_short_title": lambda a, y: (f"{SITE}\n{_short(a)}{y}年政府信息公开工作年度报告", _sig(a, y)),
    "banner_nameless_title": lambda a, y: (f"{SITE}\n{y}年政府信息公开工作年度报告", _sig(a, y)),
    "bracketed_name_title": lambda a, y: (f"（{a}）{y}年政府信息公开工作年度报告", ""),
    "year_range_title": lambda a, y: (f"{a}{y - 1}—{y}年政府信息公开工作年度报告", ""),
    "year_range_hyphen_nd": lambda a, y: (f"{a}{y - 1}-{y}年度政府信息公开工作年度报告", ""),
    "year_range_period": lambda a, y: (f"{a}{y - 1}—{y}年政府信息公开工作年度报告\n"
                                       f"本报告统计期限为{y}年1月1日至{y}年12月31日。", ""),
    "year_range_nameless": lambda a, y: (f"{y - 1}至{y}年政府信息公开工作年度报告", _sig(a, y)),
    "signature_sealed_on_behalf": lambda a, y: (f"{y}年政府信息公开工作年度报告",
                                                f"\n{a}\n{SITE}办公室（代章）\n{y + 1}年1月20日\n"),
    "title_signature_disagree": lambda a, y: (T.format(a=a, y=y), _sig(a + "办公室" if a.endswith("政府") else a, y)),
}

AGENCIES = ["青禾市云岭区望湖街道办事处", "青禾县白沙镇", "云岭区望湖街道", "青禾市公安局云岭分局",
            "青禾市云岭区卫生健康委员会", "国家青禾局", "青禾省人民政府办公厅", "青禾县人民政府",
            "中共青禾市云岭区委宣传部（青禾市云岭区新闻出版局）", "青禾海关", "青禾市档案馆",
            "青禾市供销合作社联合社", "青禾工业园区", "青禾综合保税区",
            "中共青禾市委统一战线工作部（青禾市民族宗教事务局）", "青禾市老龄工作委员会办公室",
            "中共青禾市委机构编制委员会办公室", "青禾市人民政府金融工作办公室"]
# (template, year, layout) of the bodies
BODIES = [("2021", 2023, "tab_exact"), ("2019", 2020, "spaces"), ("2021", 2024, "pdf_text")]


def _strip_head_and_tail(text: str) -> str:
    """The report from its first part heading on, without the signature."""
    lines = text.split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.strip().lstrip("#* ").startswith("一、总体情况"))
    body = lines[start:]
    while body and (not body[-1].strip() or re.search(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$", body[-1])
                    or body[-1].strip() in AGENCIES):
        body.pop()
    return "\n".join(body)


def _html_page(report, agency: str, year: int) -> str:
    """The project's web page of `report` inside a portal's page: the site's banner, a
    breadcrumb and a list of the body's earlier reports above, tools and footer below."""
    top = (f"<div>{SITE}门户网站</div><div>当前位置：<a>首页</a> &gt; <a>政务公开</a> &gt; 年报</div><ul>"
           + "".join(f"<li><a>{agency}{y}年政府信息公开工作年度报告</a><span>{y + 1}-01-18</span></li>"
                     for y in (year - 1, year - 2)) + "</ul>")
    foot = (f"<div>【打印本页】【关闭窗口】</div><div><p>主办单位：{SITE}办公室</p>"
            "<p>网站标识码：3208000001 苏ICP备05001234号-1</p><p>联系电话：0517-12345678</p></div>")
    page = render(report, "html")
    return page.replace("<body>", "<body>" + top, 1).replace("</body>", foot + "</body>", 1)


def _parse(shape: str, expected, agency: str, year: int, layout: str, seed: int):
    if shape == "html_portal_page":
        page = _html_page(expected, agency, year)
        return parse_document(load_html(page.encode("utf-8"), source="page.html"))
    body = _strip_head_and_tail(write(layout, expected, seed=seed))
    head, tail = SHAPES[shape](agency, year)
    return parse_text(head + "\n\n" + body + tail)


def probe_shape(shape: str, verbose: bool) -> Counter:
    out = Counter()
    for i, (template, year, layout) in enumerate(BODIES):
        for j, agency in enumerate(AGENCIES):
            expected = distinct_report(template, seed=i * 7 + j % 3, agency=agency, year=year)
            report = _parse(shape, expected, agency, year, layout, j)
            out["reports"] += 1
            bad = []
            for key, want in (("agency", agency), ("year", year), ("template", template)):
                got = getattr(report, key)
                if got != want:
                    kind = "lost" if got is None else "wrong"
                    out[f"{key}_{kind}"] += 1
                    bad.append(f"{key}={got!r} (want {want!r})")
            # every signature here names the title's body: a note that it does not is false
            out["note_false"] += any(n.kind == "meta_signature_agency" for n in report.notes)
            wrong = wrong_cells(report, tables_of(expected))
            out["cells_wrong"] += len(wrong)
            out["cells_lost"] += len(filled_cells(expected) - filled_cells(report)) - len(wrong)
            if verbose and (bad or wrong):
                print(f"  {shape} {template}/{layout} {agency}: {'; '.join(bad)} {wrong[:3]}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-v", action="store_true")
    ap.add_argument("--only", default=None)
    args = ap.parse_args()
    total = Counter()
    keys = ("agency_wrong", "agency_lost", "year_wrong", "year_lost", "template_wrong",
            "template_lost", "cells_wrong", "cells_lost", "note_false")
    for shape in ([args.only] if args.only else [*SHAPES, "html_portal_page"]):
        out = probe_shape(shape, args.v)
        total += out
        shown = " ".join(f"{k}={out[k]}" for k in keys if out[k])
        print(f"{shape:32s} n={out['reports']:3d} {shown or 'ok'}")
    print("TOTAL " + " ".join(f"{k}={total[k]}" for k in ("reports",) + keys))
    print("(note_false: signatures of the title's own body said to name another; only this branch notes)")


if __name__ == "__main__":
    main()
