"""Command groups added to the `zfxxgk` CLI, one module per group."""

from __future__ import annotations

import contextlib
import sys
from typing import Iterator

import click


def write_out(path: str | None, data: bytes | str) -> None:
    """A finished document to standard output (no path, or "-"), or atomically to
    its file: an interrupted run leaves last year's file whole."""
    if path not in (None, "-"):
        from ..files import write_atomic

        write_atomic(path, data)  # type: ignore[arg-type]
        return
    sys.stdout.buffer.write(data.encode("utf-8") if isinstance(data, str) else data)
    sys.stdout.flush()


@contextlib.contextmanager
def refusals(*kinds: type[Exception], prefix: str = "", suffix: str = "") -> Iterator[None]:
    """The library's refusals (each a Chinese message, `.message` or the text) as
    click's one-line error with exit status 1, between `prefix` and `suffix`."""
    try:
        yield
    except kinds as e:
        raise click.ClickException(f"{prefix}{getattr(e, 'message', e)}{suffix}") from None
