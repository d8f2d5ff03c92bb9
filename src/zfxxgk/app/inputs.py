"""Reading the inputs a person names — files, folders, zip archives — into reports.

`zfxxgk check DIR` and `zfxxgk batch DIR` take the same files because both walk
with `ingest.walk`: every report suffix, `.md`, files without a suffix, document
containers under any name, zips (GBK or UTF-8 member names), zips inside zips.
An input that cannot be read becomes an `Input` with its Chinese error, never an
exception, so the other inputs are still processed.
"""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from .. import api
from ..errors import ZfxxgkError
from ..ingest.walk import Item, walk
from ..model import Report

STDIN = "-"


@dataclass
class Input:
    """One input: its report, or why it could not be read."""

    source: str
    report: Report | None = None
    error: str | None = None


def items(names: Iterable[str], read_stdin: Callable[[], Report] | None = None,
          ) -> Iterator[Item | Input]:
    """The walk's items; `-` (standard input) is read by `read_stdin` in its place."""
    for name in names:
        if name == STDIN and read_stdin is not None:
            yield _guarded(STDIN, read_stdin)
        else:
            yield from walk([name])


def read_inputs(names: Iterable[str], read_stdin: Callable[[], Report] | None = None,
                previous: Report | None = None) -> Iterator[Input]:
    """Every input under `names`, read (report JSON read back, anything else parsed).
    `previous`: last year's report of the same body (`--previous`), for the parser's
    damaged rows as for the checker's cross-year rules."""
    for item in items(names, read_stdin):
        if isinstance(item, Input):
            yield item
        elif item.data is None:
            yield Input(item.source, error=item.error or "无法读取")
        else:
            yield _guarded(item.source, lambda it=item: api.parse_bytes(it.data, source=it.source,
                                                                        previous=previous))


def _guarded(source: str, read: Callable[[], Report]) -> Input:
    try:
        return Input(source, report=read())
    except ZfxxgkError as e:
        return Input(source, error=e.message)
    except Exception as e:  # noqa: BLE001 - one bad input must never stop the others
        if os.environ.get("ZFXXGK_TRACEBACK"):
            traceback.print_exc()
        return Input(source, error=internal_error(e))


def internal_error(e: Exception) -> str:
    return f"内部错误：{type(e).__name__}: {e}（请把这个文件和这条信息报告给开发者）"
