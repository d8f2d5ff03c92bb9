"""The inputs of every face (`zfxxgk check`, `zfxxgk batch`, web batches): files,
folders walked recursively, and zip archives (also inside folders, and zips inside
zips), as (source, bytes) items. One walker, so that `check DIR` and `batch DIR`
read exactly the same files.

Reports are collected as downloaded: a portal's attachments saved in folders, a
whole year zipped by a reviewer. The walk never stops on a bad entry: an
unreadable file or a broken archive becomes an item carrying an error message, so
the run records it in errors.jsonl and goes on. Items come lazily, one at a time,
so a million files never sit in memory together.

A folder written by `zfxxgk fetch` (it holds `fetched.jsonl`) is read through
that journal instead: its report and attachment entries are the inputs (list
pages and duplicates are not), each carrying the URL it was fetched from.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import orjson

from ..errors import ZfxxgkError
from .detect import TEXT, is_ofd, sniff
from .encoding import shown_name, utf8_or_gbk
from .text import MAX_BYTES, LoadOptions, os_reason, read_path
from .zipguard import ZIP_ERRORS, directory_size, zip_damage

# File names a folder walk takes without looking inside (the loaders judge the
# content; these only keep photos and system files out of the run). A file with no
# suffix is taken too, and one with another suffix when its first bytes show a
# document container (a PDF saved as `附件.dat`).
REPORT_SUFFIXES = frozenset({
    ".txt", ".md", ".json", ".pdf", ".html", ".htm", ".shtml", ".docx", ".doc", ".wps",
    ".rtf", ".xlsx", ".xls", ".et", ".odt", ".ods", ".ofd", ".yaml", ".yml"})
ARCHIVE_SUFFIXES = frozenset({".zip"})
# How deep zips inside zips are opened (a zip bomb of nested archives stops here).
MAX_ZIP_DEPTH = 3
# Separates an archive's path from a member's name in `source`.
MEMBER_SEP = "!/"
# The journal `zfxxgk fetch` writes in its folder, and its entries that are inputs.
FETCHED = "fetched.jsonl"
FETCHED_INPUTS = ("report", "attachment")
# Why a file is passed over (`walk(..., skipped=True)` names it): its name is no
# report's and its first bytes are no document's, or it is empty.
NOT_DOCUMENT = ("扩展名 {suffix} 不是报告文件的扩展名，内容也不是 PDF、Word、Excel、网页、OFD 或图片："
                "按内容判断不是报告，未读取")
EMPTY_UNKNOWN = "文件为空，扩展名 {suffix} 也不是报告文件的扩展名，未读取"
SPECIAL_FILE = "不是普通文件（命名管道、套接字或设备），未读取"
# Passed over without a word: hidden files (.DS_Store), Office lock files (~$年报.docx).
_SILENT = ""


@dataclass(slots=True)
class Item:
    """One input: its bytes and their SHA-256, or the reason it could not be read,
    or (`skipped`) why the walk passed it over unread."""

    source: str
    data: bytes | None = None
    error: str | None = None
    source_url: str | None = None
    skipped: str | None = None

    @property
    def sha256(self) -> str | None:
        return hashlib.sha256(self.data).hexdigest() if self.data is not None else None


def is_candidate(name: str) -> bool:
    """Taken by its name alone: a report or archive suffix, or no suffix at all."""
    base = os.path.basename(name.rstrip("/"))
    if not base or base.startswith(".") or base.startswith("~$"):
        return False
    suffix = os.path.splitext(base)[1].lower()
    return suffix in REPORT_SUFFIXES or suffix in ARCHIVE_SUFFIXES or not suffix


def by_content(name: str, head: bytes) -> str | None:
    """A file whose name says nothing: None (taken) when its first bytes are a
    document container, else why it is passed over (the text loader would take a
    `.bin` of noise for a report that is not one)."""
    if head and sniff(head) != TEXT:
        return None
    suffix = os.path.splitext(os.path.basename(name))[1] or "（无）"
    return (NOT_DOCUMENT if head else EMPTY_UNKNOWN).format(suffix=suffix)


def _passed_over(dirpath: str, name: str) -> str | None:
    """None when a folder walk reads the file; else why not (`_SILENT` for system
    files). Only a regular file is opened: opening a named pipe waits for a writer."""
    if name.startswith((".", "~$")):
        return _SILENT
    if is_candidate(name):
        return None
    path = os.path.join(dirpath, name)
    if _special(path):
        return SPECIAL_FILE
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError as e:
        return f"无法读取（{os_reason(e)}），未读取"
    return by_content(name, head)


def _special(path: str) -> bool:
    """A name in a folder that is no regular file: a named pipe (FIFO), a socket, a
    device. A folder walk never reads one (a FIFO made `check DIR` wait for ever); a
    path that cannot be looked at (a broken link) is left to the read, which names it."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _is_archive(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in ARCHIVE_SUFFIXES


def walk(names: list[str] | tuple[str, ...], max_bytes: int = MAX_BYTES,
         skipped: bool = False) -> Iterator[Item]:
    """Every input under `names`, in a stable order (sorted within each folder).
    A name given explicitly is always taken, whatever its suffix. `skipped`: the
    files passed over by their content come too, as items with the reason (a
    batch names them); hidden files and Office lock files never do."""
    for target in _targets(names, skipped):
        if isinstance(target, Item):  # a folder that could not be read, a file passed over
            yield target
            continue
        path, url, explicit = target
        for item in _file(path, max_bytes, explicit, skipped):
            item.source_url = url
            yield item


def count(names: list[str] | tuple[str, ...], max_bytes: int = MAX_BYTES) -> int:
    """How many items `walk(names, skipped=True)` will yield, known before any is
    read: the progress bar's total, right from the start (counting a zip as one
    made the total jump from 12 to 40 when it opened). A zip's members are counted
    from its central directory; only a zip inside a zip is read to get at its own."""
    n = 0
    for target in _targets(names, skipped=True):
        n += 1 if isinstance(target, Item) else _count_file(target[0], max_bytes, target[2])
    return n


def _count_file(path: str, max_bytes: int, explicit: bool) -> int:
    """1, or the items of an archive (as `_file` and `_archive` would yield them)."""
    named = _is_archive(path)
    if not (named or explicit) or _special(path):
        return 1
    try:
        if os.path.getsize(path) > max_bytes:
            return 1
        if not named:
            with open(path, "rb") as f:
                if f.read(4) != b"PK\x03\x04":
                    return 1
        with zipfile.ZipFile(path) as archive:
            if not named and not _plain_names(archive.namelist()):
                return 1  # a DOCX, XLSX or OFD named without a suffix
            return _count_members(archive, 1, max_bytes)
    except (OSError, *ZIP_ERRORS):
        return 1  # the walk names it as one error


def _count_members(archive: zipfile.ZipFile, depth: int, max_bytes: int) -> int:
    n = 0
    for info in archive.infolist():
        name = member_name(info)
        if info.is_dir() or _silent_member(name):
            continue
        if _is_archive(name) and depth < MAX_ZIP_DEPTH and info.file_size <= max_bytes:
            n += _count_nested(archive, info, depth + 1, max_bytes)
        else:
            n += 1
    return n


def _count_nested(archive: zipfile.ZipFile, info: zipfile.ZipInfo, depth: int, max_bytes: int) -> int:
    try:
        with archive.open(info) as f:
            data = f.read(max_bytes + 1)
        if not data or len(data) > max_bytes:
            return 1
        with zipfile.ZipFile(io.BytesIO(data)) as inner:
            return _count_members(inner, depth, max_bytes)
    except ZIP_ERRORS:
        return 1


def _targets(names: list[str] | tuple[str, ...], skipped: bool = False
             ) -> Iterator[tuple[str, str | None, bool] | Item]:
    """(path, the URL it was fetched from, whether it was named explicitly) of
    each file the walk reads, and an Item for each folder it cannot read (and,
    with `skipped`, for each file it passes over)."""
    for name in names:
        fetched = fetched_inputs(name) if os.path.isdir(name) else None
        if fetched is not None:
            yield from ((path, url, True) for path, url in fetched)
        elif os.path.isdir(name):
            errors: list[OSError] = []
            for dirpath, dirs, files in os.walk(name, onerror=errors.append):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not companion(d, files))
                for e in errors:
                    yield Item(shown_name(str(e.filename or dirpath)), error=f"无法读取文件夹（{os_reason(e)}）")
                errors.clear()
                for f in sorted(files):
                    why = _passed_over(dirpath, f)
                    if why is None:
                        yield os.path.join(dirpath, f), None, False
                    elif why and skipped:
                        yield Item(shown_name(os.path.join(dirpath, f)), skipped=why)
        else:
            yield name, None, True


# Suffixes of the folder Word, Excel and browsers save beside a web page (年报.htm and
# 年报.files/ or 年报_files/), and of the pages that have one.
_COMPANION = (".files", "_files", ".fld")
_PAGE_SUFFIXES = (".htm", ".html", ".shtml", ".mht", ".mhtml")


def companion(folder: str, files: list[str]) -> bool:
    """Whether `folder` is the folder of a web page beside it (`files`: its siblings):
    its pictures, the headers Word keeps there (header.htm) and the sheets of an Excel
    workbook (sheet001.htm, read with the page: html.py) are parts of that page, not
    inputs of their own (each was read as a report that is not one)."""
    lower = folder.lower()
    stem = next((folder[:-len(s)] for s in _COMPANION if lower.endswith(s)), None)
    if not stem:
        return False
    pages = {stem.lower() + s for s in _PAGE_SUFFIXES}
    return any(f.lower() in pages for f in files)


def fetched_inputs(folder: str | os.PathLike[str]) -> list[tuple[str, str]] | None:
    """(saved file, URL) of each report and attachment in a `zfxxgk fetch` folder's
    journal, in the order fetched; None when the folder has no journal. A URL's
    state is its last line; a torn last line (a killed fetch) is passed over."""
    journal = Path(folder) / FETCHED
    if not journal.is_file():
        return None
    last: dict[str, dict] = {}
    for entry in journal_lines(journal):
        last.pop(entry["url"], None)  # keep first-seen order of the final states
        last[entry["url"]] = entry
    out: dict[str, str] = {}
    for url, entry in last.items():
        path = entry.get("path")
        if entry.get("kind") in FETCHED_INPUTS and isinstance(path, str) and path not in out:
            out[path] = entry.get("final_url") or url  # where the bytes came from
    return [(os.path.join(folder, path), url) for path, url in out.items()]


def journal_lines(path: Path) -> Iterator[dict]:
    """Every complete line of a `zfxxgk fetch` journal that names a URL: a torn last
    line (a killed fetch) or a damaged one is passed over. `acquire.journal` reads its
    own journal back through here too."""
    if not path.exists():
        return
    with open(path, "rb") as f:
        for raw in f:
            if not raw.endswith(b"\n"):
                return
            try:
                data = orjson.loads(raw)
            except orjson.JSONDecodeError:
                continue
            if isinstance(data, dict) and isinstance(data.get("url"), str):
                yield data


def _file(path: str, max_bytes: int, explicit: bool, skipped: bool = False) -> Iterator[Item]:
    """One file's items; a named input is read whatever it is (`check <(cat 年报.txt)`
    reads a pipe), a folder's special files are named and passed over."""
    shown = shown_name(path)  # a GBK name on disk: the path reads, the text is shown
    if not explicit and _special(path):
        yield Item(shown, error="不是普通文件（命名管道、套接字或设备），未读取")
        return
    try:
        data = read_path(path, LoadOptions(max_bytes=max_bytes))
    except ZfxxgkError as e:
        yield Item(shown, error=e.message)
        return
    yield from unpack(shown, data, max_bytes, by_content=explicit, skipped=skipped)


def unpack(source: str, data: bytes, max_bytes: int = MAX_BYTES, by_content: bool = True,
           max_directory: int | None = None, skipped: bool = False) -> Iterator[Item]:
    """Bytes already read (a file named by the user, a web upload): the members of an
    archive (known by its name or, with `by_content`, by its content), else the
    file itself. A folder walk knows archives by name only. `max_directory`: an
    archive (a zip inside included) whose central directory is declared larger is
    not opened (the web's uploads; zipguard.MAX_DIRECTORY). `skipped`: as `walk`'s."""
    if _is_archive(source) or (by_content and is_archive(data)):
        return _archive(source, data, max_bytes, depth=1, max_directory=max_directory, skipped=skipped)
    return iter([Item(source, data=data)])


def is_archive(data: bytes) -> bool:
    """Bytes of a zip of files, whatever the name (not a DOCX/XLSX/ODF/OFD document)."""
    return data[:4] == b"PK\x03\x04" and _plain_zip(data)


def _plain_zip(data: bytes) -> bool:
    """A zip that is an archive of files, not a DOCX/XLSX/ODF/OFD document (which are zips too)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = z.namelist()
    except ZIP_ERRORS:
        return False
    return _plain_names(names)


def _plain_names(names: list[str]) -> bool:
    return not any(n in ("[Content_Types].xml", "mimetype") for n in names) and not is_ofd(names)


def _silent_member(name: str) -> bool:
    """A member passed over without a word: hidden, an Office lock file, macOS's forks."""
    return os.path.basename(name).startswith((".", "~$")) or "__MACOSX/" in name


def member_name(info: zipfile.ZipInfo) -> str:
    """A member's name as its author wrote it. Without the UTF-8 flag zipfile reads
    the name as cp437; Chinese Windows tools wrote GBK there, some others UTF-8
    without setting the flag (encoding.utf8_or_gbk)."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    name = utf8_or_gbk(raw)
    return info.filename if name is None else name


def _member_passed_over(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> str | None:
    """As in a folder: None when taken by its name or else by its first bytes (a
    document container); else why not (`_SILENT` for system files)."""
    if _silent_member(name):
        return _SILENT
    if is_candidate(name):
        return None
    try:
        with archive.open(info) as f:
            head = f.read(4096)
    except ZIP_ERRORS:
        return None  # named as unreadable by the caller
    return by_content(name, head)


def _archive(source: str, data: bytes, max_bytes: int, depth: int,
             max_directory: int | None = None, skipped: bool = False) -> Iterator[Item]:
    if not data:  # a 0-byte download named .zip
        yield Item(source, error="文件为空")
        return
    if max_directory is not None and (directory_size(data) or 0) > max_directory:
        yield Item(source, error=f"压缩包的目录超过 {max_directory // 1024} KB（文件过多），未打开")
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = sorted(archive.infolist(), key=lambda i: i.filename)
    except ZIP_ERRORS as e:  # zipfile's words are English ("File is not a zip file")
        yield Item(source, error=f"无法打开压缩包（{zip_damage(e)}）")
        return
    with archive:
        for info in infos:
            if info.is_dir():
                continue
            name = member_name(info)
            member = f"{source}{MEMBER_SEP}{name}"
            why = _member_passed_over(archive, info, name)
            if why is not None:
                if why and skipped:
                    yield Item(member, skipped=why)
                continue
            if info.file_size > max_bytes:
                yield Item(member, error=f"文件超过 {max_bytes // (1024 * 1024)} MB，未读取")
                continue
            try:
                with archive.open(info) as f:
                    body = f.read(max_bytes + 1)
            except ZIP_ERRORS as e:
                yield Item(member, error=f"无法从压缩包中读出这个文件（{zip_damage(e)}：{e}）")
                continue
            if len(body) > max_bytes:
                yield Item(member, error=f"文件超过 {max_bytes // (1024 * 1024)} MB，未读取")
            elif _is_archive(name):
                if depth >= MAX_ZIP_DEPTH:
                    yield Item(member, error=f"压缩包嵌套超过 {MAX_ZIP_DEPTH} 层，未打开")
                else:
                    yield from _archive(member, body, max_bytes, depth + 1, max_directory, skipped)
            else:
                yield Item(member, data=body)
