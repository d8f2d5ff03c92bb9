"""PDFs whose text layer lies: the page looks right, the extracted text does not.

Real reports are often exported by tools that embed a font without a usable
ToUnicode map: the text then extracts as private-use characters, as control
characters, as Latin letters in the order the glyphs were first used, or (with
no map at all) as whatever each engine guesses from the glyph codes. These
helpers make such files from any uncompressed PDF (`render_uncompressed`) by
rewriting its ToUnicode CMaps in place, byte for byte the same length, so the
cross-reference table stays valid and the pages still render exactly as before:
OCR sees the same pixels, only the text layer changes.
"""

from __future__ import annotations

import re
from typing import Collection

_STREAM = re.compile(rb"/CMapType 2 def.*?endcmap", re.S)
# a bfchar line (<code> <unicode>) or a bfrange line (<first> <last> <unicode>):
# group 1 is the destination, a 4-digit hex code (a BMP character)
_PAIR = re.compile(rb"^<[0-9a-fA-F]{4}> (?:<[0-9a-fA-F]{4}> )?<([0-9a-fA-F]{4})>$", re.M)
_CONTROLS = [c for c in range(1, 32) if not chr(c).isspace()]
MODES = ("pua", "control", "latin", "drop")


def _garbage(mode: str, k: int) -> int:
    if mode == "pua":
        return 0xE000 + k
    if mode == "control":
        return _CONTROLS[k % len(_CONTROLS)]
    return 0x21 + k % 94  # latin: printable ASCII in order of first use, digits too


def garble(pdf: bytes, mode: str = "pua", fonts: Collection[int] | None = None,
           digits_only: bool = False) -> bytes:
    """The PDF with the ToUnicode maps of the fonts numbered `fonts` (0 the first
    map in the file; all by default) made useless: every destination replaced by
    a private-use code ("pua"), a control character ("control") or printable
    ASCII ("latin"), or the map dropped ("drop": the /ToUnicode entries blanked
    out). `digits_only`: only the digits' entries (a figures font without a map)."""
    if mode == "drop":
        seen = [0]  # the fonts met so far

        def blank(m: re.Match) -> bytes:
            k, seen[0] = seen[0], seen[0] + 1
            return m.group(0) if fonts is not None and k not in fonts else b" " * len(m.group(0))

        return re.sub(rb"/ToUnicode \d+ 0 R", blank, pdf)
    out = bytearray(pdf)
    for n, stream in enumerate(_STREAM.finditer(pdf)):
        if fonts is not None and n not in fonts:
            continue
        body = bytearray(stream.group(0))
        for k, pair in enumerate(_PAIR.finditer(stream.group(0))):
            if digits_only and not b"0030" <= pair.group(1).lower() <= b"0039":
                continue
            code = b"%04x" % _garbage(mode, k)
            body[pair.start(1):pair.end(1)] = code
        out[stream.start():stream.end()] = body
    return bytes(out)


def lookalike(pdf: bytes) -> bytes:
    """The PDF with its ToUnicode maps giving the letters O and l for the digits
    0 and 1 (a figures font from a symbol set): the page shows 10, the text says lO."""
    out = bytearray(pdf)
    swap = {b"0030": b"004f", b"0031": b"006c"}
    for stream in _STREAM.finditer(pdf):
        body = bytearray(stream.group(0))
        for pair in _PAIR.finditer(stream.group(0)):
            code = swap.get(pair.group(1).lower())
            if code:
                body[pair.start(1):pair.end(1)] = code
        out[stream.start():stream.end()] = body
    return bytes(out)


def untitled(pdf: bytes) -> bytes:
    """The PDF without its /Title entries (the information dictionary's, the
    bookmarks'): many exported reports carry none, and a title there would name
    the body and year however garbled the text layer is."""
    return re.sub(rb"/Title <[0-9a-fA-F]*>", lambda m: b" " * len(m.group(0)), pdf)


def render_uncompressed(report) -> bytes:
    """A report as the project's PDF renderer writes it, streams left uncompressed
    (so the CMaps can be rewritten in place)."""
    from weasyprint import HTML

    from zfxxgk.render.html import render_html
    from zfxxgk.render.layout import build

    return HTML(string=render_html(build(report))).write_pdf(uncompressed_pdf=True)


def pictured_tables(report, dpi: int = 200) -> bytes:
    """The report's PDF with its three tables pasted as pictures (the prose stays
    text): what an office makes when it pastes a screenshot of the statistics
    into its Word file. Each table is rendered alone, rasterised at `dpi` and
    put back at its printed size, one picture per page the table spans."""
    import base64
    import io

    from weasyprint import HTML

    from zfxxgk.render.html import render_html
    from zfxxgk.render.layout import build

    html = render_html(build(report))
    head = html[:html.index("<body")]

    def picture(table: re.Match) -> str:
        alone = f'{head}<body><article class="zfxxgk-report">{table.group(0)}</article></body></html>'
        pieces = []
        for page in _ink_crops(HTML(string=alone).write_pdf(), dpi):
            buf = io.BytesIO()
            page.save(buf, "PNG")
            width = page.width * 96 / dpi  # CSS pixels: the table's printed width
            pieces.append(f'<img style="width:{width:.1f}px;display:block" '
                          f'src="data:image/png;base64,{base64.b64encode(buf.getvalue()).decode()}">')
        return "".join(pieces)

    return HTML(string=re.sub(r"<table.*?</table>", picture, html, flags=re.S)).write_pdf()


def _ink_crops(pdf: bytes, dpi: int) -> list:
    """Each page of `pdf` rasterised and cut to its ink (a margin of 4 pixels)."""
    from PIL import ImageOps

    from scans import rasterise

    out = []
    for page in rasterise(pdf, dpi):
        box = ImageOps.invert(page).getbbox()
        if box:
            x0, y0, x1, y1 = box
            out.append(page.crop((max(0, x0 - 4), max(0, y0 - 4), x1 + 4, y1 + 4)))
    return out
