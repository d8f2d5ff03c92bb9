"""What Word (DOCX) and Excel (XLSX) packages share: Strict Open XML read as the
usual (transitional) kind, and the document properties (File > Properties).

Word and Excel can save "Strict Open XML": the same parts under other namespaces
(``http://purl.oclc.org/ooxml/wordprocessingml/main`` for
``http://schemas.openxmlformats.org/wordprocessingml/2006/main``), and relationship
types under the same new names. Neither our Word reader nor openpyxl knows them,
so such a report was "no report" at all. The namespaces map one to one, so a
Strict package is rewritten to the transitional names before it is read.
"""

from __future__ import annotations

import io
import re
import zipfile

from .document import property_meta
from .zipguard import ZIP_ERRORS

_STRICT = b"http://purl.oclc.org/ooxml/"
# Strict name -> transitional name, both after their family (officeDocument/...):
# all but these two only gain the "2006/" the transitional names carry.
_RENAMED = {b"extendedProperties": b"extended-properties", b"customProperties": b"custom-properties"}
_STRICT_NS = re.compile(rb"http://purl\.oclc\.org/ooxml/"
                        rb"(wordprocessingml|spreadsheetml|presentationml|drawingml|officeDocument)"
                        rb"/(\w+)")


def _transitional(m: re.Match) -> bytes:
    name = _RENAMED.get(m.group(2), m.group(2))
    return b"http://schemas.openxmlformats.org/" + m.group(1) + b"/2006/" + name


def is_strict(data: bytes) -> bool:
    """A Strict package: its root relationships name the main part by a Strict type.
    Only that small part is read (the caller has measured the package: zipguard)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            info = z.getinfo("_rels/.rels")
            return info.file_size < 64 * 1024 and _STRICT in z.read(info)
    except (*ZIP_ERRORS, KeyError):
        return False


# The package's main part names Word writes: word/document.xml, and word/document2.xml
# from Word for the web (the name is the package relationships' to choose).
WORD_MAIN = re.compile(r"^word/document\d*\.xml$")
_OFFICE_DOCUMENT = "/officeDocument"


def main_part(z: zipfile.ZipFile, default: str) -> str:
    """The main part's name as the package's relationships (_rels/.rels) give it, or
    `default` where they name none that is in the package."""
    from lxml import etree

    names = set(z.namelist())
    try:
        info = z.getinfo("_rels/.rels")
        rels = safe_xml(z.read(info)) if info.file_size < 64 * 1024 else None
    except (*ZIP_ERRORS, KeyError, etree.XMLSyntaxError):  # none, or damaged: the usual name
        rels = None
    for rel in rels if rels is not None else ():
        if (rel.get("Type") or "").endswith(_OFFICE_DOCUMENT):
            target = (rel.get("Target") or "").lstrip("/")
            if target in names:
                return target
    return default


def part_rels(part: str) -> str:
    """The relationships part of a part: word/document2.xml -> word/_rels/document2.xml.rels."""
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"


def transitional(data: bytes) -> bytes:
    """The package as the transitional kind when it is Strict (its XML parts and
    relationships renamed), else `data` itself. Parts that are not XML (pictures,
    embedded files) are copied as they are."""
    if not is_strict(data):
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for item in src.infolist():
            body = src.read(item)
            if item.filename.endswith((".xml", ".rels")) and _STRICT in body:
                body = _STRICT_NS.sub(_transitional, body)
            z.writestr(item.filename, body)
    return out.getvalue()


# the file's properties (File > Properties in Word and Excel): a late witness of title and body
_PROPERTIES = (("docProps/core.xml", "{http://purl.org/dc/elements/1.1/}title", "doc_title"),
               ("docProps/core.xml", "{http://purl.org/dc/elements/1.1/}subject", "doc_subject"),
               ("docProps/core.xml", "{http://purl.org/dc/elements/1.1/}creator", "doc_author"),
               ("docProps/app.xml",
                "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Company",
                "doc_company"))
_MAX_PROPERTIES = 64 * 1024


def properties(z: zipfile.ZipFile, program: str) -> dict[str, str]:
    """Title, subject, author and company the file's properties state (often the template's
    or the computer's, so the parser takes them only where the text names nothing);
    `program` ("Word", "Excel") says whose properties they are in the parser's note."""
    from lxml import etree

    found: dict[str, object] = {}
    parsed: dict[str, object] = {}
    for part, tag, key in _PROPERTIES:
        if part not in parsed:
            try:
                info = z.getinfo(part)
                data = z.read(part) if info.file_size <= _MAX_PROPERTIES else b""
                parsed[part] = safe_xml(data) if data else None
            except (*ZIP_ERRORS, KeyError, etree.XMLSyntaxError):
                parsed[part] = None
        root = parsed[part]
        found[key] = root.findtext(tag) if root is not None else None
    return property_meta(found, program)


def safe_xml(data: bytes):
    """A part's XML tree, no entity resolved and nothing fetched (a hostile file's
    entities could read local files or the network)."""
    from lxml import etree

    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True,
                                                  huge_tree=False))


__all__ = ["is_strict", "properties", "safe_xml", "transitional"]
