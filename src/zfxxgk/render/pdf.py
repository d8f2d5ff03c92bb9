"""PDF through WeasyPrint from the same HTML as the web page: A4, header rows of
tables 三 and 四 repeated on every page (thead), no row cut across a page
(break-inside: avoid), text selectable (WeasyPrint embeds real text, subsetting
the font).

The faces are the official set by name with free Debian fallbacks (`faces`: title
Noto Serif CJK SC Bold, headings Noto Sans CJK SC, text AR PL UKai CN, table cells
Noto Serif CJK SC). Each part's heading is an <h2> kept with its table's first rows
(tests/render/test_heading_keep.py measures it on every shared sample).
"""

from __future__ import annotations

from .html import render_html
from .layout import Layout


def pdf_of_html(html: str) -> bytes:
    """WeasyPrint's PDF of a page we wrote. Importing WeasyPrint tells Pillow, for
    the whole process, to accept truncated pictures: put back, or a half-cut scan
    read later in this process (a web worker, a batch) would be OCRed as if whole."""
    from PIL import ImageFile
    from weasyprint import HTML

    ImageFile.LOAD_TRUNCATED_IMAGES = False
    return HTML(string=html).write_pdf()


def render_pdf(layout: Layout, font: str | None = None) -> bytes:
    """`font` overrides the first face of the stack (used by the benchmark)."""
    html = render_html(layout)
    if font:
        html = html.replace("font-family: ", f'font-family: "{font}", ', 1)
    return pdf_of_html(html)
