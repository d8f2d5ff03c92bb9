"""Rendering: a `Report` -> the documents offices publish (HTML, DOCX, PDF, XLSX,
Markdown), all from one description of the official layout (`layout.build`).

    >>> from zfxxgk.render import render          # doctest: +SKIP
    >>> data = render(report, "docx")             # bytes (str for html/md)

Writers are imported on demand: a user who only wants Markdown does not pay for
WeasyPrint's start-up.
"""

from __future__ import annotations

from ..model import Report
from .layout import Layout, build

FORMATS = ("html", "docx", "pdf", "xlsx", "md")
# output file suffix -> format
SUFFIXES = {".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf", ".xlsx": "xlsx",
            ".md": "md", ".markdown": "md"}


def render(report: Report, fmt: str, fragment: bool = False) -> bytes | str:
    """The report in `fmt`: text (str) for html and md, bytes for the others."""
    layout = build(report)
    if fmt == "html":
        from .html import render_html

        return render_html(layout, fragment=fragment)
    if fmt == "md":
        from .md import render_markdown

        return render_markdown(layout)
    if fmt == "docx":
        from .docx import render_docx

        return render_docx(layout)
    if fmt == "xlsx":
        from .xlsx import render_xlsx

        return render_xlsx(report, layout)
    if fmt == "pdf":
        from .pdf import render_pdf

        return render_pdf(layout)
    raise ValueError(f"不支持的输出格式：{fmt}（可选：{'、'.join(FORMATS)}）")


def format_for_path(path: str) -> str | None:
    """The output format an output file name asks for (by its suffix)."""
    _, dot, suffix = path.lower().rpartition(".")
    return SUFFIXES.get(dot + suffix)


__all__ = ["FORMATS", "Layout", "SUFFIXES", "build", "format_for_path", "render"]
