"""How the parser reads reports whose parts and tables stand in another order or
number than the form's, as portals and offices print them (topic F of the
red-team round): two reports on one page (last year's and this year's, one after
the other), table 三 before table 二, every table in an appendix after part 六
(附表1…), a table printed twice (in the body and again as 附表, the same figures
or others: the body's are read), and table 三 transposed (applicant kinds as
rows, outcomes as columns).

Each shape rewrites a project-written report (strategies.distinct_report, written
by tests/layouts) and parses it. Counted, by shape: cells wrong (another number
than the report printed: for two reports, than the report whose year was read,
or than both where no year was), cells lost (null where a number was printed) and
meta wrong (agency, year, format or the signature's date other than printed; a
year left null is lost, not wrong). Wrong is worse than lost; lost with a finding is a clear refusal.
`table_twice`: reports told that a table is printed twice with other figures
(F-TABLE; right only for tables_repeated_differ).
Run: `PYTHONPATH=src python3 bench/order_probe.py [-v] [--only SHAPE]`.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests")]
sys.path.append(str(ROOT / "src"))  # after PYTHONPATH: another checkout may be probed

from exact_cells import filled_cells, tables_of, wrong_cells  # noqa: E402
from layouts import Style, write  # noqa: E402
from strategies import distinct_report  # noqa: E402
from zfxxgk.parse import parse_text  # noqa: E402

PARTS = {"一": "总体情况", "二": "主动公开政府信息情况", "三": "收到和处理政府信息公开申请情况",
         "四": "政府信息公开行政复议", "五": "存在的主要问题", "六": "其他需要报告的事项"}
_HEAD = re.compile(r"^[#*\s]*([一二三四五六])、")


def _part_of(line: str) -> str | None:
    m = _HEAD.match(line)
    if m and line.strip().lstrip("#* ")[2:].startswith(PARTS[m.group(1)]):
        return m.group(1)
    return None


def split_parts(text: str) -> tuple[list[str], dict[str, list[str]], list[str]]:
    """(head lines, part number -> its lines with its heading, signature lines)."""
    lines = text.split("\n")
    head: list[str] = []
    parts: dict[str, list[str]] = {}
    cur = None
    for ln in lines:
        n = _part_of(ln)
        if n is not None:
            cur = n
            parts[n] = []
        (parts[cur] if cur else head).append(ln)
    six = parts["六"]
    while six and not six[-1].strip():
        six.pop()
    parts["六"], sig = six[:-2], six[-2:]  # the signature: the body's name, the date
    return head, parts, sig


def _is_table_line(line: str) -> bool:
    return "\t" in line or " | " in line or line.startswith("|")


def _tables_out(lines: list[str]) -> tuple[list[str], list[str]]:
    """A part's lines without its table lines (and the table's captions), and the
    table lines taken out."""
    keep, table = [], []
    for ln in lines:
        if _is_table_line(ln) or ln.lstrip("#* ").startswith("第二十条"):
            table.append(ln)
        else:
            keep.append(ln)
    return keep, table


def _join(head, parts, order, sig, tail=()) -> str:
    return "\n".join(head + [ln for n in order for ln in parts[n]] + sig + list(tail))


def _appendix(parts: dict, after_signature: bool, head, sig, keep_body: bool) -> str:
    """The tables of parts 二 to 四 as 附表1-3 after part 六 (before or after the
    signature); `keep_body`: also left in the body (the table printed twice)."""
    moved = dict(parts)
    extra: list[str] = []
    for k, n in enumerate("二三四", 1):
        keep, table = _tables_out(parts[n])
        if not keep_body:
            moved[n] = keep + [f"详见附表{k}。"]
        extra += [f"附表{k}：{PARTS[n]}", *table]
    order = "一二三四五六"
    if after_signature:
        return _join(head, moved, order, sig, ["", "附件："] + extra)
    return _join(head, moved, order, extra + sig)


def _transposed(lines: list[str]) -> list[str]:
    """Table 三 printed with the applicant kinds as rows and the outcomes as columns."""
    keep, table = _tables_out(lines)
    rows = [ln.split("\t") for ln in table]
    if len(rows) < 3 or any(len(r) != len(rows[0]) for r in rows):
        return lines
    header, body = rows[0], rows[1:]
    out = ["\t".join(["申请人情况"] + [r[0] for r in body])]
    for j in range(1, len(header)):
        out.append("\t".join([header[j]] + [r[j] for r in body]))
    at = next(i for i, ln in enumerate(lines) if _is_table_line(ln))
    return keep[:at] + out + keep[at:]


def _shape_text(shape: str, report, prev, layout: str, seed: int) -> str:
    text = write(layout, report, seed=seed, style=Style.plain())
    head, parts, sig = split_parts(text)
    if shape == "plain":
        return text
    if shape == "two_reports_prev_first":
        return write(layout, prev, seed=seed + 1, style=Style.plain()) + "\n\n" + text
    if shape == "two_reports_first_headless":  # the first lacks part 二's heading
        first = write(layout, prev, seed=seed + 1, style=Style.plain()).split("\n")
        first = [ln for ln in first if _part_of(ln) != "二"]
        return "\n".join(first) + "\n\n" + text
    if shape == "two_reports_this_first":
        return text + "\n\n" + write(layout, prev, seed=seed + 1, style=Style.plain())
    if shape == "t3_before_t2":
        return _join(head, parts, "一三二四五六", sig)
    if shape == "t3_before_t2_renumbered":
        swapped = dict(parts)
        swapped["三"] = ["二、" + parts["三"][0].split("、", 1)[1]] + parts["三"][1:]
        swapped["二"] = ["三、" + parts["二"][0].split("、", 1)[1]] + parts["二"][1:]
        return _join(head, swapped, "一三二四五六", sig)
    if shape == "tables_in_appendix":
        return _appendix(parts, False, head, sig, keep_body=False)
    if shape == "tables_after_signature":
        return _appendix(parts, True, head, sig, keep_body=False)
    if shape == "tables_repeated":
        return _appendix(parts, False, head, sig, keep_body=True)
    if shape == "tables_repeated_after_signature":
        return _appendix(parts, True, head, sig, keep_body=True)
    if shape == "tables_repeated_differ":  # 附表 with other figures: the body's are read
        _, other, _ = split_parts(write(layout, prev, seed=seed, style=Style.plain()))
        extra = [ln for k, n in enumerate("二三四", 1)
                 for ln in [f"附表{k}：{PARTS[n]}", *_tables_out(other[n])[1]]]
        return _join(head, parts, "一二三四五六", extra + sig)
    if shape == "t3_transposed":
        turned = dict(parts)
        turned["三"] = _transposed(parts["三"])
        return _join(head, turned, "一二三四五六", sig)
    raise KeyError(shape)


SHAPES = ("plain", "two_reports_prev_first", "two_reports_first_headless", "two_reports_this_first",
          "t3_before_t2", "t3_before_t2_renumbered", "tables_in_appendix", "tables_after_signature",
          "tables_repeated", "tables_repeated_after_signature", "tables_repeated_differ", "t3_transposed")
AGENCIES = ["青禾市审计局", "青禾县白沙镇", "青禾市云岭区望湖街道办事处"]
BODIES = [("2021", 2023), ("2019", 2020), ("2021", 2024)]
LAYOUTS = ("tab_exact", "spaces", "markdown")


def probe_shape(shape: str, verbose: bool) -> Counter:
    out: Counter = Counter()
    for i, (template, year) in enumerate(BODIES):
        for j, agency in enumerate(AGENCIES):
            for layout in LAYOUTS:
                report = distinct_report(template, seed=i * 5 + j, agency=agency, year=year)
                prev = distinct_report(template, seed=i * 5 + j + 50, agency=agency, year=year - 1)
                parsed = parse_text(_shape_text(shape, report, prev, layout, i + j))
                out["reports"] += 1
                by_year = {year: report, year - 1: prev}
                if parsed.year in by_year:
                    target = by_year[parsed.year]
                    wrong = wrong_cells(parsed, tables_of(target))
                else:
                    wrong = min((wrong_cells(parsed, tables_of(r)) for r in by_year.values()), key=len)
                    target = report
                out["cells_wrong"] += len(wrong)
                out["cells_lost"] += len(filled_cells(target) - filled_cells(parsed)) - len(wrong)
                bad = []
                for key, want in (("agency", agency), ("year", year), ("template", template)):
                    got = getattr(parsed, key)
                    if got != want and not (key == "year" and got in by_year and shape.startswith("two")):
                        out[f"{key}_{'lost' if got is None else 'wrong'}"] += 1
                        bad.append(f"{key}={got!r}")
                out["table_twice"] += any(n.kind == "table_twice" for n in parsed.notes)
                date = parsed.published_on
                if parsed.year in by_year and date != target.published_on:
                    out[f"date_{'lost' if date is None else 'wrong'}"] += 1
                    bad.append(f"published_on={date}")
                if verbose and (bad or wrong):
                    print(f"  {shape} {template}/{layout} {agency}: {' '.join(bad)} {wrong[:3]}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-v", action="store_true")
    ap.add_argument("--only", default=None)
    args = ap.parse_args()
    keys = ("cells_wrong", "cells_lost", "agency_wrong", "agency_lost", "year_wrong", "year_lost",
            "template_wrong", "template_lost", "date_wrong", "date_lost", "table_twice")
    for shape in [args.only] if args.only else SHAPES:
        out = probe_shape(shape, args.v)
        shown = " ".join(f"{k}={out[k]}" for k in keys if out[k])
        print(f"{shape:34s} n={out['reports']:3d} {shown or 'ok'}", flush=True)


if __name__ == "__main__":
    main()
