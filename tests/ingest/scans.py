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
