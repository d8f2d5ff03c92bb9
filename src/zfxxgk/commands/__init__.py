"""Command groups added to the `zfxxgk` CLI, one module per group."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Iterator

import click


def write_out(path: str | os.PathLike[str] | None, data: bytes | str) -> None:
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


def progress_bar(enabled: bool | None = None, rate: str | None = None):
    """The commands' progress bar on stderr (what is being done, done/total, time used
    and left; with `rate` a unit such as 份, also how many per second, so a user can
    tell a slow batch from a stuck one), for the caller to start and give tasks; None
    when off, which by default is when stderr is not a terminal (a log file would fill
    with redraws)."""
    if not (sys.stderr.isatty() if enabled is None else enabled):
        return None
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    columns = [TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn()]
    if rate:
        columns.append(_rate_column(rate))
    return Progress(*columns, TextColumn("已用"), TimeElapsedColumn(), TextColumn("剩余"),
                    TimeRemainingColumn(), console=Console(stderr=True), transient=True)


def _rate_column(unit: str):
    """“每秒 2.5 份”: rich's own speed column speaks English units; blank until the
    first items are done (no rate to show yet)."""
    from rich.progress import ProgressColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task) -> Text:  # type: ignore[no-untyped-def]
            speed = task.finished_speed or task.speed
            return Text("" if speed is None else f"每秒 {speed:.1f} {unit}")

    return Rate()
