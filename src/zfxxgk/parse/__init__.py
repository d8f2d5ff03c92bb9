"""Document -> Report. (Stub: the real parser is being written in this package.)"""

from __future__ import annotations

from ..ingest.document import Document
from ..model import Report


def parse_document(doc: Document) -> Report:
    report = Report(source=doc.source, sha256=doc.sha256)
    report._source_lines = {line.number: line.text for line in doc.lines}
    return report


def parse_text(text: str, source: str | None = None) -> Report:
    return parse_document(Document.from_text(text, source=source))
