"""Hostile files, made on the fly (none is stored: some are large unpacked)."""

from __future__ import annotations

import io
import zipfile


def pdf_bytes(objects: list[bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF with a correct cross-reference table from numbered object bodies."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, root, trailer_extra, xref))
    return out.getvalue()


def blank_pdf(pages: int = 1) -> bytes:
    """Pages with no text at all: what a scan without OCR looks like to a reader."""
    kids = b" ".join(b"3 0 R" for _ in range(pages))
    return pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>",
                      b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
                      b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"])


def scanned_pdf(pages: int = 2) -> bytes:
    """A scan as scanners make it: each page one full-page picture, with only a
    printed page number as text (the threshold in `ingest.pdf.is_scan`)."""
    content = b"q 595 0 0 842 0 0 cm /Im1 Do Q BT /F1 10 Tf 290 20 Td (1) Tj ET"
    first_page = 3
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    resources = (b"/Resources << /XObject << /Im1 %d 0 R >> /Font << /F1 << /Type /Font "
                 b"/Subtype /Type1 /BaseFont /Helvetica >> >> >>" % (first_page + pages))
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] %s /Contents %d 0 R >>"
            % (resources, first_page + pages + 1))
    image = (b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
             b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x80\x40\x40\x80\nendstream")
    return pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>",
                      b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages)]
                     + [page] * pages
                     + [image, b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)])


def many_pages_pdf(pages: int = 200_000) -> bytes:
    """One page object referenced from a page tree that claims a huge count."""
    return blank_pdf(pages)


def nested_pdf(depth: int = 200_000) -> bytes:
    """An object of arrays nested very deep."""
    return pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R /Junk 4 0 R >>",
                      b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                      b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                      b"[" * depth + b"]" * depth])


def encrypted_pdf() -> bytes:
    """A PDF whose standard security handler wants a password we do not have."""
    return pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>",
                      b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                      b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
                      b"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 "
                      b"/O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>"],
                     trailer_extra=b"/Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef>"
                                   b"<0123456789abcdef0123456789abcdef>] ")


def char_flood_pdf(chars: int = 3_000_000) -> bytes:
    """One page whose packed content stream shows millions of characters: each
    becomes an object in pdfminer, so memory, not the file size, is the limit."""
    import zlib

    content = b"BT /F1 1 Tf 0 0 Td (" + b"x" * chars + b") Tj ET"
    packed = zlib.compress(content, 9)
    return pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>",
                      b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                      b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font "
                      b"<< /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> "
                      b"/Contents 4 0 R >>",
                      b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream"
                      % (len(packed), packed)])


def docx_bomb(megabytes: int = 300) -> bytes:
    """A DOCX whose document.xml unpacks to `megabytes` MB (a few hundred KB packed)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                    b'2006/main"><w:body><w:p><w:r><w:t>')
            chunk = "政府信息公开".encode() * 50_000
            for _ in range(megabytes * 1024 * 1024 // len(chunk)):
                f.write(chunk)
            f.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return buf.getvalue()


def padded_zip(data: bytes, megabytes: int, name: str = "xl/media/image1.bin") -> bytes:
    """A real DOCX/XLSX with one more member of `megabytes` MB of zeros (packs a
    thousand times): a bomb by declared size, with the document parts intact."""
    buf = io.BytesIO(data)
    with zipfile.ZipFile(buf, "a", zipfile.ZIP_DEFLATED) as z:
        with z.open(name, "w", force_zip64=True) as f:
            chunk = bytes(1024 * 1024)
            for _ in range(megabytes):
                f.write(chunk)
    return buf.getvalue()


def nested_html(depth: int = 1_000_000) -> bytes:
    return (b"<html><body>" + b"<div>" * depth + "政府信息公开工作年度报告".encode()
            + b"</div>" * depth + b"</body></html>")


def wide_html(columns: int = 10_000) -> bytes:
    row = b"".join(b"<td>%d</td>" % i for i in range(columns))
    return ("<html><body><p>政府信息公开工作年度报告</p><table><tr>".encode() + row
            + b"</tr></table></body></html>")


def broken_deflate(data: bytes, member: str) -> bytes:
    """The ZIP `data` with the start of `member`'s compressed bytes scrambled: the
    directory opens, reading the member fails in zlib (a download cut and patched)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo(member)
    assert info.compress_type == zipfile.ZIP_DEFLATED and info.compress_size > 64
    header = data[info.header_offset:info.header_offset + 30]
    start = (info.header_offset + 30 + int.from_bytes(header[26:28], "little")
             + int.from_bytes(header[28:30], "little"))
    return data[:start + 2] + bytes([0xFF]) * 24 + data[start + 26:]


def future_zip(data: bytes) -> bytes:
    """The ZIP `data` with its first directory entry asking for a ZIP version no
    reader implements (zipfile refuses to open it: NotImplementedError)."""
    at = data.rindex(b"PK\x05\x06")
    first = int.from_bytes(data[at + 16:at + 20], "little")  # the central directory's offset
    assert data[first:first + 4] == b"PK\x01\x02"
    return data[:first + 6] + (160).to_bytes(2, "little") + data[first + 8:]
