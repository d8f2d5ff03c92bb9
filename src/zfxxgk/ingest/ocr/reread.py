"""A second look at a number the recogniser was unsure of.

A figure read with low confidence and no identity to decide it used to keep its
reading with a warning; in a 100 dpi fax a tenth of such cells carried a wrong
number (500 for 4500, 3517 for 357). The same crop read again as it is gives the
same answer, so the cell's line is read again with its strokes made thicker and
thinner (a pixel each way): what it reads as then (4500 where "+500" was read)
is among the values the parser lets the prose or an identity over several
doubtful cells choose from, and the finding lists them where nothing does.
Readings that agree prove nothing alone: the same model reads the same ink.

Only doubtful cells are read again (a handful a page), so the cost is bounded.
"""

from __future__ import annotations

import numpy as np

from . import engine

# Below this the recogniser's reading of a cell is not taken on trust. Clean
# digits score 0.99+; the misreadings seen in the bench scored below 0.9.
DOUBT = 0.95


def variants(crop: np.ndarray) -> list[np.ndarray]:
    """The crop with its dark strokes a pixel thicker, then a pixel thinner."""
    import cv2

    kernel = np.ones((2, 2), np.uint8)
    return [cv2.erode(crop, kernel), cv2.dilate(crop, kernel)]


def reread(crops: list[np.ndarray]) -> list[tuple[str, ...]]:
    """For each crop (one text line of a doubtful number cell), what its variants
    read: the text and the digits-only reading of each, in one batched run."""
    if not crops:
        return []
    many = [v for crop in crops for v in variants(crop)]
    read = engine.recognize(many, digits=True)
    per = len(many) // len(crops)
    out = []
    for k in range(len(crops)):
        out.append(tuple(s for text, _, digits, _ in read[k * per:(k + 1) * per]
                         for s in (text.strip(), digits)))
    return out


__all__ = ["DOUBT", "reread", "variants"]
