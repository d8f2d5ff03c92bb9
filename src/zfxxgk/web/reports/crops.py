"""Pictures of a scan's cells: the crop of the page image a number was read from,
shown beside a flagged cell so that a reviewer checks it against the original.

When a scan is read, the page images OCR read tables from (upright and
deskewed: the pixels the cells' `provenance.box` is measured in) are kept beside
the uploaded source, by the source's SHA-256, in the private data folder
(`pages/<sha256>/<page>.jpg`). A crop is cut from them on demand, bounded in size
and cached; the view that serves it applies the report's own visibility rules.
"""

from __future__ import annotations

import functools
import hashlib
import io
from pathlib import Path
from typing import Any

from django.conf import settings
from django.urls import reverse

from .models import Report

# Margin around a cell (its box runs along its rules), as a share of its height,
# at least MIN_MARGIN pixels: the rules show, so a digit touching one is not
# missed, but not the digits of the rows above and below.
MARGIN = 0.1
MIN_MARGIN = 5
# A crop larger than this (a merged cell, a page-wide box) is scaled down.
MAX_WIDTH, MAX_HEIGHT = 900, 450
# Source formats (Report.source_format, read from the bytes) whose "pages" are
# pictures inside the document, not printed pages.
PICTURE_SOURCES = ("docx", "doc", "html", "odt", "rtf")


def pages_folder(sha256: str) -> Path:
    if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
        raise ValueError("not a SHA-256")
    return Path(settings.MEDIA_ROOT) / "pages" / sha256


def page_path(sha256: str, page: int) -> Path:
    return pages_folder(sha256) / f"{int(page)}.jpg"


def save_pages(sha256: str, pages: dict[int, bytes]) -> list[str]:
    """Keep the page images of a scan. Returns the files written (paths under the
    data folder's files/). A page already there is written again: it may be one a
    rolled-back or killed upload of the same file left, which the worker's hourly
    sweep (leftovers.py) could remove after reading the names before this commit;
    written now, it is too young to be swept."""
    if not pages or not sha256:
        return []
    import os
    import tempfile

    from ..datafolder import DIR_MODE, FILE_MODE

    folder = pages_folder(sha256)
    folder.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    written = []
    for number, data in pages.items():
        path = page_path(sha256, number)
        # written whole under a name of its own, then renamed: neither a reader nor
        # a second upload of the same file meanwhile ever sees half a page
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{int(number)}-", suffix=".part")
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), FILE_MODE)
            f.write(data)
        os.replace(tmp, path)
        written.append(f"pages/{sha256}/{path.name}")
    return written


def read_by_ocr(row: Report) -> set[int]:
    """The pages of the report's source that cells were read from by OCR."""
    provenance = (row.data or {}).get("provenance") or {}
    return {p["page"] for p in provenance.values()
            if isinstance(p, dict) and p.get("ocr") and isinstance(p.get("page"), int)}


def keep_missing_pages() -> tuple[int, list[str]]:
    """Read again the sources of scans stored without their page images (before
    the pages were kept) and keep them. Returns (sources read, problems as text)."""
    from ...errors import ZfxxgkError
    from ... import api

    done, problems, seen = 0, [], set()
    for row in Report.objects.exclude(source_file="").exclude(sha256="").order_by("id").iterator():
        pages = read_by_ocr(row)
        if row.sha256 in seen or not pages or all(page_path(row.sha256, n).is_file() for n in pages):
            continue
        seen.add(row.sha256)
        try:
            with row.source_file.open("rb") as f:
                data = f.read()
            _, kept = api.parse_bytes_keeping_pages(data, source=row.source_name)
        except (OSError, ZfxxgkError) as e:
            problems.append(f"{row.source_name}：{getattr(e, 'message', None) or type(e).__name__}")
            continue
        save_pages(row.sha256, kept)
        done += 1
    return done, problems


def ocr_box(row: Report, code: str) -> tuple[int, list[int]] | None:
    """(page, box) of a cell read by OCR, or None (not OCR'd, or no box)."""
    prov = ((row.data or {}).get("provenance") or {}).get(code)
    if not isinstance(prov, dict) or not prov.get("ocr"):
        return None
    page, box = prov.get("page"), prov.get("box")
    if not isinstance(page, int) or page < 1 or not isinstance(box, list) or len(box) != 4 \
            or not all(isinstance(v, int) for v in box) or not (box[0] < box[2] and box[1] < box[3]):
        return None
    return page, box


def has_crop(row: Report, code: str) -> bool:
    found = ocr_box(row, code)
    return found is not None and bool(row.sha256) and page_path(row.sha256, found[0]).is_file()


def crop_png(row: Report, code: str) -> bytes | None:
    """The PNG of a cell's crop, or None when there is none (cached: a crop depends
    only on the source's page image and the box)."""
    from django.core.cache import caches

    found = ocr_box(row, code)
    if found is None or not row.sha256:
        return None
    page, box = found
    path = page_path(row.sha256, page)
    key = f"crop:{row.sha256}:{page}:{','.join(map(str, box))}"
    cache = caches["shared"]
    data = cache.get(key)
    if data is None:
        if not path.is_file():
            return None
        data = cut(path.read_bytes(), box)
        cache.set(key, data, 7 * 24 * 3600)
    return data


def cut(page_jpeg: bytes, box: list[int]) -> bytes:
    """The box of a page image with a margin, as PNG, scaled down past the bounds."""
    from PIL import Image

    with Image.open(io.BytesIO(page_jpeg)) as page:
        x0, y0, x1, y1 = box
        margin = max(MIN_MARGIN, int(MARGIN * (y1 - y0)))
        area = (max(0, x0 - margin), max(0, y0 - margin),
                min(page.width, x1 + margin), min(page.height, y1 + margin))
        if area[0] >= area[2] or area[1] >= area[3]:
            area = (0, 0, min(page.width, MAX_WIDTH), min(page.height, MAX_HEIGHT))
        crop = page.crop(area).convert("L")
    crop.thumbnail((MAX_WIDTH, MAX_HEIGHT))
    buf = io.BytesIO()
    crop.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def etag(row: Report, code: str) -> str:
    found = ocr_box(row, code)
    text = f"{row.sha256}:{found}:{MARGIN}:{MAX_WIDTH}x{MAX_HEIGHT}"
    return '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'


def alt_text(row: Report, code: str) -> str:
    """What the picture shows, in words, as F-OCR names the place on the original:
    第3页 表三 第5行 自然人 原件截图 (the row as printed on the scanned table; the
    form's row when the scan's row is unknown)."""
    from ...app.finding_table import official_place
    from ...check.labels import describe_column
    from ...check.messages import TABLE_NAMES

    found = ocr_box(row, code)
    prov = ((row.data or {}).get("provenance") or {}).get(code) or {}
    picture = row.source_format in PICTURE_SOURCES
    where = "" if found is None else f"第{found[0]}张图片" if picture else f"第{found[0]}页"
    table, _, rest = code.partition(".")
    column = rest.rsplit(".", 1)[-1]
    if isinstance(prov.get("row"), int) and table in TABLE_NAMES:
        place = f"{TABLE_NAMES[table]} 第{prov['row']}行 {describe_column(table, column, row.template or None)}"
    else:
        place = official_place(code, row.template or None)
    return " ".join(p for p in (where, place, "原件截图") if p)


def crop_for(row: Report, code: str) -> dict[str, str] | None:
    """{url, alt} of a cell's crop for a template, or None when there is none."""
    if not has_crop(row, code):
        return None
    return {"url": reverse("reports:crop", args=[row.pk, code]), "alt": alt_text(row, code)}


# Findings about a number read from a picture: F-OCR, and F-INFERRED (an identity
# settled a cell OCR was unsure of); they show the crop whenever the cell has one.
OCR_RULES = ("F-OCR", "F-INFERRED")


def attach(row: Report, grids: list[dict[str, Any]], findings: list[dict[str, Any]]) -> None:
    """Put the crops beside flagged cells of the grids and beside OCR findings."""
    if not row.sha256 or not pages_folder(row.sha256).is_dir():
        return

    @functools.cache
    def crop(code: str) -> dict[str, str] | None:
        return crop_for(row, code)

    for grid in grids:
        for r in grid["rows"]:
            for c in r["cells"]:
                if c.get("code") and c.get("flag"):
                    c["crop"] = crop(c["code"])
    for f in findings:
        if f.get("rule") in OCR_RULES:
            f["crops"] = [found for found in map(crop, f.get("cells") or []) if found]
