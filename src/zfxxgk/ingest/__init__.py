"""Loaders: source files -> `Document` (ingest/document.py).

`load.load_document` picks the loader by content (`detect.sniff`): text, PDF,
HTML, DOCX, XLSX, and through LibreOffice DOC/WPS/RTF/XLS/ODF. Every loader gives
the same `Document`, tables as tab lines (`grid.py`), so the parser has no
per-format code. Non-text files are read in the sandbox (`sandbox.py`); ZIP-based
ones are first measured by their declared sizes (`zipguard.py`)."""

from .document import Document, Line
from .encoding import decode
from .text import MAX_BYTES, STDIN_SOURCE, LoadOptions, load_bytes, load_path, load_stdin

__all__ = ["Document", "Line", "LoadOptions", "MAX_BYTES", "STDIN_SOURCE", "decode",
           "load_bytes", "load_path", "load_stdin"]
