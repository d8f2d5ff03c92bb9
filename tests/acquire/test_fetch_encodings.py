"""Compressed answers: gzip and deflate are undone a bounded piece at a time, so a
bomb stops at the size cap with little memory; an encoding not asked for (br, which
httpx would undo in one piece: 1.6 KB of it is a gigabyte) is refused."""

from __future__ import annotations

import gzip
import tracemalloc
import zlib

import brotli
import pytest
from portal import Page, Portal

from zfxxgk.acquire import Policy
from zfxxgk.acquire.client import PoliteClient

TEXT = "某街道2024年政府信息公开工作年度报告".encode() * 400


@pytest.fixture
def portal():
    p = Portal({
        "/gzip": Page(gzip.compress(TEXT), headers={"Content-Encoding": "gzip"}),
        "/deflate": Page(zlib.compress(TEXT), headers={"Content-Encoding": "deflate"}),
        "/raw-deflate": Page(_raw_deflate(TEXT),
                             headers={"Content-Encoding": "deflate"}),
        "/br": Page(brotli.compress(TEXT), headers={"Content-Encoding": "br"}),
        "/twice": Page(gzip.compress(gzip.compress(TEXT)), headers={"Content-Encoding": "gzip, gzip"}),
        "/broken": Page(b"\x1f\x8b\x08\x00garbage" * 10, headers={"Content-Encoding": "gzip"}),
        "/bomb": Page(_gzip_zeros(200 * 1024 * 1024), headers={"Content-Encoding": "gzip"}),
    }).start()
    yield p
    p.stop()


def _raw_deflate(data: bytes) -> bytes:
    z = zlib.compressobj(wbits=-15)
    return z.compress(data) + z.flush()


def _gzip_zeros(n: int) -> bytes:
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1024 * 1024)
    return b"".join(z.compress(block) for _ in range(n // len(block))) + z.flush()


def _get(portal, path: str, cap: int = 10 * 1024 * 1024):
    with PoliteClient(Policy(delay=0, retries=0, max_bytes=cap)) as client:
        return client.get(portal.base + path)


@pytest.mark.parametrize("path", ["/gzip", "/deflate", "/raw-deflate"])
def test_gzip_and_deflate_are_read(portal, path):
    r = _get(portal, path)
    assert r.error is None and r.body == TEXT
    assert portal.log[-1][1]["accept-encoding"] == "gzip, deflate"


@pytest.mark.parametrize("path,said", [("/br", "（br）"), ("/twice", "（gzip, gzip）"), ("/broken", "解压失败")])
def test_an_encoding_not_asked_for_or_broken_is_refused(portal, path, said):
    r = _get(portal, path)
    assert r.body is None and said in r.error, r.error


def test_a_gzip_bomb_stops_at_the_cap_with_little_memory(portal):
    """200 MB of zeros in 200 KB of gzip, a 1 MB cap: refused as too large, and no
    more than a few MB made on the way (was: each 64 KB read undone at once, 64 MB)."""
    tracemalloc.start()
    try:
        r = _get(portal, "/bomb", cap=1024 * 1024)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert r.body is None and "超过" in r.error
    assert peak < 12 * 1024 * 1024, f"{peak / 2**20:.0f} MB"
