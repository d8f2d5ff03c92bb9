"""Hostile pictures: a clean Chinese InputError in bounded time and memory, and
the sandbox's next document still parses. Also `--no-ocr`."""

from __future__ import annotations

import io
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
    from PIL import Image

    frame = Image.new("L", (8, 8), 255)
    buf = io.BytesIO()
    frame.save(buf, "TIFF", save_all=True, append_images=[frame] * (pages - 1))
    return buf.getvalue()


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
