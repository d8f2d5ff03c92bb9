"""Scans we have not seen: real-world kinds of scanned 政府信息公开年度报告 that the
OCR bench's generic scans (skew, blur, noise, JPEG) do not make.

    nice .venv/bin/python bench/scan_probe.py [--reports 2] [--dpi 150] [--classes seal_sign,fax]
                                              [--jobs 1] [-v]

Each of N random valid reports (every cell non-zero and distinct, both templates)
is rendered to PDF, rasterised in colour, changed the way one class of real scans
is, degraded mildly (skew, blur, noise, JPEG) and saved as an image-only PDF, then
parsed as a user's file would be. Per class it prints:

  right      cells equal to the source's values
  wrong      a number that is not the source's, no finding naming it (must be 0)
  flagged    a wrong number a finding names (F-OCR, an identity ...)
  lost       null where the source has a number (the finding says why, or not)
  ocr ok/bad cells an F-OCR finding names (doubtful, no identity decided them)
             whose value is the source's / is another number (ok + bad: the
             doubtful-and-undecided cells that still carry a reading)
  meta       agency, year and template all read right (reports of the class)

A probe, not a test: it fails only on errors.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "ingest"))

import scans as S  # noqa: E402  (the seal and the hand-written correction are drawn there)
import scan_classes  # noqa: E402  (more classes, and the page helpers)
from scan_classes import TABLES, levels as _levels, pil as _pil, table_cells as _table_cells  # noqa: E402


def rasterise_rgb(pdf: bytes, dpi: int) -> list:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[k].render(scale=dpi / 72).to_pil().convert("RGB") for k in range(len(doc))]
    finally:
        doc.close()


def _ink_box(grey: np.ndarray, y0: int, y1: int, x0: int = 0, x1: int | None = None):
    ys, xs = np.nonzero(grey[y0:y1, x0:x1] < 128)
    if ys.size == 0:
        return None
    return x0 + int(xs.min()), y0 + int(ys.min()), x0 + int(xs.max()), y0 + int(ys.max())


def last_table_page(pages: list) -> int:
    """The last page with a ruled table (where table 三's bottom or table 四 is)."""
    from zfxxgk.ingest.ocr import geometry, rulings

    found = [k for k, p in enumerate(pages)
             if rulings.find_tables(geometry.binarize(np.asarray(p.convert("L"))))]
    return found[-1] if found else len(pages) - 1


def seal_sign(pages, report, rng):
    """The seal over the agency's name and the date at the report's end."""
    grey = np.asarray(pages[-1].convert("L"))
    h, w = grey.shape
    box = _ink_box(grey, int(0.1 * h), h, int(0.55 * w))
    if box is None:
        return pages
    x0, y0, x1, y1 = box
    centre = ((x0 + x1) // 2, (y0 + y1) // 2)
    return pages[:-1] + [S.stamp(pages[-1], centre, int(0.09 * w), report.agency)]


def seal_table(pages, report, rng):
    """The seal over the bottom right of the last table (a signed table page)."""
    k = last_table_page(pages)
    cells = _table_cells(pages[k])
    if not cells:
        return pages
    x1 = max(c.box[2] for c in cells)
    y1 = max(c.box[3] for c in cells)
    w = pages[k].width
    out = list(pages)
    out[k] = S.stamp(pages[k], (x1 - int(0.12 * w), y1 - int(0.04 * w)), int(0.09 * w),
                     report.agency)
    return out


def seal_grey(pages, report, rng):
    """The seal over the table, the page scanned in greyscale (red is mid-grey)."""
    return [p.convert("L") for p in seal_table(pages, report, rng)]


def light(pages, report, rng):
    return _levels(pages, 165, 250)


def dark(pages, report, rng):
    return _levels(pages, 10, 120)


def grey_ground(pages, report, rng):
    return _levels(pages, 20, 185)


def fax(pages, report, rng):
    """1-bit at 100 dpi (the probe's dpi halved or less), no grey at all."""
    from PIL import Image

    out = []
    for p in pages:
        small = p.convert("L").resize((int(p.width * 100 / DPI), int(p.height * 100 / DPI)),
                                      Image.Resampling.BILINEAR)
        out.append(small.point(lambda v: 255 if v > 150 else 0).convert("1"))
    return out


def _rules(grey: np.ndarray):
    from zfxxgk.ingest.ocr import geometry, rulings

    return rulings.line_masks(geometry.binarize(grey))


def three_line(pages, report, rng):
    """The vertical rules left out (a 三线表-like table: horizontal rules only)."""
    import cv2

    from zfxxgk.ingest.ocr import geometry, rulings

    out = []
    for p in pages:
        grey = np.asarray(p.convert("L")).copy()
        horizontal, vertical = _rules(grey)
        inside = np.zeros(grey.shape, dtype=bool)
        for t in rulings.find_tables(geometry.binarize(grey)):
            inside[t.box[1]:t.box[3] + 1, t.box[0]:t.box[2] + 1] = True
        gone = (cv2.dilate(vertical, np.ones((3, 3), np.uint8)) > 0) & (horizontal == 0) & inside
        grey[gone] = 255
        out.append(_pil(grey))
    return out


def three_rule(pages, report, rng):
    """A true 三线表: of each table's rules only the top, the one under the header
    (the second rule across the whole table) and the bottom are printed."""
    import cv2

    from zfxxgk.ingest.ocr import geometry, rulings

    out = []
    for p in pages:
        grey = np.asarray(p.convert("L")).copy()
        binary = geometry.binarize(grey)
        horizontal, vertical = rulings.line_masks(binary)
        for t in rulings.find_tables(binary):
            x0, y0, x1, y1 = t.box
            box = (slice(y0, y1 + 1), slice(x0, x1 + 1))
            across = [y for y in range(y1 + 1 - y0)
                      if (horizontal[box][y] > 0).mean() >= 0.9]
            rows = [r for r in range(len(across)) if r == 0 or across[r] > across[r - 1] + 1]
            keep = {across[r] for r in rows[:2]} | {across[-1]} if across else set()
            edges = np.zeros(grey.shape, dtype=bool)  # rules, not digits the masks kept
            for c in t.cells:
                cx0, cy0, cx1, cy1 = c.box
                edges[max(0, cy0 - 5):cy1 + 6, [*range(max(0, cx0 - 5), cx0 + 6), *range(cx1 - 5, cx1 + 6)]] = True
                edges[[*range(max(0, cy0 - 5), cy0 + 6), *range(cy1 - 5, cy1 + 6)], max(0, cx0 - 5):cx1 + 6] = True
            gone = (cv2.dilate(cv2.bitwise_or(horizontal, vertical)[box],
                               np.ones((3, 3), np.uint8)) > 0) & edges[box]
            for y in keep:
                a, b = max(0, y - 5), y + 6
                gone[a:b] &= vertical[box][a:b] > 0
            grey[box][gone] = 255
        out.append(_pil(grey))
    return out


def strike(pages, report, rng):
    """Three printed numbers struck out, a different one written by hand beside each."""
    return _handwritten(pages, rng, 0.6, S.strike_out)


def _handwritten(pages, rng, narrower: float, draw):
    """Three printed numbers a page (each narrower than `narrower` of its cell,
    so there is room beside it) with a figure written by hand by `draw`."""
    out = []
    for p in pages:
        p = p.convert("RGB")
        grey = np.asarray(p.convert("L"))
        cells = [c for c in _table_cells(p) if c.col >= 2 and c.rowspan == 1]
        inked = [(c, _ink_box(grey, c.box[1] + 4, c.box[3] - 4, c.box[0] + 4, c.box[2] - 4))
                 for c in cells]
        inked = [(c, b) for c, b in inked
                 if b is not None and b[2] - b[0] < narrower * (c.box[2] - c.box[0])]
        for cell, box in rng.sample(inked, min(3, len(inked))):
            draw(p, box, str(rng.randint(10, 999)))
        out.append(p)
    return out


def spread(pages, report, rng):
    """Two pages scanned side by side on one landscape image (a book spread)."""
    from PIL import Image

    out = []
    for k in range(0, len(pages), 2):
        pair = pages[k:k + 2]
        if len(pair) == 1:
            out.append(pair[0])
            continue
        w, h = pair[0].size
        gutter = int(0.03 * w)
        img = Image.new("RGB", (2 * w + gutter, h), (255, 255, 255))
        img.paste(pair[0].convert("RGB"), (0, 0))
        img.paste(pair[1].convert("RGB"), (w + gutter, 0))
        out.append(img)
    return out


def upside(pages, report, rng):
    """The first table page upside down among upright ones."""
    k = next((k for k, p in enumerate(pages) if _table_cells(p)), 0)
    return [p.rotate(180) if j == k else p for j, p in enumerate(pages)]


def sideways(pages, report, rng):
    """The last table page turned a quarter and scanned portrait (a landscape
    table page): the image is taller than wide, its lines run down the page."""
    from PIL import Image

    k = last_table_page(pages)
    turned = pages[k].rotate(90, expand=True)
    w, h = turned.size
    canvas = Image.new("RGB", (w, int(1.45 * w)), (255, 255, 255))
    canvas.paste(turned, (0, (canvas.height - h) // 2))
    return pages[:k] + [canvas] + pages[k + 1:]


def split(pages, report, rng):
    """Every page scanned in two halves, top and bottom, each an image of its own."""
    out = []
    for p in pages:
        w, h = p.size
        cut = int(h * rng.uniform(0.45, 0.55))
        out += [p.crop((0, 0, w, cut + 20)), p.crop((0, cut - 20, w, h))]
    return out


def photo(pages, report, rng):
    """A phone photo of each page: the sheet a trapezium on a darker desk, light
    falling off from one corner, and a soft shadow (a hand, the phone) across it."""
    return [S.photograph(p, tuple(rng.uniform(0.02, 0.07) for _ in range(3)), rng.uniform(0.1, 0.5))
            for p in pages]


def lid_open(pages, report, rng):
    """Scanned with the lid open: the page on a wide black border."""
    return [S.on_black(p, rng.uniform(0.04, 0.1), rng.uniform(0.04, 0.1)) for p in pages]


def jpeg20(pages, report, rng):
    """Saved as JPEG at quality 20 (a portal's upload limit): blocks and ringing."""
    from PIL import Image

    out = []
    for p in pages:
        buf = io.BytesIO()
        p.convert("L").save(buf, "JPEG", quality=20)
        out.append(Image.open(io.BytesIO(buf.getvalue())).copy())
    return out


def hand_note(pages, report, rng):
    """A figure written by hand beside three printed numbers (not struck: a
    correction or a query in the cell's margin). Which is meant? Either read
    as the cell's number is unsure."""
    return _handwritten(pages, rng, 0.5, S.write_beside)


def turned(pages, report, rng):
    """The first table page turned a quarter one way, the last the other (a
    portrait page fed sideways: the image is wider than tall)."""
    first = next((k for k, p in enumerate(pages) if _table_cells(p)), 0)
    last = last_table_page(pages)
    return [p.rotate(90, expand=True) if j == first else p.rotate(-90, expand=True) if j == last
            else p for j, p in enumerate(pages)]


def skew3(pages, report, rng):
    """Every page fed crooked: 2-4 degrees either way (the mild skew comes on top)."""
    return [p.convert("RGB").rotate(rng.choice((-1, 1)) * rng.uniform(2, 4), fillcolor=(255, 255, 255))
            for p in pages]


def two_up(pages, report, rng):
    """Printed two pages a sheet (2-up: each page reduced to 70 %, side by side
    on a landscape sheet of the same paper), then scanned."""
    from PIL import Image

    out = []
    w, h = pages[0].size
    for k in range(0, len(pages), 2):
        sheet = Image.new("RGB", (h, w), (255, 255, 255))
        for j, page in enumerate(pages[k:k + 2]):
            small = page.convert("RGB").resize((int(0.7 * w), int(0.7 * h)))
            sheet.paste(small, (int(0.02 * h) + j * h // 2, (w - small.height) // 2))
        out.append(sheet)
    return out


def punched(pages, report, rng):
    """A punched file copy: two holes' shadows in the left margin and a staple
    in the top left corner, on every page."""
    from PIL import ImageDraw

    out = []
    for p in pages:
        p = p.convert("RGB")
        w, h = p.size
        draw = ImageDraw.Draw(p)
        r, x = int(0.022 * w), int(rng.uniform(0.03, 0.06) * w)
        for y in (0.38 * h, 0.62 * h):
            draw.ellipse((x - r, int(y) - r, x + r, int(y) + r), fill=(40, 40, 40))
        sx, sy, n = int(0.05 * w), int(0.04 * w), int(0.05 * w)
        draw.line((sx, sy + n, sx + n, sy), fill=(60, 60, 60), width=max(3, w // 300))
        out.append(p)
    return out


def shuffled(pages, report, rng):
    """Pages out of order in the PDF: the last page first (fed the wrong way round)."""
    return pages[-1:] + pages[:-1]


def tall(pages, report, rng):
    """The whole report as one tall picture (a portal's 长图: pages stacked)."""
    from PIL import Image

    w = max(p.width for p in pages)
    img = Image.new("RGB", (w, sum(p.height for p in pages)), (255, 255, 255))
    y = 0
    for p in pages:
        img.paste(p.convert("RGB"), (0, y))
        y += p.height
    return [img]


def plain(pages, report, rng):
    return pages


CLASSES = {f.__name__: f for f in (plain, seal_sign, seal_table, seal_grey, light, dark,
                                   grey_ground, fax, three_line, three_rule, strike, spread, upside,
                                   sideways, split, photo, lid_open, jpeg20, hand_note, turned,
                                   skew3, two_up, punched, shuffled, tall)} | scan_classes.CLASSES
DPI = 150
PROSE = ("本机关坚持以公开为常态、不公开为例外，围绕中心工作推进政府信息公开，"
         "完善主动公开目录，规范依申请公开办理流程，加强政府信息管理和平台建设，"
         "做好政策解读和回应关切，强化监督保障，政务公开质量和实效进一步提升。")


def degrade(page, seed: int):
    """Mild scanner damage, in colour where the page is: skew, blur, noise, JPEG."""
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    fill = 255 if page.mode in ("L", "1") else (255, 255, 255)
    if page.mode == "1":
        return page.rotate(rng.uniform(-1, 1), fillcolor=1)
    img = page.rotate(rng.uniform(-1, 1), resample=Image.Resampling.BILINEAR, fillcolor=fill)
    img = img.filter(ImageFilter.GaussianBlur(0.5))
    arr = np.asarray(img, dtype=np.float32)
    arr = arr + np.random.default_rng(seed).normal(0, 4, arr.shape)
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), img.mode)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=85)
    return Image.open(io.BytesIO(buf.getvalue())).copy()


def image_pdf(pages: list) -> bytes:
    buf = io.BytesIO()
    pages = [p.copy() for p in pages]
    pages[0].save(buf, "PDF", save_all=True, append_images=pages[1:], resolution=DPI)
    return buf.getvalue()


def make(task: tuple) -> tuple[str, bytes, dict]:
    from strategies import distinct_report
    from zfxxgk.model import report_to_dict
    from zfxxgk.render import render

    name, k = task
    report = distinct_report("2021" if k % 2 == 0 else "2019", seed=300 + k,
                             agency=("青禾市云岭区望湖街道办事处", "青禾市交通运输局")[k // 2 % 2],
                             year=2021 + k % 4)
    rng = random.Random(k)
    if name == "tall":  # a long picture is a whole report, prose and all: several pages
        report.sections = {key: "\n".join([PROSE] * 6) for key in ("1", "5", "6")}
    pages = CLASSES[name](rasterise_rgb(render(report, "pdf"), DPI), report, rng)
    pages = [degrade(p, seed=100 * k + j) for j, p in enumerate(pages)]
    if name == "tall":  # one picture, as published: a PNG
        buf = io.BytesIO()
        pages[0].save(buf, "PNG")
        return name, buf.getvalue(), report_to_dict(report)
    pdf = image_pdf(pages)
    layer = getattr(CLASSES[name], "layer", None)  # a text layer under or over the pictures
    return name, layer(pdf, pages, report) if layer else pdf, report_to_dict(report)


def _equal(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return Decimal(str(a)) == Decimal(str(b))


def score(task: tuple) -> dict:
    from zfxxgk.api import check_report, report_from_bytes

    name, data, expected = make(task)
    start = time.process_time()
    report = report_from_bytes(data, f"{name}.pdf")
    findings = check_report(report)
    named = {c for f in findings for c in f.cells}
    unsure = {c for f in findings if f.rule == "F-OCR" for c in f.cells}
    out = {"class": name, "right": 0, "wrong": 0, "flagged": 0, "lost": 0, "misses": [],
           "ocr_ok": 0, "ocr_bad": 0, "cpu": time.process_time() - start,
           "pages": int(report_pages(data))}
    for table in TABLES:
        for row, cols in expected.get(table, {}).items():
            for col, value in cols.items():
                code = f"{table}.{row}.{col}"
                got = report.cell(code)
                kind = "right" if _equal(got, value) else "lost" if got is None \
                    else "flagged" if code in named else "wrong"
                out[kind] += 1
                if code in unsure and got is not None:
                    out["ocr_ok" if kind == "right" else "ocr_bad"] += 1
                if kind != "right":
                    out["misses"].append(f"{kind} {code}={got}（应为{value}）")
    out["meta"] = (report.agency == expected.get("agency"), report.year == expected.get("year"),
                   report.template == expected.get("template"))
    out["got_meta"] = f"{report.agency}/{report.year}/{report.template}"
    return out


def report_pages(data: bytes) -> int:
    """Pages of the scan as a user's file has them (a long picture: one)."""
    import pypdfium2 as pdfium

    if not data.startswith(b"%PDF"):
        return 1
    doc = pdfium.PdfDocument(data)
    try:
        return len(doc)
    finally:
        doc.close()


def main() -> None:
    global DPI
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=2)
    parser.add_argument("--dpi", type=int, default=150)
    parser.add_argument("--classes", default=",".join(CLASSES))
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("-v", action="store_true", help="print the misses")
    args = parser.parse_args()
    DPI = args.dpi
    names = args.classes.split(",")
    tasks = [(name, k) for name in names for k in range(args.reports)]
    with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
        results = pool.map(score, tasks, chunksize=1)
    print(f"{'class':12s} {'right':>6s} {'wrong':>6s} {'flagged':>7s} {'lost':>5s} {'ocr ok/bad':>10s}  "
          f"agency year template  cpu s  s/page")
    for name in names:
        rs = [r for r in results if r["class"] == name]
        meta = [sum(r["meta"][i] for r in rs) for i in range(3)]
        print(f"{name:12s} {sum(r['right'] for r in rs):6d} {sum(r['wrong'] for r in rs):6d} "
              f"{sum(r['flagged'] for r in rs):7d} {sum(r['lost'] for r in rs):5d} "
              f"{sum(r['ocr_ok'] for r in rs):6d}/{sum(r['ocr_bad'] for r in rs):<3d}  "
              f"{meta[0]}/{len(rs)}    {meta[1]}/{len(rs)}  {meta[2]}/{len(rs)}      "
              f"{sum(r['cpu'] for r in rs):5.0f}  "
              f"{sum(r['cpu'] for r in rs) / max(1, sum(r['pages'] for r in rs)):6.2f}")
        if args.v:
            for r in rs:
                print(f"    {r['got_meta']}  " + "; ".join(r["misses"][:8]))


if __name__ == "__main__":
    main()
