"""Real-world shapes no other probe makes, hunted for WRONG numbers (red-team topic Z).

Each class is a function: a report drawn by `strategies.distinct_report` (every cell
a different non-zero number, so a shifted or joined figure cannot hide) -> the file
a portal publishes of it (text in a project layout, or the project's web page, or
its PDF), changed the way the class is. The file is parsed and counted against the
report written: wrong cells (another number than printed: the worst), lost cells
(null where a number was printed) and wrong meta (agency, year, format).

Classes:
  note_marks     figures with a note mark glued on (12①, 12*, 12注1, 12（注）, 12¹)
  count_decimal  a count printed with decimals (21.5): no count, and no number to trust
  pdf_sup_note   a PDF whose cells carry superscript note marks (21 with a raised ¹)
  pdf_sup_word   the same with a raised 注 or *
  flat_sup_tab   text copied from such a PDF into a web/Word table: the raised mark
                 flattened into the cell after a space (`21 1` for 21 with note 1)
  flat_sup_pipes the same in a row of ` | `-separated cells
  flat_sup_spaces the same in a row of space-separated numbers (PDF text)
  extra_column   table 二 and 三 with a 上年数 / 同比 column added at the end
  two_agencies   two bodies' reports of the same year on one page
  summary_after  the body's tables, each followed by the area's 汇总 table
  summary_first  the area's 汇总 table first, then the body's own (本级) table
  summary_row_lost  the body's own (本级) tables first, a row of its table 三 left out,
                 then the area's (全区汇总)
  year_before    each table part prints last year's table (captioned 2022年度： or
                 （2022年）, or 上年度数据：) before this year's (2023年度： …)
  year_after     the same, this year's copy first
  year_rows      table 四's one row printed twice under its header, labelled 2022年 / 2023年
  two_year_cols  table 二 with last year's column beside each of this year's, the header
                 naming the year of each ((2022年) / (上年) marks); tabs, bars or gaps
  two_year_t4    the same in table 四 (30 numbers under a header of 30 marked cells)
  t3_row_cut     a table 三 row wrapped onto two lines inside one of its numbers
                 (`… 12` / `8 85 …` where 128 was one cell); tabs, spaces or bars
  t3_cut_subtotal  the same in a table 三 with a 小计 column (before 总计, or after 自然人)
  t3_cut_order   the same in a table 三 whose header puts 总计 first, in the middle, or
                 the kinds in another order (the numbers moved with it)
  year_before_fw / year_rows_fw / two_year_cols_fw  year_before, year_rows and
                 two_year_cols with the years printed in full-width digits (２０２２年度：)
  t4_one_line    table 四 printed as one run on one line: its group and column labels
                 and fifteen numbers, or its column labels and numbers, or each group's
                 name before its five numbers; tabs, spaces or bars
  t4_totals_prose  table 四 as three rows of five after their groups' names, each run
                 together, some with a blank cell (lost with the separators), part 四's
                 prose stating each group's total only (行政复议34件)

Run: `PYTHONPATH=src python3 bench/hunt_probe.py [-n 6] [--seed 1] [--only NAME]`.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "bench")]
sys.path.append(str(ROOT / "src"))  # after PYTHONPATH: another checkout may be probed

from exact_cells import filled_cells, meta_misses, tables_of, wrong_cells  # noqa: E402
from layouts import Style, write  # noqa: E402
from order_probe import _join, _tables_out, split_parts  # noqa: E402
from strategies import distinct_report  # noqa: E402

_FIGURE = re.compile(r"-?\d+(?:\.\d+)?")
_TD = re.compile(r'(<td data-cell="[^"]+">)(\d+)(</td>)')
LAYOUTS = ("tab_exact", "spaces", "markdown")


def _figures(text: str, rng: random.Random, fn, share: float = 0.3) -> str:
    """Some table cells of a tab layout rewritten by `fn` (figure, rng -> text)."""
    out = []
    for line in text.split("\n"):
        if "\t" in line:
            line = "\t".join(fn(c, rng) if _FIGURE.fullmatch(c) and rng.random() < share else c
                             for c in line.split("\t"))
        out.append(line)
    return "\n".join(out)


def note_marks(report, other, rng, layout):
    text = write("tab_exact", report, seed=rng.randrange(999), style=Style.plain())
    marks = ("①", "*", "注1", "（注）", "¹", "[1]", "※")
    return _figures(text, rng, lambda c, r: c + r.choice(marks))


def count_decimal(report, other, rng, layout):
    text = write(layout if layout != "markdown" else "tab_exact", report,
                 seed=rng.randrange(999), style=Style.plain())
    if layout == "spaces":
        return re.sub(r"(?<=[ \t])(\d+)(?=[ \t]|$)",
                      lambda m: m[1] + ".5" if rng.random() < 0.2 else m[1], text)
    return _figures(text, rng, lambda c, r: c if "." in c else c + r.choice((".5", ".25", ".1")))


def _pdf(html: str):
    from weasyprint import HTML

    from zfxxgk.api import report_from_loaded
    from zfxxgk.ingest.pdf import load_pdf
    return report_from_loaded(load_pdf(HTML(string=html).write_pdf(), "probe.pdf"))


def _marked_page(report, rng, marks) -> str:
    from zfxxgk.render.html import render_html
    from zfxxgk.render.layout import build
    html = render_html(build(report))
    return _TD.sub(lambda m: m[1] + m[2] + (f"<sup>{rng.choice(marks)}</sup>"
                                            if rng.random() < 0.3 else "") + m[3], html)


def pdf_sup_note(report, other, rng, layout):
    return _pdf(_marked_page(report, rng, ("1", "2", "12")))


def pdf_sup_word(report, other, rng, layout):
    return _pdf(_marked_page(report, rng, ("注", "*", "注1")))


def _flat_mark(figure: str, rng: random.Random) -> str:
    return figure if "." in figure else figure + " " + rng.choice(("1", "2", "3"))


def flat_sup_tab(report, other, rng, layout):
    text = write("tab_exact", report, seed=rng.randrange(999), style=Style.plain())
    return _figures(text, rng, _flat_mark, share=0.1)


def flat_sup_pipes(report, other, rng, layout):
    text = write("spaces", report, seed=rng.randrange(999), style=Style.plain())
    return re.sub(r"(?<=\| )(\d+)(?= \||$)",
                  lambda m: _flat_mark(m[1], rng) if rng.random() < 0.1 else m[1], text,
                  flags=re.M)


def flat_sup_spaces(report, other, rng, layout):
    text = write("pdf_text", report, seed=rng.randrange(999), style=Style.plain())
    return re.sub(r"(?<= )(\d+)(?= |$)",
                  lambda m: _flat_mark(m[1], rng) if rng.random() < 0.1 else m[1], text,
                  flags=re.M)


def extra_column(report, other, rng, layout):
    """A 上年数 column after the form's, in table 二's and 三's header and rows."""
    text = write("tab_exact", report, seed=rng.randrange(999), style=Style.plain())
    out = []
    for line in text.split("\n"):
        cells = line.split("\t")
        if len(cells) > 1 and (cells[0] == "信息内容" or "自然人" in line):
            line += "\t上年数"
        elif len(cells) > 1 and _FIGURE.fullmatch(cells[-1]) and not _FIGURE.fullmatch(cells[0]):
            line += "\t" + str(rng.randint(1, 400))
        out.append(line)
    return "\n".join(out)


def two_agencies(report, other, rng, layout):
    return (write(layout, report, seed=1, style=Style.plain()) + "\n\n"
            + write(layout, other, seed=2, style=Style.plain()))


def _with_summary(report, other, layout, first: bool, rng=None) -> str:
    """Each table part with the area's 汇总 copy of its table; `rng`: captioned, the
    body's copy first with one of table 三's rows left out (the summary's must not
    fill it)."""
    head, parts, sig = split_parts(write(layout, report, seed=1, style=Style.plain()))
    _, others, _ = split_parts(write(layout, other, seed=1, style=Style.plain()))
    for n in "二三四":
        keep, own = _tables_out(parts[n])
        summary = _tables_out(others[n])[1]
        if first:
            parts[n] = [parts[n][0], "（一）全区汇总情况"] + summary + ["（二）本机关情况"] + own + keep[1:]
        elif rng is not None:
            if n == "三":
                rows = [i for i, ln in enumerate(own) if re.search(r"\d", ln) and "属于" in ln]
                own = own[:rows[0]] + own[rows[0] + 1:] if rows else own
            parts[n] = [parts[n][0], "（一）本级情况"] + own + ["（二）全区汇总情况"] + summary + keep[1:]
        else:
            parts[n] = parts[n] + ["全区汇总情况如下表。"] + summary
    return _join(head, parts, "一二三四五六", sig)


def summary_after(report, other, rng, layout):
    return _with_summary(report, other, layout, first=False)


def summary_row_lost(report, other, rng, layout):
    return _with_summary(report, other, layout, first=False, rng=rng)


def summary_first(report, other, rng, layout):
    return _with_summary(report, other, layout, first=True)


_YEAR_CAPTIONS = (lambda y, mine: f"{y}年度：", lambda y, mine: f"（{y}年）",
                  lambda y, mine: "本年度数据：" if mine else "上年度数据：")
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _wide(mark):
    """A caption or mark printing its year in full-width digits (２０２２年度：)."""
    return lambda y, mine: mark(y, mine).translate(_FULLWIDTH)


def _year_copies(report, other, rng, layout, this_first: bool, wide: bool = False) -> str:
    """Each table part with `other` (last year's report) printed as a captioned copy."""
    caption = rng.choice(_YEAR_CAPTIONS[:2] if wide else _YEAR_CAPTIONS)
    caption = _wide(caption) if wide else caption
    head, parts, sig = split_parts(write(layout, report, seed=1, style=Style.plain()))
    _, others, _ = split_parts(write(layout, other, seed=1, style=Style.plain()))
    year = report.year or 2023
    for n in "二三四":
        keep, own = _tables_out(parts[n])
        copies = [[caption(year - 1, False)] + _tables_out(others[n])[1],
                  [caption(year, True)] + own]
        if this_first:
            copies.reverse()
        parts[n] = [parts[n][0]] + copies[0] + copies[1] + keep[1:]
    return _join(head, parts, "一二三四五六", sig)


def year_before(report, other, rng, layout):
    return _year_copies(report, other, rng, layout, this_first=False)


def year_after(report, other, rng, layout):
    return _year_copies(report, other, rng, layout, this_first=True)


def year_before_fw(report, other, rng, layout):
    return _year_copies(report, other, rng, layout, this_first=rng.random() < 0.3, wide=True)


def year_rows(report, other, rng, layout, wide: bool = False):
    text = write("tab_exact", report, seed=1, style=Style.plain())
    row = re.compile(r"^\d+(?:\t\d+){14}$", re.M)
    mine = row.search(text)
    theirs = row.search(write("tab_exact", other, seed=1, style=Style.plain()))
    year = report.year or 2023
    before, this = f"{year - 1}年", f"{year}年"
    if wide:
        before, this = before.translate(_FULLWIDTH), this.translate(_FULLWIDTH)
    return text.replace(mine[0], f"{before}\t{theirs[0]}\n{this}\t{mine[0]}")


def year_rows_fw(report, other, rng, layout):
    return year_rows(report, other, rng, layout, wide=True)


_MARKS = (lambda y, mine: f"（{y}年）", lambda y, mine: "（本年）" if mine else "（上年）",
          lambda y, mine: f"({y}年度)")


def _two_columns(report, other, rng, layout, t4: bool, wide: bool = False) -> str:
    """Table 二 (or 四) with last year's column beside each of this year's, the
    header naming each column's year; tabs, bars or wide gaps between cells."""
    mark, this_first = rng.choice(_MARKS), rng.random() < 0.3
    mark = _wide(mark) if wide else mark
    year = report.year or 2023
    mine = write("tab_exact", report, seed=1, style=Style.plain()).split("\n")
    theirs = write("tab_exact", other, seed=1, style=Style.plain()).split("\n")
    a = next(i for i, ln in enumerate(mine) if ln.startswith("四、政府" if t4 else "二、主动"))
    b = next(i for i, ln in enumerate(mine) if i > a and ln.startswith("五、" if t4 else "三、收到"))

    def pair(x, y):
        return f"{x}\t{y}" if this_first else f"{y}\t{x}"

    for i in range(a, b):
        cells, olds = mine[i].split("\t"), theirs[i].split("\t")
        if len(cells) < 2 or len(cells) != len(olds):
            continue
        if cells[0] == "信息内容" or cells[0] == "结果维持":
            first = 1 if cells[0] == "信息内容" else 0
            cells = cells[:first] + [pair(c + mark(year, True), c + mark(year - 1, False))
                                     for c in cells[first:]]
        elif _FIGURE.fullmatch(cells[-1]) and (t4 or not _FIGURE.fullmatch(cells[0])):
            first = 0 if t4 else 1
            cells = cells[:first] + [pair(x, y) for x, y in zip(cells[first:], olds[first:])]
        mine[i] = "\t".join(cells)
    sep = {"tab_exact": "\t", "spaces": " | ", "markdown": "   "}[layout]
    return "\n".join(ln.replace("\t", sep) if a <= i < b else ln for i, ln in enumerate(mine))


def two_year_cols(report, other, rng, layout):
    return _two_columns(report, other, rng, layout, t4=False)


def two_year_t4(report, other, rng, layout):
    return _two_columns(report, other, rng, layout, t4=True)


def two_year_cols_fw(report, other, rng, layout):
    return _two_columns(report, other, rng, layout, t4=rng.random() < 0.5, wide=True)


def _cut_row(line: str, rng: random.Random, sep: str) -> str:
    """Table 三's row wrapped onto two lines inside one of its numbers (`… 12` /
    `8 85 …` for 128); the second line has no label."""
    cells = line.split("\t")
    at = [i for i, c in enumerate(cells) if _FIGURE.fullmatch(c) and len(c) > 1 and i > 1]
    if not at:
        return line.replace("\t", sep)
    i = rng.choice(at)
    k = rng.randrange(1, len(cells[i]))
    return (sep.join(cells[:i] + [cells[i][:k]]) + "\n"
            + sep.join([cells[i][k:]] + cells[i + 1:]))


def t3_row_cut(report, other, rng, layout, shape=None):
    """`shape`: table 三's lines -> its lines in another form, before the cuts."""
    text = write("tab_exact", report, seed=rng.randrange(999), style=Style.plain())
    sep = {"tab_exact": "\t", "spaces": " ", "markdown": " | "}[layout]
    a, b = text.index("三、收到"), text.index("四、政府")
    lines = text[a:b].split("\n")
    lines = shape(lines, rng) if shape else lines
    rows = [ln if not _FIGURE.fullmatch(ln.split("\t")[-1]) or rng.random() > 0.25
            else _cut_row(ln, rng, sep) for ln in lines]
    return text[:a] + "\n".join(rows) + text[b:]


def _with_subtotal(lines: list[str], rng: random.Random) -> list[str]:
    """Table 三 with a 小计 column for the five kinds of 法人或其他组织: before 总计,
    or right after 自然人 (the header naming it before 商业企业)."""
    at = rng.choice((1, 6))
    out = []
    for ln in lines:
        cells = ln.split("\t")
        if "自然人" in ln:
            k = cells.index("商业企业") if at == 1 else len(cells) - 1
            ln = "\t".join(cells[:k] + ["小计"] + cells[k:])
        elif len(cells) == 8 and _FIGURE.fullmatch(cells[-1]):
            values = cells[1:]
            sub = str(sum(int(v) for v in values[1:6]))
            ln = "\t".join(cells[:1] + values[:at] + [sub] + values[at:])
        out.append(ln)
    return out


def _reordered(lines: list[str], rng: random.Random) -> list[str]:
    """Table 三 with its header's columns in another order (总计 first or in the
    middle, the kinds shuffled), each row's numbers moved with them."""
    order = list(range(6))
    if rng.random() < 0.5:
        rng.shuffle(order)
    order.insert(rng.randrange(0, 6), 6)
    out = []
    for ln in lines:
        cells = ln.split("\t")
        if len(cells) == 8 and ("自然人" in ln or _FIGURE.fullmatch(cells[-1])):
            ln = "\t".join(cells[:1] + [cells[1 + i] for i in order])
        out.append(ln)
    return out


def t3_cut_subtotal(report, other, rng, layout):
    return t3_row_cut(report, other, rng, layout, _with_subtotal)


def t3_cut_order(report, other, rng, layout):
    return t3_row_cut(report, other, rng, layout, _reordered)


_T4_GROUPS = ("行政复议", "未经复议直接起诉", "复议后起诉")
_T4_HEADS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def t4_one_line(report, other, rng, layout):
    """Table 四's header and row as one run on one line."""
    text = write("tab_exact", report, seed=1, style=Style.plain())
    a, b = text.index("四、政府"), text.index("五、")
    lines = text[a:b].split("\n")
    row = next(ln for ln in lines if re.fullmatch(r"\d+(?:\t\d+){14}", ln))
    numbers = row.split("\t")
    shape = rng.choice(("all", "cells", "groups"))
    if shape == "groups":
        cells = [c for k, g in enumerate(_T4_GROUPS) for c in [g] + numbers[5 * k:5 * k + 5]]
    else:
        cells = ((["行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"] if shape == "all" else [])
                 + list(_T4_HEADS) * 3 + numbers)
    sep = {"tab_exact": "\t", "spaces": " ", "markdown": " | "}[layout]
    head = [ln for ln in lines[:2] if ln.strip()]  # the part's heading and lead-in
    return text[:a] + "\n".join(head + [sep.join(cells), ""]) + text[b:]


_T4_CODES = ("review", "suit_direct", "suit_after_review")
_T4_COLS = ("upheld", "corrected", "other", "pending")


def t4_totals_prose(report, other, rng, layout):
    """Table 四's groups each run together after its name, some with a blank cell
    (lost with the separators; the total as printed); the prose states each
    group's total only (行政复议34件), no breakdown."""
    for group in _T4_CODES:
        if rng.random() < 0.5:
            report.review_litigation[group][rng.choice(_T4_COLS)] = None
    text = write("tab_exact", report, seed=1, style=Style.plain())
    row = re.search(r"^[\d\t]+$", text.split("结果维持", 1)[1], re.M)[0]
    numbers = row.split("\t")
    runs = [g + "".join(numbers[5 * k:5 * k + 5]) for k, g in enumerate(_T4_GROUPS)]
    said = "；".join(f"{g}{numbers[5 * k + 4]}件" for k, g in enumerate(_T4_GROUPS))
    text = text.replace(row, "\n".join(runs))
    return text.replace("\n五、", f"\n本年度发生政府信息公开{said}。\n五、", 1)


# class -> (function, layouts it is written in; None: one file per report)
CLASSES = {
    "note_marks": (note_marks, None),
    "count_decimal": (count_decimal, ("tab_exact", "spaces")),
    "pdf_sup_note": (pdf_sup_note, None),
    "pdf_sup_word": (pdf_sup_word, None),
    "flat_sup_tab": (flat_sup_tab, None),
    "flat_sup_pipes": (flat_sup_pipes, None),
    "flat_sup_spaces": (flat_sup_spaces, None),
    "extra_column": (extra_column, None),
    "two_agencies": (two_agencies, LAYOUTS),
    "summary_after": (summary_after, LAYOUTS),
    "summary_first": (summary_first, LAYOUTS),
    "summary_row_lost": (summary_row_lost, LAYOUTS),
    "year_before": (year_before, LAYOUTS),
    "year_after": (year_after, LAYOUTS),
    "year_rows": (year_rows, None),
    "two_year_cols": (two_year_cols, LAYOUTS),
    "two_year_t4": (two_year_t4, LAYOUTS),
    "t3_row_cut": (t3_row_cut, LAYOUTS),
    "t3_cut_subtotal": (t3_cut_subtotal, LAYOUTS),
    "t3_cut_order": (t3_cut_order, LAYOUTS),
    "year_before_fw": (year_before_fw, LAYOUTS),
    "year_rows_fw": (year_rows_fw, None),
    "two_year_cols_fw": (two_year_cols_fw, LAYOUTS),
    "t4_one_line": (t4_one_line, LAYOUTS),
    "t4_totals_prose": (t4_totals_prose, None),
}


def probe(name: str, n: int, seed: int, show: bool, classes: dict | None = None) -> Counter:
    """`classes`: name -> (function, layouts) of another probe (hunt2_probe)."""
    from zfxxgk.parse import parse_text

    fn, layouts = (classes or CLASSES)[name]
    out: Counter = Counter()
    for k in range(n):
        template = "2021" if k % 2 == 0 else "2019"
        year = 2023 if template == "2021" else 2020
        report = distinct_report(template, seed=seed * 1000 + k, agency="青禾市云岭区人民政府", year=year)
        other = distinct_report(template, seed=seed * 1000 + k + 500, agency="青禾市云岭区教育局", year=year)
        for layout in layouts or ("tab_exact",):
            made = fn(report, other, random.Random(seed * 7919 + k), layout)
            parsed = parse_text(made) if isinstance(made, str) else made
            wrong = wrong_cells(parsed, tables_of(report))
            out["reports"] += 1
            out["cells"] += len(filled_cells(report))
            out["wrong"] += len(wrong)
            out["lost"] += len(filled_cells(report) - filled_cells(parsed))
            out["meta"] += len(meta_misses(parsed, report)[0])
            if show and wrong and out["shown"] < 1:
                out["shown"] += 1
                print(f"  {name} {template}/{layout}: {wrong[:4]}")
    return out


def main(classes: dict | None = None, doc: str | None = None) -> None:
    classes = classes or CLASSES
    ap = argparse.ArgumentParser(description=(doc or __doc__).split("\n")[0])
    ap.add_argument("-n", type=int, default=6, help="reports per class")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", help="run only the classes whose name contains this")
    ap.add_argument("--show", action="store_true", help="print a wrong example per class")
    args = ap.parse_args()
    print(f"{'class':16s} {'reports':>7s} {'cells':>7s} {'wrong':>6s} {'lost':>6s} {'meta':>5s}")
    for name in classes:
        if args.only and args.only not in name:
            continue
        s = probe(name, args.n, args.seed, args.show, classes)
        print(f"{name:16s} {s['reports']:7d} {s['cells']:7d} {s['wrong']:6d} {s['lost']:6d} "
              f"{s['meta']:5d}", flush=True)


if __name__ == "__main__":
    main()
