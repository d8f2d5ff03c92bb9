"""A report's rendered downloads (PDF, Word, Excel) kept in the data folder's file
cache, keyed on what they are made of: the report's content and the renderer's own
code. A report's PDF takes WeasyPrint 1-2 s, 5-7 s on a busy server (cProfile of a
compiled year's report: our HTML 30 ms, the rest WeasyPrint's layout, its copies
and subsets of the four CJK faces' font files, and compression); a report is
downloaded again and again (the clerk, the reviewer, every reader once it is
published) and is the same file each time until it changes.

Never stale: a saved change changes the content, an upgrade the code's fingerprint.
The key is a digest of the content, so a cached file is only ever served to a
request for a report with that very content, after that request's own access check.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Callable

from ...model import Report as LibReport, dumps, report_to_dict

CACHED = frozenset({"pdf", "docx", "xlsx"})  # html and md are made in milliseconds
KEEP = 30 * 24 * 3600


@functools.cache
def renderer_fingerprint() -> str:
    """A digest of the code a rendered file depends on (render, standard, model)."""
    return fingerprint(Path(__file__).resolve().parents[2])


def fingerprint(root: Path) -> str:
    """A digest of model.py and every file under render/ and standard/ of the package
    at `root`: code and data alike (a label table kept as data changes the files too)."""
    digest = hashlib.sha256()
    files = [root / "model.py", *(path for folder in ("render", "standard")
                                  for path in sorted((root / folder).rglob("*"))
                                  if path.is_file() and "__pycache__" not in path.parts)]
    for path in files:
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def rendered(lib: LibReport, fmt: str, render: Callable[[LibReport, str], bytes | str]) -> bytes | str:
    """`render(lib, fmt)`, from the cache when this content was rendered before."""
    from django.core.cache import caches

    if fmt not in CACHED:
        return render(lib, fmt)
    content = dumps(report_to_dict(lib))
    key = "rendered:" + hashlib.sha256(
        f"{renderer_fingerprint()}\0{fmt}\0{content}".encode()).hexdigest()
    cache = caches["rendered"]
    body = cache.get(key)
    if body is None:
        body = render(lib, fmt)
        cache.set(key, body, KEEP)
    return body
