"""Bytes -> text for report files of unknown encoding.

Reports reach us as whatever an office's editor or a portal saved: UTF-8 (with or
without BOM), UTF-16 from Windows tools, GBK/GB2312 from older systems. Guessing
wrong silently would turn every label into mojibake and every table into "missing",
so the order here goes from certain (BOM) to likely (strict UTF-8, GB18030) to a
statistical guess, and anything that looks like a binary file is refused with a
message that tells the user what they gave us.
"""

from __future__ import annotations

import re

from ..errors import BinaryInput, EmptyInput, UndecodableInput

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_GBK_NAMES = ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "euc-cn")


def declared_charset(page: bytes) -> str | None:
    """The charset a page's <meta> declares (in its first 4 KiB), lower case, the
    GBK family's names as gb18030, their superset: pages declared gb2312 use GBK
    characters. None when it declares none. Web pages and Excel's web archives
    are read so."""
    m = _CHARSET.search(page[:4096])
    if m is None:
        return None
    name = m.group(1).decode("ascii").lower()
    return "gb18030" if name in _GBK_NAMES else name


def utf8_or_gbk(raw: bytes) -> str | None:
    """A short text of no declared encoding (a zip member's name, a URL's escapes, a
    header): UTF-8 first (GBK bytes are almost never valid UTF-8, while UTF-8 often
    decodes as wrong GB18030), then GB18030; None when it is neither."""
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return None


def shown_name(name: str) -> str:
    """A file name as text every output can carry. A name whose bytes are not UTF-8
    (GBK, as Chinese Windows wrote it, copied to Linux) comes from the system with
    lone surrogates (PEP 383), which no UTF-8 output can encode: the JSON, HTML and
    XLSX writers and a whole batch failed on one such `source`. The bytes are read
    as `utf8_or_gbk` reads a zip member's name; what neither decodes shows as U+FFFD."""
    if name.isascii() or not any("\ud800" <= c <= "\udfff" for c in name):
        return name
    raw = name.encode("utf-8", "surrogateescape") if _escaped(name) else None
    if raw is not None:
        return utf8_or_gbk(raw) or raw.decode("utf-8", "replace")
    return name.encode("utf-8", "replace").decode("utf-8")


def _escaped(name: str) -> bool:
    """Whether every surrogate in the name stands for a byte (U+DC80..U+DCFF)."""
    return all(not "\ud800" <= c <= "\udfff" or "\udc80" <= c <= "\udcff" for c in name)


# Magic numbers of the binary formats users most often pass by mistake. The message
# names the format so the user knows what to do. Documents (PDF, Office, RTF) only
# reach this text decoder when it is called directly: `zfxxgk parse`/`check` and
# `api.parse_path` sniff them first and read them with their own loaders.
_LOADERS = "不能当作文本读取；zfxxgk parse、check 会按内容识别格式并读取它"
_FORMATS = ("zfxxgk 能读取文本（.txt、.md）、PDF、网页（HTML）、Word（DOCX）和 Excel（XLSX）格式的报告，"
            "装有 LibreOffice 时还能读取 DOC、WPS、RTF、XLS、ET、ODT、ODS；图片（PNG、JPEG、TIFF）由 zfxxgk parse、check 做文字识别（OCR）后读取")
_UNPACK = "请解压后读取其中的报告文件"
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", f"这是 PDF 文件，{_LOADERS}"),
    (b"PK\x03\x04", f"这是 ZIP 压缩文件（Word 的 DOCX、Excel 的 XLSX 也是这种格式），{_LOADERS}"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", f"这是旧版 Office 文件（DOC/XLS/WPS），{_LOADERS}"),
    (b"\x89PNG\r\n\x1a\n", f"这是 PNG 图片，{_FORMATS}"),
    (b"\xff\xd8\xff", f"这是 JPEG 图片，{_FORMATS}"),
    (b"GIF87a", f"这是 GIF 图片，{_FORMATS}"),
    (b"GIF89a", f"这是 GIF 图片，{_FORMATS}"),
    (b"{\\rtf", f"这是 RTF 文件，{_LOADERS}"),
    (b"Rar!\x1a\x07", f"这是 RAR 压缩文件，{_UNPACK}"),
    (b"\x1f\x8b", f"这是 GZIP 压缩文件，{_UNPACK}"),
    (b"7z\xbc\xaf\x27\x1c", f"这是 7z 压缩文件，{_UNPACK}"),
)

# BOMs, longest first: the UTF-32 LE BOM begins with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
)

# How much of the input the heuristics look at; enough for any report's first pages.
_SNIFF = 64 * 1024
# Share of control characters above which decoded "text" is taken for binary data.
_MAX_CONTROL_SHARE = 0.10
# Share of double-byte characters in the GB2312 area below which a strict GB18030
# decode is distrusted (Big5 or Latin-1 bytes also decode, as rare characters).
_MIN_GB2312_SHARE = 0.80
# Control characters (Unicode category Cc) other than tab, newline, CR, FF and VT:
# all below U+0100, so as the bytes of their Latin-1 encoding (`_control_count`).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0e, 0x20), *range(0x7f, 0xa0)])

UNDECODABLE = "无法识别文件的字符编码（不是 UTF-8、UTF-16 或 GB18030/GBK），请用文本编辑器另存为 UTF-8 后再试"


def decode(data: bytes) -> tuple[str, str]:
    """Decode a report file: return (text, name of the encoding used).

    Raises EmptyInput, BinaryInput or UndecodableInput (messages in Chinese)."""
    if not data:
        raise EmptyInput("文件为空")
    _refuse_known_binary(data)
    text, encoding = _decode(data)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise EmptyInput("文件只有空白，没有内容")
    _refuse_control_text(text)
    return text, encoding


def _decode(data: bytes) -> tuple[str, str]:
    for bom, name, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError:
                raise UndecodableInput(f"文件开头标明是 {name.upper()} 编码，但内容不符：{UNDECODABLE}")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    if b"\x00" in data:
        raise BinaryInput("文件含有二进制内容（NUL 字节），不是文本文件")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _gb2312_share(text) >= _MIN_GB2312_SHARE:
        return text, "gb18030"
    guessed = _guess(data)
    if guessed:
        return guessed
    if text is not None:
        return text, "gb18030"
    raise UndecodableInput(UNDECODABLE)


def _refuse_known_binary(data: bytes) -> None:
    head = data[:16].lstrip(b"\r\n\t ")
    for magic, message in MAGIC:
        if head.startswith(magic):
            raise BinaryInput(message)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without BOM shows as NULs in every other byte for the ASCII
    part (digits, spaces, newlines: every report has many). Only decode when the
    NULs sit mostly on one parity (CJK characters such as 一 U+4E00 put a few on
    the other), and the result holds no NUL, so binary files with NULs stay binary."""
    head = data[:_SNIFF]
    nuls = head.count(0)
    if nuls < max(4, len(head) // 40):  # a twentieth of the byte pairs, and never under 4
        return None  # (most files: told before the halves are copied to be counted)
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd >= nuls * 0.8:
        codec = "utf-16-le"
    elif even >= nuls * 0.8:
        codec = "utf-16-be"
    else:
        return None
    whole_pairs = data[:len(data) // 2 * 2]
    try:
        text = whole_pairs.decode(codec)
    except UnicodeDecodeError:
        return None
    if "\x00" in text:
        return None
    return text, codec


def _gb2312_share(text: str) -> float:
    """Share of the non-ASCII characters (in the first part) that GB2312 can encode:
    near 1 for genuine GBK/GB2312 Chinese text, about half for Big5 read as GBK.
    Counted from encoded lengths (ASCII takes one byte, GB2312 characters two) so
    that the work stays in C."""
    sample = text[:_SNIFF]
    ascii_count = len(sample.encode("ascii", "ignore"))
    wide = len(sample) - ascii_count
    if not wide:
        return 1.0
    common = (len(sample.encode("gb2312", "ignore")) - ascii_count) // 2
    return common / wide


def _guess(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's best guess, or None when it has none."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        return None
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError):
        return None


def _control_count(text: str) -> int:
    """How many control characters (`_CONTROL_BYTES`) the text holds. Counted in C:
    the Latin-1 encoding without what it cannot encode keeps every such character as
    its byte and drops the Chinese text; deleting the control bytes from it tells
    how many there were (three times as fast as a class search over a report)."""
    kept = text.encode("latin-1", "ignore")
    return len(kept) - len(kept.translate(None, _CONTROL_BYTES))


def _refuse_control_text(text: str) -> None:
    sample = text[:_SNIFF]
    controls = _control_count(sample)
    if controls > len(sample) * _MAX_CONTROL_SHARE:
        raise BinaryInput("文件大部分是控制字符，不像文本文件")
