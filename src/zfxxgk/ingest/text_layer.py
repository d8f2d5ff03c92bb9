"""Whether a PDF page's text layer can be believed at all.

A page may look right and still extract as nonsense: its font was embedded
without a ToUnicode map (or with one that maps to private-use codes), so the
characters come out as U+E000–U+F8FF, control characters, ``(cid:123)``, letters
of other scripts, or printable ASCII in the order the glyphs were first used.
Such a page has "visible characters", so without this test it would be taken as
text and the report would come out empty, or the file would be refused as "not
a report". A page is judged by what a Chinese report page is made of: CJK
ideographs and punctuation, digits and a little Latin. When a good share of
its characters are of no such kind, or a run of them reads as no script a
report is written in, the page's text is unusable and OCR must read it like a
scan (or, without OCR, the reader is told why it was not read).

Digits mapped to other digits are not detectable here, and are not tried: only
layers that are plainly not Chinese text are.
"""

from __future__ import annotations

import re

from .pdf_layout import Char

# What a report page's text is made of: CJK ideographs (also as the Kangxi
# radicals and compatibility ideographs some producers map them to, which NFKC
# turns back and the parser reads), CJK and fullwidth punctuation, enclosed
# numbers (㈠ ① Ⅰ), general punctuation (— “ ” …), box drawing and geometric
# shapes (□ ■ √ tables drawn in text), digits, white space and the ASCII
# punctuation prose and numbers use.
_USUAL = (r"\s0-9.,:;%()\-/+\u00b7\u00d7\u00b0\u4e00-\u9fff\u2e80-\u2fdf\uf900-\ufaff"
          r"\u3000-\u303f\u3200-\u33ff\uff00-\uffef\u2000-\u206f\u2160-\u2188\u2460-\u24ff"
          r"\u2500-\u25ff\u2713\u2714\u221a")
# Latin letters are usual too (English words, URLs, abbreviations), and so is
# a stray ASCII symbol; a run of printable ASCII with symbols that prose hardly
# uses is a font's glyph order printed as ASCII (the first glyphs used map to
# ! " # $ % & ' ...): such a run counts as odd, letters and digits included,
# as does pdfminer's ``(cid:N)`` for a code without a map.
_ASCII = "!-~"
_SUSPECT = re.compile(f"[^{_USUAL}{_ASCII}]")
_ASCII_RUN = re.compile(r"[!-~]{3,}")
_ODD_SYMBOL = re.compile(r"[!\"#$&'*<=>?@\[\\\]^_`{|}~]")
# A run of characters of no script a report is written in (a title or a row
# label extracted as private-use codes): the page cannot be read, however short.
_BAD_RUN = re.compile(f"[^{_USUAL}{_ASCII}]{{6,}}")

_UNCOUNTED = re.compile(r"[0-9\s]")

MIN_SUSPECT = 10  # fewer odd characters than this: a few symbols (bullets, ✉)
SUSPECT_SHARE = 0.2  # of the page's characters other than digits and spaces


def unusable(chars: list[Char]) -> bool:
    """Whether the characters of one page are no Chinese text: at least
    MIN_SUSPECT and SUSPECT_SHARE of them unusual (private-use, control, other
    scripts, runs of ASCII with odd symbols, ``(cid:N)``), or a run of six
    characters of no usual script at all."""
    text = "".join(c.text for c in chars)
    if not text:
        return False
    suspect = len(_SUSPECT.findall(text)) + sum(
        len(run) for run in _ASCII_RUN.findall(text) if _ODD_SYMBOL.search(run) or "(cid:" in run)
    if suspect >= MIN_SUSPECT:
        counted = len(text) - len(_UNCOUNTED.findall(text))
        if suspect >= SUSPECT_SHARE * counted:
            return True
    return _BAD_RUN.search(text) is not None


def unusable_pages(pages: list[list[Char]]) -> list[int]:
    """The 1-based numbers of the pages whose text layer is unusable."""
    return [n for n, chars in enumerate(pages, 1) if chars and unusable(chars)]


__all__ = ["unusable", "unusable_pages"]
