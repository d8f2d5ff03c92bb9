"""Word 97-2003 (.doc), WPS, RTF, old Excel (.xls) and OpenDocument files, through
LibreOffice.

No Python library reads .doc and .wps faithfully; LibreOffice does, when it is
installed. It converts the files to DOCX/XLSX in one headless process (many files
per call, since starting it costs seconds), and the DOCX/XLSX loaders take over.
Without it the user is told which Debian package to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError
from .detect import DOC, NAMES as _NAMES, ODS, ODT, RTF, XLS

PACKAGE = "libreoffice-writer"
TIMEOUT = 120
# kind -> (extension LibreOffice recognises the input by, target format)
_TARGETS = {DOC: ("doc", "docx"), RTF: ("rtf", "docx"), ODT: ("odt", "docx"),
            XLS: ("xls", "xlsx"), ODS: ("ods", "xlsx")}


def soffice() -> str | None:
    """The LibreOffice program, if installed (ZFXXGK_SOFFICE overrides the search)."""
    if "ZFXXGK_SOFFICE" in os.environ:
        return os.environ["ZFXXGK_SOFFICE"] or None
    return shutil.which("soffice") or shutil.which("libreoffice")


def missing_message(kind: str) -> str:
    return (f"读取{_NAMES.get(kind, '这种格式的')}文件需要 LibreOffice，但本机没有安装："
            f"请安装 Debian 软件包 {PACKAGE}（apt-get install {PACKAGE}），"
            "或在 Word/WPS 中另存为 DOCX 或 PDF 后再试")


def convert_many(items: list[tuple[bytes, str]], source: str | None = None) -> list[bytes | None]:
    """Convert (data, kind) items in ONE LibreOffice run; the converted bytes, or None
    for an item LibreOffice could not convert."""
    program = soffice()
    if program is None:
        raise InputError(missing_message(items[0][1] if items else DOC), source=source)
    with tempfile.TemporaryDirectory(prefix="zfxxgk-lo-") as tmp:
        root = Path(tmp)
        groups: dict[str, list[tuple[int, Path]]] = {}
        for i, (data, kind) in enumerate(items):
            ext, target = _TARGETS[kind]
            path = root / f"in{i}.{ext}"
            path.write_bytes(data)
            groups.setdefault(target, []).append((i, path))
        out: list[bytes | None] = [None] * len(items)
        for target, members in groups.items():
            outdir = root / "out"
            cmd = [program, "--headless", "--norestore", "--nolockcheck",
                   f"-env:UserInstallation={(root / 'profile').as_uri()}",
                   "--convert-to", target, "--outdir", str(outdir)] + [str(p) for _, p in members]
            try:
                subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, timeout=TIMEOUT, check=False)
            except subprocess.TimeoutExpired:
                raise InputError(f"LibreOffice 转换超过 {TIMEOUT} 秒仍未完成", source=source) from None
            for i, path in members:
                converted = outdir / f"{path.stem}.{target}"
                out[i] = converted.read_bytes() if converted.is_file() else None
        return out


def convert(data: bytes, kind: str, source: str | None = None) -> tuple[bytes, str]:
    """One file -> (DOCX or XLSX bytes, "docx"/"xlsx")."""
    result = convert_many([(data, kind)], source)[0]
    if result is None:
        raise InputError(f"LibreOffice 无法转换这个{_NAMES.get(kind, '')}文件（文件可能已损坏或已加密）",
                         source=source)
    return result, _TARGETS[kind][1]


__all__ = ["PACKAGE", "convert", "convert_many", "missing_message", "soffice"]
