"""Text a picture hides: a scan's OCR layer drawn under the page's picture, or in
white over it; and white text on the white paper (`unseen_white`).

A portal's or a scanner's OCR layer is usually drawn invisible (render mode 3),
and both engines keep such text apart as the page's layer. Some tools draw it
as ordinary text instead, then paint the scanned picture over it (a viewer
shows only the picture), or paint it in white over the picture (white on the
scan's paper). Read as the page's text, that layer's misread digits were the
report's: wrong numbers in every table (scan_probe layer_under, layer_white:
28 wrong, 34 flagged of 398). What a reader sees is the picture, so such text
is the page's layer too: with OCR the picture is read, without it the layer is,
and said so. White text over a small picture stays text: printed on a dark
header cell or a banner, it is what a reader sees.
"""

from __future__ import annotations

Box = tuple[float, float, float, float]  # x0, top, x1, bottom

# A picture covering this share of the page is the page (a scan): white text
# over it is on the scan's paper.
PAGE_SHARE = 0.8
# A picture smaller than this share of the page hides no text worth a look.
MIN_SHARE = 0.02


def _inside(box: Box, cover: Box) -> bool:
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return cover[0] <= x <= cover[2] and cover[1] <= y <= cover[3]


def hidden_texts(texts: list[tuple[Box, bool]], pictures: list[tuple[int, Box, bool]],
                 page_area: float) -> set[int]:
    """The indexes (into `texts`) of the text a picture hides. `texts`: (box,
    filled white) of each text, in the order drawn; `pictures`: (how many of the
    texts were drawn before it, box, opaque). Hidden: text under an opaque
    picture drawn after it, and white text over a page-size picture drawn before
    it. Pictures smaller than a table (icons, a seal, a logo) are not looked at."""
    out: set[int] = set()
    for before, cover, opaque in pictures:
        area = (cover[2] - cover[0]) * (cover[3] - cover[1])
        if area < MIN_SHARE * page_area:
            continue
        page = area >= PAGE_SHARE * page_area
        for k, (box, white) in enumerate(texts):
            if k not in out and _inside(box, cover) and (
                    (opaque and k < before) or (page and white and k >= before)):
                out.add(k)
    return out


def unseen_white(texts: list[Box], grounds: list[Box]) -> set[int]:
    """The indexes (into `texts`, the boxes of text filled white) of the white
    text on the white paper: on none of the `grounds` (filled areas of another
    colour, pictures). Such text is what a writer hid by colouring it white (an
    old figure kept beside the new one, a placeholder 0): read, it joined the
    printed number (25 and a white 9: 259). White text on a dark header cell or
    a banner picture is what a reader sees, and stays."""
    return {k for k, box in enumerate(texts) if not any(_inside(box, g) for g in grounds)}


__all__ = ["MIN_SHARE", "PAGE_SHARE", "hidden_texts", "unseen_white"]
