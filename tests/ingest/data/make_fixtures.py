"""Regenerate the LibreOffice-made fixtures in this folder from the project's own
DOCX fixture (`ingest_fixtures.docx_report()`):

    .venv/bin/python tests/ingest/data/make_fixtures.py

writes `libreoffice.pdf`, `libreoffice.doc` and `libreoffice.rtf`. They are stored
(not made during the tests) because LibreOffice is a large optional install: the
PDF test must run everywhere, since it is a different PDF producer from the WPS
samples, with its own way of drawing table rules and placing text. The .doc and
.rtf are what legacy offices send; their tests convert them back when `soffice` is
there. Needs `soffice` (Debian: libreoffice-writer-nogui) and a CJK font
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

TARGETS = {"pdf": "pdf:writer_pdf_Export", "doc": "doc:MS Word 97", "rtf": "rtf"}


def main() -> int:
    import ingest_fixtures as F

    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        print("soffice not found: install libreoffice-writer-nogui", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="zfxxgk-fixtures-") as tmp:
        root = Path(tmp)
        source = root / "libreoffice.docx"
        source.write_bytes(F.docx_report())
        for ext, target in TARGETS.items():
            subprocess.run([program, "--headless", "--norestore",
                            f"-env:UserInstallation={(root / 'profile').as_uri()}",
                            "--convert-to", target, "--outdir", str(root), str(source)],
                           check=True, timeout=300, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL)
            made = root / f"libreoffice.{ext}"
            shutil.copyfile(made, HERE / made.name)
            print(f"{HERE / made.name}: {made.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
