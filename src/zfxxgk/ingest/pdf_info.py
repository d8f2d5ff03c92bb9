"""A PDF's properties as Chinese producers write them, read by pdfminer's objects.

Two kinds of file name their title where `get_metadata_dict` finds none or garbage:

- Information dictionary strings written as raw GBK/GB18030 (or UTF-8 without a
  byte order mark) bytes, which a reader decodes as PDFDocEncoding into Latin-looking
  mojibake ("ÇàºÌÊÐ..."). `legacy_text` recovers the Chinese where the bytes are
  clean Chinese text in one of those encodings, and drops a string that is neither
  that nor plausible Latin text: a property is a witness of the body and year, so a
  wrong one is worse than none.
- Only XMP metadata (the catalog's `/Metadata` stream, dc:title), no Info /Title.
  `xmp_title` reads it with bounded size and the hostile-safe XML parser.
"""

from __future__ import annotations

import re
import zlib

from .ooxml import safe_xml

MAX_XMP = 256 * 1024  # a packet is a few KB; more is no metadata worth reading
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# what else a Chinese title holds besides ideographs and ASCII: CJK and full-width
# punctuation, quotes and dashes, the interpunct
_CHINESE_MARKS = re.compile(r"[\u3000-\u303f\uff00-\uffef\u2010-\u2027\u00b7]")
_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def chinese(text: str) -> bool:
    """Mostly Chinese text: two ideographs or more, at least as many as ASCII
    letters, and nothing outside ASCII that is not an ideograph or Chinese punctuation
    (a wrong decoding yields stray symbols, Latin letters or unassigned characters)."""
    ideographs = len(_CJK.findall(text))
    letters = sum(c.isascii() and c.isalpha() for c in text)
    stray = any(not (c.isascii() or _CJK.match(c) or _CHINESE_MARKS.match(c)) for c in text)
    return ideographs >= 2 and ideographs >= letters and not stray


def legacy_text(raw: bytes) -> str | None:
    """An Info string without byte order mark as Chinese producers write it: the
    text when the bytes read cleanly as UTF-8 or GB18030 into mostly Chinese text
    (UTF-8 first: its strict form is never GBK by accident in a title's length);
    "" (leave the property out) when most bytes lie outside ASCII and neither
    reading is Chinese; None (read as PDFDocEncoding) otherwise."""
    if raw.startswith((b"\xfe\xff", b"\xff\xfe", b"\xef\xbb\xbf")) or raw.isascii():
        return None
    for codec in ("utf-8", "gb18030"):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if chinese(text):
            return text
    return "" if 2 * sum(b >= 0x80 for b in raw) >= len(raw) else None


def suspect(value: object) -> bool:
    """A decoded Info string that may be legacy bytes read as PDFDocEncoding: not
    ASCII, nothing Chinese in it, every character one that a single byte decodes to
    (PDFDocEncoding maps bytes to Latin-1, a few punctuation marks and U+0000)."""
    return (isinstance(value, str) and not value.isascii() and not _CJK.search(value)
            and all(ord(c) < 0x2e80 or c in "\ufb01\ufb02" for c in value))


def garbled(value: str) -> bool:
    """A suspect string whose raw bytes cannot be had: garbage when most of it lies
    outside ASCII (as `legacy_text` judges the bytes)."""
    return 2 * sum(not c.isascii() for c in value) >= len(value)


def xmp_title(data: bytes) -> str:
    """dc:title of an XMP packet: the x-default alternative first, else the first;
    "" when the packet is no XML or names none, and never an alternative holding an
    entity (`safe_xml` expands none)."""
    from lxml import etree

    try:
        root = safe_xml(data.strip(b"\x00 \t\r\n"))
    except (etree.XMLSyntaxError, ValueError):
        return ""
    for title in root.iter("{http://purl.org/dc/elements/1.1/}title"):
        items = [li for li in title.iter(f"{_RDF}li")]
        items.sort(key=lambda li: li.get(_XML_LANG) != "x-default")  # stable: x-default first
        for li in items or [title]:
            if any(isinstance(node, etree._Entity) for node in li.iter()):
                continue  # an entity left unexpanded: the text is not all there
            text = "".join(li.itertext()).strip()
            if text:
                return text
    return ""


def stream_data(raw: bytes, filters: list[str]) -> bytes | None:
    """A metadata stream's bytes, unfiltered within MAX_XMP (none, or FlateDecode:
    what producers write); None beyond it or for another filter."""
    if not filters:
        data = raw
    elif filters == ["FlateDecode"]:
        try:
            data = zlib.decompressobj().decompress(raw, MAX_XMP + 1)
        except zlib.error:
            return None
    else:
        return None
    return data if len(data) <= MAX_XMP else None


__all__ = ["MAX_XMP", "chinese", "garbled", "legacy_text", "stream_data", "suspect", "xmp_title"]
