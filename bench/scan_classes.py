"""More kinds of real scans for bench/scan_probe.py, and the page helpers both use.

Each class is a function (pages, report, rng) -> pages, as in scan_probe; one
whose file is more than its pictures (a text layer under them) has a `layer`
attribute: (the image-only PDF, the rasterised pages, the report) -> PDF bytes.
"""

from __future__ import annotations

import copy
import io

import numpy as np

TABLES = ("active", "applications", "review_litigation")


def pil(a: np.ndarray):
    from PIL import Image

    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")


def levels(pages, ink: int, paper: int):
    """Grey levels squeezed to [ink, paper]: a light, dark or grey-ground scan."""
    out = []
    for p in pages:
        a = np.asarray(p.convert("L"), dtype=np.float32) / 255
        out.append(pil(ink + a * (paper - ink)))
    return out


def table_cells(page):
    from zfxxgk.ingest.ocr import geometry, rulings

    binary = geometry.binarize(np.asarray(page.convert("L")))
    return [c for t in rulings.find_tables(binary) for c in t.cells]


def figures_box(page):
    """The box of the figures (columns 2 on) of the page's tables, or None."""
    cells = [c for c in table_cells(page) if c.col >= 2]
    if not cells:
        return None
    return (min(c.box[0] for c in cells), min(c.box[1] for c in cells),
            max(c.box[2] for c in cells), max(c.box[3] for c in cells))


def _table_page(pages) -> int:
    return next((k for k, p in enumerate(pages) if figures_box(p)), 0)


def _colour_jpeg(page, quality: int):
    from PIL import Image

    buf = io.BytesIO()
    page.convert("RGB").save(buf, "JPEG", quality=quality, subsampling=2)  # 4:2:0, as phones save
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


def jpeg30(pages, report, rng):
    """A colour scan saved as JPEG at quality 30 (a portal's upload limit), its
    colour at a quarter of the resolution (4:2:0)."""
    return [_colour_jpeg(p, 30) for p in pages]


def seal_figures(pages, report, rng):
    """The red seal pressed on the middle of the first table's figures, the page
    then saved as a colour JPEG at quality 30 (the seal's red bleeds into the
    print around it)."""
    import scans as S

    k = _table_page(pages)
    box = figures_box(pages[k])
    if box is None:
        return pages
    x0, y0, x1, y1 = box
    centre = (int(rng.uniform(0.35, 0.65) * (x0 + x1)), int(rng.uniform(0.35, 0.65) * (y0 + y1)))
    out = list(pages)
    out[k] = S.stamp(pages[k], centre, int(0.09 * pages[k].width), report.agency)
    return [_colour_jpeg(p, 30) for p in out]


def low_contrast(pages, report, rng):
    """Grey print on grey paper: a copy of a copy, ink and paper 55 levels apart."""
    return levels(pages, 120, 175)


def finger(pages, report, rng):
    """A shadow band (a finger, the phone's edge) down one column of figures of
    every table page, on an otherwise flat scan: the band darkens the paper to
    about half, its edges soft."""
    out = []
    for p in pages:
        box = figures_box(p)
        if box is None:
            out.append(p)
            continue
        grey = np.asarray(p.convert("L"), dtype=np.float32)
        h, w = grey.shape
        centre = rng.uniform(box[0], box[2])
        ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
        band = np.exp(-(((xs - 0.08 * ys) - centre) / (0.035 * w)) ** 2)
        out.append(pil(grey * (1 - 0.55 * band)))
    return out


def watermark(pages, report, rng):
    """A diagonal watermark (内部资料 请勿外传, the agency's name) repeated across
    every page in light grey, over the tables' figures as over the prose."""
    import scans as S

    return [S.watermark(p, f"内部资料 请勿外传 {report.agency}   " * 3, rng) for p in pages]


def bleed(pages, report, rng):
    """Thin paper printed on both sides: the back page shows through, mirrored
    and faint (its ink some 30 to 45 levels below the paper), over every page."""
    import scans as S

    return [S.show_through(p, pages[(k + 1) % len(pages)], rng.uniform(0.12, 0.18))
            for k, p in enumerate(pages)]


def stamp_open(pages, report, rng):
    """A rectangular 此件公开 stamp (a double frame round four large characters,
    a little crooked) pressed across the figures of the first table, the page
    scanned in greyscale: its frame's sides are long straight strokes among the
    table's rules, its characters over the digits, all mid-grey."""
    import scans as S

    k = _table_page(pages)
    box = figures_box(pages[k])
    if box is None:
        return pages
    x0, y0, x1, y1 = box
    centre = (int(x0 + rng.uniform(0.3, 0.7) * (x1 - x0)), int(y0 + rng.uniform(0.2, 0.8) * (y1 - y0)))
    out = list(pages)
    out[k] = S.box_stamp(pages[k], centre, int(0.34 * pages[k].width), "此件公开",
                         rng.choice((-1, 1)) * rng.uniform(1, 6))
    return [p.convert("L") for p in out]


def _gaps(length: int, rng) -> np.ndarray:
    """Where a starved toner's rule is broken: gaps of 3 to 9 pixels every 30 to
    120 along `length`."""
    gap = np.zeros(length, dtype=bool)
    at = rng.randint(0, 60)
    while at < length:
        gap[at:at + rng.randint(3, 9)] = True
        at += rng.randint(30, 120)
    return gap


def faint_rules(pages, report, rng):
    """The tables' rules printed light (a Word table's grey borders, a toner
    running out: 35 to 50 % of the print's darkness) and broken by short gaps,
    on every table page: a cell's rule may be missing where its row's figures are."""
    import cv2

    from zfxxgk.ingest.ocr import geometry, rulings

    out = []
    for p in pages:
        grey = np.asarray(p.convert("L"), dtype=np.float32)
        binary = geometry.binarize(grey.astype(np.uint8))
        horizontal, vertical = rulings.line_masks(binary)
        inside = np.zeros(grey.shape, dtype=bool)
        for t in rulings.find_tables(binary):
            inside[t.box[1]:t.box[3] + 1, t.box[0]:t.box[2] + 1] = True
        near = np.ones((3, 3), np.uint8)
        across = (cv2.dilate(horizontal, near) > 0) & inside
        down = (cv2.dilate(vertical, near) > 0) & inside
        rule = across | down
        grey[rule] = 255 - (255 - grey[rule]) * rng.uniform(0.35, 0.5)
        grey[across & _gaps(grey.shape[1], rng)[None, :]] = 255
        grey[down & _gaps(grey.shape[0], rng)[:, None]] = 255
        out.append(pil(grey))
    return out


def grey75(pages, report, rng):
    """A greyscale scan at 75 dpi (a portal's small picture): text a few pixels
    high, soft but not thresholded."""
    from PIL import Image

    out = []
    for p in pages:
        small = p.convert("L").resize((p.width // 2, p.height // 2), Image.Resampling.LANCZOS)
        out.append(small)
    return out


_CONFUSED = str.maketrans("0135678", "9786513")  # digits a poor OCR mistakes for each other


def wrong_report(report):
    """The report as a portal's poor OCR read it: every figure's digits confused."""
    from decimal import Decimal

    wrong = copy.deepcopy(report)
    for table in TABLES:
        for cols in getattr(wrong, table).values():
            for col, value in cols.items():
                if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
                    text = str(value).translate(_CONFUSED)
                    cols[col] = Decimal(text) if "." in text else int(text)
    return wrong


def _layered(pdf: bytes, pages, report, how: str) -> bytes:
    """Each scanned page over (or under) the text of a wrong reading of it: the
    layer a portal's OCR added. `how`: "invisible" (render mode 3, the picture
    drawn first), "under" (visible text the opaque picture is drawn over),
    "white" (text filled white over the picture)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    from zfxxgk.render import render

    text = pdfium.PdfDocument(render(wrong_report(report), "pdf"))
    if len(text) != len(pages):
        return pdf
    for page, picture in zip(text, pages):
        width, height = page.get_size()
        for obj in list(page.get_objects(max_depth=1)):
            if obj.type != raw.FPDF_PAGEOBJ_TEXT:
                page.remove_obj(obj)  # a recogniser's layer has no rules
            elif how == "invisible":
                raw.FPDFTextObj_SetTextRenderMode(obj.raw, raw.FPDF_TEXTRENDERMODE_INVISIBLE)
            elif how == "white":
                raw.FPDFPageObj_SetFillColor(obj.raw, 255, 255, 255, 255)
        image = pdfium.PdfImage.new(text)
        image.set_bitmap(pdfium.PdfBitmap.from_pil(picture.convert("RGB")))
        image.set_matrix(pdfium.PdfMatrix().scale(width, height))
        if how == "under":
            page.insert_obj(image)
        else:  # the picture first, the text drawn over it
            raw.FPDFPage_InsertObjectAtIndex(page.raw, image.raw, 0)
            image._detach_finalizer()
            image.page, image.pdf = page, text
        page.gen_content()
    buf = io.BytesIO()
    text.save(buf)
    return buf.getvalue()


def _layer_class(how: str):
    def cls(pages, report, rng):
        return pages

    cls.__name__ = f"layer_{how}"
    cls.__doc__ = f"A scan with a wrong OCR text layer ({how}): the picture must win."
    cls.layer = lambda pdf, pages, report: _layered(pdf, pages, report, how)
    return cls


CLASSES = {f.__name__: f for f in (jpeg30, seal_figures, low_contrast, finger, watermark, bleed, grey75,
                                   stamp_open, faint_rules,
                                   *(_layer_class(h) for h in ("invisible", "under", "white")))}
