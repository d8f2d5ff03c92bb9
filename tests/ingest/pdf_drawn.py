"""PDFs whose page looks right but whose text is drawn the ways odd converters draw it.

Made from the project's renderer output written uncompressed
(`garbled.render_uncompressed`), by rewriting its page content streams or its
ToUnicode maps (`DRAWN`):

  digit-swap    every font's ToUnicode map gives other digits for the digits
                (`SWAP`: the page shows 2023, the text says 1710)
  lookalike     every font's map swaps only look-alike digits (`LOOKALIKE`:
                3 and 8, 5 and 6, 1 and 7; 2023 reads 2028, 0 and 2 kept)
  title-swap    only the title's font (it draws the year alone: 2, 0, 3) maps
                digits to others (`SWAP`); a font drawing few digits
  title-lookalike  the same with `LOOKALIKE`
  overprint     every text run drawn twice, the second 0.4 pt right and down
                (bold faked by overprinting, as some report writers and
                printer drivers do: a careless reader reads 1122 for 12)
  scatter       every glyph drawn on its own at its place, in random order
                (a converter that positions text character by character)
  skew / skew-  the whole page turned by 0.6 degree (a scanned sheet traced
                back into vectors: rows slightly slanted; `-`: the other way)
  runs          every text run (a cell, a line) drawn in random order

and from the report's HTML (`written`, `WRITTEN`):

  white         a 9 in white after every figure (a figure hidden by colouring
                it white, an old value kept: a careless reader reads 259 for 25)
  wrapped       the figures at 21 pt in their narrow cells, four- and five-digit
                ones wrapped over two lines (201 above 4)
  subtotal      table 三 with a 小计 row (一 plus 二) a spreadsheet added, the
                table going on over the page with its head repeated
  lone-italic   one 1 or 7 of one figure set in an italic face (DejaVu Serif
                Italic: the document's only glyph of that font) whose map swaps
                1 and 7 (`LOOKALIKE`): an italic 7 looks as much like a 1
  lone-swap     one digit of one figure set in a bold face (DejaVu Sans Bold)
                whose map sends every digit to another (`SWAP`); a font drawing
                one digit cannot be proven by its own glyphs

The content streams are rewritten object by object through the file's own
cross-reference table, which is rebuilt after, so each file is a valid PDF
both engines open without repairing it.
"""

from __future__ import annotations

import math
import random
import re

DRAWN = ("digit-swap", "lookalike", "title-swap", "title-lookalike", "overprint", "scatter", "skew", "skew-", "runs")
WRITTEN = ("white", "wrapped", "subtotal", "lone-italic", "lone-swap")
# a face drawing one digit: (CSS, the font's base name, map, the digits it may draw)
LONE = {"lone-italic": ("font-family: 'DejaVu Serif'; font-style: italic", b"DejaVu-Serif-Italic",
                        "LOOKALIKE", "17"),
        "lone-swap": ("font-family: 'DejaVu Sans'; font-weight: bold", b"DejaVu-Sans-Bold", "SWAP",
                      "123456789")}
SWAP = dict(zip("0123456789", "7310962548"))  # no digit keeps its place
LOOKALIKE = dict(zip("0123456789", "0723465198"))  # 1-7, 3-8, 5-6 swapped
TITLE_FONT = b"Noto-Serif-CJK-SC-Bold"  # the renderer's h1 face: the only bold serif
_XREF = re.compile(rb"xref\s+0 (\d+)\s+((?:\d{10} \d{5} [nf]\s*)+)trailer\s*(<<.*?>>)", re.S)
_OBJ = re.compile(rb"(\d+) 0 obj\s*(<<.*?>>)\s*stream\r?\n(.*)\r?\nendstream\s*endobj\s*$", re.S)
_UNIT = re.compile(rb"([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) Tm\s*"
                   rb"(?:(/\S+ [\d.]+ Tf)\s*)?(\[.*?\]) TJ", re.S)
_BT = re.compile(rb"BT\s(.*?)\sET", re.S)


def drawn(pdf: bytes, kind: str, seed: int = 0) -> bytes:
    """The uncompressed PDF `pdf` with its text drawn as `kind` (one of DRAWN)."""
    if kind in ("digit-swap", "lookalike"):
        return swapped_digits(pdf, SWAP if kind == "digit-swap" else LOOKALIKE)
    if kind.startswith("title-"):
        return swapped_digits(pdf, SWAP if kind == "title-swap" else LOOKALIKE, TITLE_FONT)
    rng = random.Random(seed)
    widths = _widths(pdf)

    def content(body: bytes) -> bytes:
        if kind.startswith("skew"):
            return _skewed(body, -0.6 if kind.endswith("-") else 0.6)
        return _BT.sub(lambda m: b"BT\n" + _text_block(m.group(1), kind, rng, widths) + b"\nET",
                       body)

    return rewrite_contents(pdf, content)


def written(report, kind: str, seed: int = 0) -> bytes:
    """The report rendered with its figures written as `kind` (one of WRITTEN)."""
    from weasyprint import HTML

    from pdf_shapes import html_of

    html = html_of(report, "plain")
    if kind in LONE:
        return lone_digit(html, kind, seed)
    if kind == "white":
        html = re.sub(r'(<td data-cell="[^"]*">)(\d+)</td>',
                      r'\1\2<span style="color:#fff">9</span></td>', html)
    elif kind == "subtotal":
        rows = report.applications
        cells = "".join(f"<td>{(rows['received'][c] or 0) + (rows['carried_in'][c] or 0)}</td>"
                        for c in rows["received"])
        html = re.sub(r'<tr>(?=<th rowspan="\d+" scope="rowgroup">三、)',
                      f'<tr><th colspan="3" scope="row">小计</th>{cells}</tr><tr>', html, count=1)
    else:
        html = html.replace("</style>", ".zfxxgk-report td { font-size: 21pt !important;"
                            " line-height: 1.0; padding: 1pt !important; }</style>", 1)
    return HTML(string=html).write_pdf()


def lone_digit(html: str, kind: str, seed: int, table: str = "", swap: bool = True,
               figure: str = r"\d+") -> bytes:
    """The page `html` with one digit of one figure (chosen by `seed` among the
    figures holding one of the face's digits; of `table`, matching `figure`, when
    given) set in the face of LONE[kind], whose map alone is then swapped (unless
    not `swap`)."""
    from weasyprint import HTML

    css, font, swapping, digits = LONE[kind]
    cells = [m for m in re.finditer(rf'(<td data-cell="{table}[^"]*">)({figure})</td>', html)
             if any(d in m[2] for d in digits)]
    m = random.Random(seed).choice(cells)
    k = next(k for k, d in enumerate(m[2]) if d in digits)
    figure = f'{m[2][:k]}<span style="{css}">{m[2][k]}</span>{m[2][k + 1:]}'
    html = html[:m.start()] + m[1] + figure + "</td>" + html[m.end():]
    pdf = HTML(string=html).write_pdf(uncompressed_pdf=True)
    return swapped_digits(pdf, SWAP if swapping == "SWAP" else LOOKALIKE, font) if swap else pdf


def swapped_digits(pdf: bytes, swap: dict = SWAP, font: bytes | None = None) -> bytes:
    """Every ToUnicode map's digits (ASCII and fullwidth) sent to other digits
    (`swap`), in place; only the maps of fonts named `font` (subset tag left
    out) when given."""
    from garbled import _PAIR, _STREAM

    out = bytearray(pdf)
    maps = None
    if font is not None:
        objects = re.findall(rb"/BaseFont /\w+\+" + re.escape(font) + rb"/ToUnicode (\d+) 0 R", pdf)
        starts = [re.search(rb"(?m)^%s 0 obj" % n, pdf).start() for n in objects]
        maps = [(at, pdf.index(b"endobj", at)) for at in starts]
    for stream in _STREAM.finditer(pdf):
        if maps is not None and not any(a < stream.start() < b for a, b in maps):
            continue
        body = bytearray(stream.group(0))
        for pair in _PAIR.finditer(stream.group(0)):
            code = pair.group(1).lower()
            for zero in (0x30, 0xFF10):  # ASCII and fullwidth digits
                if zero <= int(code, 16) <= zero + 9:
                    swapped = zero + int(swap[str(int(code, 16) - zero)])
                    body[pair.start(1):pair.end(1)] = b"%04x" % swapped
        out[stream.start():stream.end()] = body
    return bytes(out)


def _skewed(body: bytes, degrees: float) -> bytes:
    """The page's content turned by `degrees` about the A4 page's middle."""
    a = math.radians(degrees)
    c, s = math.cos(a), math.sin(a)
    cx, cy = 297.6, 420.9
    tx, ty = cx - c * cx + s * cy, cy - s * cx - c * cy
    return b"q %.6f %.6f %.6f %.6f %.4f %.4f cm\n" % (c, s, -s, c, tx, ty) + body + b"\nQ"


def _text_block(block: bytes, kind: str, rng: random.Random, widths: dict) -> bytes:
    """One BT..ET block's text units (Tm, Tf, TJ) drawn as `kind`."""
    units, font = [], None
    for m in _UNIT.finditer(block):
        font = m.group(7) or font
        matrix = [float(v) for v in m.groups()[:6]]
        if kind == "scatter":
            units += _glyphs(matrix, font, m.group(8), widths)
        else:
            units.append((matrix, font, m.group(8)))
    if not units:
        return block
    if kind == "overprint":
        units = [u for m, f, tj in units
                 for u in ((m, f, tj), (m[:4] + [m[4] + 0.4, m[5] + 0.4], f, tj))]
    else:
        rng.shuffle(units)
    return b"\n".join(b"%s Tm %s %s TJ" % (" ".join("%.4f" % v for v in m).encode(), f, tj)
                      for m, f, tj in units)


def _glyphs(matrix: list, font: bytes, tj: bytes, widths: dict) -> list:
    """A TJ array cut into one unit a glyph, each at its own place."""
    name, size = font.split()[0][1:], float(font.split()[1])
    w = widths.get(name, {})
    x, out = matrix[4], []
    for token in re.findall(rb"<([0-9a-fA-F]*)>|(-?[\d.]+)", tj[1:-1]):
        if token[1]:
            x -= float(token[1]) / 1000 * size * matrix[0]
            continue
        for k in range(0, len(token[0]), 4):
            gid = token[0][k:k + 4]
            out.append((matrix[:4] + [x, matrix[5]], font, b"[<" + gid + b">]"))
            x += w.get(int(gid, 16), 1000) / 1000 * size * matrix[0]
    return out


def _widths(pdf: bytes) -> dict:
    """Subset tag (the Tf resource name weasyprint gives) -> glyph id -> width,
    from each CID font's /W array."""
    out = {}
    for m in re.finditer(rb"/Subtype /CIDFontType\d/BaseFont /(\w+)\+(.*?)endobj", pdf, re.S):
        at = m.group(2).find(b"/W [")
        table, first, depth = {}, None, 0
        for token in re.findall(rb"\[|\]|[\d.]+", m.group(2)[at + 3:] if at >= 0 else b""):
            if token == b"[":
                depth += 1
            elif token == b"]":
                depth -= 1
                if depth == 0:
                    break
            elif depth == 1:
                first = int(float(token))
            else:
                table[first] = float(token)
                first += 1
        out[m.group(1)] = table
    return out


def rewrite_contents(pdf: bytes, change) -> bytes:
    """The PDF with each page content stream's data passed through `change`,
    the objects written again and the cross-reference table rebuilt."""
    xref = _XREF.search(pdf)
    count, trailer = int(xref.group(1)), xref.group(3)
    offsets = [int(line[:10]) for line in xref.group(2).split(b"\n") if line.strip()]
    contents = {int(n) for n in re.findall(rb"/Contents (\d+) 0 R", pdf)}
    spans = sorted((off, n) for n, off in enumerate(offsets) if n and off)
    out = bytearray(pdf[:spans[0][0]])
    new = [0] * count
    for k, (off, n) in enumerate(spans):
        end = spans[k + 1][0] if k + 1 < len(spans) else xref.start()
        body = pdf[off:end]
        m = _OBJ.match(body.rstrip())
        if n in contents and m:
            data = change(m.group(3))
            head = re.sub(rb"/Length \d+", b"/Length %d" % len(data), m.group(2))
            body = b"%d 0 obj\n%s\nstream\n%s\nendstream\nendobj\n" % (n, head, data)
        new[n] = len(out)
        out += body
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % count
    out += b"".join(b"%010d 00000 n \n" % off for off in new[1:])
    out += b"trailer\n%s\nstartxref\n%d\n%%%%EOF\n" % (trailer, start)
    return bytes(out)
