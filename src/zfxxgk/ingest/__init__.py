"""Loaders: source files -> `Document` (ingest/document.py).

Only text for now; PDF, HTML and DOCX loaders will sit beside `text.py` and
produce the same `Document`."""

from .document import Document, Line
from .encoding import decode
from .text import MAX_BYTES, STDIN_SOURCE, LoadOptions, load_bytes, load_path, load_stdin

__all__ = ["Document", "Line", "LoadOptions", "MAX_BYTES", "STDIN_SOURCE", "decode",
           "load_bytes", "load_path", "load_stdin"]
