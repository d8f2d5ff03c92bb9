"""Hostile pictures: a clean Chinese InputError in bounded time and memory, and
the sandbox's next document still parses. Also `--no-ocr`."""

from __future__ import annotations

import io
import re
import struct
import time
import zlib

import pytest

import ingest_fixtures as F
from samples import differences
from zfxxgk.api import report_from_loaded
from zfxxgk.errors import InputError
from zfxxgk.ingest.sandbox import Sandbox, SandboxOptions
from zfxxgk.model import report_to_dict

SECONDS = 30
MEMORY_MB = 1536


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def huge_png(side: int = 30000) -> bytes:
    """A PNG whose header claims side×side pixels; a few rows of data follow."""
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" + b"\xff" * side * 4)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", rows)
            + _chunk(b"IEND", b""))


def many_page_tiff(pages: int = 10_000) -> bytes:
    """A little-endian TIFF of `pages` white 8×8 greyscale pages, written directly:
    one shared strip of pixels and one small IFD per page (Pillow's save_all
    took over a minute of CPU for 10 000 pages)."""
    side = 8
    tags = [(256, 3, side), (257, 3, side), (258, 3, 8), (259, 3, 1), (262, 3, 1),
            (273, 4, 8), (277, 3, 1), (278, 3, side), (279, 4, side * side)]
    pixels = b"\xff" * side * side
    first = 8 + len(pixels)
    size = 2 + 12 * len(tags) + 4
    ifds = []
    for k in range(pages):
        following = first + (k + 1) * size if k + 1 < pages else 0
        entries = b"".join(struct.pack("<HHII", tag, kind, 1, value) if kind == 4
                           else struct.pack("<HHIHH", tag, kind, 1, value, 0)
                           for tag, kind, value in tags)
        ifds.append(struct.pack("<H", len(tags)) + entries + struct.pack("<I", following))
    return b"II*\x00" + struct.pack("<I", first) + pixels + b"".join(ifds)


def test_the_many_page_tiff_is_a_real_tiff():
    """The hand-written fixture is what Pillow reads: every page an 8×8 white
    frame, and the product's IFD count agrees with Pillow's n_frames."""
    from PIL import Image

    from zfxxgk.ingest.ocr.images import count_frames

    data = many_page_tiff(5)
    img = Image.open(io.BytesIO(data))
    assert img.n_frames == 5 == count_frames(data)
    for k in range(5):
        img.seek(k)
        assert img.size == (8, 8) and img.convert("L").tobytes() == b"\xff" * 64


def test_a_looping_tiff_chain_is_left_to_pillow():
    from zfxxgk.ingest.ocr.images import tiff_page_count

    data = bytearray(many_page_tiff(3))
    last = len(data) - 4
    data[last:] = struct.pack("<I", 8 + 64)
    assert tiff_page_count(bytes(data)) is None
    assert tiff_page_count(many_page_tiff(3)) == 3


def truncated_jpeg() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (1200, 1600), 200).save(buf, "JPEG", quality=90)
    data = buf.getvalue()
    return data[: len(data) // 2]


@pytest.fixture(scope="module")
def sandbox():
    with Sandbox(SandboxOptions(memory_mb=MEMORY_MB, timeout_s=SECONDS)) as box:
        yield box


@pytest.mark.parametrize("make,words", [
    (huge_png, "尺寸"),
    (many_page_tiff, "10000 页"),
    (truncated_jpeg, "不完整"),
], ids=["png-30000x30000", "tiff-10000-pages", "jpeg-truncated"])
def test_hostile_picture_is_a_clean_error(sandbox, make, words):
    data = make()
    start = time.monotonic()
    with pytest.raises(InputError) as info:
        sandbox.load(data, "图片")
    assert time.monotonic() - start < SECONDS + 5
    assert words in info.value.message, info.value.message
    # Chinese alone: no PIL exception name (OSError...) in the user's sentence
    assert not re.search(r"（[A-Za-z_.]+）|Error", info.value.message), info.value.message
    report = report_from_loaded(sandbox.load(F.html_report("gbk"), "next.html"))
    assert differences(F.expected(), report_to_dict(report)) == []


def test_no_ocr_refuses_a_picture_and_leaves_a_scan_a_scan(sandbox, tmp_path):
    import hostile as H

    from zfxxgk.api import check_report

    with pytest.raises(InputError) as info:
        sandbox.load(truncated_jpeg(), "图片.jpg", {"ocr": False})
    assert "--no-ocr" in info.value.message
    report = report_from_loaded(sandbox.load(H.scanned_pdf(2), "扫描件.pdf", {"ocr": False}))
    assert "F-TABLE" in {f.rule for f in check_report(report)}


def test_cli_no_ocr(tmp_path):
    from click.testing import CliRunner

    from zfxxgk.cli import cli

    picture = tmp_path / "第1页.jpg"
    picture.write_bytes(truncated_jpeg())
    result = CliRunner().invoke(cli, ["parse", "--no-ocr", str(picture)])
    assert result.exit_code == 2 and "已关闭文字识别" in result.output


def test_damaged_picture_message_names_no_exception_class():
    """A clerk reads the Chinese sentence only; PIL's exception name
    (UnidentifiedImageError, OSError...) is for the log."""
    from zfxxgk.ingest.ocr.images import iter_pages

    with pytest.raises(InputError) as info:
        list(iter_pages(b"\xff\xd8\xff\xe0" + b"\0" * 64, "p.jpg"))
    assert info.value.message == "这个 JPEG 图片文件已损坏或格式不正确，无法读取"


def test_a_truncated_picture_is_refused_after_a_pdf_was_rendered_in_the_process():
    """Importing WeasyPrint tells Pillow, process-wide, to accept truncated pictures:
    a web worker or a batch that rendered a PDF then read a half-cut scan as whole."""
    from zfxxgk.ingest.ocr.images import iter_pages
    from zfxxgk.render.pdf import pdf_of_html

    assert pdf_of_html("<p>报告</p>").startswith(b"%PDF")
    with pytest.raises(InputError) as info:
        list(iter_pages(truncated_jpeg(), "图片.jpg"))
    assert "不完整" in info.value.message
