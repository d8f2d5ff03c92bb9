"""Office packages of `struct_probe.py` as offices save them beyond the plain case:
Strict Open XML (Word's and Excel's "Strict Open XML" save formats: other namespaces),
a workbook whose title is only in its document properties, and a Word file whose
body names no body or title, printed only in its page header.
"""

from __future__ import annotations

import io
import re
import zipfile

from struct_shapes import html_tables, xlsx_variant

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HEADER_TYPE = _REL + "/header"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _strict_ns(m: re.Match) -> bytes:
    """A transitional namespace (or relationship type) as the Strict one."""
    family, name = m.group(1), m.group(2)
    name = {b"extended-properties": b"extendedProperties",
            b"custom-properties": b"customProperties"}.get(name, name)
    return b"http://purl.oclc.org/ooxml/" + family + b"/" + name


def strict(data: bytes) -> bytes:
    """The package with every transitional namespace and relationship type replaced by
    its Strict Open XML one (the package's own namespaces stay, as in Strict files)."""
    pattern = re.compile(rb"http://schemas\.openxmlformats\.org/"
                         rb"(wordprocessingml|spreadsheetml|drawingml|officeDocument)/2006/([\w-]+)")
    return _repack(data, lambda name, body: pattern.sub(_strict_ns, body)
                   if name.endswith((".xml", ".rels")) else body)


def _repack(data: bytes, edit, extra: dict[str, bytes] | None = None) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            z.writestr(item, edit(item.filename, src.read(item.filename)))
        for name, body in (extra or {}).items():
            z.writestr(name, body)
    return out.getvalue()


def xlsx_props_title(html: str) -> bytes:
    """The workbook with no title line on its first sheet, the title only in its
    document properties (File > Properties > 标题)."""
    import openpyxl

    texts, _ = html_tables(html)
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_variant(html, "xlsx-base")))
    ws = wb.worksheets[0]
    ws.delete_rows(1)  # the title line
    wb.properties.title = texts[0]
    wb.properties.creator = "Administrator"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _paragraph(text: str) -> str:
    return f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'


def docx_header(docx: bytes, title: str, agency: str, what: str) -> bytes:
    """The Word file with a page header: `what` is "name" (the body's name only in the
    header, the title below it without one), "title" (the whole title only in the
    first page's header) or "noise" (a header naming the body above, a page number in
    the footer, the body untouched). The signature's name line and the properties'
    title and author are taken out where the header alone is to name the body."""
    header = {"name": agency, "title": title, "noise": "青禾市人民政府门户网站"}[what]
    kind = "first" if what == "title" else "default"
    refs = (f'<w:headerReference w:type="{kind}" r:id="rIdHdr1"/>'
            '<w:footerReference w:type="default" r:id="rIdFtr1"/>'
            + ("<w:titlePg/>" if kind == "first" else ""))

    def edit(name: str, body: bytes) -> bytes:
        if not name.endswith((".xml", ".rels")):
            return body
        text = body.decode("utf-8")
        if name == "word/document.xml":
            text = re.sub(r"(<w:sectPr[^>]*>)", lambda m: m.group(1) + refs, text, count=1)
            if what != "noise":
                new_title = "" if what == "title" else title.replace(agency, "", 1)
                text = text.replace(f"<w:t>{title}</w:t>", f"<w:t>{new_title}</w:t>", 1)
                text = text.replace(f"<w:t>{agency}</w:t>", "<w:t></w:t>")  # the signature's name
        elif name == "word/_rels/document.xml.rels":
            text = text.replace("</Relationships>",
                                f'<Relationship Id="rIdHdr1" Type="{_HEADER_TYPE}" Target="header1.xml"/>'
                                f'<Relationship Id="rIdFtr1" Type="{_REL}/footer" Target="footer1.xml"/>'
                                "</Relationships>")
        elif name == "[Content_Types].xml":
            part = "application/vnd.openxmlformats-officedocument.wordprocessingml"
            text = text.replace("</Types>",
                                f'<Override PartName="/word/header1.xml" ContentType="{part}.header+xml"/>'
                                f'<Override PartName="/word/footer1.xml" ContentType="{part}.footer+xml"/>'
                                "</Types>")
        elif name == "docProps/core.xml" and what != "noise":
            text = re.sub(r"<dc:(title|creator)>[^<]*</dc:\1>", r"<dc:\1></dc:\1>", text)
        return text.encode("utf-8")

    parts = {"word/header1.xml": _part("hdr", _paragraph(header)),
             "word/footer1.xml": _part("ftr", _paragraph("- 1 -"))}
    return _repack(docx, edit, parts)


def _part(tag: str, body: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{tag} xmlns:w="{_W}" '
            f'xmlns:r="{_REL}">{body}</w:{tag}>').encode("utf-8")


def excel_mht(html: str, charset: str = "gb2312") -> bytes:
    """The report as Excel's "single file web page" of a workbook (a sheet of text, a
    sheet per table): the first part is a frameset naming each sheet's part
    (x:WorksheetSource), the sheets and the tab strip are parts of their own."""
    import quopri

    from html import escape

    texts, tables = html_tables(html)
    sheets = ["".join(f"<tr><td>{escape(t)}</td></tr>" for t in texts)]
    for rows in tables:
        sheets.append("".join("<tr>" + "".join(
            f"<td{f' rowspan={rs}' if rs > 1 else ''}{f' colspan={cs}' if cs > 1 else ''}>{escape(t)}</td>"
            for t, rs, cs in row) + "</tr>" for row in rows))
    base = "file:///C:/8F2A/年报.files/"
    names = [f"sheet{k:03d}.htm" for k in range(1, len(sheets) + 1)]
    book = "".join(f"<x:ExcelWorksheet><x:Name>表{k}</x:Name><x:WorksheetSource HRef=\"年报.files/{n}\"/>"
                   "</x:ExcelWorksheet>" for k, n in enumerate(names))
    frames = (f'<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta http-equiv=Content-Type '
              f'content="text/html; charset={charset}"><!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets>'
              f"{book}</x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]--></head>"
              f'<frameset rows="*,39" border=0><frame src="年报.files/{names[0]}" name="frSheet">'
              '<frame src="年报.files/tabstrip.htm" name="frTabs"><noframes><body>'
              "<p>此页面使用了框架，而您的浏览器不支持框架。</p></body></noframes></frameset></html>")
    parts = [("file:///C:/8F2A/年报.htm", frames)]
    parts += [(base + n, f'<html><head><meta http-equiv=Content-Type content="text/html; charset={charset}">'
                         f"</head><body><table border=0>{body}</table></body></html>")
              for n, body in zip(names, sheets)]
    parts.append((base + "tabstrip.htm", "<html><body><table><tr>" + "".join(
        f"<td><a href=\"{n}\" target=frSheet>表{k}</a></td>" for k, n in enumerate(names)) + "</tr></table></body></html>"))
    boundary = "----=_NextPart_01DA5F1C.3E2B7A10"
    out = [f"MIME-Version: 1.0\r\nX-Document-Type: Workbook\r\nContent-Type: multipart/related; "
           f'boundary="{boundary}"\r\n\r\n此文档为“单个文件网页”，也称为“Web 档案”文件。\r\n']
    for location, page in parts:
        body = quopri.encodestring(page.encode("gb18030")).decode("ascii")
        out.append(f"\r\n--{boundary}\r\nContent-Location: {location}\r\nContent-Transfer-Encoding: "
                   f'quoted-printable\r\nContent-Type: text/html; charset="{charset}"\r\n\r\n{body}\r\n')
    out.append(f"--{boundary}--\r\n")
    return "".join(out).encode("gb18030")
