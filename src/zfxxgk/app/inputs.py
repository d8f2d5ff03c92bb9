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
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .. import api
from ..errors import ZfxxgkError
from ..ingest.walk import Item, walk
from ..check.pairing import pair_previous
from ..model import Report

STDIN = "-"
CARRIED_IN = "applications.carried_in."


@dataclass
class Input:
    """One input: its report, or why it could not be read."""

    source: str
    report: Report | None = None
    error: str | None = None
    # parses the input again given last year's report: kept only for a report whose
    # damaged rows last year's could settle (see `settle_with_previous`)
    reparse: Callable[[Report], Report] | None = field(default=None, repr=False)


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
            read = _guarded(item.source, lambda it=item: api.parse_bytes(it.data, source=it.source,
                                                                         previous=previous))
            if previous is None and read.report is not None and wants_previous(read.report):
                read.reparse = lambda prev, it=item: api.parse_bytes(it.data, source=it.source,
                                                                     previous=prev)
            yield read


def wants_previous(report: Report) -> bool:
    """Whether last year's report could settle a cell the parser left open: a tie
    among the readings of a damaged 上年结转 row (X-1 decides it, `parse.figures`)."""
    return any(note.kind == "ambiguous" and any(c.startswith(CARRIED_IN) for c in note.cells)
               for note in getattr(report, "_notes", None) or ())


def settle_with_previous(inputs: list[Input]) -> list[Input]:
    """The folder's own pairs fed back to the parser: each report whose damaged
    上年结转 row last year's report could settle is parsed again with the report the
    one pairing policy (`check.pairing`) gives it, oldest year first so that a
    settled year serves the next. A failed second reading keeps the first."""
    pending = [i for i in inputs if i.reparse is not None and i.report is not None]
    for year in sorted({i.report.year for i in pending if i.report.year is not None}):
        reports = [i.report for i in inputs]
        pairs = dict(zip(map(id, reports), pair_previous(reports)))
        for item in [i for i in pending if i.report.year == year]:
            prev = pairs.get(id(item.report))
            if prev is not None:
                again = _guarded(item.source, lambda it=item, p=prev: it.reparse(p))
                if again.report is not None:
                    item.report = again.report
    for item in inputs:
        item.reparse = None  # the bytes are no longer needed
    return inputs


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
