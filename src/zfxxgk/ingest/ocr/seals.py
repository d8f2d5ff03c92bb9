"""Round seals left on a greyscale scan, so the cells under them are doubted.

A colour scan loses its red seal before it is made grey (colour.py); a scan
made in greyscale keeps it as ink as dark as print. Under it the recogniser
reads the ring as part of a digit, or not at all, and still scores its
reading high ("13" for a "513" whose "5" the ring crosses). So a seal is
looked for: a circle of the size of an official seal whose ring is unbroken
ink all the way round. A table's rules and its dense text make circles for
the Hough transform too, but none with a closed ring (they cover at most
nine tenths of it); a seal's ring is closed. Its sides are as straight as a
rule over a row's height: a rule found only on the ring is none (`on_ring`).
A faded seal with gaps in its
ring is not found, and its cells are left to the identities as before.
"""

from __future__ import annotations

import numpy as np

# A seal's radius as a share of the page's width: 4-5 cm across on A4 paper,
# smaller on a picture of a table that is wider than a page.
_RADIUS = (0.05, 0.14)
# Share of the ring's directions with ink on the circle: a seal's ring is closed.
_CLOSED = 0.97
_SIDE = 600


def seal_circles(grey: np.ndarray, binary: np.ndarray) -> list[tuple[int, int, int]]:
    """(x, y, radius) in page pixels of each closed ring of a seal's size."""
    import cv2

    scale = min(1.0, _SIDE / max(grey.shape))
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) \
        if scale < 1 else grey
    width = small.shape[1]
    found = cv2.HoughCircles(cv2.GaussianBlur(small, (3, 3), 0), cv2.HOUGH_GRADIENT, dp=1,
                             minDist=width // 4, param1=100, param2=40,
                             minRadius=int(_RADIUS[0] * width), maxRadius=int(_RADIUS[1] * width))
    if found is None:
        return []
    out = []
    for x, y, r in found[0] / scale:
        if _closed(binary, x, y, r) >= _CLOSED:
            out.append((int(x), int(y), int(r)))
    return out


def _closed(binary: np.ndarray, x: float, y: float, r: float) -> float:
    """Share of 360 directions from (x, y) with ink within a band about r."""
    angles = np.linspace(0, 2 * np.pi, 360, endpoint=False)[:, None]
    radii = np.arange(0.9 * r, 1.08 * r + 1)[None, :]  # the Hough radius is rough
    xs = np.rint(x + radii * np.cos(angles)).astype(int)
    ys = np.rint(y + radii * np.sin(angles)).astype(int)
    h, w = binary.shape
    inside = (xs >= 0) & (xs < w) & (ys >= 0) & (ys < h)
    ink = np.zeros(xs.shape, dtype=bool)
    ink[inside] = binary[ys[inside], xs[inside]] > 0
    return float(ink.any(axis=1).mean())


def under_seal(box: tuple[int, int, int, int], seals: list[tuple[int, int, int]]) -> bool:
    """Whether a cell's box reaches into a seal's disc."""
    x0, y0, x1, y1 = box
    for x, y, r in seals:
        dx = max(x0 - x, 0, x - x1)
        dy = max(y0 - y, 0, y - y1)
        if dx * dx + dy * dy < r * r:
            return True
    return False


def on_ring(xs: np.ndarray, ys: np.ndarray, seals: list[tuple[int, int, int]]) -> np.ndarray:
    """Which of the points (page pixels) lie on a seal's ring: within its stroke
    (a fifteenth of the radius, the Hough radius rough by as much again) of the
    circle."""
    out = np.zeros(np.shape(xs), dtype=bool)
    for x, y, r in seals:
        out |= np.abs(np.hypot(xs - x, ys - y) - r) <= _RING * r + 4
    return out


# Half the width of the band about a seal's circle its ring's ink lies in.
_RING = 0.1


__all__ = ["on_ring", "seal_circles", "under_seal"]
