"""Damage of copy, export and re-typing no other probe makes (text, ninth pass):
digits typed as look-alike letters, thousands marks other than the comma, table
二's and 三's columns in another order or merged, headers wrapped mid-word over
several lines, labels abbreviated or numbered otherwise, units after every
number, notes between the rows, a table's header left out.

Each class is a function of hunt_probe's kind: a report drawn by
`strategies.distinct_report` (every cell a different non-zero number) -> its text,
damaged the way the class is; hunt_probe's `probe` parses it and counts wrong cells
(another number than printed: the worst), lost cells (null where one was printed)
and wrong meta. The figures a header merges (法人或其他组织 as one column) are lost
by construction: no identity gives them back.

Classes:
  lookalike_o    a 0 typed as O, o or the full-width Ｏ inside some numbers (1O5)
  lookalike_l    a 1 typed as l or I inside some numbers (l05, I2)
  zero_ling      a 0 typed as 〇 inside some numbers (2〇5)
  fw_mixed       some numbers in full-width digits, some with one digit full-width
  sep_dunhao     thousands marked with 、 (4、571)
  sep_space      thousands marked with a space (4 571) inside a cell
  sep_thin / sep_nbsp  thousands marked with a thin / no-break space (4 571)
  units_mixed    件/个/项/次 after the counts, 万元 after amounts
  excel_decimals counts pasted from a sheet formatted 0.00 (399.00)
  t2_col_order   table 二's columns in another order (本年废止件数 first), figures moved
  t3_legal_merged  table 三's 法人或其他组织 one column (the five kinds summed)
  t3_header_cut  table 三's and 二's header wrapped over 2-4 lines, labels cut mid-word
  t3_short_labels  table 三's row labels abbreviated (上年结转, 2.法律法规禁止, 4.大量反复申请)
  t3_arabic_top  table 三's top rows numbered 1./2./3./4. like the sub-rows
  note_rows      a 注： line with figures between table rows
  no_header      table 二's, 三's or 四's header lines left out (only the rows)
  draft_and_final  table 三 pasted twice in part 三, a draft's figures and the final's,
                 no caption saying which: either may be right, neither is to be read

Guards (0 wrong, 0 lost from the start): fw_mixed, units_mixed, excel_decimals,
t3_header_cut, t3_arabic_top, note_rows. Lost by construction: t3_legal_merged's
five kinds (2160 cells at -n 6), sep_* in pdf_text where a space inside a figure
of table 二 (no identity) leaves two readings (null, F-INFERRED), lookalike_l's
lone I (null, F-VALUE).
Run: `PYTHONPATH=src python3 bench/hunt2_probe.py [-n 6] [--seed 1] [--only NAME]`.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "bench")]
sys.path.append(str(ROOT / "src"))  # after PYTHONPATH: another checkout may be probed

import hunt_probe  # noqa: E402
from hunt_probe import _FIGURE, _FULLWIDTH, _figures  # noqa: E402
from layouts import Style, write  # noqa: E402

SEPS = {"tab_exact": "\t", "spaces": " | ", "pdf_text": "   "}
LAYOUTS = tuple(SEPS)


def _tabs(report, rng) -> str:
    return write("tab_exact", report, seed=rng.randrange(999), style=Style.plain())


def _laid(text: str, layout: str) -> str:
    """Tab rows with another layout's separator."""
    return text.replace("\t", SEPS[layout])


def _digits(fn, share=0.3):
    """A class rewriting some figures (figure, rng -> text), in each layout."""
    def make(report, other, rng, layout):
        return _laid(_figures(_tabs(report, rng), rng, fn, share), layout)
    return make


def _swap_digit(digit: str, letters: str):
    def fn(c: str, rng) -> str:
        at = [i for i, ch in enumerate(c) if ch == digit]
        if not at:
            return c
        i = rng.choice(at)
        return c[:i] + rng.choice(letters) + c[i + 1:]
    return fn


def _fw_mixed(c: str, rng) -> str:
    if rng.random() < 0.5:
        return c.translate(_FULLWIDTH)
    i = rng.randrange(len(c))
    return c[:i] + c[i].translate(_FULLWIDTH) + c[i + 1:]


def _grouped(sep: str):
    def fn(c: str, rng) -> str:
        whole, dot, frac = c.partition(".")
        return f"{int(whole):,}".replace(",", sep) + dot + frac if len(whole) > 3 else c
    return fn


def _unit(c: str, rng) -> str:
    return c + ("万元" if "." in c else rng.choice(("件", "个", "项", "次")))


def _decimals(c: str, rng) -> str:
    return c if "." in c else c + ".00"


def _blocks(lines: list[str], start: str, stop: str) -> tuple[int, int]:
    a = next(i for i, ln in enumerate(lines) if ln.startswith(start))
    return a, next(i for i, ln in enumerate(lines) if i > a and ln.startswith(stop))


def t2_col_order(report, other, rng, layout):
    """Each of table 二's blocks with more than one column in another order."""
    lines = _tabs(report, rng).split("\n")
    a, b = _blocks(lines, "二、主动", "三、收到")
    order = None
    for i in range(a, b):
        cells = lines[i].split("\t")
        if cells[0] == "信息内容" and len(cells) > 2:
            order = list(range(1, len(cells)))
            while order == sorted(order):
                rng.shuffle(order)
        elif cells[0] == "信息内容" or len(cells) < 2:
            order = None
        if order and len(cells) == len(order) + 1:
            lines[i] = "\t".join([cells[0]] + [cells[k] for k in order])
    return _laid("\n".join(lines), layout)


def t3_legal_merged(report, other, rng, layout):
    lines = _tabs(report, rng).split("\n")
    for i, ln in enumerate(lines):
        cells = ln.split("\t")
        if "自然人" in ln:
            lines[i] = "\t".join([cells[0], "自然人", "法人或其他组织", "总计"])
        elif len(cells) == 8 and _FIGURE.fullmatch(cells[-1]):
            legal = sum(int(v) for v in cells[2:7])
            lines[i] = "\t".join([cells[0], cells[1], str(legal), cells[7]])
    return _laid("\n".join(lines), layout)


def _cut(label: str, parts: int) -> list[str]:
    """`label` in `parts` pieces (fewer if it is short), cut mid-word."""
    step = max(1, -(-len(label) // parts))
    return [label[k * step:(k + 1) * step] for k in range(parts)]


def _header_cut(line: str, rng) -> list[str]:
    cells = line.split("\t")
    parts = rng.randint(2, 4)
    pieces = [_cut(c, parts) if i else [c] + [""] * (parts - 1) for i, c in enumerate(cells)]
    return ["\t".join(p[k] for p in pieces) for k in range(parts)]


def t3_header_cut(report, other, rng, layout):
    out = []
    for ln in _tabs(report, rng).split("\n"):
        cells = ln.split("\t")
        wide = "自然人" in ln or (cells[0] == "信息内容" and len(cells) > 2)
        out += _header_cut(ln, rng) if wide else [ln]
    return _laid("\n".join(out), layout)


_SHORT = (("一、本年新收政府信息公开申请数量", "一、本年新收申请"),
          ("二、上年结转政府信息公开申请数量", "二、上年结转"),
          ("（区分处理的，只计这一情形，不计其他情形）", ""),
          ("1.属于国家秘密", "1.国家秘密"), ("2.其他法律行政法规禁止公开", "2.法律法规禁止公开"),
          ("3.危及“三安全一稳定”", "3.危及三安全一稳定"), ("4.保护第三方合法权益", "4.第三方合法权益"),
          ("5.属于三类内部事务信息", "5.内部事务信息"), ("6.属于四类过程性信息", "6.过程性信息"),
          ("7.属于行政执法案卷", "7.行政执法案卷"), ("8.属于行政查询事项", "8.行政查询事项"),
          ("1.本机关不掌握相关政府信息", "1.本机关不掌握"), ("2.没有现成信息需要另行制作", "2.需另行制作"),
          ("3.补正后申请内容仍不明确", "3.补正后仍不明确"), ("1.信访举报投诉类申请", "1.信访举报投诉"),
          ("3.要求提供公开出版物", "3.公开出版物"), ("4.无正当理由大量反复申请", "4.大量反复申请"),
          ("5.要求行政机关确认或重新出具已获取信息", "5.要求确认或重新出具"),
          ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "1.逾期不补正"),
          ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "2.逾期未缴费"),
          ("四、结转下年度继续办理", "四、结转下年度"))


def t3_short_labels(report, other, rng, layout):
    text = _tabs(report, rng)
    for long, short in _SHORT:
        if rng.random() < 0.7:
            text = text.replace(long + "\t", short + "\t")
    return _laid(text, layout)


def t3_arabic_top(report, other, rng, layout):
    text = _tabs(report, rng)
    for cn, n in zip("一二三", "123"):
        text = re.sub(rf"^{cn}、(本年新收|上年结转|本年度办理)", rf"{n}.\1", text, flags=re.M)
    text = re.sub(r"^四、结转下年度", "4.结转下年度", text, flags=re.M)
    return _laid(text, layout)


_NOTES = ("注：其中网上申请{a}件，信函申请{b}件。", "注：含上年度未办结{a}件。",
          "注1：本表数据截至12月31日，{a}件尚在补正期内。", "注：第{b}项含撤回申请{a}件")


def note_rows(report, other, rng, layout):
    out = []
    for ln in _tabs(report, rng).split("\n"):
        out.append(ln)
        cells = ln.split("\t")
        if len(cells) > 1 and _FIGURE.fullmatch(cells[-1]) and rng.random() < 0.15:
            out.append(rng.choice(_NOTES).format(a=rng.randint(1, 99), b=rng.randint(1, 9)))
    return _laid("\n".join(out), layout)


def no_header(report, other, rng, layout):
    """One table's header lines left out: table 二's 信息内容 lines, table 三's
    column line, or table 四's three lines above its figures."""
    which = rng.choice("二三四")
    lines = _tabs(report, rng).split("\n")
    if which == "二":
        lines = [ln for ln in lines if not ln.startswith("信息内容\t")]
    elif which == "三":
        lines = [ln for ln in lines if not ("自然人" in ln and "\t" in ln)]
    else:
        a, b = _blocks(lines, "四、政府", "五、")
        lines = lines[:a] + [ln for ln in lines[a:b] if not ("\t" in ln and not re.search(r"\d", ln))] + lines[b:]
    return _laid("\n".join(lines), layout)


def draft_and_final(report, other, rng, layout):
    """Table 三 pasted twice in part 三: a draft (other figures) above the final one,
    or the final one and then the draft, with no caption saying which is which."""
    lines = _tabs(report, rng).split("\n")
    theirs = _tabs(other, random.Random(1)).split("\n")
    a, b = _blocks(lines, "三、收到", "四、政府")
    c, d = _blocks(theirs, "三、收到", "四、政府")
    mine, draft = lines[a + 2:b], theirs[c + 2:d]
    both = draft + mine if rng.random() < 0.5 else mine + draft
    return _laid("\n".join(lines[:a + 2] + both + lines[b:]), layout)


CLASSES = {
    "lookalike_o": (_digits(_swap_digit("0", "OoＯ")), LAYOUTS),
    "lookalike_l": (_digits(_swap_digit("1", "lI")), LAYOUTS),
    "zero_ling": (_digits(_swap_digit("0", "〇")), LAYOUTS),
    "fw_mixed": (_digits(_fw_mixed), LAYOUTS),
    "sep_dunhao": (_digits(_grouped("、"), 1), LAYOUTS),
    "sep_space": (_digits(_grouped(" "), 1), LAYOUTS),
    "sep_thin": (_digits(_grouped("\u2009"), 1), LAYOUTS),
    "sep_nbsp": (_digits(_grouped("\xa0"), 1), LAYOUTS),
    "units_mixed": (_digits(_unit, 1), LAYOUTS),
    "excel_decimals": (_digits(_decimals, 1), LAYOUTS),
    "t2_col_order": (t2_col_order, LAYOUTS),
    "t3_legal_merged": (t3_legal_merged, LAYOUTS),
    "t3_header_cut": (t3_header_cut, LAYOUTS),
    "t3_short_labels": (t3_short_labels, LAYOUTS),
    "t3_arabic_top": (t3_arabic_top, LAYOUTS),
    "note_rows": (note_rows, LAYOUTS),
    "no_header": (no_header, LAYOUTS),
    "draft_and_final": (draft_and_final, LAYOUTS),
}


if __name__ == "__main__":
    hunt_probe.main(CLASSES, __doc__)
