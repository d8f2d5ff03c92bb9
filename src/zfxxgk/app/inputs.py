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
from ..errors import ZfxxgkError, internal_error
from ..ingest.walk import Item, walk
from ..check.pairing import settle_with_pairs, wants_previous
from ..model import Report

STDIN = "-"


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


def settle_with_previous(inputs: list[Input],
                         lookup: Callable[[Report], Report | None] | None = None) -> list[Input]:
    """The folder's own pairs fed back to the parser (`check.pairing.settle_with_pairs`):
    a report whose damaged 上年结转 row last year's report could settle is parsed
    again with its pair, as `--previous` would. A failed second reading keeps the first.
    `lookup(report)`: last year's report from a store (the web's), for a report
    whose pair is not among `inputs`."""
    def again(i: int, prev: Report) -> Report | None:
        item = inputs[i]
        return _guarded(item.source, lambda: item.reparse(prev)).report if item.reparse else None

    settled = settle_with_pairs([i.report for i in inputs], again, lookup=lookup)
    for item, report in zip(inputs, settled):
        item.report, item.reparse = report, None  # the bytes are no longer needed
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
