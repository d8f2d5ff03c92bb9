"""Command groups added to the `zfxxgk` CLI, one module per group."""

from __future__ import annotations

import sys


def write_out(path: str | None, data: bytes | str) -> None:
    """A finished document to standard output (no path, or "-"), or atomically to
    its file: an interrupted run leaves last year's file whole."""
    if path not in (None, "-"):
        from ..files import write_atomic

        write_atomic(path, data)  # type: ignore[arg-type]
        return
    sys.stdout.buffer.write(data.encode("utf-8") if isinstance(data, str) else data)
    sys.stdout.flush()
