"""Text damage of the thirteenth pass, hunt4_probe's kind.

Classes:
  t3_col_missing_2lvl  table 三 under its two-level header (申请人情况 / 自然人
                   法人或其他组织 总计 / the five kinds) printed without one of its
                   columns (a kind, 自然人 or 总计): the header and every row; the
                   group's colspan collapsed or kept as blank cells
  t2_transposed    table 二's blocks of two rows or more turned (a Word table's items
                   across, its column names down)
  fw_grouped       figures over 999 with thousands marked by the Chinese comma
                   (1，234), half of them in full-width digits (１，２３４)
  unit_grouped     figures with thousands marks and a unit (24,714件, 2,556.74万元)
  t2_total_row     table 二's blocks of two rows or more with a 合计 row added
  t2_wrap_stated   hunt3's t2_wrap in a report whose 主动公开 paragraph states table
                   二's 规章 and 规范性文件 figures (2021: 制发…件，废止…件，现行有效…件)
  t2_letters_stated / t2_bar_stated / t2_spaced_stated  letters for digits, a bar
                   for a 1, digits letter-spaced, in table 二 only, prose as above

A column left out stays in the truth where the identities give it (as hunt4_probe's
t3_col_missing: each row's T3-3).

Wrong/lost at seeds 1/2/3 (-n 6), before -> after the thirteenth pass:
t3_col_missing_2lvl 0/3024 x3 -> 0/0 (t3_header._two_level_names); unit_grouped
0/594, 0/588, 0/576 -> 0/0 (cells: 24,714件); t2_transposed 0/126, 0/216, 0/192 -> 0/0
(t2_turned); t2_wrap_stated 0/42, 0/66, 0/48 -> 0/24, 0/57, 0/39 (wrapped_cells: every
cell the prose states). Left by construction: the cells of table 二 no prose states
and money (no identity): t2_wrap_stated's rest, t2_letters_stated 0/114, 0/84, 0/111,
t2_bar_stated 0/42, 0/39, 0/75, t2_spaced_stated 0/69, 0/71, 0/54 (every stated cell
read before and after). 0 wrong from the start: fw_grouped, t2_total_row.
Run: `PYTHONPATH=src python3 bench/hunt5_probe.py [-n 6] [--seed 1] [--only NAME]`.
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "bench")]
sys.path.append(str(ROOT / "src"))  # after PYTHONPATH: another checkout may be probed

import hunt_probe  # noqa: E402
from hunt2_probe import LAYOUTS, _blocks, _digits, _laid, _tabs  # noqa: E402
from hunt3_probe import t2_wrap  # noqa: E402
from hunt4_probe import _drop_column, _letters  # noqa: E402
from hunt_probe import _figures  # noqa: E402

_KINDS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")


def t3_col_missing_2lvl(report, other, rng, layout):
    """The two-level header as a web page or Word table prints it, one column (k: 1
    自然人, 2-6 a kind, 7 总计) left out of it and of every row."""
    lines = _tabs(report, rng).split("\n")
    i = next(k for k, ln in enumerate(lines) if "自然人" in ln)
    j = next(k for k, ln in enumerate(lines) if k > i and ln.startswith("四、政府"))
    k = rng.randint(1, 7)
    _drop_column(lines, i, j, k)
    note = lines[i].split("\t")[0]
    top = ["自然人", "法人或其他组织", "总计"]
    kinds = list(_KINDS)
    if k == 1:
        top.remove("自然人")
    elif k == 7:
        top.remove("总计")
    else:
        kinds.pop(k - 2)
    if rng.random() < 0.5:  # the group's colspan kept as blank cells, the kinds' line without 自然人's
        top = [t + "\t" * (len(kinds) - 1) if t == "法人或其他组织" else t for t in top]
        head = [note + "\t申请人情况", "\t" + "\t".join(top), "\t" + "\t".join(kinds)]
    else:
        head = [note + "\t申请人情况", "\t" + "\t".join(top), "\t\t" + "\t".join(kinds)]
    return _laid("\n".join(lines[:i] + head + lines[i + 1:]), layout)


def _t2_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(header index, end) of each table 二 block (信息内容 and its rows)."""
    a, b = _blocks(lines, "二、主动", "三、收到")
    heads = [k for k in range(a, b) if lines[k].startswith("信息内容\t")]
    out = []
    for h in heads:
        e = h + 1
        while e < b and "\t" in lines[e] and not lines[e].startswith("信息内容"):
            e += 1
        out.append((h, e))
    return out


def t2_transposed(report, other, rng, layout):
    """Table 二's blocks of two rows or more printed transposed (a Word table turned):
    the items across, the column names down."""
    lines = _tabs(report, rng).split("\n")
    for h, e in reversed(_t2_blocks(lines)):
        grid = [ln.split("\t") for ln in lines[h:e]]
        if len(grid) < 3 or rng.random() < 0.3:
            continue
        turned = ["\t".join(row[c] for row in grid) for c in range(len(grid[0]))]
        lines[h:e] = turned
    return _laid("\n".join(lines), layout)


def _spaced(c: str, rng) -> str:
    return " ".join(c) if "." not in c and len(c) > 1 else c


def _fw_grouped(c: str, rng) -> str:
    whole, dot, frac = c.partition(".")
    if len(whole) <= 3:
        return c
    text = f"{int(whole):,}".replace(",", "，") + dot + frac
    return text.translate(_FW) if rng.random() < 0.5 else text


_FW = str.maketrans("0123456789.", "０１２３４５６７８９．")


def _unit_grouped(c: str, rng) -> str:
    whole, dot, frac = c.partition(".")
    grouped = f"{int(whole):,}" + dot + frac if len(whole) > 3 else c
    return grouped + ("万元" if dot else rng.choice(("件", "个", "项", "次")))


def t2_total_row(report, other, rng, layout):
    """Each table 二 block of two rows or more with a 合计 row added after them (the
    sum of each column)."""
    lines = _tabs(report, rng).split("\n")
    for h, e in reversed(_t2_blocks(lines)):
        rows = [ln.split("\t") for ln in lines[h + 1:e]]
        if len(rows) < 2:
            continue
        sums = []
        for c in range(1, len(rows[0])):
            vals = [r[c] for r in rows]
            sums.append(str(sum(Decimal(v) for v in vals)) if all(vals) else "")
        lines.insert(e, "\t".join(["合计"] + sums))
    return _laid("\n".join(lines), layout)


def _stated(fn):
    """A class of another probe whose report's prose (总体情况's 主动公开 paragraph)
    states table 二's 规章 and 规范性文件 figures of the 2021 format, as many do
    (制发行政规范性文件10件，废止…，现行有效…)."""
    def make(report, other, rng, layout):
        text = fn(report, other, rng, layout)
        if report.template != "2021":
            return text
        docs, rules = report.active["normative_docs"], report.active["rules"]
        said = (f"本年制发行政规范性文件{docs['issued']}件，废止行政规范性文件{docs['repealed']}件，"
                f"现行有效行政规范性文件{docs['in_force']}件；制发规章{rules['issued']}件，"
                f"现行有效规章{rules['in_force']}件。")
        return re.sub(r"(（一）主动公开。)", lambda m: m.group(1) + said, text, count=1)
    return make


def _t2_only(fn):
    """A figure rewrite applied in table 二 only."""
    def make(report, other, rng, layout):
        lines = _tabs(report, rng).split("\n")
        a, b = _blocks(lines, "二、主动", "三、收到")
        lines[a:b] = _figures("\n".join(lines[a:b]), rng, fn, 0.5).split("\n")
        return _laid("\n".join(lines), layout)
    return make


CLASSES = {
    "t3_col_missing_2lvl": (t3_col_missing_2lvl, LAYOUTS),
    "t2_transposed": (t2_transposed, LAYOUTS),
    "fw_grouped": (_digits(_fw_grouped, 1), LAYOUTS),
    "unit_grouped": (_digits(_unit_grouped, 1), LAYOUTS),
    "t2_total_row": (t2_total_row, LAYOUTS),
    "t2_wrap_stated": (_stated(t2_wrap), LAYOUTS),
    "t2_letters_stated": (_stated(_t2_only(_letters({"5": "S", "8": "B", "2": "Z", "9": "g", "6": "b"}))), LAYOUTS),
    "t2_bar_stated": (_stated(_t2_only(_letters({"1": "|丨"}))), LAYOUTS),
    "t2_spaced_stated": (_stated(_t2_only(_spaced)), LAYOUTS),
}


if __name__ == "__main__":
    hunt_probe.main(CLASSES, __doc__)
