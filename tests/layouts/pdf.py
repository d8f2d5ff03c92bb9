"""e. pdf_text: the text pdfplumber extracts from a published PDF (real/*.txt): values
space-separated beside, between or before wrapped labels, 三、本年度办理结果 printed one
character a line, group labels about the middle of their rows, page footers mid-table."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from zfxxgk.model import Report
from zfxxgk.standard import SECTIONS, get_template

from .pieces import Style, note, prose, signature, t2_groups, t3_rows, t4_values

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
