"""PDF through WeasyPrint from the same HTML as the web page: A4, header rows of
tables 三 and 四 repeated on every page (thead), no row cut across a page
(break-inside: avoid), text selectable (WeasyPrint embeds real text, subsetting
the font).

The face is a 宋体-style serif from Debian's packages (scripts/apt-packages.txt):
Noto Serif CJK SC (fonts-noto-cjk: real bold, mainland glyph forms) first, then AR PL
UMing (no bold face), then WenQuanYi Zen
Hei; see bench/render_bench.py for the timings that chose it.
"""

from __future__ import annotations

from .html import render_html
from .layout import Layout


def render_pdf(layout: Layout, font: str | None = None) -> bytes:
    """`font` overrides the first face of the stack (used by the benchmark)."""
    from weasyprint import HTML

    html = render_html(layout)
    if font:
        html = html.replace("font-family: ", f'font-family: "{font}", ', 1)
    return HTML(string=html).write_pdf()
