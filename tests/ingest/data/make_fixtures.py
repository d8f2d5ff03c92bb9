"""Regenerate the LibreOffice-made fixtures in this folder from the project's own
DOCX and XLSX fixtures (`ingest_fixtures.docx_report()`, `xlsx_report()`):

    .venv/bin/python tests/ingest/data/make_fixtures.py

writes `libreoffice.pdf`, `libreoffice.doc`, `libreoffice.rtf` and, from the
workbook, `libreoffice.xls` (Excel 97-2003, what WPS's .et also is) and
`libreoffice.ods`. They are stored
(not made during the tests) because LibreOffice is a large optional install: the
PDF test must run everywhere, since it is a different PDF producer from the WPS
samples, with its own way of drawing table rules and placing text. The .doc and
.rtf are what legacy offices send; their tests convert them back when `soffice` is
there. Needs `soffice` (Debian: libreoffice-writer-nogui and libreoffice-calc-nogui) and a CJK font
(fonts-noto-cjk), or the PDF carries no Chinese text.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # ingest_fixtures lives in tests/ingest

# source fixture -> {extension: LibreOffice's filter}
TARGETS = {"docx": {"pdf": "pdf:writer_pdf_Export", "doc": "doc:MS Word 97", "rtf": "rtf"},
           "xlsx": {"xls": "xls:MS Excel 97", "ods": "ods"}}


def main() -> int:
    import ingest_fixtures as F

    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        print("soffice not found: install libreoffice-writer-nogui", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="zfxxgk-fixtures-") as tmp:
        root = Path(tmp)
        sources = {"docx": F.docx_report(), "xlsx": F.xlsx_report()}
        for kind, targets in TARGETS.items():
            source = root / f"libreoffice.{kind}"
            source.write_bytes(sources[kind])
            convert(program, root, source, targets)
    return 0


def convert(program: str, root: Path, source: Path, targets: dict[str, str]) -> None:
    for ext, target in targets.items():
        subprocess.run([program, "--headless", "--norestore",
                        f"-env:UserInstallation={(root / 'profile').as_uri()}",
                        "--convert-to", target, "--outdir", str(root), str(source)],
                       check=True, timeout=300, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL)
        made = root / f"libreoffice.{ext}"
        shutil.copyfile(made, HERE / made.name)
        print(f"{HERE / made.name}: {made.stat().st_size} bytes")


if __name__ == "__main__":
    sys.exit(main())
