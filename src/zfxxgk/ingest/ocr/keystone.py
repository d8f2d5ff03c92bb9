"""A table whose rules lean after the page was flattened: squared by its own frame.

A phone photo's sheet is flattened by its outline (`geometry.sheet_warp`); where
a shadow or the desk blurs that outline, the corners found are a little off and
the page keeps some perspective: the table's vertical rules lean, each by its own
amount (they meet far below or above the page), by up to twenty pixels over its
height. A cell's side is looked for within a few pixels of its column's rule, so
where a rule had drifted off, two cells were one: "357" and "320" read as one
number with the recogniser's full confidence, and rows dropped. Levelling cannot
help (the horizontal rules are level). The table's outer rules are straight lines
on the paper: fitted on the rule masks, their four crossings are the corners of a
rectangle, and the page is warped so that they are one. A scan's table, square
already, is left as it is.
"""

from __future__ import annotations

import numpy as np

from . import rulings
from .geometry import Warp

# Pixels an outer rule must drift off its own direction over its length before
# the page is squared: the cell's test looks a few pixels either side of a rule.
LEAN_PX = 4.0
# An outer rule is fitted where it is drawn along at least this share of the
# table's side (a rule broken at a merged cell still is one).
_ALONG = 0.6
# Half the width of the window a leaning rule is followed in, in pixels.
_WINDOW = 30
# Pixels a rule's middle may stray from its fitted line (root mean square): a
# rule is straight, blurred or broken as it may be.
_ROUGH = 2.5


def _fit(mask: np.ndarray, pos: int, axis: int) -> tuple[float, float] | None:
    """The line a rule at `pos` of a table's mask follows: (slope, intercept),
    the cross coordinate a function of the one along the rule (axis 1: x of y
    for a vertical rule; axis 0: y of x), or None when the rule is drawn along
    too little of the table."""
    strip = mask[:, max(0, pos - _WINDOW):pos + _WINDOW + 1] if axis == 1 \
        else mask[max(0, pos - _WINDOW):pos + _WINDOW + 1].T
    inked = strip > 0
    along = np.flatnonzero(inked.any(axis=1))
    if along.size < _ALONG * strip.shape[0]:
        return None
    across = np.arange(strip.shape[1], dtype=np.float64)
    rows = inked[along]
    centre = (rows * across).sum(axis=1) / rows.sum(axis=1) + max(0, pos - _WINDOW)
    t = along - along.mean()  # least squares, closed form
    slope = float((t * (centre - centre.mean())).sum() / max((t * t).sum(), 1.0))
    off = centre - centre.mean() - slope * t
    if float(np.sqrt((off * off).mean())) > _ROUGH:
        return None  # no straight line: a ring's side, a stroke beside the rule
    return slope, float(centre.mean() - slope * along.mean())


def _outer(mask: np.ndarray, positions: list[int], axis: int) -> list[tuple[float, float]] | None:
    """The fitted first and last of the rules at `positions` of a table's mask
    along `axis` (each the outermost rule drawn along most of the table)."""
    first = next((f for f in (_fit(mask, p, axis) for p in positions) if f), None)
    last = next((f for f in (_fit(mask, p, axis) for p in reversed(positions)) if f), None)
    if first is None or last is None or first == last:
        return None
    return [first, last]


def _cross(vertical: tuple[float, float], horizontal: tuple[float, float]) -> tuple[float, float]:
    """Where x = a*y + b meets y = c*x + d."""
    a, b = vertical
    c, d = horizontal
    y = (c * b + d) / (1 - a * c)
    return a * y + b, y


def corners(masks: tuple[np.ndarray, np.ndarray], tables: list[rulings.Table]) -> np.ndarray | None:
    """The four corners (top-left, top-right, bottom-right, bottom-left) of the
    largest ruled table's frame on the page when its outer rules lean by LEAN_PX
    or more; None when they do not (or there is no table)."""
    horizontal, vertical = masks
    if not tables:
        return None
    table = max(tables, key=lambda t: (t.box[2] - t.box[0]) * (t.box[3] - t.box[1]))
    x0, y0, x1, y1 = table.box
    xs = sorted({c.box[0] - x0 for c in table.cells} | {c.box[2] - x0 for c in table.cells})
    ys = sorted({c.box[1] - y0 for c in table.cells} | {c.box[3] - y0 for c in table.cells})
    sides = _outer(vertical[y0:y1, x0:x1], xs, 1)
    ends = _outer(horizontal[y0:y1, x0:x1], ys, 0)
    if sides is None or ends is None:
        return None
    lean = max(abs(sides[0][0]), abs(sides[1][0])) * (y1 - y0)
    lean = max(lean, max(abs(ends[0][0]), abs(ends[1][0])) * (x1 - x0))
    if lean < LEAN_PX:
        return None
    (left, right), (top, bottom) = sides, ends
    quad = np.float32([_cross(left, top), _cross(right, top), _cross(right, bottom),
                       _cross(left, bottom)]) + np.float32([x0, y0])
    return quad


def warp(masks: tuple[np.ndarray, np.ndarray], tables: list[rulings.Table]) -> Warp | None:
    """The warp that makes the largest table's frame (`tables`: the page's ruled
    tables, found on `masks`) a rectangle of its mean width and height where its
    top-left corner was, the page's size kept; None when its rules do not lean
    (the page is left as it is)."""
    import cv2

    quad = corners(masks, tables)
    if quad is None:
        return None
    tl, tr, br, bl = quad
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    if width < 60 or height < 60:
        return None
    x, y = (tl[0] + bl[0]) / 2, (tl[1] + tr[1]) / 2
    target = np.float32([[x, y], [x + width, y], [x + width, y + height], [x, y + height]])
    shape = masks[0].shape
    return cv2.getPerspectiveTransform(quad, target), (shape[1], shape[0])


__all__ = ["LEAN_PX", "corners", "warp"]
