"""How the parser reads table text shapes that scraped reports show and our layouts
do not print (topic B of the red-team round): one cell per line, box-drawing
separators, thousands separators, units, blank marks, label spellings.

Each class takes a report drawn by `strategies.reports` printed in the exact-tab
layout (`tests/layouts` tab_exact: one row a line, a label and one tab-separated
cell per column) and rewrites its table lines; the text is parsed and compared
with the report printed: wrong cells (another number than printed), lost cells
(null where a number was printed, a human reads it easily) and wrong meta
(agency, year or format).

It is a probe, not a test: it prints counts and, with --show, an example text.
Run: `PYTHONPATH=src python3 bench/text_shapes_probe.py [-n 40] [--seed 1] [--only CLASS]`.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests")]
sys.path.append(str(ROOT / "src"))  # after PYTHONPATH: another checkout may be probed

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import seed as fixed_seed  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import strategies  # noqa: E402
from exact_cells import tables_of, wrong_cells  # noqa: E402
from layouts import Style, write  # noqa: E402
from zfxxgk.parse import parse_text  # noqa: E402

_NUM = re.compile(r"^[+\-]?\d+(?:\.\d+)?$")
# simplified -> traditional, for the characters of the tables' labels
_TRAD = str.maketrans(dict(zip(
    "开请数结转处决许罚强费规范制发废现总计区国护权属类内务过执询项无机关掌没补确访举报诉复获继续办议维纠审经况组织业构会术时间",
    "開請數結轉處決許罰強費規範製發廢現總計區國護權屬類內務過執詢項無機關掌沒補確訪舉報訴複獲繼續辦議維糾審經況組織業構會術時間")))
_CIRCLED = {str(i): c for i, c in enumerate("①②③④⑤⑥⑦⑧⑨", 1)}
_ITEM = re.compile(r"^(\d)[.、．]\s*")
_CN_ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[)）]\s*")


def _is_value(cell: str) -> bool:
    return bool(_NUM.match(cell.strip())) or cell.strip() == ""


def _row_parts(line: str) -> tuple[list[str], list[str]]:
    """A tab line as (label cells, value cells): values are the trailing cells that
    are numbers or empty."""
    cells = line.split("\t")
    i = len(cells)
    while i > 0 and _is_value(cells[i - 1]):
        i -= 1
    return cells[:i], cells[i:]


def _values(line: str, rng: random.Random, fn) -> str:
    labels, values = _row_parts(line)
    return "\t".join(labels + [fn(v, rng) if v.strip() else v for v in values])


def _labels(line: str, rng: random.Random, fn) -> str:
    labels, values = _row_parts(line)
    if not any(v.strip() for v in values):
        return line
    return "\t".join([fn(x, rng) for x in labels] + values)


def _marked(line: str) -> str:
    """A row's blank cells printed as ``—``."""
    labels, values = _row_parts(line)
    if not any(v.strip() for v in values):
        return line
    return "\t".join(labels + [v if v.strip() else "—" for v in values])


def _thousands(sep: str):
    def fn(v: str, rng) -> str:
        whole, dot, frac = v.partition(".")
        if len(whole.lstrip("-")) <= 3:
            return v
        return f"{int(whole):,}".replace(",", sep) + dot + frac
    return fn


def _unit(v: str, rng) -> str:
    return v if "." in v else v + "件"


def _spaced_all(label: str, rng) -> str:
    return " ".join(label.replace(" ", ""))


def _circled(label: str, rng) -> str:
    return _ITEM.sub(lambda m: _CIRCLED[m.group(1)], label)


def _paren_item(label: str, rng) -> str:
    return _ITEM.sub(lambda m: f"({m.group(1)})", label)


def _no_numbering(label: str, rng) -> str:
    return _CN_ITEM.sub("", _ITEM.sub("", label))


def _traditional(label: str, rng) -> str:
    return label.translate(_TRAD)


def _cell_lines(line: str, rng, gap: bool = False) -> list[str]:
    """innerText / get_text("\\n") of a table row: each cell on a line of its own
    (the empty cells of spanning headers dropped)."""
    out = []
    for c in line.split("\t"):
        if c.strip():
            out += [c.strip()] + ([""] if gap else [])
    return out


def _box(line: str, rng, bar: str, border: bool) -> list[str]:
    inner = bar.join(line.split("\t"))
    return [bar + inner + bar if border else inner]


def _grid(line: str, rng, ascii_: bool) -> list[str]:
    """A text-art table: each row between rule lines (┌─┬─┐ or +---+---+)."""
    cells = line.split("\t")
    if ascii_:
        rule = "+" + "+".join("-" * 4 for _ in cells) + "+"
        return [rule, "|" + "|".join(cells) + "|"]
    rule = "├" + "┼".join("─" * 4 for _ in cells) + "┤"
    return [rule, "│" + "│".join(cells) + "│"]


def _separated(line: str, rng, sep: str) -> list[str]:
    return [sep.join(line.split("\t"))]


def _stray_space(line: str, rng) -> list[str]:
    """Spaced columns (three spaces between cells, a blank lost with its own) and a
    single stray space inside one number of the row: 规章   65   16 0 for |65|160."""
    labels, values = _row_parts(line)
    long = [i for i, v in enumerate(values) if len(v.strip()) >= 2 and v.strip().isdigit()]
    if not long:
        return _separated(line, rng, "   ")
    i = rng.choice(long)
    k = rng.randint(1, len(values[i]) - 1)
    values[i] = values[i][:k] + " " + values[i][k:]
    return ["   ".join(labels + [v for v in values if v.strip()])]


def _minus(v: str, rng) -> str:
    return v.replace("-", "−")


def _serial(line: str, rng) -> list[str]:
    labels, values = _row_parts(line)
    if not any(v.strip() for v in values):
        return [line]
    return [f"{rng.randint(1, 30)}\t{line}"]


_NOTED = ("{}（注）", "约{}", "{}*", "{}（含{}）", "{}人次", "<{}>")


def _noted(line: str, rng) -> list[str]:
    """One number of a row printed with words or marks around it: that cell is no
    count the parser can take (null, or the number where the words are a unit)."""
    labels, values = _row_parts(line)
    filled = [i for i, v in enumerate(values) if v.strip()]
    if not filled or rng.random() < 0.5:
        return [line]
    i = rng.choice(filled)
    values[i] = rng.choice(_NOTED).format(values[i], values[i])
    return ["\t".join(labels + values)]


_T4_GROUPS = ("行政复议", "未经复议直接起诉", "复议后起诉")


def _t4_rows(line: str, rng) -> list[str]:
    """Table 四's fifteen numbers as three rows of five, each after its group's name."""
    cells = line.split("\t")
    if len(cells) != 15 or not all(_NUM.match(c) or not c for c in cells):
        return [line]
    return ["\t".join([g] + cells[5 * i:5 * i + 5]) for i, g in enumerate(_T4_GROUPS)]


def _zwsp(text: str, rng) -> str:
    """Zero-width spaces a web page's editor left (&#8203;), at a random place."""
    i = rng.randrange(len(text) + 1)
    return text[:i] + "\u200b" + text[i:]


def _remark(line: str, rng) -> list[str]:
    """A remarks column after the numbers, filled now and then."""
    labels, values = _row_parts(line)
    if not any(v.strip() for v in values) or rng.random() < 0.6:
        return [line]
    return [line + "\t" + rng.choice(("含网上办理3件", "其中2件已撤回", "已全部办结", "见附件1"))]


def _subtotal(line: str, rng, first: bool = False) -> list[str]:
    """Table 三 with a 小计 column for the five kinds of 法人或其他组织 before 总计
    (a local variant of the form; `first`: before 商业企业). A row with blank
    cells prints its 小计 of the cells printed, blank when all five are."""
    labels, values = _row_parts(line)
    at = 1 if first else 6
    if "自然人" in line:
        cells = line.split("\t")
        k = cells.index("商业企业") if first else len(cells) - 1
        return ["\t".join(cells[:k] + ["小计"] + cells[k:])]
    if len(values) != 7 or not any(v.strip() for v in values):
        return [line]
    parts = [int(v) for v in values[1:6] if v.strip()]
    sub = str(sum(parts)) if parts else ""
    return ["\t".join(labels + values[:at] + [sub] + values[at:])]


def _wrap_label(line: str, rng) -> list[str]:
    """A long label wrapped: its first part on a line of its own, the rest and the
    numbers on the next."""
    labels, values = _row_parts(line)
    if not values or not labels or len(labels[-1]) < 8:
        return [line]
    label = labels[-1]
    cut = rng.randrange(3, len(label) - 2)
    return ["\t".join(labels[:-1] + [label[:cut]]), "\t".join([label[cut:]] + values)]


def _t3_header(line: str, rng, one_line: bool) -> list[str]:
    """Table 三's column header (the line naming 自然人 … 总计) on one line joined by
    spaces, or each column header on a line of its own."""
    if "自然人" not in line or "\t" not in line:
        return [line]
    cells = [c for c in line.split("\t") if c.strip()]
    return [" ".join(cells)] if one_line else cells


# class -> (report kind, line rewrite: line, rng -> list of lines)
CLASSES = {
    "cell_lines": ("full", lambda s, r: _cell_lines(s, r)),
    "cell_lines_blanks": ("blanks", lambda s, r: _cell_lines(s, r)),
    "cell_lines_marks": ("blanks", lambda s, r: _cell_lines(_marked(s), r)),
    "cell_lines_gap": ("full", lambda s, r: _cell_lines(s, r, gap=True)),
    "box_thin": ("blanks", lambda s, r: _box(s, r, "│", True)),
    "box_heavy": ("blanks", lambda s, r: _box(s, r, "┃", True)),
    "box_inner": ("blanks", lambda s, r: _box(s, r, "│", False)),
    "fullwidth_bar": ("blanks", lambda s, r: _box(s, r, "｜", True)),
    "pipe_inner": ("blanks", lambda s, r: _box(s, r, "|", False)),
    "box_grid": ("blanks", lambda s, r: _grid(s, r, False)),
    "ascii_grid": ("blanks", lambda s, r: _grid(s, r, True)),
    "ideographic_space": ("full", lambda s, r: _separated(s, r, "\u3000")),
    "nbsp_space": ("full", lambda s, r: _separated(s, r, "\xa0")),
    "spaces_layout": ("blanks", lambda s, r: _separated(s, r, "   ")),
    "spaces_stray": ("blanks", _stray_space),
    "minus_sign": ("full", lambda s, r: [_values(s, r, _minus)]),
    "label_unit": ("full", lambda s, r: [_labels(s, r, lambda x, _: x + "（件）" if not x[-1].isdigit() else x)]),
    "serial_column": ("full", _serial),
    "noted_cell": ("full", _noted),
    "t4_three_rows": ("full", _t4_rows),
    "zwsp_labels": ("full", lambda s, r: [_labels(s, r, _zwsp)]),
    "zwsp_values": ("full", lambda s, r: [_values(s, r, _zwsp)]),
    "noted_spaced": ("full", lambda s, r: [" ".join(_noted(s, r)[0].split("\t"))]),
    "marks_spaced": ("blanks", lambda s, r: [" ".join(_marked(s).split("\t"))]),
    "spaced_all_spaced": ("full", lambda s, r: [" ".join(_labels(s, r, _spaced_all).split("\t"))]),
    "circled_spaced": ("full", lambda s, r: [" ".join(_labels(s, r, _circled).split("\t"))]),
    "traditional_spaced": ("full", lambda s, r: [" ".join(_labels(s, r, _traditional).split("\t"))]),
    "wrap_cell_lines": ("full", lambda s, r: [x for ln in _wrap_label(s, r) for x in _cell_lines(ln, r)]),
    "wrap_spaced": ("full", lambda s, r: [" ".join(ln.split("\t")) for ln in _wrap_label(s, r)]),
    "remark_column": ("full", _remark),
    "t3_subtotal": ("full", _subtotal),
    "t3_subtotal_first": ("full", lambda s, r: _subtotal(s, r, first=True)),
    "t3_subtotal_blanks": ("blanks", _subtotal),
    "t3_subtotal_spaced": ("blanks", lambda s, r: [" ".join(x.split("\t")) for x in _subtotal(s, r)]),
    "t3_subtotal_lines": ("full", lambda s, r: [c for x in _subtotal(s, r) for c in _cell_lines(x, r)]),
    "wrap_label": ("full", _wrap_label),
    "t3_header_one_line": ("full", lambda s, r: _t3_header(s, r, True)),
    "t3_header_lines": ("full", lambda s, r: _t3_header(s, r, False)),
    "thousands_ascii": ("full", lambda s, r: [_values(s, r, _thousands(","))]),
    "thousands_full": ("full", lambda s, r: [_values(s, r, _thousands("，"))]),
    "unit_jian": ("full", lambda s, r: [_values(s, r, _unit)]),
    "zero_decimal": ("full", lambda s, r: [_values(s, r, lambda v, _: "0.00" if v == "0" else v)]),
    "spaced_all": ("full", lambda s, r: [_labels(s, r, _spaced_all)]),
    "circled": ("full", lambda s, r: [_labels(s, r, _circled)]),
    "paren_item": ("full", lambda s, r: [_labels(s, r, _paren_item)]),
    "no_numbering": ("full", lambda s, r: [_labels(s, r, _no_numbering)]),
    "traditional": ("full", lambda s, r: [_labels(s, r, _traditional)]),
}
MARKS = ("〇", "--", "-", "无", "——", "/", "×", "－", "—", "空", "……", "-/-")
for _m in MARKS:
    CLASSES[f"mark {_m!r}"] = ("blanks", None)


def _rewrite(text: str, fn, rng: random.Random) -> str:
    out = []
    for line in text.split("\n"):
        out += fn(line, rng) if "\t" in line else [line]
    return "\n".join(out)


def _lost(parsed, expected: dict) -> int:
    n = 0
    for table, rows in expected.items():
        for row, cols in rows.items():
            got = (getattr(parsed, table) or {}).get(row, {})
            n += sum(1 for col, v in cols.items() if v is not None and got.get(col) is None)
    return n


def _text_of(cls: str, report, seed_: int, layout: str = "tab_exact") -> str:
    """The report in `layout` rewritten by class `cls`; the rewrites act on tab
    lines, so with another layout only the blank marks and units apply."""
    kind, fn = CLASSES[cls]
    rng = random.Random(seed_)
    style = Style.plain().with_(blank=cls.split(" ", 1)[1][1:-1]) if fn is None else Style.plain()
    text = write(layout, report, seed=seed_, style=style)
    return text if fn is None else _rewrite(text, fn, rng)


def probe(cls: str, n: int, seed: int, layout: str = "tab_exact") -> tuple[dict, str | None]:
    kind = CLASSES[cls][0]
    stats = dict(reports=0, cells=0, wrong=0, lost=0, meta=0, bad_reports=0)
    example: list[str] = []

    @settings(max_examples=n, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @fixed_seed(seed)
    @given(report=strategies.reports(blanks=kind == "blanks"), seed_=st.integers(0, 10**6))
    def one(report, seed_):
        text = _text_of(cls, report, seed_, layout)
        parsed = parse_text(text)
        expected = tables_of(report)
        wrong = len(wrong_cells(parsed, expected))
        lost = _lost(parsed, expected)
        meta = sum(getattr(parsed, k) != getattr(report, k) for k in ("agency", "year", "template"))
        stats["reports"] += 1
        stats["cells"] += sum(v is not None for t in expected.values() for c in t.values()
                              for v in c.values())
        stats["wrong"] += wrong
        stats["lost"] += lost
        stats["meta"] += meta
        if wrong or meta or lost:
            stats["bad_reports"] += 1
            if not example:
                example.append(text)

    one()
    return stats, (example[0] if example else None)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=40, help="reports drawn per class")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", help="run only the classes whose name contains this")
    ap.add_argument("--layout", default="tab_exact", help="the layout rewritten (tests/layouts)")
    ap.add_argument("--show", action="store_true", help="print one failing text per class")
    args = ap.parse_args()
    print(f"{'class':22s} {'reports':>7s} {'cells':>7s} {'wrong':>6s} {'lost':>6s} {'meta':>5s} {'bad':>4s}")
    for cls in CLASSES:
        if args.only and args.only not in cls:
            continue
        s, example = probe(cls, args.n, args.seed, args.layout)
        print(f"{cls:22s} {s['reports']:7d} {s['cells']:7d} {s['wrong']:6d} {s['lost']:6d} "
              f"{s['meta']:5d} {s['bad_reports']:4d}", flush=True)
        if args.show and example:
            print(example)


if __name__ == "__main__":
    main()
