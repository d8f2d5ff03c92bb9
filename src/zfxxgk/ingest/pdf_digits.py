"""Whether a PDF font draws the digits its text layer says it draws.

A font's ToUnicode map can give other digits for the digits it draws (a map
written for another subset of the font, a producer's off-by-one): the page
shows 2023 and 10, the text says 1710 and 37; or it swaps look-alikes only
(3 and 8, 5 and 6, 1 and 7: 2023 says 2028). Every figure read from such a
text layer is a wrong number, the worst outcome, and the text alone cannot
tell (`text_layer` judges scripts, not which digit a glyph is). Each digit a
font is said to draw is looked at (`pdf_glyphs`: its drawing's distance to
each digit of the reference faces, the holes its outline closes), once a
document, and the font lies when

  shape     at least SAMPLE of its judged digits, and half of them, lie more
            than CONTRADICT times farther from their own digit than from
            another (a map for another subset moves most digits); a font
            drawing one digit only: LONE times
  holes     a digit has more holes than its own ever has (a 3 with two, a 5
            with one) and does not plainly look like its own (SURE), or fewer
            (an 8 with none) and looks more like a digit with that many
  pair      of a look-alike pair (PAIRS) both drawn, each looks more like the
            other's digit than its own (summed over the two)

The loader then reads the pages it draws digits on as pages whose text
layer cannot be decoded (OCR, or left unread with a finding), never its
digits. Measured over 85 faces (`pdf_glyphs`), each against the references
without its own face: an honest digit lies at most 1.32 times farther from
its own (Times Italic's 1 from the 7), never two digits above 1.0 in one
face; holes never contradict; a look-alike pair's swapped sum is at least
1.16 times its own. The real samples' faces (宋体, 仿宋_GB2312, 仿宋, 楷体, 方正
faces, Times New Roman) keep every digit within 0.93.

A font drawing one digit only cannot be proven by its own glyph: an italic
7 said to be 1 lies only 1.07-1.53 times nearer the references' 7 than
their 1 (the DejaVu italics), a bold or oblique 2 said to be 1 under a full
swap 1.7-2.6 times, short of LONE; and when it is caught, the page was lost
for one glyph. Such a font that lies, or whose glyph lies nearer another
digit than its own (DOUBT), is doubted instead: its digits are given as
doubted characters (`doubted_char`: the digit its map says and the digit its
glyph looks most like), which the parser reads as one or the other only
where the table's identities confirm the figure (parse/doubted_cells), else
null with a finding; the rest of the page is read as before (an honest
lone italic 1, nearer the 7, is read where the identities confirm it).

Cost: a font's SAMPLE most drawn digits and both of a 1 and 7 are judged
whole (some 0.8 ms a glyph); its other digits are screened by their
contours' count only (`pdf_glyphs.contours`, a third of that) and judged
whole when the count is not their digit's. A font is judged from its first
digit (a title's year in its own face is a font drawing three digits).
"""

from __future__ import annotations

import ctypes
import weakref
from collections import Counter
from typing import NamedTuple

from .pdf_glyphs import Glyph, contours, glyph
from .pdfium_calls import calls

CONTRADICT = 1.5
DOUBT = 1.0  # a font drawing one digit only: its glyph nearer another digit than its own
DOUBTED = 0xF800  # + 10 x the digit said + the digit looked like: a doubted digit's character
LONE = 3.0  # a font drawing one digit only: one glyph must contradict plainly
SAMPLE = 2  # digits of a font judged whole first, the most drawn
SURE = 0.6  # a digit this much nearer its own than any other is its own, holes or not
# per digit, the holes its glyph may have: a mono 0's dot or slash makes two, an open 4 none
HOLES = ({1, 2}, {0}, {0}, {0}, {0, 1}, {0}, {1}, {0}, {2}, {1})
PAIRS = ((1, 7), (3, 8), (5, 6))
WHOLE = (1, 7)  # digits judged whole whenever drawn: look-alikes with the same holes


class _Font:
    """What one document has shown of a font's digits: code -> `Glyph` (or
    None: no outline) for those judged whole, code -> contour count for
    those screened, the verdict once it lies, and whether its lone digit is
    doubted: code -> the digit its glyph looks most like (DOUBT; None: believed)."""

    __slots__ = ("judged", "screened", "lies", "doubt")

    def __init__(self) -> None:
        self.judged: dict[int, Glyph | None] = {}
        self.screened: dict[int, int] = {}
        self.lies = False
        self.doubt: dict[int, int] | None = None


class PageDigits(NamedTuple):
    """A page's verdict: whether a font on it lies; (text page index, doubted
    character) of the digits of doubted fonts, and ((font name, digit), doubted
    character) for another engine's characters."""

    lies: bool = False
    doubted: tuple[tuple[int, str], ...] = ()
    fonts: tuple[tuple[tuple[str, str], str], ...] = ()


_VERDICTS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def verdicts(document) -> dict:
    """The font name -> `_Font` cache of one open document."""
    return _VERDICTS.setdefault(document, {})


def _digit(code: int) -> int:
    """The value of a digit's code point: 0-9, or fullwidth ０-９ (Chinese text's)."""
    return code - (0xFF10 if code >= 0xFF10 else 0x30)


def ratio(seen: Glyph, digit: int) -> float:
    """How many times farther `seen` lies from `digit` than from the nearest other digit."""
    distance = list(seen.distance)
    own = distance.pop(digit)
    return own / max(min(distance), 1)


def lying_digits(raw, tp, codes: list[int], indexes, verdicts: dict) -> PageDigits:
    """Whether a font drawing digits among the text page's characters `indexes`
    (`codes`: every character's code point) lies (the module's rules), and the
    digits of doubted fonts, its digits judged once a document (`verdicts`:
    font name -> `_Font`): a page whose figures lie has its table's and its
    prose's fonts judged."""
    api = calls()
    text_object, object_font = api.text_object_at, api.text_object_font
    fonts: dict[int, tuple[Counter, list]] = {}  # font address -> its digits' counts, indexes
    objects: dict[int, tuple[Counter, list]] = {}  # text object address -> its font's
    for i in indexes:
        code = codes[i]
        if 0x30 <= code <= 0x39 or 0xFF10 <= code <= 0xFF19:
            obj = text_object(tp, i)
            found = objects.get(obj)
            if found is None:
                font = (object_font(ctypes.c_void_p(obj)) if obj else None) or 0
                found = fonts.get(font)
                if found is None:
                    found = fonts[font] = (Counter(), [])
                objects[obj] = found
            found[0][code] += 1
            found[1].append(i)
    name = ctypes.create_string_buffer(256)
    doubted: list[tuple[int, str]] = []
    pairs = []
    for address, (digits, where) in fonts.items():
        if address:
            font = ctypes.cast(address, type(raw.FPDFTextObj_GetFont.restype()))
            raw.FPDFFont_GetBaseFontName(font, name, 256)
            known = verdicts.get(name.value)
            if known is None:
                known = verdicts[name.value] = _Font()
            if known.lies or _lies(raw, font, digits, known):
                return PageDigits(True)
            if known.doubt:
                chars = {c: doubted_char(_digit(c), known.doubt[c]) for c in digits}
                doubted += [(i, chars[codes[i]]) for i in where]
                font_name = name.value.decode("utf-8", "replace")
                pairs += [((font_name, chr(c)), char) for c, char in chars.items()]
    return PageDigits(False, tuple(doubted), tuple(pairs))


def doubted_char(said: int, looks: int) -> str:
    """The character a doubted digit is given as: the digit its map says, the one its glyph looks like."""
    return chr(DOUBTED + 10 * said + looks)


def doubted_digits(char: str) -> tuple[int, int] | None:
    """(the digit said, the digit looked like) of a doubted character; None for another."""
    k = ord(char) - DOUBTED
    return divmod(k, 10) if 0 <= k < 100 else None


def _lies(raw, font, digits: Counter, known: _Font) -> bool:
    """Whether `font` lies, its digits on this page (`digits`) added to those
    the document showed before (`known`)."""
    judged, screened = known.judged, known.screened
    fresh = False
    for code, _ in digits.most_common():
        if code in judged or code in screened:
            continue
        fresh = True
        if len(judged) < SAMPLE:
            judged[code] = glyph(raw, font, code)
            continue
        count = screened[code] = contours(raw, font, code)
        if count and (_digit(code) in WHOLE or count - 1 not in HOLES[_digit(code)]):
            judged[code] = glyph(raw, font, code)
    if fresh:
        seen = {c: g for c, g in judged.items() if g is not None}
        drawn = len(judged) + len(screened)
        lies = _verdict(seen, drawn)
        lone = drawn == 1 and bool(seen) and (lies or any(
            ratio(g, _digit(c)) > DOUBT for c, g in seen.items()))
        known.lies = lies and not lone
        known.doubt = {c: _nearest(g, _digit(c)) for c, g in seen.items()} if lone else None
    return known.lies


def _nearest(seen: Glyph, digit: int) -> int:
    """The digit other than `digit` whose references `seen` lies nearest."""
    return min((d for d in range(10) if d != digit), key=lambda d: seen.distance[d])


def _verdict(judged: dict[int, Glyph], drawn: int) -> bool:
    """Whether the glyphs judged of a font (`drawn`: how many digits it drew) contradict its map."""
    ratios = {code: ratio(g, _digit(code)) for code, g in judged.items()}
    against = sum(r > CONTRADICT for r in ratios.values())
    if any(_misholed(g, _digit(code)) for code, g in judged.items()):
        return True
    if any(_partnered(judged[code], code, ratios[code]) or _swapped(judged, code, partner)
           for code, partner in _pairs(judged)):
        return True
    if drawn == 1:
        return any(r > LONE for r in ratios.values())
    return against >= SAMPLE and 2 * against >= len(ratios)


def _pairs(judged: dict) -> list[tuple[int, int]]:
    """(code, its look-alike's code) for the judged codes of a pair's first digit or its second."""
    out = []
    for code in judged:
        for one, other in PAIRS:
            if _digit(code) in (one, other):
                out.append((code, code + (other - one if _digit(code) == one else one - other)))
    return out


def _partnered(seen: Glyph, code: int, far: float) -> bool:
    """Whether a glyph said to be `code` lies CONTRADICT times nearer its look-alike's digit
    than its own (`far`: `ratio`), the look-alike its nearest."""
    digit = _digit(code)
    partner = next(b if a == digit else a for a, b in PAIRS if digit in (a, b))
    others = [seen.distance[d] for d in range(10) if d != digit]
    return far > CONTRADICT and seen.distance[partner] == min(others)


def _misholed(seen: Glyph, digit: int) -> bool:
    """Whether a glyph said to be `digit` has holes that digit never has: more
    (and not plainly its own digit), or fewer and nearer a digit with that
    many. (A font filling its glyphs by the non-zero rule, as TrueType and
    Type 1 do, must wind a counter against its outline to print it: so no
    honest glyph has fewer holes than its digit shows.)"""
    allowed = HOLES[digit]
    if seen.holes in allowed:
        return False
    if seen.holes > max(allowed):
        return ratio(seen, digit) > SURE
    like = [seen.distance[d] for d in range(10) if d != digit and seen.holes in HOLES[d]]
    nearer = seen.distance[digit] / max(min(like), 1)
    return nearer > 1.0


def _swapped(judged: dict[int, Glyph], code: int, partner: int) -> bool:
    """Whether the glyphs said to be `code` and `partner` (a look-alike pair)
    look more like each other's digit than their own, summed over the two."""
    if partner not in judged:
        return False
    a, b = _digit(code), _digit(partner)
    first, second = judged[code].distance, judged[partner].distance
    return first[b] + second[a] < first[a] + second[b]


__all__ = ["CONTRADICT", "DOUBT", "DOUBTED", "HOLES", "LONE", "PAIRS", "SAMPLE", "SURE", "PageDigits",
           "doubted_char", "doubted_digits", "lying_digits", "ratio", "verdicts"]
