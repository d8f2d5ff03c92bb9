"""Image files -> greyscale pages, with limits checked before any pixel is decoded.

PNG, JPEG and TIFF are told by their magic bytes. Pillow reads the header first:
the size of every frame is known before decoding, so a 30000×30000 PNG or a TIFF
that claims 10 000 pages is refused at once with a Chinese message instead of
filling the sandbox's memory. A truncated or broken file is an InputError too.
"""

from __future__ import annotations

import io
import logging
import struct
from typing import Iterator

from ...errors import InputError, TooLarge

PNG, JPEG, TIFF, GIF, BMP, WEBP = "png", "jpeg", "tiff", "gif", "bmp", "webp"
_log = logging.getLogger(__name__)
_MAGIC = ((b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG), (b"II*\x00", TIFF),
          (b"MM\x00*", TIFF), (b"GIF87a", GIF), (b"GIF89a", GIF), (b"BM", BMP))
NAMES = {PNG: "PNG", JPEG: "JPEG", TIFF: "TIFF", GIF: "GIF", BMP: "BMP", WEBP: "WebP"}

# A page scanned at 600 dpi on A3 is about 7000×10000; anything beyond is no page.
MAX_PIXELS = 80_000_000
MAX_SIDE = 20_000
# Pages are scaled so their longer side is at most this many pixels before OCR
# (A4 at 300 dpi is 3508): more resolution costs time and adds nothing.
WORK_SIDE = 3600


def image_kind(data: bytes) -> str | None:
    """The image format of the bytes, or None when they are no image we read."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    return None


def count_frames(data: bytes, source: str | None = None) -> int:
    """How many pages (frames) an image file has, from its headers only. A TIFF's
    pages are counted by walking its IFD chain (offsets only): Pillow's n_frames
    sets up every page on the way, seconds for a 10 000-page file."""
    if image_kind(data) == TIFF:
        count = tiff_page_count(data)
        if count is not None:
            return count
    img = _open(data, source)
    return getattr(img, "n_frames", 1)


def tiff_page_count(data: bytes) -> int | None:
    """The number of IFDs (pages) in a classic TIFF, read from the chain of
    next-IFD offsets without decoding anything; None when the chain is broken
    or loops (Pillow then decides, and reports the damage)."""
    order = "<" if data[:2] == b"II" else ">"
    offset = struct.unpack_from(order + "I", data, 4)[0] if len(data) >= 8 else 0
    seen: set[int] = set()
    while offset:
        if offset in seen or offset + 2 > len(data):
            return None
        seen.add(offset)
        entries = struct.unpack_from(order + "H", data, offset)[0]
        after = offset + 2 + 12 * entries
        if after + 4 > len(data):
            return None
        offset = struct.unpack_from(order + "I", data, after)[0]
    return len(seen)


def _open(data: bytes, source: str | None):
    from PIL import Image, UnidentifiedImageError

    try:
        img = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as e:
        name = NAMES.get(image_kind(data) or "", "")
        _log.info("%s: image cannot be opened: %s: %s", source, type(e).__name__, e)
        raise InputError(f"这个 {name} 图片文件已损坏或格式不正确，无法读取", source=source) from None
    except Image.DecompressionBombError:
        raise TooLarge("图片尺寸过大，不像是报告的一页", source=source) from None
    return img


def count_pages(data: bytes, source: str | None = None) -> int:
    """At most how many pages OCR reads in an image file: its frames, a long
    picture (长图) counted as the page-high pieces it may be cut into (tall.py).
    Headers only."""
    from .tall import piece_count

    frames = count_frames(data, source)
    if frames > 300:
        return frames  # refused by the page limit, not looked into
    img = _open(data, source)
    total = 0
    for k in range(frames):
        try:
            img.seek(k)
            total += piece_count(img.width, img.height)
        except (OSError, ValueError, SyntaxError, EOFError):
            total += 1  # the damage is reported when the frame is read
    return total


def iter_pages(data: bytes, source: str | None = None, max_pages: int = 300,
               pieces: bool = True, pen: bool = True) -> Iterator:
    """Greyscale numpy pages (uint8) of an image file, one per frame, each scaled
    to at most WORK_SIDE pixels on its longer side; a long picture's frame, with
    `pieces`, as its page-high pieces (count_pages counts them). The frame count
    is checked against `max_pages` before the first frame is decoded. With
    `pen`, a pen's blue ink is taken out of a colour page and its place kept
    (`colour.grey_page`); without, it stays ink (a picture drawn into a page
    whose mask would not follow it)."""
    from PIL import Image

    frames = count_frames(data, source)
    if frames > max_pages:
        raise TooLarge(f"图片文件有 {frames} 页，超过 {max_pages} 页的上限，不像年度报告",
                       source=source)
    img = _open(data, source)
    for k in range(frames):
        where = f"第{k + 1}页" if frames > 1 else "图片"
        try:
            img.seek(k)
            width, height = img.width, img.height
            if width <= 0 or height <= 0 or width > MAX_SIDE or height > MAX_SIDE \
                    or width * height > MAX_PIXELS:
                raise TooLarge(f"{where}尺寸为 {width}×{height} 像素，超过上限"
                               f"（边长 {MAX_SIDE}、{MAX_PIXELS // 1_000_000} 百万像素），不像是报告的一页",
                               source=source)
            yield from _frame_pages(img, pieces, pen)
        except (OSError, ValueError, SyntaxError, EOFError) as e:
            _log.info("%s: image frame cannot be read: %s: %s", source, type(e).__name__, e)
            raise InputError(f"{where}已损坏或不完整，无法读取", source=source) from None
        except Image.DecompressionBombError:
            raise TooLarge("图片尺寸过大，不像是报告的一页", source=source) from None


def _frame_pages(frame, pieces: bool, pen: bool) -> Iterator:
    """The current frame as one grey page, or a long picture's pieces, each
    cut before it is scaled: scaled whole, its height would set the scale."""
    import numpy as np

    from .tall import cuts, piece_count

    count = piece_count(frame.width, frame.height) if pieces else 1
    if count == 1:
        yield _grey_page(frame, pen)
        return
    frame.load()
    grey = np.asarray(frame.convert("L"), dtype=np.uint8)
    for top, bottom in cuts(grey, count):
        yield _grey_page(frame.crop((0, top, frame.width, bottom)), pen)


def decode_image(data: bytes, source: str | None = None):
    """One embedded picture (an OFD page's) -> a greyscale page, whole, or None
    when it is no image we read or too small to hold a table (logos, icons,
    spacers)."""
    pages = decode_pages(data, source, pieces=False, pen=False)
    return pages[0] if pages else None


def decode_pages(data: bytes, source: str | None = None, pieces: bool = True,
                 pen: bool = True) -> list:
    """One embedded picture (DOCX, web page) -> its greyscale pages (a long
    picture's page-high pieces), or none when it is no image we read or too
    small to hold a table (logos, icons, spacers)."""
    if image_kind(data) is None:
        return []
    try:
        pages = list(iter_pages(data, source, max_pages=1, pieces=pieces, pen=pen))
    except InputError:
        return []
    return pages if pages and min(pages[0].shape) >= 120 else []


def _grey_page(frame, pen: bool):
    """A frame scaled to the working size, then made a grey array (a colour one
    without its red seal, and with `pen` without a pen's blue: `colour.grey_page`):
    scaling first keeps a big colour scan's arrays small."""
    from .colour import GREY_MODES, grey_page

    return grey_page(_fit(frame.convert("L" if frame.mode in GREY_MODES else "RGB")), pen)


def _fit(frame):
    from PIL import Image

    side = max(frame.width, frame.height)
    if side <= WORK_SIDE:
        return frame
    scale = WORK_SIDE / side
    return frame.resize((max(1, round(frame.width * scale)), max(1, round(frame.height * scale))),
                        Image.Resampling.LANCZOS)


__all__ = ["MAX_PIXELS", "NAMES", "TIFF", "count_frames", "count_pages", "decode_image", "decode_pages",
           "image_kind", "iter_pages", "tiff_page_count"]
