"""Where the text is inside a cell or a page region: ink boxes and text lines,
found on the binary image before anything is recognised.

A cell holds one number or a label wrapped over a few lines; the recogniser reads
one line at a time, so each cell is cut into lines by its row profile. Chinese
characters such as 三 have white rows inside them, so the cuts are merged back
while a piece is shorter than the table's line height (`line_height`).
"""

from __future__ import annotations

import numpy as np

# Specks smaller than this share of the line height squared are noise, not ink.
_SPECK = 0.01


def runs(profile: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of the runs of True in a 1-D profile, end exclusive."""
    if profile.size == 0:
        return []
    padded = np.concatenate(([False], profile.astype(bool), [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2])]


def segments(profile: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """`runs`, with neighbours less than `gap` apart joined into one."""
    out: list[list[int]] = []
    for a, b in runs(profile):
        if out and a - out[-1][1] < gap:
            out[-1][1] = b
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def clean(binary: np.ndarray, min_area: int) -> np.ndarray:
    """The binary crop without specks (scanner noise) and without what is left of
    a ruling line along its edges."""
    import cv2

    out = binary.copy()
    if out.size == 0:
        return out
    # a rule's remains: an edge row, then an edge column, that is mostly ink
    for lines in (out, out.T):  # (the transpose's rows are the crop's columns)
        n = len(lines)
        for k in range(min(4, n)):
            for r in (k, n - 1 - k):
                if lines[r].mean() > 0.5 * 255:
                    lines[r] = 0
    count, labels, stats, _ = cv2.connectedComponentsWithStats(out, connectivity=8)
    small = [k for k in range(1, count) if stats[k, cv2.CC_STAT_AREA] < min_area]
    if small:
        out[np.isin(labels, small)] = 0
    return out


def line_spans(binary: np.ndarray, height: float) -> list[tuple[int, int]]:
    """Text lines of a crop as row spans: runs of inked rows, neighbours merged
    while together they stay within 1.35 line heights (pieces of one character)."""
    pieces = runs(binary.any(axis=1))
    merged: list[list[int]] = []
    for a, b in pieces:
        if merged and b - merged[-1][0] <= 1.35 * height:
            merged[-1][1] = b
        else:
            merged.append([a, b])
    # a sliver left alone (a stray dot above a line) joins its nearest neighbour
    out = [(a, b) for a, b in merged if b - a >= 0.25 * height or len(merged) == 1]
    return out or [(a, b) for a, b in merged]


def longest_runs(binary: np.ndarray) -> np.ndarray:
    """The longest run of ink in each row of a binary crop: at each pixel, how far
    back the last blank pixel of its row is."""
    if binary.size == 0:
        return np.zeros(binary.shape[0], dtype=np.int64)
    ink = binary > 0
    at = np.arange(ink.shape[1])
    last_blank = np.maximum.accumulate(np.where(ink, -1, at), axis=1)
    return (at - last_blank).max(axis=1)


# A stroke through the middle of a number at least this many line heights long
# is a line drawn through it: no digit, nor a minus sign, is that wide.
_STRIKE = 0.9


def struck(binary: np.ndarray, height: float) -> bool:
    """Whether a text line's ink (a binary crop of it) has a line drawn through
    its middle: a printed number struck out, the corrected one written beside
    it by hand. What the recogniser reads there is both, run together."""
    h = binary.shape[0]
    middle = binary[int(0.25 * h):max(int(0.25 * h) + 1, int(0.75 * h) + 1)]
    return bool(middle.size) and int(longest_runs(middle).max()) >= _STRIKE * height


# Two figures in a number cell's line, as shares of its glyphs' height: a gap
# at least _APART wide between two wide glyphs, or one at least _FAR wide
# anywhere. A printed number's digits stand closer; only beside a "1" (narrow,
# its serifs lost to the binarisation at a low resolution) do gaps reach half
# a glyph.
_APART = 0.5
_FAR = 1.0
_WIDE = 0.4


def apart(binary: np.ndarray, height: float) -> bool:
    """Whether a text line's ink (a binary crop, specks cleaned) is two figures:
    a figure written by hand beside the printed one, read with it as one number
    by the recogniser ("387 533" as 387533). Tall glyphs (digits, not a point or
    a sign: at least half the line `height`) give the measure."""
    spans = runs(binary.any(axis=0))
    heights = [int(np.ptp(np.flatnonzero(binary[:, a:b].any(axis=1)))) + 1 for a, b in spans]
    tall = [(span, h) for span, h in zip(spans, heights) if h >= 0.5 * height]
    if len(tall) < 2:
        return False
    spans = [s for s in spans if tall[0][0][0] <= s[0] <= tall[-1][0][0]]  # no speck at either end
    glyph = float(np.median([h for _, h in tall]))
    for left, right in zip(spans, spans[1:]):
        gap = right[0] - left[1]
        wide = min(left[1] - left[0], right[1] - right[0]) >= _WIDE * glyph
        if gap >= _FAR * glyph or (wide and gap >= _APART * glyph):
            return True
    return False


def line_height(heights: list[int]) -> float:
    """A table's or page's line height: the upper quartile of its ink runs' heights
    (most runs are whole lines of digits or characters; pieces of 三 are shorter)."""
    if not heights:
        return 20.0
    return float(max(8.0, np.percentile(heights, 75)))


def speck_area(height: float) -> int:
    return max(3, int(_SPECK * height * height))


__all__ = ["apart", "clean", "line_height", "line_spans", "longest_runs", "runs", "segments", "speck_area",
           "struck"]
