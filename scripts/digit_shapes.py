"""Writes src/zfxxgk/ingest/digit_shapes.txt: the reference digits `pdf_digits` compares glyphs with.

Each reference face's digits 0-9 are written to a PDF by WeasyPrint, then read
back through PDFium exactly as the loader reads a report's glyphs
(`pdf_glyphs.outline`, `drawing`), so references and glyphs are drawn alike;
then PDFium's own faces of the standard fonts (Helvetica, Times, Courier: what
a PDF naming Arial or Helvetica without embedding it is drawn with).
One line a digit, ten lines a face: the drawing's SIDE * SIDE bits in hex.

Run: `PYTHONPATH=src python scripts/digit_shapes.py` (needs the faces below installed;
it fails when one is missing rather than write a fallback face's digits).
"""

from __future__ import annotations

import ctypes
from pathlib import Path

# CSS family -> the base font name's part WeasyPrint embeds it as
FACES = {"Noto Serif CJK SC": "Noto-Serif-CJK-SC", "Noto Sans CJK SC": "Noto-Sans-CJK-SC",
         "AR PL UMing CN": "AR-PL-UMing", "AR PL UKai CN": "AR-PL-UKai",
         "DejaVu Sans": "DejaVu-Sans", "DejaVu Serif": "DejaVu-Serif",
         "DejaVu Sans Mono": "DejaVu-Sans-Mono", "WenQuanYi Zen Hei": "WenQuanYi"}
WEIGHTS = {"Noto Serif CJK SC": ("normal", "bold"), "Noto Sans CJK SC": ("normal", "bold")}
# PDFium's own faces for the standard 14 fonts (Helvetica is Arial's shape: its 1 has no foot)
STANDARD = ("Helvetica", "Helvetica-Bold", "Times-Roman", "Times-Bold", "Courier")
OUT = Path(__file__).resolve().parents[1] / "src" / "zfxxgk" / "ingest" / "digit_shapes.txt"


def main() -> None:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    from weasyprint import HTML

    from zfxxgk.ingest.pdf_glyphs import drawing, outline

    lines = []
    for family, embedded in FACES.items():
        for weight in WEIGHTS.get(family, ("normal",)):
            html = f'<p style="font-family: \'{family}\'; font-weight: {weight}">0123456789</p>'
            page = pdfium.PdfDocument(HTML(string=html).write_pdf())[0]
            tp = page.get_textpage()
            font = raw.FPDFTextObj_GetFont(raw.FPDFText_GetTextObject(tp.raw, 0))
            name = ctypes.create_string_buffer(256)
            raw.FPDFFont_GetBaseFontName(font, name, 256)
            if embedded not in name.value.decode():
                raise SystemExit(f"{family}: embedded as {name.value!r}, not installed?")
            for code in range(0x30, 0x3A):
                lines.append("%064x" % drawing(outline(raw, font, code)))
    document = pdfium.PdfDocument.new()
    for standard in STANDARD:
        font = raw.FPDFText_LoadStandardFont(document.raw, standard.encode())
        for code in range(0x30, 0x3A):
            lines.append("%064x" % drawing(outline(raw, font, code)))
        raw.FPDFFont_Close(font)
    OUT.write_text("\n".join(lines) + "\n", "ascii")
    print(f"{len(lines) // 10} faces -> {OUT}")


if __name__ == "__main__":
    main()
