"""A colour scan made grey for OCR, with the red of an official seal (公章) taken out.

A report's last page carries the agency's red seal over the signature and the
date, and a signed table page often has it over the table's bottom rows. Made
grey the usual way, the seal's red is a mid grey as dark as print: its ring, its
star and the agency's name along its arc become ink crossing digits and rules
(a "1" read inside its ring, a rule broken by its star). The seal is the only
strongly red ink on such a page, and print is black: so a pixel is lightened by
how much redder it is than its other two channels. Black print under the seal
stays black (the seal's ink multiplies, it does not cover), grey and blue ink
(a hand-written correction) are kept as they were. A red letterhead (红头) is
lost with the seal; its words are the issuing office's, which the report's
title and signature repeat in black.

A pen's blue is the other ink that is not the print: a figure written beside a
printed one, or a correction after a struck one. Left in, it ran into the
printed digits ("387" and a written "533" read as 387533, a row's total as
14599, the row nulled). `grey_page` lifts it to paper too, rules and strokes
through print put back, and keeps where it was, so a cell a pen wrote in is
read as printed and yet not trusted as read (which figure is meant is not
known: the identities or F-OCR judge it).
"""

from __future__ import annotations

import numpy as np

# Redness (red minus the larger of green and blue, 0-255) below this is print,
# paper tint or JPEG's colour noise, and left alone.
_TINT = 24
# How much a unit of redness above _TINT lightens the pixel: a seal's red
# (about 210, 40, 40: grey 90, redness 170) reaches paper white, and so do its
# edges, blended with the paper or with the print under it.
_GAIN = 2.0
# Modes that hold no colour: Pillow's own conversion to grey is right for them.
GREY_MODES = ("L", "1", "I", "I;16", "F", "LA")


def seal_free_grey(rgb: np.ndarray) -> np.ndarray:
    """An RGB page (h×w×3, uint8) -> greyscale uint8 with red ink made paper."""
    pixels = rgb.astype(np.int32)
    r, g, b = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    grey = (299 * r + 587 * g + 114 * b) // 1000
    redness = r - np.maximum(g, b) - _TINT
    lifted = grey + (_GAIN * np.clip(redness, 0, None)).astype(np.int32)
    return np.clip(lifted, 0, 255).astype(np.uint8)


class Page(np.ndarray):
    """A greyscale page (uint8) with the pen's ink taken out, and where it was:
    `hand` (a mask of the page's shape) or None. The mask rides on the array, so
    every loader hands pages on as it did; numpy's views of it carry None."""

    hand: np.ndarray | None = None


def grey_page(image, pen: bool = True) -> np.ndarray:
    """A PIL image -> the greyscale page array OCR reads: colour ones through
    `seal_free_grey`, the others (grey, 1-bit) by Pillow as they are. With
    `pen`, on a colour page written on in blue ink (a note or a correction by
    hand beside the printed figures), that ink lifted to paper and its place
    kept in the array's `hand` (`Page`): the printed digits are read without
    the handwriting run into them, and a cell it was in is not trusted as read."""
    import cv2

    if image.mode in GREY_MODES:
        return np.asarray(image.convert("L"), dtype=np.uint8)
    rgb = np.asarray(image.convert("RGB"))
    if _is_grey(rgb):
        return np.asarray(image.convert("L"), dtype=np.uint8)
    grey = seal_free_grey(rgb)
    if not pen:
        return grey
    pixels = rgb.astype(np.int16)
    blueness = pixels[..., 2] - np.maximum(pixels[..., 0], pixels[..., 1])
    # a thin stroke's colour is spread and weakened by the scan's blur and by
    # JPEG's half-resolution colour: judged over its neighbourhood, in dark ink
    around = cv2.blur(blueness.astype(np.float32), (5, 5))
    pen = (grey < _DARK) & (around >= _PEN) & (blueness >= _PEN // 2)
    count = int(pen.sum())
    if count < _PEN_MIN or count > _PEN_SHARE * int((grey < _DARK).sum()):
        return grey  # no pen, or blue print (a page set in blue is the page)
    # the stroke and its edge blended with the paper (light: black print beside
    # it stays)
    near = cv2.dilate(pen.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    page = grey.copy().view(Page)
    lifted = pen | (near & (grey >= _EDGE))
    page[lifted] = 255
    # where the stroke crossed a rule, the rule is put back: its gap would part
    # no cells, and a cell's side is looked for along its rule
    crossed = lifted & _rules(grey, pen)
    page[crossed] = grey[crossed]
    page.hand = pen
    return page


def _rules(grey: np.ndarray, pen: np.ndarray) -> np.ndarray:
    """Where the page's ruling lines run (a mask), and lines struck through
    print: every long level run of ink (a stroke through a printed number stays
    with it: lifted, it took the digits' middles along), and the long upright
    runs that are not mostly the pen's (a tall "1" written by hand is not kept;
    a column rule a stroke crossed is)."""
    import cv2

    from .geometry import binarize
    from .rulings import line_masks

    binary = binarize(grey)
    horizontal, vertical = line_masks(binary)
    ink = binary > 0
    count, labels = cv2.connectedComponents(vertical, connectivity=8)
    area = np.bincount(labels[ink], minlength=count)  # its ink, not the mask's margin
    penned = np.bincount(labels[ink & pen], minlength=count)
    ruled = penned < _PEN_RULE * area
    ruled[0] = False
    return (horizontal > 0) | ruled[labels]


# An upright run of ink less than this share of it the pen's is a rule.
_PEN_RULE = 0.3

# A pixel darker than _DARK whose neighbourhood's blue (blue minus the larger of
# red and green, 0-255) is _PEN or more is a pen's (print is black or red: near
# 0). Fewer such pixels than _PEN_MIN are specks of colour noise; more than
# _PEN_SHARE of the page's dark ink are blue print, the page's own.
_DARK = 180
_EDGE = 120
_PEN = 10
_PEN_MIN = 40
_PEN_SHARE = 0.3


def _is_grey(rgb: np.ndarray) -> bool:
    """All three channels alike (a grey scan saved as RGB): nothing to take out."""
    sample = rgb[::7, ::7].astype(np.int16)
    return int(np.abs(sample[..., 0] - sample[..., 1]).max(initial=0)) <= _TINT and \
        int(np.abs(sample[..., 0] - sample[..., 2]).max(initial=0)) <= _TINT


__all__ = ["GREY_MODES", "Page", "grey_page", "seal_free_grey"]
