"""A small OFD writer for the tests: no OFD tool is installed and there is no
network, so the OFD files the loader is tested with are written here.

`report_ofd` lays a report out as the renderers do (`render.layout.build`: title,
preface, the six parts with the three tables, signature) on A4 pages: each line
of text a `TextObject` (Boundary, Size, TextCode with X, Y and DeltaX), each table
ruled by `PathObject`s (stroked lines, or thin filled rectangles as some
producers draw them), cells' text wrapped in their cells, a table broken across
pages only between row groups with its header rows repeated, page numbers at the
foot, a header rule on a template page, and a seal as an annotation (never to
be read). The ways producers write text are options (`text`): explicit DeltaX,
the ``g N d`` shorthand, text scaled by a CTM, one TextObject per character.
Coordinates are millimetres, y downwards, as the format has them.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from zfxxgk.render.layout import Grid, build

NS = "http://www.ofdspec.org/2016"
PAGE = (210.0, 297.0)
LEFT, TOP, WIDTH, BOTTOM = 20.0, 25.0, 170.0, 272.0
TEXT_SIZE, CELL_SIZE, TITLE_SIZE = 3.7, 3.2, 5.6
ASCENT = 0.88
TEXT_STYLES = ("plain", "g", "ctm", "split")
RULINGS = ("lines", "rects")
CTM_SHIFT = (5.0, 2.0)  # mm, the "ctm" style's move inside its Boundary


def width_of(ch: str, size: float) -> float:
    return size if unicodedata.east_asian_width(ch) in ("W", "F") else size / 2


def wrap(text: str, width: float, size: float) -> list[str]:
    """Lines of at most `width` mm, never cut inside a number."""
    out, line, used = [], "", 0.0
    for i, ch in enumerate(text):
        w = width_of(ch, size)
        if line and used + w > width:
            cut = len(line)
            while cut > 0 and line[cut - 1].isdigit() and ch.isdigit():
                cut -= 1
            cut = cut or len(line)
            out.append(line[:cut])
            line = line[cut:]
            used = sum(width_of(c, size) for c in line)
        line += ch
        used += w
    return out + [line] if line else out


def _deltas(steps: list[float], style: str) -> str:
    """DeltaX: each step written out, or runs of one step as ``g N d``."""
    steps = [round(s, 4) for s in steps]
    if style != "g":
        return " ".join(f"{s:g}" for s in steps)
    out, i = [], 0
    while i < len(steps):
        j = i
        while j < len(steps) and steps[j] == steps[i]:
            j += 1
        out.append(f"g {j - i} {steps[i]:g}" if j - i > 1 else f"{steps[i]:g}")
        i = j
    return " ".join(out)


@dataclass
class Page:
    objects: list[str] = field(default_factory=list)
    image: bool = False


@dataclass
class OfdWriter:
    """Pages of objects, written out as an OFD package by `build`."""

    text: str = "plain"
    rulings: str = "lines"
    pages: list[Page] = field(default_factory=list)
    media: dict[int, tuple[str, bytes]] = field(default_factory=dict)
    y: float = TOP
    next_id: int = 100
    title: str = ""

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    def new_page(self) -> Page:
        self.pages.append(Page())
        self.y = TOP
        return self.pages[-1]

    @property
    def page(self) -> Page:
        return self.pages[-1] if self.pages else self.new_page()

    def put_text(self, x: float, top: float, text: str, size: float) -> None:
        """One line of text whose box starts at (x, top)."""
        if not text:
            return
        if self.text == "split":
            for ch in text:
                self.page.objects.append(self._text_object(x, top, ch, size))
                x += width_of(ch, size)
            return
        self.page.objects.append(self._text_object(x, top, text, size))

    def put_run(self, top: float, segments: list[tuple[float, str]], size: float) -> None:
        """Texts on one baseline (the cells of a table row). With the "g" style
        they are one TextObject whose DeltaX jumps from cell to cell, as
        converters write a row; otherwise one object each."""
        segments = sorted(s for s in segments if s[1])
        if self.text != "g" or len(segments) < 2:
            for x, text in segments:
                self.put_text(x, top, text, size)
            return
        steps = []
        for k, (x, text) in enumerate(segments):
            steps += [width_of(c, size) for c in text[:-1]]
            if k + 1 < len(segments):
                steps.append(segments[k + 1][0] - x - sum(width_of(c, size) for c in text[:-1]))
        self.page.objects.append(self._text_object(segments[0][0], top, "".join(
            t for _, t in segments), size, steps))

    def _text_object(self, x: float, top: float, text: str, size: float,
                     steps: list[float] | None = None) -> str:
        """One TextObject. The "ctm" style scales by 2 and moves by (5, 2) mm in
        the object's CTM, its Boundary starting that far up and left of the text,
        so the text is only in place when the CTM is applied."""
        k, (mx, my) = (2.0, CTM_SHIFT) if self.text == "ctm" else (1.0, (0.0, 0.0))
        if steps is None:
            steps = [width_of(c, size) for c in text[:-1]]
        width = sum(steps) + size
        deltas = _deltas([step / k for step in steps], self.text) if len(text) > 1 else ""
        ctm = f' CTM="{k:g} 0 0 {k:g} {mx:g} {my:g}"' if k != 1.0 else ""
        delta = f" DeltaX={quoteattr(deltas)}" if deltas else ""
        return (f'<ofd:TextObject ID="{self._id()}" Boundary="{x - mx:.3f} {top - my:.3f} '
                f'{width + mx + 1:.3f} {size * 1.2 + my:.3f}" Font="1" Size="{size / k:g}"{ctm}>'
                f'<ofd:FillColor Value="0 0 0"/>'
                f'<ofd:TextCode X="0" Y="{ASCENT * size / k:.4f}"{delta}>{escape(text)}</ofd:TextCode>'
                f'</ofd:TextObject>')

    def rule(self, x0: float, y0: float, x1: float, y1: float, page: Page | None = None) -> None:
        """A horizontal or vertical ruling from (x0, y0) to (x1, y1)."""
        w, h = x1 - x0, y1 - y0
        if self.rulings == "rects":  # a thin filled rectangle around the line
            t = 0.25
            data = f"M 0 0 L {w + t:g} 0 L {w + t:g} {h + t:g} L 0 {h + t:g} C"
            paint, (x0, y0) = ' Stroke="false" Fill="true"', (x0 - t / 2, y0 - t / 2)
        else:
            data, paint = f"M 0 0 L {w:g} {h:g}", ' LineWidth="0.25"'
        (page or self.page).objects.append(
            f'<ofd:PathObject ID="{self._id()}" Boundary="{x0:.3f} {y0:.3f} {abs(w) + 1:.3f} '
            f'{abs(h) + 1:.3f}"{paint}><ofd:AbbreviatedData>{data}</ofd:AbbreviatedData>'
            f'</ofd:PathObject>')

    def paragraph(self, text: str, size: float = TEXT_SIZE, align: str = "left") -> None:
        for line in wrap(text, WIDTH, size):
            if self.y + size * 1.6 > BOTTOM:
                self.new_page()
            width = sum(width_of(c, size) for c in line)
            x = {"left": LEFT, "center": LEFT + (WIDTH - width) / 2,
                 "right": LEFT + WIDTH - width}[align]
            self.put_text(x, self.y, line, size)
            self.y += size * 1.6

    def image_page(self, data: bytes, suffix: str = "png") -> None:
        """A page that is one picture (a scanned page)."""
        rid = self._id()
        self.media[rid] = (f"image_{rid}.{suffix}", data)
        page = self.new_page()
        page.image = True
        page.objects.append(f'<ofd:ImageObject ID="{self._id()}" Boundary="0 0 {PAGE[0]:g} {PAGE[1]:g}" '
                            f'CTM="{PAGE[0]:g} 0 0 {PAGE[1]:g} 0 0" ResourceID="{rid}"/>')

    def table(self, grid: Grid) -> None:
        """The grid ruled and filled, broken over pages only between row groups."""
        table_layout(self, grid)
        self.y += 4

    def build(self, seal: str = "某某人民政府（印）") -> bytes:
        return package(self, seal)


def table_layout(w: OfdWriter, grid: Grid) -> None:
    total = sum(grid.widths)
    xs = [LEFT]
    for width in grid.widths:
        xs.append(xs[-1] + WIDTH * width / total)
    placed = list(grid.placed())
    heights = _row_heights(grid, placed, xs)
    starts = {r for r, _, _ in placed}
    spans = [(r, r + cell.rowspan) for r, _, cell in placed]
    breakable = [r for r in range(len(grid.rows) + 1)
                 if r in starts | {len(grid.rows)} and not any(a < r < b for a, b in spans)]
    head = len(grid.head)
    blocks = [(a, b) for a, b in zip(breakable, breakable[1:])]
    first = True
    for a, b in blocks:
        need = sum(heights[a:b])
        if w.y + need > BOTTOM and not (first and w.y == TOP):
            w.new_page()
            if a >= head:  # the header rows again on the new page
                _draw_rows(w, grid, placed, xs, heights, 0, head)
        _draw_rows(w, grid, placed, xs, heights, a, b)
        first = False


def _row_heights(grid: Grid, placed: list, xs: list[float]) -> list[float]:
    pad = 2.0
    heights = [7.0] * len(grid.rows)
    for r, c, cell in placed:
        lines = wrap(cell.text, xs[c + cell.colspan] - xs[c] - pad, CELL_SIZE) or [""]
        need = len(lines) * CELL_SIZE * 1.35 + pad
        if cell.rowspan == 1:
            heights[r] = max(heights[r], need)
    for r, c, cell in placed:
        lines = wrap(cell.text, xs[c + cell.colspan] - xs[c] - pad, CELL_SIZE) or [""]
        need = len(lines) * CELL_SIZE * 1.35 + pad
        have = sum(heights[r:r + cell.rowspan])
        if have < need:
            heights[r + cell.rowspan - 1] += need - have
    return heights


def _draw_rows(w: OfdWriter, grid: Grid, placed: list, xs: list[float], heights: list[float],
               a: int, b: int) -> None:
    """Rows a..b-1 from the current height down: each cell's borders and text."""
    ys = [w.y]
    for r in range(a, b):
        ys.append(ys[-1] + heights[r])
    runs: dict[float, list[tuple[float, str]]] = {}
    for r, c, cell in placed:
        if not a <= r < b:
            continue
        x0, x1 = xs[c], xs[c + cell.colspan]
        top, bottom = ys[r - a], ys[r - a + cell.rowspan]
        for edge in ((x0, top, x1, top), (x0, bottom, x1, bottom), (x0, top, x0, bottom),
                     (x1, top, x1, bottom)):
            w.rule(*edge)
        for k, line in enumerate(wrap(cell.text, x1 - x0 - 2.0, CELL_SIZE)):
            runs.setdefault(round(top + 1.0 + k * CELL_SIZE * 1.35, 3), []).append((x0 + 1.0, line))
    for top, segments in runs.items():
        w.put_run(top, segments, CELL_SIZE)
    w.y = ys[-1]


def report_ofd(report, text: str = "plain", rulings: str = "lines") -> bytes:
    """The report laid out on A4 pages as an OFD file."""
    layout = build(report)
    w = OfdWriter(text=text, rulings=rulings, title=layout.title)
    for line in layout.title_lines or [layout.title]:
        w.paragraph(line, TITLE_SIZE, "center")
    w.y += 3
    w.paragraph(layout.preface)
    for part in layout.parts:
        w.paragraph(part.heading)
        for p in part.before:
            w.paragraph(p)
        if part.grid:
            w.table(part.grid)
        for p in part.paragraphs:
            w.paragraph(p)
    for line in layout.signature:
        w.paragraph(line, align="right")
    return w.build()


def _xml(root: str, body: str, **attrs: str) -> bytes:
    extra = "".join(f" {k}={quoteattr(v)}" for k, v in attrs.items())
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:{root} xmlns:ofd="{NS}"{extra}>'
            f'{body}</ofd:{root}>').encode("utf-8")


def package(w: OfdWriter, seal: str) -> bytes:
    """The pages as an OFD ZIP: OFD.xml, Document.xml, resources, a template page
    with a header rule, each page's Content.xml with its page number, a stamp
    annotation and a signature whose text must never be read."""
    parts: dict[str, bytes] = {}
    parts["OFD.xml"] = _xml("OFD", f"<ofd:DocBody><ofd:DocInfo><ofd:DocID>test</ofd:DocID>"
                            f"<ofd:Title>{escape(w.title)}</ofd:Title></ofd:DocInfo>"
                            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
                            "<ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures>"
                            "</ofd:DocBody>", Version="1.1", DocType="OFD")
    pages = "".join(f'<ofd:Page ID="{10 + n}" BaseLoc="Pages/Page_{n}/Content.xml"/>'
                    for n in range(len(w.pages)))
    parts["Doc_0/Document.xml"] = _xml("Document", (
        f"<ofd:CommonData><ofd:MaxUnitID>{w.next_id + 10}</ofd:MaxUnitID>"
        f"<ofd:PageArea><ofd:PhysicalBox>0 0 {PAGE[0]:g} {PAGE[1]:g}</ofd:PhysicalBox></ofd:PageArea>"
        "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>"
        '<ofd:TemplatePage ID="2" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData>'
        f"<ofd:Pages>{pages}</ofd:Pages><ofd:Annotations>Annots/Annotations.xml</ofd:Annotations>"))
    parts["Doc_0/PublicRes.xml"] = _xml("Res", '<ofd:Fonts><ofd:Font ID="1" FontName="宋体" '
                                        'FamilyName="宋体"/></ofd:Fonts>', BaseLoc="Res")
    media = "".join(f'<ofd:MultiMedia ID="{rid}" Type="Image"><ofd:MediaFile>{name}</ofd:MediaFile>'
                    f"</ofd:MultiMedia>" for rid, (name, _) in w.media.items())
    parts["Doc_0/DocumentRes.xml"] = _xml("Res", f"<ofd:MultiMedias>{media}</ofd:MultiMedias>",
                                          BaseLoc="Res")
    for name, data in w.media.values():
        parts[f"Doc_0/Res/{name}"] = data
    rule = OfdWriter(rulings=w.rulings)
    rule.rule(LEFT, 15.0, LEFT + WIDTH, 15.0)
    parts["Doc_0/Tpls/Tpl_0/Content.xml"] = _xml(
        "Page", f'<ofd:Content><ofd:Layer ID="3">{"".join(rule.page.objects)}</ofd:Layer></ofd:Content>')
    for n, page in enumerate(w.pages):
        number = OfdWriter()
        if not page.image:
            label = f"- {n + 1} -"
            number.put_text(LEFT + WIDTH / 2 - 4, 280.0, label, 3.2)
        parts[f"Doc_0/Pages/Page_{n}/Content.xml"] = _xml(
            "Page", '<ofd:Template TemplateID="2" ZOrder="Background"/><ofd:Content>'
                    f'<ofd:Layer ID="{5000 + n}">{"".join(page.objects + number.page.objects)}'
                    "</ofd:Layer></ofd:Content>")
    stamp = OfdWriter()
    stamp.put_text(0, 0, seal, 5.0)
    parts["Doc_0/Annots/Annotations.xml"] = _xml(
        "Annotations", '<ofd:Page PageID="10"><ofd:FileLoc>Page_0/Annotation.xml</ofd:FileLoc></ofd:Page>')
    parts["Doc_0/Annots/Page_0/Annotation.xml"] = _xml(
        "PageAnnot", '<ofd:Annot ID="900" Type="Stamp"><ofd:Appearance Boundary="120 230 40 40">'
                     f'{"".join(stamp.page.objects)}</ofd:Appearance></ofd:Annot>')
    parts["Doc_0/Signs/Signatures.xml"] = _xml(
        "Signatures", '<ofd:Signature ID="1" BaseLoc="Sign_0/Signature.xml"/>')
    parts["Doc_0/Signs/Sign_0/Signature.xml"] = _xml(
        "Signature", f"<ofd:SignedInfo><ofd:Seal><ofd:BaseLoc>Seal.esl</ofd:BaseLoc></ofd:Seal>"
                     f"</ofd:SignedInfo><ofd:SignedValue>SignedValue.dat</ofd:SignedValue>")
    parts["Doc_0/Signs/Sign_0/SignedValue.dat"] = seal.encode("utf-8")
    return zip_parts(parts)


def zip_parts(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def image_ofd(png: bytes) -> bytes:
    """A one-page OFD that is only a picture (a scanned report saved as OFD)."""
    w = OfdWriter()
    w.image_page(png)
    return w.build()
