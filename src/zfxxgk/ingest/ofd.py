"""OFD reports (GB/T 33190, China's fixed-layout format) -> `Document`.

Many government portals publish the annual report as `.ofd`. An OFD is a ZIP:
`OFD.xml` names the document (`DocBody/DocRoot`), whose `Document.xml` lists the
pages (`Pages/Page`, each a `Content.xml`), the page templates (running heads,
page numbers) and the resource files (pictures, composite graphics). Each page
is reduced to the `PageContent` a PDF page is reduced to (`ofd_objects.py`:
characters and ruling edges, in points from the top left), and from there the
PDF loader's own stages make the lines and the ruled tables (`pdf.page_items`,
`join_split_rows`, `items_to_lines`): there is one table finder, not two, and
the parser sees an OFD exactly as it sees a PDF.

A page that is only pictures (a scanned report saved as OFD) is drawn from its
pictures onto a blank page and read by OCR, as a scanned PDF page is; without
OCR (--no-ocr) a wholly scanned OFD is refused with the reason, and the
picture pages of a text OFD are named so the parser can say a table may be a
picture. A damaged file (a missing part, bad XML) is refused in one Chinese
line; ZIP bombs are stopped before this module by `zipguard` (load.py).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from typing import Any

from ..errors import InputError, TooLarge
from . import pdf_text
from .document import Document
from .ofd_objects import PT_PER_MM, PageObjects, kids, kids_text, local, numbers, read_layer
from .ooxml import safe_xml
from .pdf import (MAX_PAGES, Item, keep_read, ocr_document, pages_document, pictured_pages,
                  scan_and_textless)
from .pdf_layout import PageContent
from .pdf_pages import document_properties, has_text
from .zipguard import ZIP_ERRORS, zip_damage

# A4, for a page whose size the file does not give.
A4 = (210.0, 297.0)
# Resolution a picture page is drawn at for OCR, as a scanned PDF page is rendered.
OCR_DPI = 200
OCR_MAX_SIDE = 3600


class Package:
    """The ZIP's parts by name; every read failure is a Chinese InputError."""

    def __init__(self, data: bytes, source: str | None):
        self.source = source
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            self.names = {n.lstrip("/"): n for n in self.zip.namelist()}
        except ZIP_ERRORS as e:
            raise self.damaged(f"无法打开（{zip_damage(e)}）") from None
        self._upper = {n.upper(): n for n in self.names}

    def damaged(self, why: str) -> InputError:
        return InputError(f"OFD 文件已损坏：{why}", source=self.source)

    def has(self, name: str) -> bool:
        return self._find(name) is not None

    def _find(self, name: str) -> str | None:
        key = posixpath.normpath(name.lstrip("/"))
        stripped = key if key in self.names else self._upper.get(key.upper())
        return self.names[stripped] if stripped else None

    def read(self, name: str, what: str) -> bytes:
        member = self._find(name)
        if member is None:
            raise self.damaged(f"缺少{what}（{name}）")
        try:
            return self.zip.read(member)
        except ZIP_ERRORS as e:
            raise self.damaged(f"{what}（{name}）无法解压（{zip_damage(e)}）") from None

    def xml(self, name: str, what: str):
        """A part's XML tree: no entity resolved, nothing fetched."""
        from lxml import etree

        data = self.read(name, what)
        try:
            return safe_xml(data)
        except etree.XMLSyntaxError as e:
            raise self.damaged(f"{what}（{name}）不是有效的 XML（{e.msg}）") from None


def resolve(base: str, loc: str | None) -> str:
    """A location in the package: absolute from the root, else relative to `base`
    (the folder of the part that names it)."""
    loc = (loc or "").strip().replace("\\", "/")
    path = loc.lstrip("/") if loc.startswith("/") else posixpath.join(base, loc)
    return posixpath.normpath(path).lstrip("/")


class Resources:
    """A document's resource files: pictures (MultiMedia) and composite graphics,
    by ID; page resources are added as each page names them."""

    def __init__(self, package: Package):
        self.package = package
        self.media: dict[str, str] = {}
        self.units: dict[str, Any] = {}
        self._read: set[str] = set()

    def add(self, path: str) -> None:
        if path in self._read or not self.package.has(path):
            return  # a missing resource file costs its pictures, not the text
        self._read.add(path)
        root = self.package.xml(path, "资源文件")
        base = resolve(posixpath.dirname(path), root.get("BaseLoc") or "")
        for group in root:
            for res in group:
                name, rid = local(res.tag), res.get("ID", "")
                if name == "MultiMedia":
                    self.media[rid] = resolve(base, kids_text(res, "MediaFile"))
                elif name == "CompositeGraphicUnit":
                    self.units[rid] = res


def load_ofd(data: bytes, source: str | None = None, ocr: bool = True) -> Document:
    package = Package(data, source)
    root = package.xml(_root_name(package), "OFD.xml")
    body = next(iter(kids(root, "DocBody")), None)
    if body is None:
        raise package.damaged("OFD.xml 中没有文档（DocBody）")
    if not kids_text(body, "DocRoot").strip():
        raise package.damaged("OFD.xml 中没有文档的入口（DocRoot）")
    doc_path = resolve("", kids_text(body, "DocRoot"))
    document = package.xml(doc_path, "文档描述")
    doc_dir = posixpath.dirname(doc_path)
    common = next(iter(kids(document, "CommonData")), document)
    resources = Resources(package)
    for name in ("PublicRes", "DocumentRes"):
        for res in kids(common, name):
            resources.add(resolve(doc_dir, res.text))
    templates = {t.get("ID", ""): resolve(doc_dir, t.get("BaseLoc")) for t in kids(common, "TemplatePage")}
    default_size = _size(common, "PageArea") or A4
    pages = [resolve(doc_dir, p.get("BaseLoc")) for ps in kids(document, "Pages")
             for p in kids(ps, "Page")]
    if len(pages) > MAX_PAGES:
        raise TooLarge(f"OFD 有 {len(pages)} 页，超过 {MAX_PAGES} 页的上限，不像年度报告", source=source)
    if not pages:
        raise package.damaged("文档中没有页面")
    read = [_page(package, (n, path, doc_dir), templates, resources, default_size)
            for n, path in enumerate(pages, 1)]
    meta = {"pages": str(len(pages)), **_properties(body)}
    return _ofd_document([objects for objects, _ in read], [size for _, size in read],
                         resources, source, meta, ocr)


def _root_name(package: Package) -> str:
    return next((n for n in package.names if n.upper() == "OFD.XML"), "OFD.xml")


def _size(element, area: str) -> tuple[float, float] | None:
    """Width and height (mm) of a PageArea/Area's PhysicalBox."""
    for a in kids(element, area):
        box = numbers(kids_text(a, "PhysicalBox"))
        if len(box) == 4 and 0 < box[2] < 10_000 and 0 < box[3] < 10_000:
            return box[2], box[3]
    return None


def _page(package: Package, where: tuple[int, str, str], templates: dict[str, str],
          resources: Resources, default: tuple[float, float]) -> tuple[PageObjects, tuple]:
    """One page's objects: background templates, its own layers, foreground
    templates, in drawing order; and its size in mm. `where`: the page's number,
    its Content.xml and the document's folder (producers write a page's own
    resource file relative to either)."""
    number, path, doc_dir = where
    page = package.xml(path, f"第{number}页的内容")
    for res in kids(page, "PageRes"):
        for base in (posixpath.dirname(path), doc_dir):
            if package.has(resolve(base, res.text)):
                resources.add(resolve(base, res.text))
                break
    objects = PageObjects()
    uses = kids(page, "Template")
    behind = [t for t in uses if t.get("ZOrder", "Background") != "Foreground"]
    for use in behind:
        _layers(package, templates.get(use.get("TemplateID", "")), objects, resources)
    for content in kids(page, "Content"):
        for layer in kids(content, "Layer"):
            read_layer(layer, objects, resources.units.get)
    for use in uses:
        if use not in behind:
            _layers(package, templates.get(use.get("TemplateID", "")), objects, resources)
    return objects, _size(page, "Area") or default


def _layers(package: Package, path: str | None, objects: PageObjects, resources: Resources) -> None:
    """A template page's objects (page furniture: heads, numbers, frames); a
    template missing from the package costs its furniture, not the report."""
    if not path or not package.has(path):
        return
    template = package.xml(path, "模板页")
    for content in kids(template, "Content"):
        for layer in kids(content, "Layer"):
            read_layer(layer, objects, resources.units.get)


def _properties(body) -> dict[str, str]:
    """Title, subject and author of DocInfo, as the PDF's are kept (`doc_*`)."""
    info = next(iter(kids(body, "DocInfo")), None)
    if info is None:
        return {}
    return document_properties({k: kids_text(info, k) for k in ("Title", "Subject", "Author")}, "OFD")


def _ofd_document(objects: list[PageObjects], sizes: list[tuple[float, float]],
                   resources: Resources, source: str | None, meta: dict[str, str],
                   ocr: bool) -> Document:
    """The pages' objects -> Document, by the PDF loader's stages."""
    contents = [PageContent(o.chars, o.edges, len(o.pictures),
                            pictures=tuple(p.box for p in o.pictures)) for o in objects]
    chars = [pdf_text.page_chars(c.chars) for c in contents]
    if not any(c.images for c in contents) and not any(map(has_text, chars)):
        # "not a report" would blame the wrong thing
        outlines = "（文字可能画成了矢量图形）" if any(c.edges for c in contents) else ""
        raise InputError(f"OFD 文件中没有文字{outlines}，也没有可识别的图片，无法读取其中的报告",
                         source=source)
    scan, textless = scan_and_textless(chars, contents)
    pictured = {} if scan else pictured_pages(chars, contents, textless)
    if not ocr:
        if scan:
            raise InputError("这是扫描件 OFD（页面只有图片，没有文字）；已关闭文字识别（--no-ocr），"
                             "无法读取其中的报告", source=source)
        unread = sorted({*textless, *pictured})
        if unread:  # the parser says a table there may be a picture
            meta["pictures"] = ",".join(map(str, unread))
        read = {}
    else:
        read = _ocr(objects, sizes, resources, sorted({*textless, *pictured}))
    read = keep_read(read, pictured, meta)
    if scan:
        doc = ocr_document(read, source, len(contents), meta)
        doc.kind = doc.kind.replace("pdf", "ofd")
        return doc
    return pages_document(chars, contents, read, pictured, meta, source, "ofd")


def _ocr(objects: list[PageObjects], sizes: list[tuple[float, float]], resources: Resources,
         pages: list[int]) -> dict[int, list[Item]]:
    """The picture pages drawn and read by OCR: page number -> items, top in points."""
    if not pages:
        return {}
    from .ocr import check_page_count, read_images
    from .ocr.lines import ocr_lines

    check_page_count(len(pages), resources.package.source)
    drawn = (_draw(objects[n - 1], sizes[n - 1], resources) for n in pages)  # one at a time
    # progress as a scanned PDF's: (page number, pages in the file)
    found = read_images(drawn, len(objects), numbers=pages)
    out = {}
    for n, items in zip(pages, found):
        scale = PT_PER_MM / _px_per_mm(sizes[n - 1])  # points per pixel
        kept = [it for it in ocr_lines(items, scale) if it.grid or (it.text or "").strip()]
        if kept:
            out[n] = sorted(kept, key=lambda it: it.top)
    return out


def _px_per_mm(size: tuple[float, float]) -> float:
    return min(OCR_DPI / 25.4, OCR_MAX_SIDE / max(size))


def _draw(objects: PageObjects, size: tuple[float, float], resources: Resources):
    """A greyscale page image with the page's pictures drawn in their boxes."""
    import numpy as np
    from PIL import Image

    from .ocr.images import decode_image

    px_per_mm = _px_per_mm(size)
    canvas = Image.new("L", (max(1, round(size[0] * px_per_mm)), max(1, round(size[1] * px_per_mm))),
                       255)
    per_pt = px_per_mm / PT_PER_MM
    for picture in objects.pictures:
        path = resources.media.get(picture.resource)
        image = decode_image(resources.package.read(path, "图片")) if path and \
            resources.package.has(path) else None
        x0, top, x1, bottom = (round(v * per_pt) for v in picture.box)
        if image is None or not (2 <= x1 - x0 <= 2 * canvas.width) \
                or not (2 <= bottom - top <= 2 * canvas.height):
            continue  # no picture, or a box no page holds
        scaled = Image.fromarray(image).resize((x1 - x0, bottom - top), Image.Resampling.LANCZOS)
        canvas.paste(scaled, (x0, top))
    return np.asarray(canvas, dtype=np.uint8)


__all__ = ["Package", "load_ofd", "resolve"]
