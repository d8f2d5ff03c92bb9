"""How many wrong cells the parser reads from damaged text of reports with blank
cells and broken identities, by class (issue 12: never a wrong number).

The property test of tests/parse draws consistent reports without blanks; real
tables leave cells blank (空格, `—`, `/`) and print totals that disagree with their
parts. This probe draws N reports of each kind (`reports(consistent=..., blanks=...)`),
writes each in a layout that carries blank cells (tests/layouts CARRIES_BLANKS),
prints the blank cells empty or as a mark (`—`, `/`: `Style.blank`), damages the
text (`damaged_text`), parses it and counts the cells read with another value than
printed (`exact_cells.wrong_cells`), by class: table, whether the cell's row has a
blank, whether its own total holds, and how its line was damaged; and the cells
lost (null where a number was printed), the price of leaving a doubtful cell null.

It is a probe, not a test: it prints counts and a few examples of each class.
Run: `PYTHONPATH=src python3 bench/blank_probe.py [-n 2000] [--seed 1]`.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests")]
sys.path.append(str(ROOT / "src"))  # after PYTHONPATH: another checkout may be probed

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as fixed_seed  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import strategies  # noqa: E402
from exact_cells import filled_cells, tables_of, wrong_cells  # noqa: E402
from layouts import CARRIES_BLANKS, Style, write  # noqa: E402
from zfxxgk.parse import parse_text  # noqa: E402

KINDS = {"consistent+blanks": dict(consistent=True, blanks=True),
         "inconsistent+blanks": dict(consistent=False, blanks=True),
         "inconsistent": dict(consistent=False, blanks=False)}


def _recording_damage():
    """Wrap `damage_row` so each damaged line's kind is known by its new text."""
    kinds: dict[str, str] = {}
    original = strategies.damage_row

    def damage(line, kind, rng):
        out = original(line, kind, rng)
        if out != line:
            kinds[out] = kind
        return out

    strategies.damage_row = damage
    return kinds


def _row_state(report, table: str, row: str) -> tuple[str, str]:
    cells = getattr(report, table)[row]
    values = list(cells.values())
    blank = "blank" if any(v is None for v in values) else "full"
    if table == "active" or None in values:
        return blank, "-"
    own = sum(values[:-1]) == values[-1] if table == "applications" else \
        sum(values[:4]) == values[4]
    return blank, "own-ok" if own else "own-broken"


def _shows_blank(line: str) -> bool:
    """The line still shows a blank cell: an empty cell between tabs or pipes, or a dash."""
    return bool(re.search(r"\t\t|\t\s*$|\|\s*\|", line)) or any(d in line for d in strategies.BLANK_MARKS)


def classify(report, parsed, text: str, kinds: dict[str, str], wrong: list[str]) -> Counter:
    lines = text.split("\n")
    out: Counter = Counter()
    for w in wrong:
        code = w.split("=")[0]
        table, rest = code.split(".", 1)
        row = rest.rsplit(".", 1)[0]
        blank, own = _row_state(report, table, row)
        prov = parsed.provenance.get(code)
        line = lines[prov.line - 1] if prov and prov.line and prov.line <= len(lines) else ""
        if blank == "blank":
            blank += "-shown" if _shows_blank(line) else "-lost"
        how = kinds.get(line, "intact")
        out[(table, blank, own, how)] += 1
    return out


def _lines_of(parsed, text: str, wrong: list[str]) -> list[str]:
    lines = text.split("\n")
    out = []
    for w in wrong:
        prov = parsed.provenance.get(w.split("=")[0])
        if prov and prov.line and prov.line <= len(lines) and lines[prov.line - 1] not in out:
            out.append(lines[prov.line - 1])
    return out


def probe(n: int, seed: int, show: int) -> dict:
    kinds_of_lines = _recording_damage()
    results = {}
    for kind, switches in KINDS.items():
        counts: Counter = Counter()
        examples: dict = defaultdict(list)
        stats = Counter()

        @settings(max_examples=n, deadline=None, database=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck))
        @fixed_seed(seed)
        @given(report=strategies.reports(**switches), layout=st.sampled_from(sorted(CARRIES_BLANKS)),
               seed_=st.integers(0, 10**6), mark=st.sampled_from(("",) * 2 + strategies.BLANK_MARKS),
               data=st.data())
        def one(report, layout, seed_, mark, data):
            style = Style.draw(random.Random(seed_ + 1)).with_(blank=mark)
            text = write(layout, report, seed=seed_, style=style)
            text = data.draw(strategies.damaged_text(text, report))
            parsed = parse_text(text)
            wrong = wrong_cells(parsed, tables_of(report))
            stats["reports"] += 1
            stats["cells"] += sum(len(c) for t in tables_of(report).values() for c in t.values())
            stats["lost"] += len(filled_cells(report) - filled_cells(parsed))
            if wrong:
                stats["reports_wrong"] += 1
                found = classify(report, parsed, text, kinds_of_lines, wrong)
                counts.update(found)
                for cls in found:
                    if len(examples[cls]) < show:
                        examples[cls].append((layout, mark, wrong[:4], _lines_of(parsed, text, wrong), text))

        one()
        results[kind] = (stats, counts, examples)
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=2000, help="reports drawn per kind")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", type=int, default=0, help="examples printed per class")
    ap.add_argument("--dump", help="folder to write the examples' texts to")
    args = ap.parse_args()
    if args.dump:
        Path(args.dump).mkdir(parents=True, exist_ok=True)
    for kind, (stats, counts, examples) in probe(args.n, args.seed, args.show).items():
        print(f"== {kind}: {stats['reports']} reports, {stats['cells']} cells, "
              f"{sum(counts.values())} wrong cells in {stats['reports_wrong']} reports, "
              f"{stats['lost']} lost")
        for cls, k in counts.most_common():
            print(f"   {k:5d}  {' '.join(x for x in cls if x)}")
            for k, (layout, mark, wrong, lines, text) in enumerate(examples[cls]):
                if args.dump:
                    name = "_".join([kind] + [x for x in cls if x != "-"]) + f"_{k}.txt"
                    Path(args.dump, name).write_text(text, encoding="utf-8")
                print(f"          [{layout} {mark!r}] {wrong}")
                for ln in lines:
                    print(f"            > {ln[:160]}")
        print()


if __name__ == "__main__":
    main()
