"""Text report files -> `Document`.

The size limit is checked before any byte is read, so a mistaken path to a disk
image or a video costs nothing; standard input is read only up to the limit.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from ..errors import BinaryInput, EmptyInput, InputError, TooLarge
from .document import Document
from .encoding import decode, shown_name
from ..settings import Resolvable

MAX_BYTES = 50 * 1024 * 1024
# Characters a report's text may have. A report is a few ten thousand characters (a
# 300-page PDF some hundred thousand); the parser's time and memory grow with the
# text, and 48 MB of lines took it 107 s and 2.3 GB in this process (text is not
# read in the sandbox), so more than this is refused before it is parsed.
MAX_CHARS = 2_000_000
STDIN_SOURCE = "<stdin>"


@dataclass(frozen=True)
class LoadOptions(Resolvable):
    """How inputs are read. `max_bytes`: larger inputs are refused (TooLarge);
    `ocr`: scanned pages and pictures are read by OCR."""

    max_bytes: int = MAX_BYTES
    # read scans and pictures by OCR (False: --no-ocr; ZFXXGK_NO_OCR=1 reaches
    # batch workers, which build their own options)
    ocr: bool = field(default_factory=lambda: os.environ.get("ZFXXGK_NO_OCR") != "1")

    def __post_init__(self) -> None:
        if not isinstance(self.max_bytes, int) or self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be a positive int, got {self.max_bytes!r}")



def _mb(size: int) -> str:
    mb = size / (1024 * 1024)
    return f"{mb:.0f} MB" if mb == int(mb) else f"{mb:.1f} MB"


def _too_large(size: int | None, limit: int, source: str | None) -> TooLarge:
    what = f"文件太大（{_mb(size)}）" if size is not None else "输入太大"
    return TooLarge(f"{what}，超过 {_mb(limit)} 的上限", source=source)


def check_length(text: str, source: str | None) -> None:
    """Refuse a text longer than any report (MAX_CHARS) before lines are made of it."""
    if len(text) > MAX_CHARS:
        raise TooLarge(f"文字太多（约 {len(text) // 10000} 万字），超过 {MAX_CHARS // 10000} 万字的上限，"
                       "不像一份年度报告（一份报告通常只有几万字）", source=source)


def load_bytes(data: bytes, source: str | None = None,
               options: LoadOptions | dict[str, Any] | None = None) -> Document:
    """Decode the bytes of a text report; line endings become "\\n" (in
    `Document.from_text`) so line numbers match what an editor shows, whichever
    system saved the file."""
    opts = LoadOptions.resolve(options)
    if len(data) > opts.max_bytes:
        raise _too_large(len(data), opts.max_bytes, source)
    try:
        text, encoding = decode(data)
    except BinaryInput as e:
        raise _misnamed(e, source) from None
    except InputError as e:
        e.source = e.source or source
        raise
    check_length(text, source)
    return Document.from_text(text, source=source, sha256=hashlib.sha256(data).hexdigest(),
                              encoding=encoding)


# Extensions of the binary formats reports come in, as people call them.
_NAMED = {".pdf": "PDF", ".docx": "Word", ".doc": "Word", ".wps": "WPS 文字", ".xlsx": "Excel",
          ".xls": "Excel", ".et": "WPS 表格", ".ofd": "OFD", ".png": "图片", ".jpg": "图片",
          ".jpeg": "图片", ".tif": "图片", ".tiff": "图片"}


def _misnamed(e: BinaryInput, source: str | None) -> BinaryInput:
    """A binary file of no format the sniffer knows, named as a PDF or a Word file:
    damaged or cut short (a download that broke off). "Not a text file" sent the
    reviewer looking for a text file; other names keep `e`."""
    e.source = e.source or source
    suffix = os.path.splitext((source or "").replace("\\", "/"))[1].lower()
    if suffix not in _NAMED:
        return e
    return BinaryInput(f"文件扩展名是 {suffix}，但内容不是{_NAMED[suffix]}文件：可能已损坏、下载不完整"
                       "或改过扩展名；请重新下载或向发布机关索取原文件", source=source)


def load_path(path: str | os.PathLike[str],
              options: LoadOptions | dict[str, Any] | None = None) -> Document:
    """Read a text file, refusing directories and oversized files before reading them."""
    opts = LoadOptions.resolve(options)
    return load_bytes(read_path(path, opts), source=shown_name(os.fspath(path)), options=opts)


def read_path(path: str | os.PathLike[str],
              options: LoadOptions | dict[str, Any] | None = None) -> bytes:
    """The bytes of a file of any format, with the checks of `load_path`."""
    opts = LoadOptions.resolve(options)
    source = shown_name(os.fspath(path))
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):  # (the stat answers it: no second system call)
            raise InputError("这是一个文件夹，不是文件", source=source)
        if st.st_size > opts.max_bytes:
            raise _too_large(st.st_size, opts.max_bytes, source)
        with _open_without_waiting(path) as f:
            # Read one byte past what stat() promised (a file that grew since is caught
            # too); asking for the whole limit would allocate 50 MB for every file.
            data = f.read(min(st.st_size, opts.max_bytes) + 1)
            if len(data) > st.st_size and len(data) <= opts.max_bytes:
                data += f.read(opts.max_bytes + 1 - len(data))
    except FileNotFoundError:
        raise InputError("找不到这个文件", source=source) from None
    except PermissionError:
        raise InputError("没有权限读取这个文件", source=source) from None
    except OSError as e:
        raise InputError(f"无法读取文件（{os_reason(e)}）", source=source) from None
    if len(data) > opts.max_bytes:
        raise _too_large(len(data), opts.max_bytes, source)
    return data


# Case and register files: a case is a few KB, a year's registers well under this.
JSON_MAX_BYTES = 10 * 1024 * 1024


def read_json(path: str | os.PathLike[str], max_bytes: int = JSON_MAX_BYTES,
              parse_float: Any = float) -> Any:
    """A JSON data file (cases, registers) -> its data; every failure an InputError in
    Chinese naming the file: a binary file, one cut short or nested thousands deep
    printed a traceback or json's English. `parse_float=Decimal` for money, which
    must keep the digits it was written with."""
    from ..model import json_data

    data = read_path(path, LoadOptions(max_bytes=max_bytes))
    if not data.strip():
        raise EmptyInput("文件为空", source=shown_name(os.fspath(path)))
    try:
        return json_data(data, parse_float=parse_float)
    except ValueError as e:
        raise InputError(f"不是有效的 JSON（{e}）", source=shown_name(os.fspath(path))) from None


def _open_without_waiting(path: str | os.PathLike[str]) -> BinaryIO:
    """Open for reading without blocking in open(): a named pipe (FIFO) nobody writes
    to made `zfxxgk parse` wait for ever. Opened non-blocking, then reads block as
    usual, so a pipe with a writer (`parse <(gunzip -c 年报.txt.gz)`) is read whole and
    one without a writer reads as empty (EmptyInput)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


# Why a file could not be read, in the reader's words (the system's strerror is English).
_OS_REASONS = {errno.ELOOP: "符号链接循环", errno.ENXIO: "不是普通文件（套接字或设备）",
               errno.EIO: "磁盘读取错误", errno.ENAMETOOLONG: "文件名太长",
               errno.ENOTDIR: "路径中有一段不是文件夹", errno.EACCES: "没有读取权限",
               errno.EPERM: "没有读取权限", errno.ENOENT: "找不到这个文件"}


def os_reason(e: OSError) -> str:
    """An operating-system failure as one Chinese phrase (the errno's own words last)."""
    return _OS_REASONS.get(e.errno or 0) or e.strerror or type(e).__name__


def read_stream(stream: BinaryIO | Any, limit: int, source: str = STDIN_SOURCE) -> bytes:
    """Read at most `limit` bytes from a stream (binary, or text with a `.buffer`),
    raising TooLarge as soon as more is available."""
    raw = getattr(stream, "buffer", stream)
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = raw.read(min(1024 * 1024, limit + 1 - total))
        if not chunk:
            break
        if isinstance(chunk, str):
            chunk = chunk.encode("utf-8")
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise _too_large(None, limit, source)
    return b"".join(chunks)


def load_stdin(stream: BinaryIO | Any, options: LoadOptions | dict[str, Any] | None = None,
               source: str = STDIN_SOURCE) -> Document:
    """Read a report from standard input (refused once more than the limit is read)."""
    opts = LoadOptions.resolve(options)
    return load_bytes(read_stream(stream, opts.max_bytes, source), source=source, options=opts)
