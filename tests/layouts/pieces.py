"""Label knobs (`Style`), the report's tables as printable pieces, and the frame of a
report text (title, preface, prose of the six parts, signature)."""

from __future__ import annotations

import random
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Callable

from zfxxgk.model import Report
from zfxxgk.standard import SECTIONS, Row, application_rows, get_template
from zfxxgk.standard.common import T3_HEADER_NOTE

# --------------------------------------------------------------------------------------
# label knobs

_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_ASCII_BRACKETS = str.maketrans({"（": "(", "）": ")"})
_ASCII_PUNCT = str.maketrans({"，": ",", "：": ":", "“": '"', "”": '"'})


@dataclass(frozen=True)
class Style:
    """How labels and numbers are printed (standard.md §6.1)."""

    ascii_brackets: bool = False  # (一) instead of （一）
    ascii_punct: bool = False  # , : " instead of ，：“”
    marker: str = "."  # 1. | 1、 | 1．
    marker_space: bool = False  # "1. 属于国家秘密"
    label_spaces: bool = False  # "不予 公开", "结果 维持"
    fullwidth_digits: bool = False  # values printed as １２３
    variants: bool = False  # known label variants (synonyms) now and then
    blank: str = ""  # how a blank cell prints: empty, or a mark ("—", "/"); never drawn

    @classmethod
    def draw(cls, rng: random.Random) -> "Style":
        return cls(
            ascii_brackets=rng.random() < 0.4,
            ascii_punct=rng.random() < 0.25,
            marker=rng.choice([".", ".", "、", "．"]),
            marker_space=rng.random() < 0.3,
            label_spaces=rng.random() < 0.3,
            fullwidth_digits=rng.random() < 0.15,
            variants=rng.random() < 0.3,
        )

    @classmethod
    def plain(cls) -> "Style":
        return cls()

    def with_(self, **kw) -> "Style":
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(kw)
        return Style(**values)

    # --- printing helpers

    def text(self, s: str) -> str:
        if self.ascii_brackets:
            s = s.translate(_ASCII_BRACKETS)
        if self.ascii_punct:
            s = s.translate(_ASCII_PUNCT)
        return s

    def spaced(self, s: str, rng: random.Random, p: float = 0.35) -> str:
        """Now and then a space inside a label, as PDF and Word exports leave them."""
        if self.label_spaces and len(s) >= 4 and rng.random() < p:
            i = rng.randrange(2, len(s) - 1)
            return s[:i] + " " + s[i:]
        return s

    def marker_of(self, marker: str) -> str:
        if not marker:
            return ""
        if marker[0].isdigit():
            return marker[:-1] + self.marker + (" " if self.marker_space else "")
        if marker.startswith("（"):
            return self.text(marker) + (" " if self.ascii_brackets and self.marker_space else "")
        return marker  # 一、

    def num(self, value) -> str:
        if value is None:
            return self.blank
        text = format(value, "f") if isinstance(value, Decimal) else str(value)
        return text.translate(_FULLWIDTH) if self.fullwidth_digits else text


def row_label(row: Row, style: Style, rng: random.Random, spaces: bool = True) -> str:
    core = row.core
    if style.variants and row.synonyms and rng.random() < 0.5:
        core = rng.choice(row.synonyms)
    core = style.text(core)
    if spaces:
        core = style.spaced(core, rng)
    return style.marker_of(row.marker) + core


def column_label(column, style: Style, rng: random.Random, spaces: bool = True) -> str:
    label = column.label
    if style.variants and column.synonyms and rng.random() < 0.5:
        label = rng.choice(column.synonyms)
    label = style.text(label)
    return style.spaced(label, rng) if spaces else label


def group_label(label: str, style: Style, rng: random.Random) -> str:
    return style.spaced(style.text(label), rng)


# --------------------------------------------------------------------------------------
# the report's tables as printable pieces


@dataclass
class T2Group:
    caption: str  # 第二十条第（一）项
    headers: list[str]  # column labels of this sub-table
    rows: list[tuple[str, list[str]]]  # (label, printed values)


@dataclass
class T3Row:
    code: str
    label: str
    values: list[str]
    raw: list  # the cell values (int/Decimal/None)
    group: str  # group code ("" for 一、二、四、 rows)
    group_start: str | None  # printed group label when this row opens a sub-group


def t2_groups(report: Report, style: Style, rng: random.Random) -> list[T2Group]:
    table = get_template(report.template).active
    out: list[T2Group] = []
    for group in table.groups:
        rows = [r for r in table.rows if r.group == group.code]
        cols = table.row_columns(rows[0])
        headers = [column_label(c, style, rng) for c in cols]
        printed = []
        for r in rows:
            cells = report.active.get(r.code, {})
            printed.append((row_label(r, style, rng),
                            [style.num(cells.get(c.code)) for c in table.row_columns(r)]))
        out.append(T2Group(style.text(group.label), headers, printed))
    return out


def t3_rows(report: Report, style: Style, rng: random.Random) -> list[T3Row]:
    template = get_template(report.template)
    table = template.applications
    rows = application_rows(template, set(report.applications) or None)
    labels = {g.code: g.label for g in table.groups}
    seen: set[str] = set()
    out: list[T3Row] = []
    single = "other" in report.applications  # a 2021 table printing （六） as one row
    for r in rows:
        cells = report.applications.get(r.code, {})
        raw = [cells.get(c.code) for c in table.columns]
        if single and r.code.startswith("other.") and all(v is None for v in raw):
            continue  # the sub-rows it does not print
        start = None
        if r.group and r.group not in seen:
            seen.add(r.group)
            start = group_label(labels[r.group], style, rng)
        out.append(T3Row(r.code, row_label(r, style, rng), [style.num(v) for v in raw], raw,
                         r.group, start))
    return out


def t4_values(report: Report) -> list:
    table = get_template(report.template).review_litigation
    return [report.review_litigation.get(r.code, {}).get(c.code)
            for r in table.rows for c in table.columns]


def t3_header_cells(style: Style, rng: random.Random) -> list[str]:
    table = get_template("2021").applications
    return [style.spaced(style.text(c.label), rng) for c in table.columns]


def t4_leaf_labels(style: Style, rng: random.Random) -> list[str]:
    table = get_template("2021").review_litigation
    return [style.spaced(c.label, rng) for _ in table.rows for c in table.columns]


def note(style: Style) -> str:
    return style.text(T3_HEADER_NOTE)


# --------------------------------------------------------------------------------------
# the frame: title, preface, prose of the six parts, signature

_PLATFORMS = ["政府门户网站", "政务新媒体", "政务公开专栏", "便民服务中心公开栏"]


def _short(agency: str) -> str:
    """How the body names itself in its prose: 望湖街道办事处 -> 望湖街道, 青禾市人民政府 -> 青禾市."""
    for suffix in ("办事处", "人民政府"):
        if agency.endswith(suffix) and len(agency) > len(suffix) + 2:
            return agency[: -len(suffix)]
    return agency


def _total(report: Report, row: str) -> int | None:
    return report.applications.get(row, {}).get("total")


def prose(report: Report, rng: random.Random) -> dict[str, list[str]]:
    """Paragraphs of the six parts (and the preface under key "0"), the report's
    own `sections` text taking precedence where given."""
    year, agency, short = report.year, report.agency or "", _short(report.agency or "")
    received, carried = _total(report, "received"), _total(report, "carried_in")
    if received is None:
        intake = "全年依法受理政府信息公开申请，均在法定期限内作出答复。"
    elif received == 0 and not carried:
        intake = f"{year}年，{short}未收到政府信息公开申请。"
    else:
        intake = (f"{year}年，{short}新收政府信息公开申请{received}件"
                  + (f"，上年结转{carried}件" if carried else "")
                  + "，均按照法定程序和时限办理。")
    platform = rng.choice(_PLATFORMS)
    paras = {
        "0": [f"本报告由{agency}根据《中华人民共和国政府信息公开条例》要求编制，"
              f"统计期限自{year}年1月1日起至{year}年12月31日止。"
              f"本报告在{platform}“政府信息公开年报”栏目发布，如有疑问请与{short}党政办公室联系。"],
        "1": [rng.choice([
                  f"{year}年，{short}坚持以公开为常态、不公开为例外，稳步推进政务公开各项工作。",
                  f"{year}年，{short}围绕中心工作，把政府信息公开作为转变作风、服务群众的重要抓手。",
              ]),
              f"（一）主动公开。依托{platform}及时发布机构职能、政策文件、财政预决算等信息。",
              f"（二）依申请公开。{intake}",
              "（三）政府信息管理。落实信息发布审核制度，定期清理过时信息，规范文件登记和归档。",
              "（四）政府信息公开平台建设。完善栏目设置，及时更新内容，提升平台的易用性。",
              "（五）监督保障。将政务公开纳入年度考核，组织业务培训，接受群众监督。"],
        "2": [rng.choice(["本年度主动公开政府信息情况如下表。", "主动公开政府信息情况统计如下。"])],
        "3": [rng.choice(["本年度收到和处理政府信息公开申请情况如下表。",
                          "依申请公开办理情况统计如下。"])],
        "4": [rng.choice(["本年度政府信息公开行政复议、行政诉讼情况如下表。",
                          "行政复议、行政诉讼情况统计如下。"])],
        "5": [rng.choice(["存在的问题：公开内容的深度和解读的针对性还有差距，基层工作人员业务能力有待提升。",
                          "工作中仍有不足：部分信息更新不够及时，政策解读形式较为单一。"]),
              rng.choice(["改进措施：加强业务培训，细化公开目录，提高解读质量。",
                          "下一步将健全审核机制，丰富解读形式，强化督促检查。"])],
        "6": [rng.choice(["本年度未收取政府信息公开信息处理费。",
                          "依照《政府信息公开信息处理费管理办法》，本年度未发生信息处理费。",
                          "无其他需要报告的事项。"])],
    }
    for key, text in (report.sections or {}).items():
        paras[key] = [p for p in text.split("\n") if p.strip()]
    return paras


def signature(report: Report) -> list[str]:
    lines = [report.agency or ""]
    if report.published_on:
        d: date = report.published_on
        lines.append(f"{d.year}年{d.month}月{d.day}日")
    return lines


def document(report: Report, rng: random.Random, tables: dict[str, list[str]], *,
             blank_lines: bool, heading: Callable[[str], str] = lambda s: s,
             title: list[str] | None = None) -> str:
    """Join title, preface, parts with their tables, and signature into one text."""
    paras = prose(report, rng)
    title = title or [heading(f"{report.agency}{report.year}年政府信息公开工作年度报告")]
    blocks: list[list[str]] = [title] + [[p] for p in paras["0"]]
    for key in "123456":
        blocks.append([heading(SECTIONS[key])])
        blocks += [[p] for p in paras[key]]
        if key in tables:
            blocks.append(tables[key])  # a table stays one block: no blank lines inside
    blocks.append(signature(report))
    lines: list[str] = []
    for block in blocks:
        lines += block + ([""] if blank_lines else [])
    return "\n".join(lines).rstrip("\n") + "\n"
