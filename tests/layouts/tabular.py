"""The layouts whose tables are rows of cells: tab residue (seeds 000/002/003/004),
exact tabs, one cell per line (seed 001), markdown, " | " rows and digits run together."""

from __future__ import annotations

import random
from typing import Callable

from zfxxgk.model import Report

from .pieces import (Style, document, group_label, note, t2_groups, t3_header_cells, t3_rows,
                     t4_leaf_labels, t4_values)


# --------------------------------------------------------------------------------------
# a. tab_residue: seeds 000/002/003/004


def _t3_ok(vals: list) -> bool:
    return vals[6] == sum(vals[:6])


def _t4_ok(vals: list) -> bool:
    return all(vals[i + 4] == sum(vals[i:i + 4]) for i in (0, 5, 10))


def _residue_safe(vals: list, alt: list, ok: Callable[[list], bool]) -> bool:
    """An extra residue cell may be printed when the row's identity holds and the
    other reading gives the same numbers or breaks it (so the text stays decidable)."""
    return all(isinstance(v, int) for v in vals) and ok(vals) and (alt == vals or not ok(alt))


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
