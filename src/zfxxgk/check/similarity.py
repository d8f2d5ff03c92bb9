"""How much of a part's text is last year's text again.

Reviewers see parts — above all 五、存在的主要问题及改进情况 — pasted from the year
before with at most the year changed. The measure is the Dice coefficient of the two
texts' sets of 4-character runs, after dropping white space and punctuation: linear
in the length (a part can run to pages), 1.0 for the same text, and it falls quickly
when sentences are rewritten, while a changed year or a moved paragraph costs little.
"""

from __future__ import annotations

import re
import unicodedata

SHINGLE = 4
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def normalized(text: str) -> str:
    return _NOISE.sub("", unicodedata.normalize("NFKC", text))


def shingles(text: str) -> set[str]:
    t = normalized(text)
    return {t[i:i + SHINGLE] for i in range(max(0, len(t) - SHINGLE + 1))}


def similarity(a: str, b: str) -> float:
    """0.0 (nothing shared) … 1.0 (the same text)."""
    sa, sb = shingles(a), shingles(b)
    if not sa or not sb:
        return 0.0
    return 2 * len(sa & sb) / (len(sa) + len(sb))
