"""Word 97-2003 (.doc), WPS, RTF, old Excel (.xls) and OpenDocument files, through
LibreOffice.

No Python library reads .doc and .wps faithfully; LibreOffice does, when it is
installed. It converts the file to DOCX/XLSX in a headless process, and the
DOCX/XLSX loaders take over.
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

# Debian installs LibreOffice by parts (the -nogui ones for a server, as `make run`
# installs them: scripts/apt-packages.txt): Writer converts documents, Calc workbooks.
PACKAGE = "libreoffice-writer-nogui"
CALC_PACKAGE = "libreoffice-calc-nogui"
TIMEOUT = 120
# kind -> (extension LibreOffice recognises the input by, target format)
_TARGETS = {DOC: ("doc", "docx"), RTF: ("rtf", "docx"), ODT: ("odt", "docx"),
            XLS: ("xls", "xlsx"), ODS: ("ods", "xlsx")}


def soffice() -> str | None:
    """The LibreOffice program, if installed (ZFXXGK_SOFFICE overrides the search)."""
    if "ZFXXGK_SOFFICE" in os.environ:
        return os.environ["ZFXXGK_SOFFICE"] or None
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(data: bytes, kind: str, source: str | None = None) -> tuple[bytes, str]:
    """One file -> (DOCX or XLSX bytes, "docx"/"xlsx"), in a headless LibreOffice
    with a profile of its own (a desktop LibreOffice the user has open is not
    disturbed, nor does it lock the conversion)."""
    program = soffice()
    ext, target = _TARGETS[kind]
    if program is None:  # a workbook needs Calc, and is saved again from Excel, not Word
        package, saved = (CALC_PACKAGE, "在 Excel/WPS 中另存为 XLSX") if target == "xlsx" else \
            (PACKAGE, "在 Word/WPS 中另存为 DOCX 或 PDF")
        raise InputError(f"读取{_NAMES.get(kind, '这种格式的')}文件需要 LibreOffice，但本机没有安装："
                         f"请安装 Debian 软件包 {package}（apt-get install {package}），"
                         f"或{saved} 后再试", source=source)
    with tempfile.TemporaryDirectory(prefix="zfxxgk-lo-") as tmp:
        root = Path(tmp)
        path = root / f"in.{ext}"
        path.write_bytes(data)
        cmd = [program, "--headless", "--norestore", "--nolockcheck",
               f"-env:UserInstallation={(root / 'profile').as_uri()}",
               "--convert-to", target, "--outdir", str(root / "out"), str(path)]
        try:
            subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise InputError(f"LibreOffice 转换超过 {TIMEOUT} 秒仍未完成", source=source) from None
        converted = root / "out" / f"in.{target}"
        if not converted.is_file() and target == "xlsx" and calc_missing(program):
            raise InputError(f"读取{_NAMES.get(kind, '')}文件需要 LibreOffice 的电子表格组件 Calc，但本机只装了 "
                             f"LibreOffice 的一部分：请安装 Debian 软件包 {CALC_PACKAGE}（apt-get install "
                             f"{CALC_PACKAGE}），或在 Excel/WPS 中另存为 XLSX 后再试", source=source)
        if not converted.is_file():
            raise InputError(f"LibreOffice 无法转换这个{_NAMES.get(kind, '')}文件（文件可能已损坏或已加密）",
                             source=source)
        return converted.read_bytes(), target


def calc_missing(program: str) -> bool:
    """Whether LibreOffice is installed without Calc: its program folder holds Writer's
    library (libswlo) but not Calc's (libsclo). A workbook (.xls, WPS's .et, .ods) then
    fails to convert as if it were damaged; the user is told the package instead."""
    folder = Path(os.path.realpath(program)).parent
    try:
        names = {p.name.split(".")[0].lower() for p in folder.iterdir()}
    except OSError:
        return False
    return bool(names & {"libswlo", "swlo"}) and not names & {"libsclo", "sclo"}


__all__ = ["CALC_PACKAGE", "PACKAGE", "calc_missing", "convert", "soffice"]
