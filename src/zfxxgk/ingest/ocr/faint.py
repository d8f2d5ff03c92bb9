"""Faint strokes that are not the print, lifted to paper: a watermark across the
page (内部资料 请勿外传, the agency's name in light grey), the other side of thin
paper showing through (its print mirrored, 20 to 45 levels below the paper).

The binariser judges ink against its neighbourhood, and such grey strokes on
white paper are as far below it as print: they became ink crossing digits and
rules (scan_classes watermark: 134 of 200 cells right, the title not read;
bleed: the back page's rules across table 二, 361 of 398). Faint strokes are
told from print by where their light pixels lie: far from any dark ink, in
strokes of their own, most of them nearly as light as the paper. Print's light
pixels are the soft edges of its dark strokes, beside them. A page whose print
is itself light (a 75 dpi grey scan, a pale copy, a page printed 2-up) has no
black print to tell the strokes from, or most of its lone light pixels are
darker, and shaded paper (a finger's shadow, a photograph) lies in areas, not
strokes: such pages are left as they are. A page with a little black print is
enough (a signature page: the agency and the date). On a page with faint
strokes, their levels are made paper where they lie away from the print's
darker strokes and in strokes wider than print's thinnest; where a stroke
crosses a digit, the digit is the darker and stays.
"""

from __future__ import annotations

import numpy as np

# On the page's half-size sample: levels darker than the paper by more than
# _NOISE are not paper; by more than _DARK they are dark ink, and a light pixel
# is lone beyond _NEAR pixels of it.
_NOISE = 18
_DARK = 120
_NEAR = 5
# A page has a watermark when lone light pixels make up _LONE of it, in strokes
# (no more than _AREA of them in areas an _AREA_SIDE square fits in: shaded
# paper), _SHARE of them no more than _SPAN below the paper, and _INK of the
# page is print _BLACK below the paper. Levels from _SOFT below their middle up
# are the watermark's (its strokes' soft edges, noise, JPEG).
_LONE = 0.02
_AREA = 0.25
_AREA_SIDE = 9
_SHARE = 0.65
_SPAN = 60
_INK = 0.001
_BLACK = 160
_SOFT = 30
# Print's light levels lie this close to its darker ones (a square's side in
# pixels of the page): the soft edges and thin strokes of its characters.
_BESIDE = 5
# Print is darker than the watermark's level by more than this.
_PRINT = 20


def threshold(grey: np.ndarray) -> int | None:
    """The level from which a watermarked page's pixels are paper, or None when
    the page has no watermark."""
    import cv2

    small = grey[::2, ::2]
    counts = np.bincount(small.ravel(), minlength=256)
    paper = int(np.argmax(np.convolve(counts, np.ones(5), mode="same")))
    if counts[:max(0, paper - _BLACK)].sum() < _INK * small.size:
        return None  # no black print: pale or soft print is not to be told from faint strokes
    dark = cv2.dilate((small < paper - _DARK).astype(np.uint8), np.ones((_NEAR, _NEAR), np.uint8))
    lone = ((small < paper - _NOISE) & (dark == 0)).astype(np.uint8)
    count = int(lone.sum())
    if count < _LONE * small.size:
        return None
    square = np.ones((_AREA_SIDE, _AREA_SIDE), np.uint8)
    if int(cv2.morphologyEx(lone, cv2.MORPH_OPEN, square).sum()) > _AREA * count:
        return None
    levels = small[lone > 0]
    if np.count_nonzero(levels >= paper - _SPAN) < _SHARE * count:
        return None  # print's own light strokes (a 75 dpi or 2-up page: soft, small)
    return int(np.median(levels)) - _SOFT


def lifted(grey: np.ndarray) -> np.ndarray:
    """The page with a watermark's levels (`threshold`) made paper, but where they
    are print's: beside its dark strokes (their soft edges, its thin strokes);
    the page itself when it has no watermark."""
    import cv2

    level = threshold(grey)
    if level is None:
        return grey
    dark = (grey < level - _PRINT).astype(np.uint8)
    beside = cv2.dilate(dark, np.ones((_BESIDE, _BESIDE), np.uint8)) > 0
    faint = ((grey >= level) & ~beside).astype(np.uint8)
    square = np.ones((3, 3), np.uint8)  # (a print's thin stroke is narrower: kept)
    faint = cv2.dilate(cv2.morphologyEx(faint, cv2.MORPH_OPEN, square), square) > 0
    out = grey.copy()
    out[faint & (grey >= level)] = 255
    return out


__all__ = ["lifted", "threshold"]
