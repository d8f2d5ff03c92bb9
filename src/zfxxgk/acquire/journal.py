"""`DIR/fetched.jsonl`: what a fetch visited, one JSON line per URL visit.

Append-only and flushed line by line, so a run killed at any instant loses at
most the line it was writing; that torn last line is cut off when the journal is
opened again. The state of a URL is its last line. A visit that finds nothing new
(a 304, the same bytes again, the same skip) writes no line, so re-runs and
resumed runs never duplicate a line.

Fields: url, final_url, status, path (relative to DIR, or null), sha256,
content_type, etag, last_modified, fetched_at, referer, kind (list, page, report,
attachment, skipped), reason (why skipped), error (why it failed), report_key
(agency, year and cells of the report read from it, to store a report once).
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import orjson

from ..ingest.walk import FETCHED, journal_lines

# Fields whose change makes a visit worth a new line.
_STATE = ("final_url", "status", "path", "sha256", "kind", "reason", "error", "report_key", "etag",
          "last_modified")


@dataclass(slots=True)
class Entry:
    url: str
    kind: str
    final_url: str | None = None
    status: int | None = None
    path: str | None = None
    sha256: str | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: str | None = None
    referer: str | None = None
    reason: str | None = None
    error: str | None = None
    report_key: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Entry":
        return cls(**{k: data.get(k) for k in cls.__slots__})  # type: ignore[attr-defined]

    def same_state(self, other: "Entry | None") -> bool:
        return other is not None and all(getattr(self, k) == getattr(other, k) for k in _STATE)


class Journal:
    """The journal of an output folder, opened for appending."""

    def __init__(self, out: str | os.PathLike[str]):
        self.out = Path(out)
        self.path = self.out / FETCHED
        self.state: dict[str, Entry] = {}
        self._file: Any = None

    def open(self) -> "Journal":
        self.out.mkdir(parents=True, exist_ok=True)
        self._cut_torn_line()
        for data in journal_lines(self.path):
            self.state[data["url"]] = Entry.from_dict(data)
        self._file = open(self.path, "ab")
        return self

    def _cut_torn_line(self) -> None:
        if not self.path.exists():
            return
        data = self.path.read_bytes()
        good = data.rfind(b"\n") + 1
        if good != len(data):
            os.truncate(self.path, good)

    def record(self, entry: Entry) -> bool:
        """Append the entry unless it says nothing new; True when a line was written."""
        if entry.same_state(self.state.get(entry.url)):
            return False
        self._file.write(orjson.dumps(entry.to_dict()) + b"\n")
        self._file.flush()
        self.state[entry.url] = entry
        return True

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> "Journal":
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()
