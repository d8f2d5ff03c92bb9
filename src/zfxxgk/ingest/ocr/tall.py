"""A long picture (长图): a whole report as one image, its pages stacked.

Portals and WeChat accounts publish reports as one picture a few times taller
than wide. Read as one page it was scaled down until its height fitted the
working size: a six-page picture's text became a few pixels high and most
cells were lost. It is cut into pieces about a portrait page high, each read
as a page of its own (its own resolution, time and memory). The cuts go through
the widest blank band of rows near where a page would end: never through a
line of text, nor through a ruled table (its side rules ink every row). A
picture no taller than the working size is read whole, as before.
"""

from __future__ import annotations

import numpy as np

# A picture taller than this many times its width holds more than a page
# (A4 portrait is 1.41; a page with a long table printed on may reach 2).
TALL = 2.1
# A piece is about this many times as high as the picture is wide (A4 portrait).
PAGE = 1.414
# Where a cut may go: this share of a piece's height either side of the even cut.
_REACH = 0.3


def piece_count(width: int, height: int) -> int:
    """At most how many page-high pieces a picture of this size is read as (1: a
    page, or a picture read at its own size anyway: no taller than the working
    size, like a long table's screenshot, which is better read whole)."""
    from .images import WORK_SIDE

    if width <= 0 or height <= TALL * width or height <= WORK_SIDE:
        return 1
    return max(2, round(height / (PAGE * width)))


def cuts(grey: np.ndarray, count: int) -> list[tuple[int, int]]:
    """(top, bottom) rows of at most `count` pieces of a tall greyscale picture:
    each cut in the middle of the longest run of blank rows within reach of the
    even cut (the nearest such run on a tie); where no row within reach is blank
    (a long ruled table), no cut: the piece runs on to the next one's cut."""
    h, w = grey.shape
    # dark pixels: a long picture is made on a computer or flat-scanned, on white
    inked = (grey < 160).sum(axis=1)
    blank = inked <= max(1, _BLANK * w)
    step = h / count
    edges = [0]
    for k in range(1, count):
        target = k * step
        lo = max(edges[-1] + int(0.4 * step), int(target - _REACH * step))
        hi = min(h - int(0.4 * step), int(target + _REACH * step))
        cut = _cut(blank[lo:hi], target - lo) if hi > lo else None
        if cut is not None:
            edges.append(cut + lo)
    edges.append(h)
    return list(zip(edges[:-1], edges[1:]))


def _cut(blank: np.ndarray, target: float) -> int | None:
    from .cells import runs

    bands = runs(blank)
    if not bands:
        return None
    a, b = max(bands, key=lambda r: (r[1] - r[0], -abs((r[0] + r[1]) / 2 - target)))
    return (a + b) // 2


# A row with at most this share of its width inked is blank (specks, a border).
_BLANK = 0.002


__all__ = ["TALL", "cuts", "piece_count"]
