"""Acquire: bring a portal's 年报 column home — politely, resumably, with the URL of
every file kept — so that `zfxxgk batch` can take it from there.

    >>> from zfxxgk.acquire import fetch                       # doctest: +SKIP
    >>> outcome = fetch(["https://example.gov.cn/zfxxgk/ndbg/"], "年报/")  # doctest: +SKIP

Pure parts (tested on saved pages): `links` (page -> links), `names` (file names),
`journal` (fetched.jsonl). With the network: `client` (politeness), `robots`,
`crawl` (the run), `guard` (private addresses refused, for the web app).
"""

from __future__ import annotations

import os
from typing import Any, Callable

from .client import Policy, PoliteClient
from .crawl import Crawl, Options, Outcome

__all__ = ["Crawl", "Options", "Outcome", "Policy", "PoliteClient", "fetch"]


def fetch(urls: list[str], out: str | os.PathLike[str], policy: Policy | None = None,
          options: Options | None = None, progress: Callable[[Crawl, str], None] | None = None,
          **client_args: Any) -> Outcome:
    """Fetch every annual report reachable from `urls` into the folder `out`.
    `client_args` go to `PoliteClient` (`sleep`, `clock`, `transport`, `on_request`)."""
    with PoliteClient(policy, **client_args) as client:
        return Crawl(out, client, options, progress=progress).run(list(urls))
