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
from datetime import date

import pytest

from layouts import write
from samples import load_expected, samples_dir, SAMPLES
from strategies import distinct_report
from zfxxgk.check import run
from zfxxgk.ingest.document import Document
from zfxxgk.ingest.html import load_html
from zfxxgk.parse import parse_document, parse_text
from zfxxgk.standard import SECTIONS

TABLES = ("active", "applications", "review_litigation")
TITLE = "{a}{y}年政府信息公开工作年度报告"
PREFACE_LAW = "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求"


# --------------------------------------------------------------------------------------
# the bodies: shared samples and project-written reports, header and signature removed

def _sample_names() -> list[str]:
    return [f"{k}/{p.stem}" for k in ("seeds", "real")
            for p in sorted((SAMPLES / f"{k}-expected").glob("*.json"))] or ["missing"]


def _strip_head_and_tail(text: str) -> str:
    """The report from its first part heading on, without the signature."""
    lines = text.split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.strip().startswith("一、总体情况"))
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


def _cells(report) -> dict:
    return {t: getattr(report, t) for t in TABLES}


def wrong_cells(parsed, expected: dict) -> list[str]:
    out = []
    for table in TABLES:
        for row, cols in (getattr(parsed, table) or {}).items():
            for col, value in cols.items():
                want = expected[table].get(row, {}).get(col)
                if value is not None and value != want:
                    out.append(f"{table}.{row}.{col}={value} (want {want})")
    return out


# --------------------------------------------------------------------------------------
# headers: each a function (agency, year) -> (text before the body, text after it)

def _sig(a: str, y: int) -> str:
    return f"\n{a}\n{y + 1}年1月20日\n"


HEADS = {
    "title": lambda a, y: (TITLE.format(a=a, y=y), ""),
    "title_two_lines": lambda a, y: (f"{a}\n{y} 年政府信息公开工作年度报告", ""),
    "title_about": lambda a, y: (f"{a}关于{y}年度政府信息公开工作的年度报告", ""),
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
    "signature": lambda a, y: (f"{y}年政府信息公开工作年度报告", _sig(a, y)),
    "signature_seal": lambda a, y: (f"{y}年政府信息公开工作年度报告", f"\n{a}（盖章）\n{y + 1}年1月20日\n"),
    "signature_cn_date": lambda a, y: (f"{y}年政府信息公开工作年度报告",
                                       f"\n{a}\n{_cn_year(y + 1)}年一月二十日\n"),
    "signature_spaced_date": lambda a, y: (f"{y}年政府信息公开工作年度报告", f"\n{a}\n{y + 1} 年 1 月 20 日\n- 5 -\n"),
    "signature_no_title": lambda a, y: ("", _sig(a, y)),
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
    assert _cells(report) == _cells(expected)


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
