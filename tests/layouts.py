"""Writers that print a `Report` as the full text of an annual report, in the text
layouts the samples show (samples/README.md, standard.md §6.2).

Each writer is `write(report, rng, style=None) -> str`: the title line, a preface,
the six part headings with a little prose, the three tables under parts 二/三/四
and a signature. `rng` (a seeded `random.Random`) picks the variations a layout
shows in the samples, so a text is reproducible from its seed; `style` fixes the
label knobs (brackets, item numbers, spaces inside labels, full-width digits,
known label variants) and is drawn from `rng` when not given.

Every writer prints a text from which the cells can be read back exactly (for
`run_together`, up to the candidates the identities leave open): when a layout's
anomaly would make a row genuinely ambiguous for the given values (an extra
residue cell that could also be read as data), the writer leaves the anomaly out.
"""

from __future__ import annotations

import random
import re
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
            return ""
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
    for r in rows:
        cells = report.applications.get(r.code, {})
        raw = [cells.get(c.code) for c in table.columns]
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
    for suffix in ("办事处", "人民政府", "局", "委员会"):
        if agency.endswith(suffix) and len(agency) > len(suffix) + 2:
            return agency[: -len(suffix)] if suffix != "局" else agency
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


# --------------------------------------------------------------------------------------
# a. tab_residue: seeds 000/002/003/004


def _t3_ok(vals: list) -> bool:
    return vals[6] == sum(vals[:6])


def _t4_ok(vals: list) -> bool:
    return all(vals[i + 4] == sum(vals[i:i + 4]) for i in (0, 5, 10))


def _residue_safe(vals: list, alt: list, ok: Callable[[list], bool]) -> bool:
    """An extra residue cell may be printed when the other reading of the row gives
    the same numbers or breaks the row's identity (so the text stays decidable)."""
    return all(isinstance(v, int) for v in vals) and (alt == vals or not ok(alt))


def tab_residue(report: Report, rng: random.Random, style: Style | None = None, *,
                kind: str | None = None) -> str:
    """`kind` picks the seed the layout follows: "000" (an empty cell before the
    values, 8 values in the last two rows), "003" (no such cell) or "002" (the group
    label broken over two rows, a 16th value in table 四); drawn when not given."""
    style = style or Style.draw(rng)
    kind = kind or rng.choice(["000", "003", "002"])
    tables = {"2": _tab_residue_t2(report, style, rng), "3": _tab_residue_t3(report, style, rng, kind),
              "4": _tab_residue_t4(report, style, rng, kind)}
    return document(report, rng, tables, blank_lines=True)


def _tab_residue_t2(report: Report, style: Style, rng: random.Random) -> list[str]:
    lines: list[str] = []
    groups = t2_groups(report, style, rng)
    n_rows = sum(2 + len(g.rows) for g in groups)
    brk = rng.randrange(3, n_rows) if rng.random() < 0.5 else None
    for g in groups:
        lines.append("\t".join([g.caption, "", "", ""]))
        lines.append("\t".join((["信息内容"] + g.headers + ["", "", ""])[:4]))
        for label, vals in g.rows:
            lines.append("\t".join(([label] + vals + ["", "", ""])[:4]))
    if brk is not None:  # a page break: a blank line, then rows lose their padding
        lines = lines[:brk] + [""] + [line.rstrip("\t") for line in lines[brk:]]
    return lines


def _tab_residue_t3(report: Report, style: Style, rng: random.Random, kind: str) -> list[str]:
    head = t3_header_cells(style, rng)
    lines = [
        "\t".join([note(style), "", style.text("申请人情况"), "", "", "", "", "", head[6], "", ""]),
        "\t".join(["", "", head[0], style.text("法人或其他组织"), "", "", "", "", "", "", ""]),
        "\t".join(["", "", ""] + head[1:6] + ["", "", ""]),
    ]
    rows = t3_rows(report, style, rng)
    gap = "" if kind == "003" else "\t"  # seed 000 has an empty cell before the values
    flush_at = rng.choice([i for i, r in enumerate(rows) if r.group not in ("", "results")]) \
        if rng.random() < 0.5 else None
    for i, r in enumerate(rows):
        vals = "\t".join(r.values)
        if r.code in ("received", "carried_in"):
            line = f"{r.label}\t\t{vals}\t" + ("\t" if kind == "000" else "")
        elif r.code in ("total", "carried_forward"):
            extra = ""
            if kind == "000" and _residue_safe(r.raw, [0] + r.raw[:6], _t3_ok):
                extra = "0\t"  # seed 000: an 8th value in these two rows
            lead = "\t" if kind == "002" else ""
            line = f"{lead}{r.label}\t\t{extra}{vals}\t"
        elif r.code == "granted":
            first = "三、本年度办" if kind == "002" else r.group_start
            line = f"{first}\t{r.label}\t{gap}{vals}" + ("\t" if kind != "002" else "")
        elif r.group == "results":  # （二）部分公开, 2019's （六）其他处理
            line = f"\t{r.label}\t{gap}{vals}" + ("\t" if kind != "002" else "")
        elif r.group_start:
            if kind == "002" and r.group == "withheld":
                g = r.group_start
                merged = g[: g.index("）" if "）" in g else ")") + 1]
                line = f"\t{merged}{r.label}\t{vals}"
            else:
                line = f"\t{r.group_start}\t{r.label}\t{gap}{vals}"
        elif kind == "002" and r.code == "withheld.prohibited_by_law":
            withheld = group_label("不予公开", style.with_(label_spaces=True), rng)
            line = f"理 结 果\t{withheld}\t{r.label}\t{vals}"
        elif r.code == "other.misc" and kind != "002":
            line = f"{r.label}\t\t{vals}\t" + ("\t" if kind == "000" else "")
        else:
            line = f"\t\t{r.label}\t{gap}{vals}"
        if i == flush_at:
            line = f"{r.label}\t\t{vals}\t"
        lines.append(line)
        if kind == "002" and r.code == "withheld.state_secret" or i == flush_at:
            lines.append("")  # page break
    return lines


def _tab_residue_t4(report: Report, style: Style, rng: random.Random, kind: str) -> list[str]:
    leaves = t4_leaf_labels(style, rng)
    vals = t4_values(report)
    lines = [
        "\t".join(["行政复议", "", "", "", "", "行政诉讼"] + [""] * (9 if kind != "002" else 10)),
        "\t".join(leaves[:5] + ["未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""]
                  + ([""] if kind == "002" else [])),
        "\t".join([""] * 5 + leaves[5:]) + ("\t" if kind == "002" else ""),
    ]
    printed = [style.num(v) for v in vals]
    if (kind == "002" or rng.random() < 0.3) and _residue_safe(vals, vals[1:] + [0], _t4_ok):
        printed.append("0")  # seed 002: a 16th value
    lines.append("\t".join(printed))
    return lines


# --------------------------------------------------------------------------------------
# b. tab_exact: label, then one tab-separated cell per column (blanks are empty cells)


def tab_exact(report: Report, rng: random.Random, style: Style | None = None) -> str:
    style = style or Style.draw(rng)
    t2: list[str] = []
    for g in t2_groups(report, style, rng):
        t2.append(g.caption)
        t2.append("\t".join(["信息内容"] + g.headers))
        t2 += ["\t".join([label] + vals) for label, vals in g.rows]
    joiner = rng.choice(["", " "])
    t3 = ["\t".join([note(style)] + t3_header_cells(style, rng))]
    for r in t3_rows(report, style, rng):
        label = r.group_start + joiner + r.label if r.group_start else r.label
        t3.append("\t".join([label] + r.values))
    t4 = ["\t".join(["行政复议"] + [""] * 4 + ["行政诉讼"] + [""] * 9),
          "\t".join([""] * 5 + ["未经复议直接起诉"] + [""] * 4 + ["复议后起诉"] + [""] * 4),
          "\t".join(t4_leaf_labels(style, rng)),
          "\t".join(style.num(v) for v in t4_values(report))]
    return document(report, rng, {"2": t2, "3": t3, "4": t4}, blank_lines=rng.random() < 0.5)


# --------------------------------------------------------------------------------------
# c. cell_per_line: seed 001, each cell on its own line ending " |", rows padded "| ||"


def _cells_lines(cells: list[str], width: int, last: bool) -> list[str]:
    out = [f"{c} |" for c in cells]
    if not last and len(cells) < width:
        out[-1] += " " + "|" * (width - len(cells))
    return out


def cell_per_line(report: Report, rng: random.Random, style: Style | None = None) -> str:
    style = style or Style.draw(rng).with_(ascii_brackets=rng.random() < 0.7)
    t2: list[str] = []
    groups = t2_groups(report, style, rng)
    for gi, g in enumerate(groups):
        t2 += _cells_lines([g.caption], 4, False)
        t2 += ["信息内容 |"] + _cells_lines(g.headers, 3, False)
        for ri, (label, vals) in enumerate(g.rows):
            last = gi == len(groups) - 1 and ri == len(g.rows) - 1
            t2 += [f"{label} |"] + _cells_lines(vals, 3, last)
    head = t3_header_cells(style, rng)
    wrapped = [h[:2] + " " + h[2:] if len(h) == 4 and rng.random() < 0.5 else h for h in head]
    t3 = [f"{note(style)} |", "申请人情况 | ||||||||", f"{wrapped[0]} |", "法人或其他组织 |",
          f"{wrapped[6]} | |||||||"] + [f"{h} |" for h in wrapped[1:5]] + [f"{wrapped[5]} | |||||"]
    rows = t3_rows(report, style, rng)
    for i, r in enumerate(rows):
        labels = ([r.group_start] if r.group_start else []) + [r.label]
        t3 += [f"{x} |" for x in labels]
        t3 += _cells_lines(r.values, 10 - len(labels), i == len(rows) - 1)
    leaves = t4_leaf_labels(style, rng)
    if rng.random() < 0.5:  # seed 001: the second line of each header lost
        leaves = [leaves[0]] + [x.replace(" ", "")[:2] for x in leaves[1:]]
    t4 = ["行政复议 |", "行政诉讼 | |||||||||||||"] + [f"{x} |" for x in leaves[:5]]
    t4 += ["未经复议直接起诉 |", "复议后起诉 | ||||||||"] + [f"{x} |" for x in leaves[5:14]]
    t4 += [f"{leaves[14]} | |||||"] + [f"{style.num(v)} |" for v in t4_values(report)]
    return document(report, rng, {"2": t2, "3": t3, "4": t4}, blank_lines=False)


# --------------------------------------------------------------------------------------
# d. markdown: pipe tables with a |---| line after the header row


def _md(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _md_sep(n: int) -> str:
    return "|" + "---|" * n


def markdown(report: Report, rng: random.Random, style: Style | None = None) -> str:
    style = style or Style.draw(rng)
    t2: list[str] = []
    caption_rows = rng.random() < 0.5  # captions inside one table, or one table each
    for i, g in enumerate(t2_groups(report, style, rng)):
        pad = [""] * (3 - len(g.headers))
        if caption_rows:
            if i == 0:
                t2 += [_md([g.caption, "", "", ""]), _md_sep(4)]
            else:
                t2.append(_md([g.caption, "", "", ""]))
            t2.append(_md(["信息内容"] + g.headers + pad))
        else:
            t2 += ([""] if i else []) + [g.caption, "", _md(["信息内容"] + g.headers + pad), _md_sep(4)]
        t2 += [_md([label] + vals + [""] * (3 - len(vals))) for label, vals in g.rows]
    head = t3_header_cells(style, rng)
    if rng.random() < 0.5:
        t3 = [_md([note(style)] + head), _md_sep(8)]
    else:
        t3 = [_md([note(style), style.text("申请人情况"), "", "", "", "", "", ""]), _md_sep(8),
              _md(["", head[0], style.text("法人或其他组织"), "", "", "", "", head[6]]),
              _md(["", ""] + head[1:6] + [""])]
    split_cells = rng.random() < 0.5  # group labels in cells of their own
    for r in t3_rows(report, style, rng):
        if split_cells:
            lead = [r.group_start] if r.group_start else [""] if r.group not in ("", "results") else []
            t3.append(_md(lead + [r.label] + r.values))
        else:
            t3.append(_md([(r.group_start or "") + r.label] + r.values))
    t4 = [_md(["行政复议"] + [""] * 4 + ["行政诉讼"] + [""] * 9), _md_sep(15),
          _md([""] * 5 + ["未经复议直接起诉"] + [""] * 4 + ["复议后起诉"] + [""] * 4),
          _md(t4_leaf_labels(style, rng)), _md([style.num(v) for v in t4_values(report)])]
    hashes = rng.random() < 0.5
    heading = (lambda s: ("# " if "年度报告" in s else "## ") + s) if hashes else (lambda s: s)
    return document(report, rng, {"2": t2, "3": t3, "4": t4}, blank_lines=True, heading=heading)


# --------------------------------------------------------------------------------------
# f. spaces: a whole row on one line, cells joined by " | " (cqjlp 2022, weishan 2020)


def spaces(report: Report, rng: random.Random, style: Style | None = None) -> str:
    style = style or Style.draw(rng)
    j = " | "
    t2: list[str] = []
    for g in t2_groups(report, style, rng):
        t2 += [g.caption, j.join(["信息内容"] + g.headers)]
        t2 += [j.join([label] + vals) for label, vals in g.rows]
    t3 = [j.join([note(style)] + t3_header_cells(style, rng))]
    for r in t3_rows(report, style, rng):
        lead = [r.group_start] if r.group_start else []
        t3.append(j.join(lead + [r.label] + r.values))
    t4 = [j.join(["行政复议", "行政诉讼"]), j.join(["未经复议直接起诉", "复议后起诉"]),
          j.join(t4_leaf_labels(style, rng)), j.join(style.num(v) for v in t4_values(report))]
    return document(report, rng, {"2": t2, "3": t3, "4": t4}, blank_lines=rng.random() < 0.5)


# --------------------------------------------------------------------------------------
# g. run_together: HTML scraped with no separators at all (lossy)


def run_together(report: Report, rng: random.Random, style: Style | None = None) -> str:
    style = style or Style.draw(rng).with_(label_spaces=False)
    t2: list[str] = []
    for g in t2_groups(report, style, rng):
        t2 += [g.caption, "信息内容" + "".join(g.headers)]
        t2 += [label + "".join(vals) for label, vals in g.rows]
    head = t3_header_cells(style, rng)
    t3 = [note(style), "申请人情况", head[0] + "法人或其他组织" + head[6], "".join(head[1:6])]
    for r in t3_rows(report, style, rng):
        label = (r.group_start or "") + r.label
        text = label + "".join(r.values)
        if label[0].isdigit() and t3:  # "…00000002.重复申请…"
            t3[-1] += text
        else:
            t3.append(text)
    leaves = t4_leaf_labels(style, rng)
    t4 = ["行政复议行政诉讼", "未经复议直接起诉复议后起诉", "".join(leaves),
          "".join(style.num(v) for v in t4_values(report))]
    return document(report, rng, {"2": t2, "3": t3, "4": t4}, blank_lines=rng.random() < 0.5)


# --------------------------------------------------------------------------------------
# e. pdf_text: what pdfplumber extracts from a published PDF (real/*.txt)

_CJK_DIGIT = re.compile(r"(?<=[\u4e00-\u9fff])(?=[0-9０-９])|(?<=[0-9０-９])(?=[\u4e00-\u9fff])")


def _pdf_spacing(line: str) -> str:
    """pdfplumber puts a space between a CJK character and a number: "2024 年"."""
    return _CJK_DIGIT.sub(" ", line)


def _wrap(text: str, rng: random.Random, width: int) -> list[str]:
    """Break a paragraph into lines of about `width` characters, never inside a number."""
    out: list[str] = []
    while len(text) > width:
        cut = width
        while 0 < cut < len(text) and text[cut - 1].isdigit() and text[cut].isdigit():
            cut -= 1
        out.append(text[:cut])
        text = text[cut:]
    if text:
        out.append(text)
    return out


def _split_label(label: str, rng: random.Random) -> list[str]:
    """A long label wrapped in its cell: two or three pieces, never cutting the item
    number off its words."""
    start = len(label) - len(label.lstrip("0123456789.、．（）()一二三四五六七 "))
    lo, hi = start + 3, len(label) - 3
    if len(label) < 14 or hi <= lo or rng.random() < 0.4:
        return [label]
    n = 3 if len(label) >= 28 and rng.random() < 0.5 else 2
    cuts = sorted(rng.sample(range(lo, hi), n - 1)) if hi - lo >= n else [lo]
    if n == 3 and cuts[1] - cuts[0] < 3:
        cuts = [cuts[0]]
    bounds = [0] + cuts + [len(label)]
    return [label[a:b].strip() for a, b in zip(bounds, bounds[1:]) if label[a:b].strip()]


@dataclass
class _Block:
    """The lines of one T3 row: label pieces, and where its values went."""

    parts: list[str]
    values: str
    at: int  # values on the line of piece `at` ...
    own: bool  # ... or on a line of their own just before that piece
    prefix: list[str]  # printed before the first piece (vertical characters, group labels)
    inside: list[str]  # own lines printed after the first piece (a group label's tail)

    def lines(self) -> list[str]:
        out: list[str] = []
        for i, part in enumerate(self.parts):
            text = part
            if i == 0 and self.prefix:
                text = " ".join(self.prefix + [part])
            if i == self.at and self.own:
                out.append(self.values)
            out.append(f"{text} {self.values}" if i == self.at and not self.own else text)
            if i == 0:
                out += self.inside
        return out

    def starts_with_values(self) -> bool:
        return self.own and self.at == 0


def _pdf_t3_header(style: Style, rng: random.Random) -> list[str]:
    n = note(style)
    kind = rng.randrange(3)
    if kind == 0:
        return ["申请人情况", "法人或其他组织", n[:24], n[24:], "自然人 社会 法律 总计",
                "商业 科研", "公益 服务 其他", "企业 机构", "组织 机构"]
    if kind == 1:
        return ["申请人情况", f"{n[:22]} 法人或其他组织", n[22:], "自然人 总计",
                "商业企 科研机 社会公益 法律服务", "其他", "业 构 组织 机构"]
    return [n, "申请人情况", "自然人 法人或其他组织 总计", "商业企业 科研机构 社会公益组织 法律服务机构 其他"]


def _pdf_t4_header(rng: random.Random) -> list[str]:
    if rng.random() < 0.6:
        return ["行政复议 行政诉讼", "未经复议直接起诉 复议后起诉", "结果 结果 其他 尚未", "总 计",
                "维持 纠正 结果 审结 结果 结果 其他 尚未 结果 结果 其他 尚未", "总 计 总计",
                "维持 纠正 结果 审结 维持 纠正 结果 审结"]
    leaves = " ".join(["结果维持 结果纠正 其他结果 尚未审结 总计"] * 3)
    return ["行政复议 行政诉讼", "未经复议直接起诉 复议后起诉", leaves]


def _pdf_t3_rows(report: Report, style: Style, rng: random.Random) -> list[str]:
    rows = t3_rows(report, style, rng)
    blocks: list[_Block] = []
    for r in rows:
        parts = _split_label(r.label, rng)
        values = " ".join(r.values)
        if len(parts) == 1:
            at, own = 0, rng.random() < 0.25
        else:
            at = rng.randrange(len(parts))
            own = rng.random() < 0.6
        blocks.append(_Block(parts, values, at, own, [], []))
    gaps: list[list[str]] = [[] for _ in range(len(rows) + 1)]  # own lines before block i
    codes = [r.code for r in rows]
    template = get_template(report.template)
    # sub-group labels, printed about the middle of their rows, whole or in two pieces
    for g in template.applications.groups:
        members = [i for i, r in enumerate(rows) if r.group == g.code]
        if g.code == "results" or not members:
            continue
        label = next(r.group_start for r in rows if r.group == g.code and r.group_start)
        mid = members[min(len(members) - 1, max(0, len(members) // 2 - rng.randrange(2)))]
        mode = rng.choice(["line", "prefix", "split"])
        if mode == "line" and g.code == "other" and blocks[mid].starts_with_values():
            mode = "prefix"  # （六）其他处理 then a values line would read as the 2019 row
        if mode == "line":
            gaps[mid].append(label)
        elif mode == "prefix":
            blocks[mid].prefix.append(label)
        else:
            cut = label.index("）" if "）" in label else ")") + 2
            head, tail = label[:cut], label[cut:].strip()
            blocks[mid].prefix.append(head)
            nxt = mid + 1 if mid + 1 in members else None
            if nxt is not None and rng.random() < 0.5:
                blocks[nxt].prefix.append(tail)
            elif len(blocks[mid].parts) > 1 and blocks[mid].at == 0 and not blocks[mid].own \
                    and rng.random() < 0.5:
                blocks[mid].inside.append(tail)
            elif nxt is not None:
                gaps[nxt].append(tail)
            else:
                gaps[mid + 1].append(tail)
    # 三、本年度办理结果 printed vertically, one character a line, beside the middle rows
    first, last = codes.index("granted"), codes.index("total")
    i = min(last, first + rng.randrange(1, 4))
    for ch in "三、本年度办理结果":
        if i < last and rng.random() < 0.5:
            blocks[i].prefix.insert(0, ch)
            i += 1
        else:
            gaps[i].append(ch)
            if i < last and rng.random() < 0.5:
                i += 1
    out: list[str] = []
    for i, block in enumerate(blocks):
        out += gaps[i]
        out += block.lines()
    return out + gaps[-1]


def pdf_text(report: Report, rng: random.Random, style: Style | None = None) -> str:
    style = style or Style.draw(rng)
    spaced_captions = rng.random() < 0.4
    t2: list[str] = []
    for g in t2_groups(report, style, rng):
        t2.append(g.caption.replace("第二十条第", "第二十条 第") if spaced_captions else g.caption)
        t2.append(" ".join(["信息内容"] + g.headers))
        t2 += [" ".join([label] + vals) for label, vals in g.rows]
    t3 = _pdf_t3_header(style, rng) + _pdf_t3_rows(report, style, rng)
    t4 = _pdf_t4_header(rng) + [" ".join(style.num(v) for v in t4_values(report))]
    width = rng.randrange(26, 31)
    paras = prose(report, rng)
    lines: list[str] = []
    if rng.random() < 0.5:
        lines += [report.agency or "", _pdf_spacing(f"{report.year}年政府信息公开工作年度报告")]
    else:
        lines.append(_pdf_spacing(f"{report.agency}{report.year}年政府信息公开工作年度报告"))
    for key in "0123456":
        if key != "0":
            lines.append(SECTIONS[key])
        for p in paras[key]:
            lines += [_pdf_spacing(x) for x in _wrap(p, rng, width)]
        if key in "234":
            lines += {"2": t2, "3": t3, "4": t4}[key]
    lines += [_pdf_spacing(x) for x in signature(report)]
    out: list[str] = []
    page, left = 1, rng.randrange(18, 30)
    for line in lines:
        out.append(line)
        left -= 1
        if left == 0:
            out.append(f"- {page} -")
            page, left = page + 1, rng.randrange(24, 33)
    out.append(f"- {page} -")
    return "\n".join(out) + "\n"


LAYOUTS: dict[str, Callable[..., str]] = {
    "tab_residue": tab_residue,
    "tab_exact": tab_exact,
    "cell_per_line": cell_per_line,
    "markdown": markdown,
    "pdf_text": pdf_text,
    "spaces": spaces,
    "run_together": run_together,
}

# Layouts whose cells are explicit, so a blank cell or a row breaking the identities
# still reads back as printed.
CARRIES_BLANKS = {"tab_exact", "markdown", "spaces"}
# Layouts where the text itself may not determine every cell.
LOSSY = {"run_together"}


def write(layout: str, report: Report, seed: int = 0, style: Style | None = None) -> str:
    return LAYOUTS[layout](report, random.Random(seed), style)


# --------------------------------------------------------------------------------------
# reading back: how a parse is compared with the report that was printed

TABLES = ("active", "applications", "review_litigation")


def cell_diff(parsed: Report, expected: Report) -> list[str]:
    """The cells (and meta) where the parse differs from the printed report."""
    out = [f"{key}: got {getattr(parsed, key)!r}, want {getattr(expected, key)!r}"
           for key in ("agency", "year", "template", "published_on")
           if getattr(parsed, key) != getattr(expected, key)]
    for t in TABLES:
        got, want = getattr(parsed, t), getattr(expected, t)
        for row in sorted(set(got) | set(want)):
            g, w = got.get(row, {}), want.get(row, {})
            for col in sorted(set(g) | set(w)):
                if col not in g or col not in w or g[col] != w[col] or \
                        (g[col] is None) != (w[col] is None):
                    out.append(f"{t}.{row}.{col}: got {g.get(col, '<absent>')!r}, "
                               f"want {w.get(col, '<absent>')!r}")
    return out


def candidates(parsed: Report) -> dict[str, list]:
    """Cell code -> the values the parser's "ambiguous" notes leave open."""
    out: dict[str, list] = {}
    for n in parsed.notes:
        if n.kind == "ambiguous":
            for code, values in (n.data.get("candidates") or {}).items():
                out.setdefault(code, []).extend(values)
    return out


def lossy_diff(parsed: Report, expected: Report) -> list[str]:
    """For a lossy layout: every cell exact, or null with the true value among the
    candidates the parser lists for it."""
    open_ = candidates(parsed)
    out = []
    for line in cell_diff(parsed, expected):
        code = line.split(":", 1)[0]
        if code.count(".") >= 2:
            t, rest = code.split(".", 1)
            row, col = rest.rsplit(".", 1)
            got = getattr(parsed, t).get(row, {}).get(col)
            want = getattr(expected, t).get(row, {}).get(col)
            if got is None and col in getattr(parsed, t).get(row, {}) and want in open_.get(code, []):
                continue
        out.append(line)
    return out
