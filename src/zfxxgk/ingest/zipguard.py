"""ZIP bombs: refuse a DOCX, XLSX, OFD or OpenDocument file by its declared sizes,
before anything is unpacked.

The sandbox (ingest/sandbox.py) already stops a bomb by the worker's memory
limit, but only after the worker has spent its memory and time on it and been
killed. The central directory says how large every member unpacks to, and
`zipfile` never yields more than that declared size (a member that lies about it
fails its CRC check instead), so summing `ZipInfo.file_size` is a cheap, exact
bound: a report is a few megabytes unpacked, pictures included.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from ..errors import TooLarge

MB = 1024 * 1024
# Unpacked size above which no annual report is plausible.
MAX_UNPACKED = 200 * MB
# Above this unpacked size, a packing ratio over MAX_RATIO is a bomb: Office XML
# packs 5-20 times, images hardly at all; only repeated filler packs 100 times.
RATIO_FROM = 50 * MB
MAX_RATIO = 100
MAX_MEMBERS = 10_000
# What zipfile raises for a damaged archive or member: a bad directory
# (BadZipFile), a broken deflate stream (zlib.error), a compression method or
# version it does not implement (NotImplementedError), an encrypted member
# (RuntimeError), a truncated file (EOFError, OSError, ValueError).
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, OSError,
              EOFError, ValueError)
_DAMAGE = ((zlib.error, "压缩数据已损坏"), (NotImplementedError, "使用了不支持的压缩方式或版本"),
           (RuntimeError, "文件已加密"), (zipfile.BadZipFile, "数据已损坏"),
           (EOFError, "文件不完整"), (KeyError, "缺少必需的部件"),
           (SyntaxError, "部件的 XML 不完整或有误"))  # xml.etree's ParseError


def zip_damage(error: BaseException) -> str:
    """A reader's words for what ZIP_ERRORS `error` means (zlib's is just "error")."""
    return next((words for kind, words in _DAMAGE if isinstance(error, kind)), type(error).__name__)

_NAMES = {"docx": "Word 文件（DOCX）", "xlsx": "Excel 文件（XLSX）",
          "odt": "OpenDocument 文本（ODT）", "ods": "OpenDocument 表格（ODS）", "ofd": "OFD 文件"}


def check_zip(data: bytes, kind: str, source: str | None = None) -> None:
    """Raise TooLarge (Chinese message) when the ZIP's declared unpacked size,
    packing ratio or member count is beyond any report's. A ZIP that cannot be
    opened is left to the loader, which says it is damaged."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except ZIP_ERRORS:
        return
    name = _NAMES.get(kind, "压缩文件")
    if len(infos) > MAX_MEMBERS:
        raise TooLarge(f"{name}里有 {len(infos)} 个部件，超过 {MAX_MEMBERS} 个的上限，不像年度报告",
                       source=source)
    unpacked = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    if unpacked > MAX_UNPACKED:
        raise TooLarge(f"{name}解压后有 {unpacked // MB} MB，超过 {MAX_UNPACKED // MB} MB 的上限"
                       "（可能是恶意构造的“压缩炸弹”），不予读取", source=source)
    if unpacked > RATIO_FROM and unpacked > MAX_RATIO * max(packed, 1):
        raise TooLarge(f"{name}解压后有 {unpacked // MB} MB，是压缩后大小的 {unpacked // max(packed, 1)} 倍"
                       f"（超过 {MAX_RATIO} 倍，可能是恶意构造的“压缩炸弹”），不予读取", source=source)


# Central directory bytes a web upload may declare: 10 000 members with names of
# 100 bytes. zipfile reads the whole directory into ZipInfo objects before a member
# is looked at (600 000 empty members in a 49 MB zip: 7 s and +310 MB, twice per
# upload); the end record says how large it is without reading it.
MAX_DIRECTORY = 1 * MB
_END, _END64, _LOCATOR = b"PK\x05\x06", b"PK\x06\x06", b"PK\x06\x07"


def directory_size(data: bytes) -> int | None:
    """The size of a zip's central directory as its end record declares it (the ZIP64
    record's when there is one): the bytes zipfile walks, entry by entry (46 bytes
    and more each), when it opens the archive. None when no end record is found."""
    tail_from = max(0, len(data) - (65535 + 22))  # the end record, then a comment of at most 64 KB
    at = data.rfind(_END, tail_from)
    # the record whose comment runs to the end (a comment may hold the signature too)
    while at >= 0 and not (len(data) - at >= 22 and at + 22 + struct.unpack_from("<H", data, at + 20)[0]
                           == len(data)):
        at = data.rfind(_END, tail_from, at)
    if at < 0:
        return None
    size = struct.unpack_from("<I", data, at + 12)[0]
    if size == 0xFFFFFFFF and at >= 20 and data[at - 20:at - 16] == _LOCATOR:
        record = struct.unpack_from("<Q", data, at - 20 + 8)[0]
        if data[record:record + 4] == _END64:
            size = struct.unpack_from("<Q", data, record + 40)[0]
    return size


__all__ = ["MAX_DIRECTORY", "MAX_RATIO", "MAX_UNPACKED", "check_zip", "directory_size"]
