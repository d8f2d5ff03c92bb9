"""Turning a page image upright: 90° turns, small skew, and the perspective of a
photograph, each a pure function of the image.

Order matters: a photograph's page is first cut out of its background and made
rectangular (`sheet_warp`), then turned by quarter turns (`turn`), then its
residual skew is measured by how sharply the ink's row profile peaks
(`skew_angle`) and rotated away. A 180° turn cannot be told from the ink's
layout, and a dense table defeats a profile test for 90°, so page.py lets the
recogniser choose among the candidate turns.
"""

from __future__ import annotations

import numpy as np

from .cells import runs

# Skew searched: scans are rarely off by more; photographs are flattened first.
MAX_SKEW = 5.0
_PROFILE_SIDE = 900


def binarize(grey: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0, robust to uneven lighting and JPEG noise (adaptive mean)."""
    import cv2

    block = max(15, (min(grey.shape) // 60) | 1)
    return cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C,
                                 cv2.THRESH_BINARY_INV, block, 15)


def _small(image: np.ndarray) -> np.ndarray:
    import cv2

    scale = _PROFILE_SIDE / max(image.shape)
    if scale >= 1:
        return image
    return cv2.resize(image, (max(1, int(image.shape[1] * scale)),
                              max(1, int(image.shape[0] * scale))), interpolation=cv2.INTER_AREA)


def _sharpness(small: np.ndarray, angle: float) -> float:
    """How peaked the row profile is after rotating by `angle`: text lines and
    ruling lines that run along rows give a spiky profile."""
    rotated = rotate(small, angle, border=0)
    profile = rotated.sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(profile)).sum())


def skew_angle(binary: np.ndarray) -> float:
    """The rotation (degrees, counter-clockwise) that makes text lines horizontal:
    a coarse then a fine search of the row profile's sharpness."""
    small = _small(binary)
    if not small.any():
        return 0.0
    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.5), key=lambda a: _sharpness(small, a))
    fine = np.arange(best - 0.5, best + 0.51, 0.1)
    return float(max(fine, key=lambda a: _sharpness(small, a)))


def lines_run_down(grey: np.ndarray) -> bool:
    """Whether the page's ink is lined up in columns more than in rows: a page
    lying on its side (a wide table page scanned landscape among portrait ones).
    Upright pages, tables too, have a row profile at least 1.4 times as sharp as
    their column profile; on their side, at most 0.75."""
    small = binarize(_small(grey))  # binarised small: the profiles need no more, and it costs a tenth
    return _sharpness(small, 0) < _SIDEWAYS * _sharpness(np.ascontiguousarray(small.T), 0)


_SIDEWAYS = 1.0


def spread_gutter(page: np.ndarray) -> int | None:
    """Where to cut an upright image of two pages scanned side by side (a
    book-style spread): the middle of the blank band of columns nearest the
    image's centre, with ink on either side and each side no wider than a
    portrait page; None for one page, however wide (a landscape table page's
    table, a landscape page's lines run across the middle)."""
    h, w = page.shape
    if w < 1.2 * h:
        return None
    columns = (binarize(page) > 0).sum(axis=0)
    blank = columns <= max(2, _GUTTER_INK * h)
    lo, hi = int(0.35 * w), int(0.65 * w)
    bands = [(a + lo, b + lo) for a, b in runs(blank[lo:hi]) if b - a >= _GUTTER * w]
    if not bands:
        return None
    a, b = min(bands, key=lambda band: abs((band[0] + band[1]) / 2 - w / 2))
    cut = (a + b) // 2
    total = columns.sum()
    if cut > 0.95 * h or w - cut > 0.95 * h or min(columns[:a].sum(), columns[b:].sum()) < 0.1 * total:
        return None
    return cut


# A spread's gutter: at least this share of the image's width with at most
# _GUTTER_INK of a column's height inked (specks, a sheet's shadowed edge).
_GUTTER = 0.02
_GUTTER_INK = 0.003


def bilevel(grey: np.ndarray) -> bool:
    """Whether the page is black and white only (a 1-bit scan: a fax, a scanner's
    B/W mode): two grey levels make up nearly all of it. A grey scan's paper
    alone has a spread of levels (noise, JPEG)."""
    sample = grey[::3, ::3]
    counts = np.bincount(sample.ravel(), minlength=256)
    return int(np.sort(counts)[-2:].sum()) >= _BILEVEL * sample.size


_BILEVEL = 0.99


def rotate(image: np.ndarray, angle: float, border: int = 255,
           nearest: bool = False) -> np.ndarray:
    """Rotate about the centre, keeping the size (skew is small: corners lose only
    margin); `nearest`: a mask's values kept as they are."""
    import cv2

    if abs(angle) < 1e-6:
        return image
    h, w = image.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(image, m, (w, h), flags=cv2.INTER_NEAREST if nearest else cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=border)


def turn(image: np.ndarray, quarters: int) -> np.ndarray:
    """Quarter turns counter-clockwise (2 = upside down)."""
    return np.ascontiguousarray(np.rot90(image, quarters % 4))


def _order_corners(pts: np.ndarray) -> np.ndarray:
    s, d = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    return np.array([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)],
                     pts[np.argmax(d)]], dtype=np.float32)


def page_quad(grey: np.ndarray) -> np.ndarray | None:
    """The four corners of a sheet of paper photographed on a darker background
    (top-left, top-right, bottom-right, bottom-left), or None for a flat scan whose
    page fills the image. A shadow across the sheet (a hand, the phone) or light
    falling off towards one side cuts the bright paper into pieces, or bites into
    its outline: the sheet is the convex hull of all large bright pieces, and its
    corners those of the hull (its extreme points where the hull is no clean
    quadrilateral, a corner lost in shadow)."""
    import cv2

    small_scale = 800 / max(grey.shape)
    small = cv2.resize(grey, None, fx=small_scale, fy=small_scale) if small_scale < 1 else grey
    small_scale = min(small_scale, 1.0)
    _, bright = cv2.threshold(cv2.GaussianBlur(small, (5, 5), 0), 0, 255,
                              cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    total = small.shape[0] * small.shape[1]
    pieces = [c for c in contours if cv2.contourArea(c) >= _PIECE * total]
    if not pieces:
        return None
    hull = cv2.convexHull(np.concatenate(pieces))
    area = cv2.contourArea(hull)
    if area < 0.25 * total or area > 0.97 * total:
        return None
    quad = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True).reshape(-1, 2)
    if len(quad) != 4:
        quad = _order_corners(hull.reshape(-1, 2).astype(np.float32))
        if cv2.contourArea(quad) < 0.9 * area:
            return None  # no sheet's outline: a round or ragged bright shape
    return _order_corners(quad.astype(np.float32) / small_scale)


# A bright piece of at least this share of the image may be part of the sheet
# (the paper either side of a shadow); smaller ones are glare on the desk.
_PIECE = 0.02


Warp = tuple[np.ndarray, tuple[int, int]]  # a perspective matrix, the size it makes


def warped(image: np.ndarray, warp: Warp, border: int | None = None) -> np.ndarray:
    """The image through a `Warp` (the sheet's edges repeated beyond it, or
    `border`): a page, or a mask of it (border 0) made to follow the page."""
    import cv2

    m, size = warp
    if border is None:
        return cv2.warpPerspective(image, m, size, flags=cv2.INTER_LINEAR,
                                   borderMode=cv2.BORDER_REPLICATE)
    return cv2.warpPerspective(image, m, size, flags=cv2.INTER_NEAREST,
                               borderMode=cv2.BORDER_CONSTANT, borderValue=border)


def sheet_warp(grey: np.ndarray) -> Warp | None:
    """The warp that makes a photographed sheet (or a scan with the lid open: the
    page on black) a rectangle of its own proportions, its very edges trimmed;
    None for a scan, read as it is."""
    import cv2

    quad = page_quad(grey)
    if quad is None:
        return None
    tl, tr, br, bl = quad
    width = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    if width < 200 or height < 200:
        return None
    # the quad, found on a small copy, may take in a pixel or two of the dark
    # ground along the sheet's edges: a line down every text line's side, which
    # ran the page's prose into one block. The sheet's own edge is margin.
    d = _TRIM * max(width, height)
    target = np.array([[-d, -d], [width - 1 + d, -d], [width - 1 + d, height - 1 + d],
                       [-d, height - 1 + d]], dtype=np.float32)
    return cv2.getPerspectiveTransform(quad, target), (width, height)


# Share of the sheet's longer side cut off its edges once flattened (a report's
# margins are ten times wider).
_TRIM = 0.01


def deskew(grey: np.ndarray) -> tuple[np.ndarray, float]:
    """(the page rotated so its lines run level, the angle used)."""
    angle = skew_angle(binarize(grey))
    return rotate(grey, angle), angle


__all__ = ["Warp", "binarize", "deskew", "bilevel", "lines_run_down", "page_quad",
           "rotate", "sheet_warp", "skew_angle", "spread_gutter", "turn", "warped"]
