"""Word 2003 XML ("WordML", published as .doc) -> `Document`.

Office systems that export reports "to Word" from a template (FreeMarker and the
like) write Word 2003's XML format: one XML file, not a ZIP, that Word opens as a
document and portals publish as `.doc`. Read as text it is markup. Its elements are
those of DOCX under another namespace, so the tree is renamed into DOCX's and read
by docx.py's body reader; the few elements of its own are mapped to what DOCX
says: `w:vmerge` is `w:vMerge`, section wrappers (`wx:sect`, `wx:sub-section`) and
tracked insertions hold text as printed, tracked deletions and comments
(`aml:annotation`) are not printed.
"""

from __future__ import annotations

import hashlib
import re

from ..errors import InputError
from .document import Document, property_meta
from .docx import W, body_lines
from .ooxml import safe_xml
from .word_styles import apply_styles

WML = "{http://schemas.microsoft.com/office/word/2003/wordml}"
WX = "{http://schemas.microsoft.com/office/word/2003/auxHint}"
AML = "{http://schemas.microsoft.com/aml/2001/core}"
O = "{urn:schemas-microsoft-com:office:office}"
_SIGNATURE = re.compile(rb"<\?mso-application\s+progid=[\"']Word\.Document[\"']|<w:wordDocument[\s>]")
# (o:DocumentProperties child, Document.meta key), as docx.py reads docProps
_PROPERTIES = (("Title", "doc_title"), ("Subject", "doc_subject"), ("Author", "doc_author"),
               ("Company", "doc_company"))


def is_wordml(head: bytes) -> bool:
    """Whether an XML file's first bytes are a Word 2003 XML document."""
    return head.lstrip().startswith(b"<") and _SIGNATURE.search(head) is not None


def load_wordml(data: bytes, source: str | None = None) -> Document:
    from lxml import etree

    try:
        root = safe_xml(data)
    except etree.XMLSyntaxError as e:
        raise InputError(f"Word 2003 XML 文件不是有效的 XML（{e}）", source=source) from None
    meta = _properties(root)
    _as_docx(root)
    if root.find(f"{W}body") is not None:  # hidden and struck runs by their styles (w:styles)
        apply_styles(root.find(f"{W}body"), root.find(f"{W}styles"))
    lines, _ = body_lines(root.find(f"{W}body"), {}, source)
    return Document(lines=lines, source=source, sha256=hashlib.sha256(data).hexdigest(),
                    kind="docx", meta=meta)


def _as_docx(root) -> None:
    """Rename the tree into DOCX's vocabulary in place (see the module's note)."""
    for el in root.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag.startswith(WML):
            el.tag = W + ("vMerge" if tag == WML + "vmerge" else tag[len(WML):])
            for key in [k for k in el.attrib if k.startswith(WML)]:
                el.attrib[W + key[len(WML):]] = el.attrib.pop(key)
        elif tag in (WX + "sect", WX + "sub-section", AML + "content"):
            el.tag = W + "customXml"  # a wrapper docx.blocks looks through
        elif tag == AML + "annotation":
            kind = el.get(WML + "type") or ""
            el.tag = W + ("ins" if kind == "Word.Insertion" else "del")


def _properties(root) -> dict[str, str]:
    """Title, subject, author and company of `o:DocumentProperties`."""
    props = root.find(f"{O}DocumentProperties")
    return property_meta({key: props.findtext(O + name) if props is not None else None
                          for name, key in _PROPERTIES}, "Word")


__all__ = ["is_wordml", "load_wordml"]
