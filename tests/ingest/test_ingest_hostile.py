"""Hostile inputs: each a clean Chinese InputError in bounded time and memory, and
the sandbox's next document still parses (the rest of the run is unaffected).
(A scan is not an error but a report with F-TABLE findings: test_ingest_pdf.py.)"""

from __future__ import annotations

import time

import pytest

import hostile as H
import ingest_fixtures as F
from samples import differences
from zfxxgk.api import report_from_loaded
from zfxxgk.errors import InputError
from zfxxgk.ingest.sandbox import Sandbox, SandboxLimit, SandboxOptions
from zfxxgk.model import report_to_dict

def parse(box: Sandbox, data: bytes, name: str):
    """The sandbox loads; the parse of what it loaded happens here, as in api.parse_bytes."""
    return report_from_loaded(box.load(data, name))


SECONDS = 30  # per hostile document, worker start-up included
MEMORY_MB = 768


@pytest.fixture(scope="module")
def sandbox():
    with Sandbox(SandboxOptions(memory_mb=MEMORY_MB, timeout_s=SECONDS)) as box:
        yield box


HOSTILE = {
    "pdf-huge-page-count": (H.many_pages_pdf, "页的上限"),
    "pdf-encrypted": (H.encrypted_pdf, "加密"),
    "docx-zip-bomb": (lambda: H.docx_bomb(64), "压缩炸弹"),
    "xlsx-zip-bomb": (lambda: H.padded_zip(F.xlsx_report(), 210), "超过 200 MB"),
    "html-million-nested-tags": (H.nested_html, None),
    "html-10000-columns": (H.wide_html, "10000 个单元格"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_is_a_clean_error(sandbox, name):
    make, words = HOSTILE[name]
    data = make()
    start = time.monotonic()
    with pytest.raises(InputError) as info:
        parse(sandbox, data, name)
    assert time.monotonic() - start < SECONDS + 5
    assert info.value.source == name and info.value.message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in info.value.message)
    if words:
        assert words in info.value.message
    # the run goes on: the next document is read as if nothing happened
    report = parse(sandbox, F.html_report("gbk"), "next.html")
    assert differences(F.expected(), report_to_dict(report)) == []


def test_nested_pdf_objects_are_read_in_bounded_time(sandbox):
    """pdfminer parses the deep array without recursion and skips it as page
    content; what is left is a page without text, reported as such (F-TABLE)."""
    from zfxxgk.api import check_report

    start = time.monotonic()
    report = parse(sandbox, H.nested_pdf(), "nested.pdf")
    assert time.monotonic() - start < SECONDS + 5
    assert {f.rule for f in check_report(report)} == {"F-TABLE"}
    report = parse(sandbox, F.html_report("gbk"), "next.html")
    assert differences(F.expected(), report_to_dict(report)) == []


def test_character_flood_ends_in_bounded_time_and_memory():
    """Millions of characters on one page. pdfminer's objects outgrew a 160 MB
    worker (killed: the memory message); PDFium reads them inside the limit in
    seconds and the page is judged as what it is, no report. Either way the
    document ends as a clean Chinese error and the next one parses."""
    from zfxxgk.errors import NotAReport

    with Sandbox(SandboxOptions(memory_mb=160, timeout_s=SECONDS)) as box:
        start = time.monotonic()
        with pytest.raises((SandboxLimit, NotAReport)) as info:
            parse(box, H.char_flood_pdf(), "flood.pdf")
        assert time.monotonic() - start < SECONDS
        message = info.value.message
        assert "内存" in message or "不是政府信息公开工作年度报告" in message
        report = parse(box, F.html_report("gbk"), "next.html")
        assert differences(F.expected(), report_to_dict(report)) == []


@pytest.mark.parametrize("make,words", [
    (lambda: H.docx_bomb(64), "倍"),  # 64 MB from a few hundred KB: the packing ratio
    (lambda: H.padded_zip(F.docx_report(), 210, "word/media/image1.bin"), "200 MB"),
], ids=["ratio", "size"])
def test_zip_bomb_refused_before_unpacking(make, words):
    """The declared sizes are read, nothing is unpacked: in-process and fast."""
    from zfxxgk.errors import TooLarge
    from zfxxgk.ingest.load import load_document

    data = make()
    start = time.monotonic()
    with pytest.raises(TooLarge) as info:
        load_document(data, "bomb.docx")
    assert time.monotonic() - start < 2
    assert words in info.value.message and "压缩炸弹" in info.value.message


def test_ordinary_zip_documents_pass_the_guard():
    from zfxxgk.ingest.zipguard import check_zip

    check_zip(F.docx_report(), "docx")
    check_zip(H.padded_zip(F.xlsx_report(), 20), "xlsx")  # 20 MB of pictures: a report


def test_time_limit():
    with Sandbox(SandboxOptions(memory_mb=MEMORY_MB, timeout_s=0.05)) as box:
        with pytest.raises(SandboxLimit) as info:
            parse(box, H.many_pages_pdf(), "slow.pdf")
        assert "读取超时" in info.value.message


DAMAGED = {
    "docx-broken-deflate": (lambda: H.broken_deflate(F.docx_report(), "word/document.xml"),
                            "Word 文件（DOCX）已损坏，无法读取（压缩数据已损坏）"),
    "docx-future-zip-version": (lambda: H.future_zip(F.docx_report()),
                                "文件已损坏，无法读取（使用了不支持的压缩方式或版本）"),
    "xlsx-future-zip-version": (lambda: H.future_zip(F.xlsx_report()),
                                "文件已损坏，无法读取（使用了不支持的压缩方式或版本）"),
}


@pytest.mark.parametrize("name", sorted(DAMAGED))
def test_damaged_zip_document_says_so_in_chinese(sandbox, name):
    """A ZIP document damaged in ways zipfile reports with zlib.error or
    NotImplementedError is a damaged file, not an internal error."""
    make, message = DAMAGED[name]
    with pytest.raises(InputError) as info:
        parse(sandbox, make(), name)
    assert info.value.message == message
