"""The one way zfxxgk writes a file: next to the target, renamed over it.

People point `-o` at last year's export; an interrupted or failed run must leave
the old file whole, never half-overwritten. Every face (parse/check output, the
review pages, render, fix) and the batch store write through here; a foundation
module (like errors.py) so that every layer may use it.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import os
import re
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Any, Iterable, Iterator

from .errors import OutputError

# Why a write failed, as the person at the keyboard would put it.
_REASONS = {errno.ENOENT: "所在文件夹不存在", errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限",
            errno.EISDIR: "这是一个文件夹，请给出文件名", errno.ENOTDIR: "路径中有一段不是文件夹",
            errno.ENOSPC: "磁盘已满", errno.EDQUOT: "超出磁盘配额",
            errno.EFBIG: "文件太大", errno.EIO: "磁盘写入错误", errno.EROFS: "磁盘是只读的", errno.EEXIST: "已有同名的文件，不是文件夹"}


# The failures of a write itself (not of finding where to write): standard output
# on a full disk (`> /dev/full`) ends in one of these.
WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def write_reason(e: OSError) -> str:
    """Why a write failed, in the words of _REASONS (else the system's own)."""
    return _REASONS.get(e.errno or 0, e.strerror or type(e).__name__)


@contextlib.contextmanager
def writing(target: Path | str) -> Iterator[None]:
    """An operating-system failure while writing `target` (a file, or an output folder
    being made) as one Chinese line naming it."""
    try:
        yield
    except OSError as e:
        raise OutputError(f"无法写入 {target}：{write_reason(e)}") from None


def _special(target: Path) -> bool:
    """A target that exists but is no regular file (`-o /dev/null`, a FIFO, /dev/stdout):
    it is written in place. Renaming a temporary file over it would replace the
    device itself — for /dev/null, with a plain file, for every program on the machine."""
    return target.exists() and not target.is_file()


def _finish(tmp: str, target: Path) -> None:
    """mkstemp creates 0600: give the output the target's mode, or for a new file
    0666 less the umask, as a plain `open()` would; then rename it over."""
    try:
        mode = os.stat(target).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(tmp, mode)
    os.replace(tmp, target)


def write_atomic(path: str | os.PathLike[str], data: bytes | str, durable: bool = False) -> None:
    """Write the whole file, then put it in place; `durable` also forces it to disk
    first (a batch's committed parts must survive a power cut)."""
    with AtomicText(path) as f:
        f.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        f.commit(durable)


class AtomicText:
    """A text file written piece by piece and put in place on `commit()`; leaving
    the context without committing discards it and keeps the old target."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self._file = None
        self._tmp: str | None = None
        self._text = False  # text written since bytes last were

    def __enter__(self) -> "AtomicText":
        with writing(self.path):
            if _special(self.path):  # written in place; nothing to rename on commit
                self._file = open(self.path, "w", encoding="utf-8", newline="")
                return self
            fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp",
                                             dir=self.path.parent)
        self._file = os.fdopen(fd, "w", encoding="utf-8", newline="")
        return self

    def write(self, text: str) -> None:
        with writing(self.path):  # a special target written in place (-o /dev/full)
            self._file.write(text)
        self._text = True

    def write_bytes(self, data: bytes) -> None:
        """Bytes after (or instead of) the text written so far. The text is flushed
        into the byte buffer first; a temporary file with no text since the last bytes
        (JSON Lines: bytes only) is not, as each flush is a system call per report. A
        file written in place (a FIFO) is flushed as before, for its reader."""
        with writing(self.path):
            if self._text or self._tmp is None:
                self._file.flush()
                self._text = False
            self._file.buffer.write(data)

    def commit(self, durable: bool = False) -> None:
        """Put the file in place; `durable`: forced to disk first (a file written in
        place, such as a FIFO, is not: there is nothing to sync)."""
        if self._file is None:
            return
        with writing(self.path):
            if durable and self._tmp is not None:
                self._file.flush()
                os.fsync(self._file.fileno())
            self._file.close()
            if self._tmp is not None:  # a special file is written in place: nothing to rename
                _finish(self._tmp, self.path)
        self._file = self._tmp = None

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):  # what it still buffers is not kept anyway
                self._file.close()
        if self._tmp is not None:
            Path(self._tmp).unlink(missing_ok=True)
            self._tmp = None


# --- CSV that a spreadsheet opens: no field may become a formula ------------------

# A spreadsheet opening a CSV takes a field that starts with one of these as a formula
# (`=HYPERLINK(…)` as an agency name, `@SUM(…)`, a tab or CR first: OWASP's list),
# and their full-width forms (＝SUM(…)): an East Asian input method types them, and
# Excel there turns a typed ＝ into =; text never starts so, so nothing is lost. A NUL
# first is on ASVS's list too. Spaces in front do not make such a field text: a
# spreadsheet that trims them on import (LibreOffice's 去除空格, a “trim” step in a
# reviewer's macro) sees the formula, so ` =HYPERLINK(…)` is written as text as well.
_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r", "\0", "＝", "＋", "－", "＠")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def csv_field(value: Any) -> Any:
    """A field as written to CSV: text that a spreadsheet would run as a formula, also
    behind leading spaces (any Unicode space, the ideographic one included), gets a
    leading apostrophe (shown as text, the apostrophe hidden); numbers, a signed number
    as text (the 2019 `change` column's -3) and everything else are unchanged."""
    if not isinstance(value, str) or _NUMBER.fullmatch(value):
        return value
    if value.startswith(_FORMULA_LEADS):
        return "'" + value
    trimmed = value.lstrip()
    if trimmed.startswith(_FORMULA_LEADS) and not _NUMBER.fullmatch(trimmed):
        return "'" + value
    return value


class CsvRows:
    """csv.writer whose every field passes through `csv_field`: the one way the CSV
    outputs (parse, check, stats, sql) write rows."""

    def __init__(self, out: Any):
        self._writer = csv.writer(out, lineterminator="\n")

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([csv_field(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)

