"""A response's Content-Encoding undone here, a bounded piece at a time.

httpx undoes gzip, deflate and (with the brotli package installed, as it is here)
br itself, each network read at once: 1.6 KB of brotli is a gigabyte of zeros, made
in one piece before the size cap saw a byte of it, and a 64 KB read of gzip is
64 MB. The fetcher asks for gzip and deflate only; an answer in any other encoding
(which a server may not send unasked) is refused, and gzip and deflate are undone
`PIECE` bytes at a time, so that the cap stops a bomb before it fills the memory."""

from __future__ import annotations

import zlib
from collections.abc import Iterator

ACCEPTED = "gzip, deflate"
PIECE = 1024 * 1024  # the most one step of decoding makes


class EncodingRefused(ValueError):
    """An encoding not asked for, or a body that does not decode (Chinese message)."""


class Decoder:
    """Raw body bytes in (`feed`), the content out, never more than `PIECE` at once."""

    def __init__(self, content_encoding: str | None):
        names = [n.strip().lower() for n in (content_encoding or "").split(",")]
        names = [n for n in names if n and n != "identity"]
        if len(names) > 1 or (names and names[0] not in ("gzip", "x-gzip", "deflate")):
            raise EncodingRefused(f"服务器以未请求的压缩方式（{content_encoding}）发送内容，未下载")
        self.kind = names[0] if names else ""
        self._z = self._new(zlib.MAX_WBITS | 16 if self.kind in ("gzip", "x-gzip") else zlib.MAX_WBITS)
        self._started = False

    @staticmethod
    def _new(wbits: int):
        return zlib.decompressobj(wbits)

    def feed(self, data: bytes) -> Iterator[bytes]:
        if not self.kind:
            yield data
            return
        try:
            yield from self._pieces(data)
        except zlib.error as e:
            raise EncodingRefused(f"内容按 {self.kind} 解压失败（{e}）") from None

    def _pieces(self, data: bytes) -> Iterator[bytes]:
        if self.kind == "deflate" and not self._started and len(data) >= 2:
            self._started = True  # "deflate" is zlib-wrapped by the standard, raw on some servers
            if data[0] & 0x0F != 8 or (data[0] << 8 | data[1]) % 31:
                self._z = self._new(-zlib.MAX_WBITS)
        while True:
            out = self._z.decompress(data, PIECE)
            if out:
                yield out
            data = self._z.unconsumed_tail
            if not data and len(out) < PIECE:
                return
