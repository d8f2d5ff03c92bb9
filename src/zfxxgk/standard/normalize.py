"""Label normalisation (standard.md §6): what makes the spellings of one label equal.

Applied to both sides of every comparison: to the official labels and synonyms
once, and to each line of a source as it is read.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# the quotation marks, all read as '"' (a class search: str.translate looks every
# character of a Chinese line up in a dict, some ten times as slow)
_QUOTES = re.compile("[“”„「」'‘’『』〝〞]")
# 1、 1． 1. 1．(after NFKC) and the ideographic full stop after an arabic item number
_ITEM_NUMBER = re.compile(r"(?<![\d.])(\d{1,2})\s*[.．]\s*(?=\D)")
# "1、" is an item number even glued to digits before it ("…00000002、重复申请")
_ITEM_COMMA = re.compile(r"(\d)\s*、\s*")
_CN_ITEM = re.compile(r"([一二三四五六七八九十]{1,3})\s*[.．]")
# a Chinese character (the unified ideographs): what a label has and a figure has not
HAN = re.compile(r"[\u4e00-\u9fff]")


# characters that print nothing, left by web editors (&#8203;, soft hyphens, a BOM
# inside the text): a number or label holding one reads as the same without it
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")


# The full-width forms of ASCII and the ideographic space: Chinese text prints its
# punctuation so (，：（）), and one of them in a line of prose sends
# `unicodedata.normalize` from its quick check down its slow path, which looks every
# CJK character up in a composition table (some thirty microseconds for a sentence).
# Each is replaced by its own NFKC form first, which gives the same result: NFKC of a
# text is computed from its characters' compatibility decompositions, and a character
# and its NFKC form decompose alike. Not worth it for a short text (the slow path is
# short too) nor for many different forms (a row of full-width digits: a replacement
# each costs more than the look-ups they save).
_WIDE = re.compile("[\uff01-\uff5e\u3000]")
_WIDE_FORMS = {c: unicodedata.normalize("NFKC", c) for c in map(chr, [*range(0xFF01, 0xFF5F), 0x3000])}
_WIDE_MIN_LENGTH = 16
_WIDE_MAX_FORMS = 4


def nfkc(text: str) -> str:
    """NFKC turns full-width digits, brackets and Kangxi radicals (⼀ ⼆ ⽂) into
    their ordinary forms; the official labels use full-width brackets, so after
    NFKC both sides compare in ASCII brackets."""
    if len(text) >= _WIDE_MIN_LENGTH and not unicodedata.is_normalized("NFKC", text):
        wide = set(_WIDE.findall(text))
        if len(wide) <= _WIDE_MAX_FORMS:
            for c in wide:
                text = text.replace(c, _WIDE_FORMS[c])
    return unicodedata.normalize("NFKC", text)


def compact(text: str) -> str:
    """`text` in NFKC without white space: how a line is compared when the spaces
    a layout puts between characters (居中 titles, spaced names) mean nothing.
    (str.split's white space is the pattern \\s's.)"""
    return "".join(nfkc(text).split())


def visible(text: str) -> str:
    """`text` without the characters that print nothing. Applied where a cell or a
    label is read (both cached) and to a text file once, not in every `nfkc`:
    the search is cheap, but nfkc runs on every line of a report's prose. On a
    whole file six substring tests are four times as fast as the class search."""
    if len(text) > 200:
        found = any(c in text for c in _INVISIBLE_CHARS)
    else:
        found = _INVISIBLE.search(text) is not None
    return _INVISIBLE.sub("", text) if found else text


@lru_cache(maxsize=1 << 16)
def normalize_label(text: str) -> str:
    """The comparable form of a label: NFKC, no white space, one quote style,
    ``1、``/``1．`` as ``1.``, Chinese item numerals with ``、``, no trailing ``：`` or ``|``.
    Cached: the same label and header lines recur in thousands of reports."""
    s = _QUOTES.sub('"', visible(nfkc(text)))
    s = "".join(s.split())  # (str.split's white space is the pattern \s's)
    # each substitution only where its mark occurs: most lines have none of them
    if "、" in s:
        s = _ITEM_COMMA.sub(r"\1.", s)
    if "." in s:
        s = _ITEM_NUMBER.sub(r"\1.", s)
        s = _CN_ITEM.sub(r"\1、", s)
    return s.rstrip(":|")
