"""Scans made from renderings: what a scanner or a phone makes of a printed report.

Pages are rasterised with pypdfium2, then degraded the way paper scans are:
greyscale, a slight skew, blur, noise, JPEG compression. The OCR tests and
bench/ocr_bench.py both use these, so a test failure reproduces in the bench.
"""

from __future__ import annotations

import io
import random


def rasterise(pdf: bytes, dpi: int = 200, pages: list[int] | None = None) -> list:
    """Greyscale PIL pages of a PDF (1-based page numbers; all by default)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        numbers = pages or list(range(1, len(doc) + 1))
        return [doc[n - 1].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
                for n in numbers]
    finally:
        doc.close()


def degrade(page, seed: int = 0, skew: float | None = None, blur: float = 0.6,
            noise: float = 6.0, jpeg: int | None = 80):
    """A page as a scanner returns it: rotated by `skew` degrees (random within
    ±1.5° when None), blurred, with Gaussian noise, and JPEG-compressed."""
    import numpy as np
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    angle = rng.uniform(-1.5, 1.5) if skew is None else skew
    img = page.rotate(angle, resample=Image.Resampling.BILINEAR, expand=False, fillcolor=255)
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    if noise:
        arr = np.asarray(img, dtype=np.float32)
        arr = arr + np.random.default_rng(seed).normal(0, noise, arr.shape)
        img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    if jpeg:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=jpeg)
        img = Image.open(io.BytesIO(buf.getvalue())).convert("L")
    # a fresh image: no JPEG tags carried into a TIFF written from it
    return Image.fromarray(np.asarray(img), "L")


def _fresh(pages: list) -> list:
    """Copies to save: Pillow leaves the last writer's `encoderconfig` on an image it
    saved, and the next save of that image in another format fails with a TypeError
    (the session's page images are saved as PDF, TIFF, PNG and JPEG in turn)."""
    return [p.copy() for p in pages]


def image_pdf(pages: list, dpi: int = 200) -> bytes:
    """An image-only PDF of the pages (what a scanner's "scan to PDF" writes)."""
    pages = _fresh(pages)
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return buf.getvalue()


def tiff(pages: list) -> bytes:
    """A multi-page TIFF of the pages (uncompressed)."""
    pages = _fresh(pages)
    buf = io.BytesIO()
    pages[0].save(buf, "TIFF", save_all=True, append_images=pages[1:])
    return buf.getvalue()


def png(page) -> bytes:
    (page,) = _fresh([page])
    buf = io.BytesIO()
    page.save(buf, "PNG")
    return buf.getvalue()


def jpeg(page, quality: int = 85) -> bytes:
    (page,) = _fresh([page])
    buf = io.BytesIO()
    page.save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def replace_page_with_picture(pdf: bytes, number: int, picture, dpi: int = 200) -> bytes:
    """The PDF with page `number` (1-based) replaced by a picture of it: a text
    file with one scanned page, as offices make them (a signed table page)."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(pdf)
    out = pdfium.PdfDocument.new()
    try:
        for k in range(len(src)):
            if k + 1 != number:
                out.import_pages(src, [k])
                continue
            width, height = src[k].get_size()
            page = out.new_page(width, height)
            image = pdfium.PdfImage.new(out)
            image.set_bitmap(pdfium.PdfBitmap.from_pil(picture.convert("RGB")))
            image.set_matrix(pdfium.PdfMatrix().scale(width, height))
            page.insert_obj(image)
            page.gen_content()
        buf = io.BytesIO()
        out.save(buf)
        return buf.getvalue()
    finally:
        out.close()
        src.close()


def word_to_pdf(documents: list[bytes]) -> list[bytes]:
    """DOCX files printed to PDF by LibreOffice (as an office's "export to PDF"),
    all in one run with a profile of its own (other runs may be going on)."""
    import subprocess
    import tempfile
    from pathlib import Path

    from zfxxgk.ingest.legacy import soffice

    program = soffice()
    if program is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="zfxxgk-word-") as tmp:
        root = Path(tmp)
        names = []
        for k, data in enumerate(documents):
            (root / f"r{k}.docx").write_bytes(data)
            names.append(str(root / f"r{k}.docx"))
        subprocess.run([program, "--headless", "--norestore",
                        f"-env:UserInstallation={(root / 'profile').as_uri()}",
                        "--convert-to", "pdf", "--outdir", str(root / "out")] + names,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=True, timeout=600)
        return [(root / "out" / f"r{k}.pdf").read_bytes() for k in range(len(documents))]


# Agencies the Word-form reports are typed for: a 街道, a 镇, a 局, a 区政府.
WORD_FORM_AGENCIES = ("青禾市云岭区望湖街道办事处", "青禾市云岭区白石镇人民政府",
                      "青禾市交通运输局", "青禾市云岭区人民政府")


def word_form_report(k: int):
    """The k-th report typed into the 2021 Word form: every cell non-zero and
    distinct (a shifted column cannot pass), agency and year varied."""
    from strategies import distinct_report

    return distinct_report("2021", seed=700 + k, agency=WORD_FORM_AGENCIES[k % 4],
                           year=2021 + k % 4)


def word_form_scan(pdf: bytes, k: int, as_tiff: bool) -> tuple[bytes, int]:
    """A Word form's PDF printed and scanned at 200 dpi (slight skew, blur, noise,
    JPEG): (an image-only PDF or a multi-page TIFF, its page count)."""
    pages = [degrade(p, seed=7000 + 10 * k + j) for j, p in enumerate(rasterise(pdf, 200))]
    return (tiff(pages) if as_tiff else image_pdf(pages, 200)), len(pages)


# What real scans of signed reports carry that a rendering has not: the
# agency's red seal (公章) and corrections made by hand. Fonts: the system's.
SANS_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
HAND_FONT = "/usr/share/fonts/truetype/arphic/ukai.ttc"  # 楷体: handwriting enough
SEAL_RED = (214, 40, 40)


def seal(radius: int, text: str, colour=SEAL_RED):
    """A round official seal: a ring, `text` along its arc, a star in the middle,
    on a transparent ground (RGBA)."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    size = 2 * radius + 4
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    c = size / 2
    draw.ellipse((2, 2, size - 3, size - 3), outline=colour + (235,), width=max(3, radius // 14))
    star = [(c + (0.28 if k % 2 == 0 else 0.11) * radius * np.sin(k * np.pi / 5),
             c - (0.28 if k % 2 == 0 else 0.11) * radius * np.cos(k * np.pi / 5)) for k in range(10)]
    draw.polygon(star, fill=colour + (235,))
    font = ImageFont.truetype(SANS_FONT, max(8, int(radius * 0.26)))
    spread = np.radians(250)
    for k, ch in enumerate(text):
        angle = -spread / 2 + spread * (k + 0.5) / len(text)
        glyph = Image.new("RGBA", (font.size + 4, font.size + 4), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((2, 0), ch, font=font, fill=colour + (235,))
        glyph = glyph.rotate(-np.degrees(angle), expand=True, resample=Image.Resampling.BICUBIC)
        x, y = c + 0.72 * radius * np.sin(angle), c - 0.72 * radius * np.cos(angle)
        img.alpha_composite(glyph, (int(x - glyph.width / 2), int(y - glyph.height / 2)))
    return img


def stamp(page, centre: tuple[int, int], radius: int, text: str, colour=SEAL_RED):
    """The page (RGB) with a seal pressed on it: the seal's ink multiplies, so
    print under it stays as dark as it was."""
    from PIL import Image, ImageChops

    mark = seal(radius, text, colour)
    layer = Image.new("RGB", page.size, (255, 255, 255))
    layer.paste(mark, (centre[0] - mark.width // 2, centre[1] - mark.height // 2), mark)
    return ImageChops.multiply(page.convert("RGB"), layer)


def box_stamp(page, centre: tuple[int, int], width: int, text: str, angle: float,
              colour=SEAL_RED):
    """The page (RGB) with a rectangular stamp pressed on it, turned by `angle`
    degrees: a thick frame, a thin one inside it and `text` (此件公开) large in
    the middle; its ink multiplies over the print, as `stamp`."""
    from PIL import Image, ImageChops, ImageDraw, ImageFont

    height = int(0.36 * width)
    mark = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(mark)
    ink = colour + (230,)
    thick = max(4, width // 40)
    draw.rectangle((0, 0, width - 1, height - 1), outline=ink, width=thick)
    inset = 2 * thick
    draw.rectangle((inset, inset, width - 1 - inset, height - 1 - inset), outline=ink,
                   width=max(2, thick // 3))
    font = ImageFont.truetype(SANS_FONT, int(0.5 * height))
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    draw.text(((width - right - left) / 2, (height - bottom - top) / 2), text, font=font, fill=ink)
    mark = mark.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    layer = Image.new("RGB", page.size, (255, 255, 255))
    layer.paste(mark, (centre[0] - mark.width // 2, centre[1] - mark.height // 2), mark)
    return ImageChops.multiply(page.convert("RGB"), layer)


def strike_out(page, box: tuple[int, int, int, int], written: str, ink=(20, 20, 120)) -> None:
    """A printed number (its ink box on the RGB page) struck through, and
    `written` put by hand just after it, a little higher and larger."""
    from PIL import ImageDraw, ImageFont

    x0, y0, x1, y1 = box
    draw = ImageDraw.Draw(page)
    mid = (y0 + y1) // 2
    draw.line((x0 - 2, mid, x1 + 2, mid), fill=ink, width=2)
    font = ImageFont.truetype(HAND_FONT, max(12, int(1.9 * (y1 - y0))))
    draw.text((x1 + 1, y0 - (y1 - y0)), written, font=font, fill=ink)


def write_beside(page, box: tuple[int, int, int, int], written: str, ink=(20, 20, 120)) -> None:
    """`written` put by hand after a printed number (its ink box on the RGB page),
    not struck through: a correction or a query in the cell's margin."""
    from PIL import ImageDraw, ImageFont

    x0, y0, x1, y1 = box
    font = ImageFont.truetype(HAND_FONT, max(12, int(1.6 * (y1 - y0))))
    ImageDraw.Draw(page).text((x1 + int(0.6 * (y1 - y0)), y0 - (y1 - y0) // 2), written,
                              font=font, fill=ink)


def photograph(page, lean: tuple[float, float, float], shadow: float):
    """A phone photo of a page (greyscale): the sheet a trapezium on a darker desk
    (`lean`: shares of its width the top corners and the bottom left come in by),
    light falling off towards the bottom right, and a soft shadow across it
    (`shadow`: where it crosses the top, a share of the width)."""
    import cv2
    import numpy as np
    from PIL import Image

    grey = np.asarray(page.convert("L"), dtype=np.float32)
    h, w = grey.shape
    pad = int(0.08 * w)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[pad + lean[0] * w, pad + 0.3 * lean[1] * w], [pad + w - lean[1] * w, pad],
                      [pad + w, pad + h], [pad, pad + h - 0.3 * lean[2] * w]])
    m = cv2.getPerspectiveTransform(src, dst)
    size = (w + 2 * pad, h + 2 * pad)
    sheet = cv2.warpPerspective(grey, m, size, borderValue=0)
    inside = cv2.warpPerspective(np.ones_like(grey), m, size, borderValue=0)
    ys, xs = np.mgrid[0:size[1], 0:size[0]].astype(np.float32)
    light = 1 - 0.35 * (xs / size[0] + ys / size[1]) / 2
    band = np.exp(-(((xs - 0.6 * ys) - shadow * size[0]) / (0.08 * size[0])) ** 2)
    light = light * (1 - 0.45 * band)
    desk = 70 + 20 * np.sin(xs / 37) * np.cos(ys / 53)
    out = np.where(inside > 0.5, sheet * light, desk)
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), "L")


def on_black(page, top: float, left: float):
    """A page scanned with the lid open: on a wide black border (`top`, `left`:
    its width as shares of the page's height and width; a little less below and
    on the right)."""
    import numpy as np
    from PIL import Image

    grey = np.asarray(page.convert("L"))
    h, w = grey.shape
    dy, dx = int(top * h), int(left * w)
    canvas = np.full((h + dy + int(0.06 * h), w + dx + int(0.07 * w)), 12, np.uint8)
    canvas[dy:dy + h, dx:dx + w] = grey
    return Image.fromarray(canvas, "L")


def watermark(page, text: str, rng):
    """A diagonal watermark: `text` in rows across the page in light grey (each row
    its own level, 185 to 215, drawn from `rng`, then the angle, 25° to 40°),
    multiplied over the page's print as a printer lays it."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    page = page.convert("RGB")
    w, h = page.size
    font = ImageFont.truetype(SANS_FONT, int(0.045 * w))
    layer = Image.new("L", (2 * w, 2 * h), 255)
    draw = ImageDraw.Draw(layer)
    for k, y in enumerate(range(0, 2 * h, int(0.12 * h))):
        draw.text(((k % 2) * int(0.2 * w), y), text, font=font, fill=rng.randint(185, 215))
    turned = layer.rotate(rng.uniform(25, 40), fillcolor=255).crop((w // 2, h // 2, w // 2 + w, h // 2 + h))
    mark = np.asarray(turned, dtype=np.float32)[:, :, None] / 255
    return Image.fromarray((np.asarray(page, dtype=np.float32) * mark).astype(np.uint8), "RGB")


def show_through(page, back, depth: float):
    """Thin paper printed on both sides: `back` (the other side) shows through
    `page` mirrored, its ink `depth` (0.12 to 0.18 for office paper) of the way
    from the paper to black, multiplied over the page's print."""
    import numpy as np
    from PIL import Image

    grey = np.asarray(page.convert("L"), dtype=np.float32)
    behind = np.asarray(back.convert("L").resize(page.size), dtype=np.float32)[:, ::-1]
    shown = grey * (1 - (1 - behind / 255) * depth)
    return Image.fromarray(np.clip(shown, 0, 255).astype(np.uint8), "L")
