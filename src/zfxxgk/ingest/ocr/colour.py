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


def to_grey(image):
    """A PIL image -> greyscale PIL image for OCR: colour ones through
    `seal_free_grey`, the others (grey, 1-bit) by Pillow as they are."""
    from PIL import Image

    if image.mode in GREY_MODES:
        return image.convert("L")
    rgb = np.asarray(image.convert("RGB"))
    if _is_grey(rgb):
        return image.convert("L")
    return Image.fromarray(seal_free_grey(rgb), "L")


def _is_grey(rgb: np.ndarray) -> bool:
    """All three channels alike (a grey scan saved as RGB): nothing to take out."""
    sample = rgb[::7, ::7].astype(np.int16)
    return int(np.abs(sample[..., 0] - sample[..., 1]).max(initial=0)) <= _TINT and \
        int(np.abs(sample[..., 0] - sample[..., 2]).max(initial=0)) <= _TINT


__all__ = ["GREY_MODES", "seal_free_grey", "to_grey"]
