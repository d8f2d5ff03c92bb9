"""How the parser reads reports with TWO kinds of damage at once (red-team topic U):
each probe of bench/ drives one class of damage to zero wrong cells, while scraped
reports often show several in one text: a row run together that also lost a blank
cell, a page break inside a table whose rows also carry stray spaces, a footnote
mark on a number of a wrapped label, a row printed twice (once damaged), a row left
out, numbers with thousands separators or full-width digits run together, a table
printed twice with a damaged copy, two of table 三's columns swapped by a portal,
table 四 as three rows run together whose figures part 四's prose states.

Each combination takes reports drawn by `strategies.reports` (kind: consistent,
with blank cells, with broken identities), written by tests/layouts in a layout that
carries blank cells, rewrites the text, parses it and counts, against the report
written: wrong cells (another number than printed: the worst), lost cells (null
where a number was printed) and wrong meta (agency, year, format).

It is a probe, not a test: it prints counts and, with --show, a wrong example.
Run: `PYTHONPATH=src python3 bench/combo_probe.py [-n 60] [--seed 1] [--only NAME]`.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "bench")]
sys.path.append(str(ROOT / "src"))  # after PYTHONPATH: another checkout may be probed

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import seed as fixed_seed  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import strategies  # noqa: E402
from exact_cells import filled_cells, meta_misses, tables_of, wrong_cells  # noqa: E402
from layouts import Style, write  # noqa: E402
from pagebreaks import paged_text  # noqa: E402
from strategies import damage_row  # noqa: E402
from text_shapes_probe import _noted, _t4_rows, _thousands, _values, _wrap_label  # noqa: E402
from zfxxgk.parse import parse_text  # noqa: E402

KINDS = {"full": dict(), "blanks": dict(blanks=True),
         "broken": dict(consistent=False, blanks=True)}
_VALUES = re.compile(r"(?:\t[^\t]*)+$")
_T3_LABELS = ("申请", "予以公开", "不予", "无法提供", "不予处理", "其他处理", "总计", "结转")


def _is_row(line: str) -> bool:
    """A tab-separated table row holding at least one number."""
    return "\t" in line and bool(re.search(r"\t[+\-]?[\d０-９]", line))


def _is_t3(line: str) -> bool:
    return _is_row(line) and line.count("\t") >= 7 and line.count("\t") < 12


def _lines(text: str, fn, pick=_is_row) -> str:
    out: list[str] = []
    for ln in text.split("\n"):
        got = fn(ln) if pick(ln) else ln
        out += got if isinstance(got, list) else [got]
    return "\n".join(out)


def _glue(line: str) -> str:
    """Every separator between the numbers lost, whatever they print (1,234 or １２):
    the label and its numbers run together; empty cells go with their separators."""
    cells = line.split("\t")
    k = len(cells)
    while k > 0 and (not cells[k - 1].strip() or re.match(r"^[+\-\d０-９.,，]+$", cells[k - 1].strip())):
        k -= 1
    return "\t".join(cells[:k]) + "".join(c.strip() for c in cells[k:])


def _if(rng: random.Random, p: float, fn):
    return lambda ln: fn(ln) if rng.random() < p else ln


def _blank_run(text, report, rng):
    """Rows with an empty cell run together: the blank goes with the separators."""
    return _lines(text, lambda ln: _glue(ln) if re.search(r"\t\t|\t$", ln) else ln)


def _stray_run(text, report, rng):
    """Some rows run together, others with a stray space inside one number."""
    return _lines(text, lambda ln: damage_row(ln, rng.choice(("run", "stray")), rng)
                  if rng.random() < 0.4 else ln)


def _partial_stray(text, report, rng):
    """Stray space and lost separators in the same row."""
    return _lines(text, _if(rng, 0.4, lambda ln: damage_row(damage_row(ln, "partial", rng),
                                                                "stray", rng)))


def _paged_stray(text, report, rng):
    text = _lines(text, _if(rng, 0.3, lambda ln: damage_row(ln, "stray", rng)))
    return paged_text(text, report, rng)[0]


def _paged_run(text, report, rng):
    text = _lines(text, _if(rng, 0.3, lambda ln: damage_row(ln, "run", rng)))
    return paged_text(text, report, rng)[0]


def _noted_wrap(text, report, rng):
    return _lines(text, lambda ln: [x for y in _noted(ln, rng) for x in _wrap_label(y, rng)])


def _thousands_run(text, report, rng):
    text = _lines(text, lambda ln: _values(ln, rng, _thousands(",")))
    return _lines(text, _if(rng, 0.4, _glue))


def _fullwidth_run(text, report, rng):
    text = text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return _lines(text, _if(rng, 0.4, _glue))


def _row_twice(text, report, rng, damage=None):
    """One table 三 row printed twice (a copy-and-paste slip), the copy as printed or
    run together."""
    lines = text.split("\n")
    rows = [i for i, ln in enumerate(lines) if _is_t3(ln)]
    if not rows:
        return text
    i = rng.choice(rows)
    copy = damage(lines[i]) if damage else lines[i]
    return "\n".join(lines[:i + 1] + [copy] + lines[i + 1:])


def _row_missing(text, report, rng):
    """One table row left out (the others run together now and then)."""
    lines = text.split("\n")
    rows = [i for i, ln in enumerate(lines) if _is_row(ln)]
    if rows:
        del lines[rng.choice(rows)]
    return _lines("\n".join(lines), _if(rng, 0.2, _glue))


def _table_twice(text, report, rng):
    """Table 三 printed again after the signature (附表), the copy run together."""
    lines = text.split("\n")
    rows = [ln for ln in lines if _is_t3(ln)]
    return text + "\n附表：收到和处理政府信息公开申请情况\n" + "\n".join(_glue(ln) for ln in rows)


def _swap_columns(text, report, rng):
    """Table 三's 科研机构 and 社会公益组织 printed in each other's place, header and
    rows alike (a portal's template), some rows run together."""
    def swap(ln):
        cells = ln.split("\t")
        names = [c.replace(" ", "") for c in cells]
        if "科研机构" in names and "社会公益组织" in names:
            a, b = names.index("科研机构"), names.index("社会公益组织")
            cells[a], cells[b] = cells[b], cells[a]
            return "\t".join(cells)
        if _is_t3(ln):
            cells[3], cells[4] = cells[4], cells[3]
            return _glue("\t".join(cells)) if rng.random() < 0.3 else "\t".join(cells)
        return ln
    return _lines(text, swap, lambda ln: "\t" in ln)


def _t4_rows_run(text, report, rng):
    """Table 四 as three rows of five after their groups' names, each run together."""
    def split(line):
        rows = _t4_rows(line, rng)
        return [_glue(x) for x in rows] if len(rows) > 1 else rows
    return _lines(text, split)


_T4_SAID = (("review", "行政复议"), ("suit_direct", "未经复议直接起诉"),
            ("suit_after_review", "复议后起诉"))


def _t4_prose(report, rng) -> str:
    """A sentence of part 四 stating some of table 四's figures as reports do:
    行政复议N件（其中维持M件）, 未经复议直接起诉N件, 复议后起诉N件 (blank ones unsaid)."""
    said = []
    for group, word in _T4_SAID:
        cells = report.review_litigation.get(group, {})
        if cells.get("total") is None or rng.random() < 0.3:
            continue
        clause = f"{word}{cells['total']}件"
        if group == "review" and cells.get("upheld") is not None and rng.random() < 0.6:
            clause += f"，其中维持{cells['upheld']}件"
        said.append(clause)
    return ("本年度发生政府信息公开" + "；".join(said) + "。") if said else ""


def _t4_rows_run_prose(text, report, rng):
    """`_t4_rows_run`, part 四's prose stating some of the figures (`_t4_prose`)."""
    text = _t4_rows_run(text, report, rng)
    sentence = _t4_prose(report, rng)
    return text.replace("\n五、", f"\n{sentence}\n五、", 1) if sentence else text


COMBOS = {
    "blank_run": ("blanks", _blank_run),
    "blank_run_broken": ("broken", _blank_run),
    "stray_run": ("blanks", _stray_run),
    "partial_stray": ("blanks", _partial_stray),
    "paged_stray": ("blanks", _paged_stray),
    "paged_run": ("broken", _paged_run),
    "noted_wrap": ("full", _noted_wrap),
    "thousands_run": ("full", _thousands_run),
    "fullwidth_run": ("blanks", _fullwidth_run),
    "row_twice": ("full", _row_twice),
    "row_twice_run": ("blanks", lambda t, r, g: _row_twice(t, r, g, _glue)),
    "row_missing": ("blanks", _row_missing),
    "table_twice_run": ("broken", _table_twice),
    "swap_columns": ("full", _swap_columns),
    "t4_rows_run": ("blanks", _t4_rows_run),
    "t4_rows_run_prose": ("blanks", _t4_rows_run_prose),
}


def probe(name: str, n: int, seed: int, show: bool) -> dict:
    kind, fn = COMBOS[name]
    stats = dict(reports=0, cells=0, wrong=0, lost=0, meta=0)
    shown: list = []

    @settings(max_examples=n, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @fixed_seed(seed)
    @given(report=strategies.reports(**KINDS[kind]), seed_=st.integers(0, 10**6))
    def one(report, seed_):
        rng = random.Random(seed_)
        style = Style.draw(random.Random(seed_ + 1)).with_(fullwidth_digits=False)
        text = write("tab_exact", report, seed=seed_, style=style)  # the rewrites act on tabs
        text = fn(text, report, rng)
        parsed = parse_text(text)
        expected = tables_of(report)
        wrong = wrong_cells(parsed, expected)
        stats["reports"] += 1
        stats["cells"] += len(filled_cells(report))
        stats["wrong"] += len(wrong)
        stats["lost"] += len(filled_cells(report) - filled_cells(parsed))
        stats["meta"] += len(meta_misses(parsed, report)[0])
        if wrong and show and len(shown) < 2:
            shown.append((wrong[:4], text))

    one()
    return stats, shown


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=60, help="reports drawn per combination")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", help="run only the combinations whose name contains this")
    ap.add_argument("--show", action="store_true", help="print a wrong example per combination")
    args = ap.parse_args()
    print(f"{'combination':18s} {'reports':>7s} {'cells':>7s} {'wrong':>6s} {'lost':>6s} {'meta':>5s}")
    for name in COMBOS:
        if args.only and args.only not in name:
            continue
        s, shown = probe(name, args.n, args.seed, args.show)
        print(f"{name:18s} {s['reports']:7d} {s['cells']:7d} {s['wrong']:6d} {s['lost']:6d} "
              f"{s['meta']:5d}", flush=True)
        for wrong, text in shown:
            print("   ", wrong)
            print("\n".join("      > " + ln for ln in text.split("\n")
                            if any(f"{w.split('=')[1].split()[0]}" in ln for w in wrong[:2]))[:1500])


if __name__ == "__main__":
    main()
