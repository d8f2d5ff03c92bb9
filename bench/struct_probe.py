"""How structured files the renderers never make are read: Word's tracked changes,
hidden text, content controls, text boxes and layout tables; web pages with hidden
elements and editors' markup; workbooks with hidden sheets, rows and columns,
formulas and float noise (red-team topic C).

Each report of `strategies.distinct_report` (both templates) is rendered by our own
renderers (HTML, DOCX) or written from the rendered HTML tables (XLSX, so rows and
columns can be placed freely), then one class of real-world variation is applied and
the file is parsed. Counted per class: wrong cells (a number other than printed: the
worst), lost cells (null although printed) and wrong meta (agency, year, template).
An "old" number planted by a class (deleted, hidden) is always different from the
printed one, so reading it shows as a wrong cell.

Run: `PYTHONPATH=src python3 bench/struct_probe.py [-n 6] [--only docx-vanish]`.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests")]
sys.path.append(str(ROOT / "src"))  # after PYTHONPATH: another checkout may be probed

from exact_cells import TABLES, tables_of, wrong_cells  # noqa: E402
from strategies import distinct_report  # noqa: E402
from zfxxgk.api import report_from_bytes  # noqa: E402
from zfxxgk.render import render  # noqa: E402

from struct_docx import DOCX, altchunk, docx_variant, embedded_excel, wordml  # noqa: E402
from struct_shapes import HTML, XLSX, _word_html, mht, xlsx_variant  # noqa: E402
from struct_packages import docx_header, excel_mht, strict, xlsx_props_title  # noqa: E402


# --- the count -----------------------------------------------------------------------

def score(report, data: bytes, name: str) -> Counter:
    out: Counter = Counter()
    try:
        parsed = report_from_bytes(data, name)
    except Exception as e:  # a class that breaks the reader outright
        out["error:" + type(e).__name__] += 1
        return out
    out["wrong"] += len(wrong_cells(parsed, tables_of(report)))
    for table in TABLES:
        got = getattr(parsed, table) or {}
        for row, cols in getattr(report, table).items():
            out["lost"] += sum(1 for col, v in cols.items()
                               if v is not None and got.get(row, {}).get(col) is None)
    for key in ("agency", "year", "template"):
        out["meta"] += getattr(parsed, key) != getattr(report, key)
    return out



def variants(report, soffice: bool = False):
    html = render(report, "html")
    docx = render(report, "docx")
    yield "docx-base", docx_variant(docx, None), "r.docx"
    yield "docx-altchunk-html", altchunk(docx, html), "r.docx"
    yield "docx-embedded-excel", embedded_excel(docx, html), "r.docx"
    if soffice:
        yield "wordml-soffice", wordml(docx), "r.doc"
    for name, edit in DOCX.items():
        yield name, docx_variant(docx, edit), "r.docx"
    yield "docx-strict", strict(docx), "r.docx"
    title = f"{report.agency}{report.year}年政府信息公开工作年度报告"
    for what in ("name", "title", "noise"):
        yield f"docx-header-{what}", docx_header(docx, title, report.agency, what), "r.docx"
    yield "html-base", html.encode(), "r.html"
    for name, edit in HTML.items():
        yield name, edit(html).encode(), "r.html"
    yield "mht-word", mht(_word_html(html)), "r.doc"
    yield "mht-excel", excel_mht(html), "r.mht"
    yield "mht-excel-as-xls", excel_mht(html), "r.xls"
    for kind in XLSX:
        yield kind, xlsx_variant(html, kind), "r.xlsx"
    yield "xlsx-strict", strict(xlsx_variant(html, "xlsx-base")), "r.xlsx"
    yield "xlsx-props-title", xlsx_props_title(html), "r.xlsx"


def tally(variants_of, n: int, only: str | None) -> dict[str, Counter]:
    """Score every class on n reports of each template; `variants_of(report)` yields
    (class name, file bytes, file name). struct3_probe counts its classes the same way."""
    totals: dict[str, Counter] = {}
    for template in ("2019", "2021"):
        for seed in range(n):
            report = distinct_report(template, seed=seed)
            for name, data, fname in variants_of(report):
                if only and not name.startswith(only):
                    continue
                totals.setdefault(name, Counter()).update(score(report, data, fname))
                totals[name]["files"] += 1
    return totals


def print_totals(totals: dict[str, Counter], width: int = 24) -> None:
    print(f"{'class':{width}s} files  wrong   lost  meta  errors")
    for name, c in totals.items():
        errors = ",".join(f"{k[6:]}:{v}" for k, v in c.items() if k.startswith("error:"))
        print(f"{name:{width}s} {c['files']:5d} {c['wrong']:6d} {c['lost']:6d} {c['meta']:5d}  {errors}")


def probe_main(doc: str, variants, width: int) -> None:
    """The command line of the later probes (struct3, struct4): -n reports per
    template, --only a prefix of class names; the tally printed."""
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=3, help="reports per template")
    ap.add_argument("--only", help="classes whose name starts with this")
    args = ap.parse_args()
    print_totals(tally(variants, args.n, args.only), width=width)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=6, help="reports per template")
    ap.add_argument("--only", help="classes whose name starts with this")
    ap.add_argument("--soffice", action="store_true", help="also Word 2003 XML made by LibreOffice")
    args = ap.parse_args()
    print_totals(tally(lambda report: variants(report, args.soffice), args.n, args.only))


if __name__ == "__main__":
    main()
