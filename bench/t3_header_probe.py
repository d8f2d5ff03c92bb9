"""Table 三's header in another order (red-team topic X): a portal's template may
print 总计 first or between the applicant kinds, the five kinds of 法人或其他组织 as a
group over its sub-kinds in another order, a kind twice or none (an editor's slip),
or another wording (其他组织, 其它, 合计). The numbers under each header cell move with
it, as an editor's copy would. The parser must read each cell by the header's name,
or leave the table null (F-TABLE) where the header does not say; never by place
where the header says otherwise.

Each shape takes reports drawn by `strategies.reports` written by tests/layouts
(tab_exact), rewrites table 三's header and rows, parses the text and counts wrong
cells (another number than printed), lost cells (null where one was printed) and
wrong meta, with combo_probe's counter.
Run: `PYTHONPATH=src python3 bench/t3_header_probe.py [-n 60] [--seed 1] [--only NAME]`.
"""

from __future__ import annotations

import argparse
import random

import combo_probe
from combo_probe import _glue, _is_t3, _lines
from exact_cells import tables_of, wrong_cells
from strategies import damage_row, distinct_report
from zfxxgk.api import parse_document
from zfxxgk.ingest.docx import load_docx
from zfxxgk.ingest.html import load_html
from zfxxgk.render.docx import render_docx
from zfxxgk.render.html import render_html
from zfxxgk.render.layout import build

KINDS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
SUBS = list(range(1, 6))  # the five kinds of 法人或其他组织, by their place in KINDS


def _shuffled(rng: random.Random, items: list[int]) -> list[int]:
    """`items` in another order than their own (two or more of them)."""
    out = list(items)
    while out == items:
        rng.shuffle(out)
    return out


def _flat(order, names=None):
    """One header line naming the columns in `order` (form indices), by `names`."""
    names = names or [KINDS[i] for i in order]
    return lambda rng: ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t"
                        + "\t".join(names)]


def _total_above(order):
    """总计 on a line of its own above the other names (a spanning cell's text)."""
    kinds = [KINDS[i] for i in order if i != 6]
    return lambda rng: ["\t总计", "申请人情况\t" + "\t".join(kinds)]


def _grouped(order, blank: bool = False):
    """Two header lines: 自然人, 法人或其他组织 and 总计 over the five sub-kinds;
    `blank`: one sub-kind's cell left blank."""
    def lines(rng):
        top, sub, in_group = ["申请人情况"], [""], False
        for i in order:
            if i in SUBS:
                top.append("" if in_group else "法人或其他组织")
                in_group = True
            else:
                top.append(KINDS[i])
            sub.append(KINDS[i] if i in SUBS else "")
        if blank:
            sub[rng.choice([k for k, name in enumerate(sub) if name])] = ""
        return ["\t".join(top), "\t".join(sub)]
    return lines


def _spaced(line: str, rng) -> str:
    """The row's numbers set off by single spaces (its blank cells lost with their
    separators) and a stray space inside one of them, or some spaces lost."""
    label, *cells = line.split("\t")
    kind = rng.choice(("stray", "partial"))
    return damage_row(label + " " + " ".join(c for c in cells if c.strip()), kind, rng)


def rewrite(head, order, glue: float = 0.0, stray: float = 0.0):
    """The text with table 三's header replaced by `head(rng)` and each row's seven
    numbers moved to `order` (form indices in printed order); `glue` or `stray`
    of the rows run together or spaced, damaged (`_spaced`)."""
    def fn(text, report, rng):
        def row(ln):
            cells = ln.split("\t")
            if "自然人" in ln and not _is_t3(ln):
                return head(rng)
            if _is_t3(ln) and len(cells) == 8:
                out = "\t".join([cells[0]] + [cells[1 + i] for i in order])
                if rng.random() < stray:
                    return _spaced(out, rng)
                return _glue(out) if rng.random() < glue else out
            return ln
        return _lines(text, row, lambda ln: "\t" in ln)
    return fn


def _drawn(shape):
    """A shape whose order (and header) is drawn per report."""
    return lambda text, report, rng: shape(rng)(text, report, rng)


def _perm(rng, total_at=None):
    kinds = _shuffled(rng, list(range(6))) if total_at is not None else list(range(6))
    at = rng.randrange(0, 6) if total_at == "any" else total_at or 0
    return kinds[:at] + [6] + kinds[at:]


def _twice(rng, form: bool):
    order = list(range(7)) if form else [x for x in _shuffled(rng, list(range(6)))] + [6]
    names = [KINDS[i] for i in order]
    a, b = rng.sample(range(6), 2)
    names[a] = names[b]
    return rewrite(_flat(order, names), order)


def _missing(rng, form: bool):
    order = list(range(7)) if form else _shuffled(rng, list(range(6))) + [6]
    names = [KINDS[i] for i in order]
    names[rng.randrange(6)] = ""
    return rewrite(_flat(order, names), order)


def _grouped_shape(rng, total_first: bool, form_subs: bool = False, blank: bool = False):
    subs = SUBS if form_subs else _shuffled(rng, SUBS)
    order = ([6, 0] if total_first else [0]) + subs + ([] if total_first else [6])
    return rewrite(_grouped(order, blank), order)


def _worded(rng):
    order = _shuffled(rng, list(range(6))) + [6]
    names = [{"其他": rng.choice(("其他组织", "其它")), "总计": rng.choice(("合计", "总计"))}
             .get(KINDS[i], KINDS[i]) for i in order]
    return rewrite(_flat(order, names), order)


SHAPES = {
    "total_first": _drawn(lambda r: (lambda o: rewrite(_flat(o), o))([6, 0, 1, 2, 3, 4, 5])),
    "total_middle": _drawn(lambda r: (lambda o: rewrite(_flat(o), o))([0, 6, 1, 2, 3, 4, 5])),
    "perm_total_first": _drawn(lambda r: (lambda o: rewrite(_flat(o), o))(_perm(r, 0))),
    "perm_total_any": _drawn(lambda r: (lambda o: rewrite(_flat(o), o))(_perm(r, "any"))),
    "grouped_subs_perm": _drawn(lambda r: _grouped_shape(r, False)),
    "grouped_total_first": _drawn(lambda r: _grouped_shape(r, True)),
    "grouped_form_total_first": _drawn(lambda r: _grouped_shape(r, True, True)),
    "grouped_blank_sub": _drawn(lambda r: _grouped_shape(r, False, blank=True)),
    "grouped_blank_sub_first": _drawn(lambda r: _grouped_shape(r, True, blank=True)),
    "grouped_blank_sub_form": _drawn(lambda r: _grouped_shape(r, False, True, blank=True)),
    "kind_twice": _drawn(lambda r: _twice(r, False)),
    "kind_twice_form": _drawn(lambda r: _twice(r, True)),
    "kind_missing": _drawn(lambda r: _missing(r, False)),
    "kind_missing_form": _drawn(lambda r: _missing(r, True)),
    "wording_perm": _drawn(_worded),
    "perm_total_last_run": _drawn(lambda r: (lambda o: rewrite(_flat(o), o, 0.3))(_perm(r, 6))),
    "perm_total_any_run": _drawn(lambda r: (lambda o: rewrite(_flat(o), o, 0.3))(_perm(r, "any"))),
    "total_above_first": _drawn(lambda r: (lambda o: rewrite(_total_above(o), o))(_perm(r, 0))),
    "total_above_last": _drawn(lambda r: (lambda o: rewrite(_total_above(o), o))(_perm(r, 6))),
    "total_above_first_broken": _drawn(lambda r: (lambda o: rewrite(_total_above(o), o))(
        _perm(r, 0))),
    "total_above_last_broken": _drawn(lambda r: (lambda o: rewrite(_total_above(o), o))(
        _perm(r, 6))),
    "perm_total_last_blank_run": _drawn(lambda r: (lambda o: rewrite(_flat(o), o, 0.3))(
        _perm(r, 6))),
    "perm_total_any_blank_run": _drawn(lambda r: (lambda o: rewrite(_flat(o), o, 0.3))(
        _perm(r, "any"))),
    "perm_total_last_stray": _drawn(lambda r: (lambda o: rewrite(_flat(o), o, stray=0.3))(
        _perm(r, 6))),
    "perm_total_any_stray": _drawn(lambda r: (lambda o: rewrite(_flat(o), o, stray=0.3))(
        _perm(r, "any"))),
}
# the reports each shape draws (combo_probe.KINDS): with blank cells, which a row
# run together loses with its separators
KIND = {"total_above_first_broken": "broken", "total_above_last_broken": "broken",
        "perm_total_last_blank_run": "blanks", "perm_total_last_stray": "blanks",
        "perm_total_any_stray": "blanks", "perm_total_any_blank_run": "blanks"}

def reordered_layout(report, order: list[int]):
    """The report as our renderers lay it out (法人或其他组织 a group over its
    sub-kinds, 自然人 and 总计 spanning both header rows), table 三's header and
    each row's cells in `order` (the form's indices: 总计 first or last, the
    sub-kinds in any order, kept together under their group)."""
    layout = build(report)
    grid = next(p.grid for p in layout.parts if p.grid and p.grid.code == "applications")
    person, group, total = grid.head[1]
    subs = grid.head[2]
    top = {0: person, 6: total, next(i for i in order if i in SUBS): group}
    grid.head[1] = [top[i] for i in order if i in top]
    grid.head[2] = [subs[i - 1] for i in order if i in SUBS]
    for row in grid.body:
        row[-7:] = [row[-7 + i] for i in order]
    return layout


def _order(rng: random.Random) -> list[int]:
    subs = _shuffled(rng, list(SUBS))
    return [6, 0] + subs if rng.random() < 0.5 else [0] + subs + [6]


FILES = {"html": lambda lay: load_html(render_html(lay).encode("utf-8")),
         "docx": lambda lay: load_docx(render_docx(lay))}


def file_probe(kind: str, n: int, seed: int) -> dict:
    """HTML or DOCX with a grouped header: 总计 first in half the reports, the
    sub-kinds shuffled."""
    stats = dict(reports=0, cells=0, wrong=0, lost=0, meta=0)
    for k in range(n):
        rng = random.Random(seed * 100003 + k)
        report = distinct_report(rng.choice(["2019", "2021"]), seed=k)
        parsed = parse_document(FILES[kind](reordered_layout(report, _order(rng))))
        expected = tables_of(report)
        filled = [(t, r, c) for t, rows in expected.items() for r, cols in rows.items()
                  for c, v in cols.items() if v is not None]
        stats["reports"] += 1
        stats["cells"] += len(filled)
        stats["wrong"] += len(wrong_cells(parsed, expected))
        stats["lost"] += sum(getattr(parsed, t)[r][c] is None for t, r, c in filled)
    return stats


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=60, help="reports drawn per shape")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", help="run only the shapes whose name contains this")
    ap.add_argument("--show", action="store_true", help="print a wrong example per shape")
    args = ap.parse_args()
    print(f"{'shape':26s} {'reports':>7s} {'cells':>7s} {'wrong':>6s} {'lost':>6s} {'meta':>5s}")
    for name, fn in SHAPES.items():
        if args.only and args.only not in name:
            continue
        combo_probe.COMBOS[name] = (KIND.get(name, "full"), fn)
        s, shown = combo_probe.probe(name, args.n, args.seed, args.show)
        print(f"{name:26s} {s['reports']:7d} {s['cells']:7d} {s['wrong']:6d} {s['lost']:6d} "
              f"{s['meta']:5d}", flush=True)
        for wrong, _ in shown[:1]:
            print("   ", wrong)
    for kind in FILES:
        if args.only and args.only not in f"{kind}_grouped":
            continue
        s = file_probe(kind, args.n, args.seed)
        print(f"{kind + '_grouped':26s} {s['reports']:7d} {s['cells']:7d} {s['wrong']:6d} "
              f"{s['lost']:6d} {s['meta']:5d}", flush=True)


if __name__ == "__main__":
    main()
