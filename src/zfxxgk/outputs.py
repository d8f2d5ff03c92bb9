"""Where command output goes, and the shapes it takes (JSON, JSON Lines, CSV).

Output files are written atomically (a temporary file in the same folder, renamed
over the target at the end), because people point `-o` at last year's export: an
interrupted or failed run must leave the old file whole, never half-overwritten.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from types import TracebackType
from typing import Any

import click

from .api import CELL_FIELDS, cell_rows
from .files import AtomicText, CsvRows
from .model import Report, cell_text, dumps, report_to_json, report_to_json_line


class Output:
    """A text sink: standard output, or a file replaced atomically on `commit()`
    (files.py). Used as a context manager; leaving it without `commit()` (or with
    an exception) keeps any existing target as it was."""

    def __init__(self, path: str | None):
        self.path = None if path in (None, "-") else Path(path)
        self._file: AtomicText | None = None

    def __enter__(self) -> "Output":
        if self.path is not None:
            self._file = AtomicText(self.path).__enter__()
        return self

    def write(self, text: str) -> None:
        if self._file is not None:
            self._file.write(text)
        else:
            click.echo(text, nl=False)

    def write_bytes(self, data: bytes) -> None:
        """Bytes: a binary document (XLSX) as the whole output, or text already
        encoded as UTF-8 (JSON Lines)."""
        if self._file is not None:
            self._file.write_bytes(data)
        else:  # after any text echoed before them, and flushed as click.echo flushes
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()

    def commit(self) -> None:
        """Put the finished output in place (no-op for standard output)."""
        if self._file is not None:
            self._file.commit()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._file is not None:
            self._file.__exit__(exc_type, exc, tb)


class JsonWriter:
    """JSON documents to an Output: one object alone, a JSON array of several
    (`many`), or JSON Lines. Items are written as they come, so a run over
    thousands of files keeps only one report in memory."""

    def __init__(self, out: Output, fmt: str, many: bool):
        self.out, self.fmt, self.many = out, fmt, many
        self.indent = None if fmt == "jsonl" else 1
        self.count = 0

    def begin(self) -> None:
        if self.fmt == "json" and self.many:
            self.out.write("[")

    def item_data(self, data: Any) -> None:
        """Write one JSON-ready object (Decimals keep their printed digits)."""
        self._put(dumps(data, indent=self.indent))

    def item_report(self, report: Report, provenance: bool) -> None:
        if self.fmt == "jsonl":  # a line of bytes, written as encoded (report_to_json_line)
            self.out.write_bytes(report_to_json_line(report, provenance=provenance))
            self.count += 1
            return
        self._put(report_to_json(report, provenance=provenance, indent=self.indent))

    def _put(self, text: str) -> None:
        if self.fmt == "jsonl":
            self.out.write(text + "\n")
        elif self.many:
            self.out.write(("\n" if self.count == 0 else ",\n") + _indent(text))
        else:
            self.out.write(text + "\n")
        self.count += 1

    def end(self) -> None:
        if self.fmt == "json" and self.many:
            self.out.write("\n]\n" if self.count else "]\n")


def _indent(text: str) -> str:
    # JSON strings never hold a raw newline, so indenting every line is safe.
    return "\n".join(" " + line for line in text.split("\n"))


def cells_csv(report: Report, source: str | None = None) -> str:
    """One report's long CSV (CsvWriter's table) as text: the web's CSV download
    is the file `zfxxgk parse --format csv` writes."""
    buffer = io.StringIO()
    CsvWriter(buffer).report(report, source=source)
    return buffer.getvalue()


class CsvWriter:
    """The long CSV: one line per cell, header `source,agency,year,template,table,
    row,column,value`, blank value for a blank cell. Long, so that reports of both
    templates and any number of years stack into one table."""

    def __init__(self, out: Output | io.StringIO):
        self._csv = CsvRows(out)
        self._csv.writerow(CELL_FIELDS)

    def report(self, report: Report, source: str | None = None) -> None:
        for cell in cell_rows(report):
            if cell["source"] is None:
                cell["source"] = source
            self._csv.writerow([cell_text(cell[k]) for k in CELL_FIELDS])
