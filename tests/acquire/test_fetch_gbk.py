"""A report page in GBK, its charset declared only in a <meta>, with one stray
byte (a character cut by the portal's CMS): it was classed a `page`, its
statistics tables unread. One byte the declared codec refuses sent the whole page
to detection, which refused it too, so neither the reader nor the link extractor
saw any text. The page is now read by its declaration, the stray byte as U+FFFD."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import report_page
from portal import Page, fetch_column, html_page
from zfxxgk.errors import InputError
from zfxxgk.ingest.html import decode_html

TITLE = "青禾市云岭区人民政府2022年政府信息公开工作年度报告"


def test_a_gbk_report_page_with_a_stray_byte_is_a_report(tmp_path: Path, documents):
    page = report_page(TITLE, documents["yunling"][1] + "<p>版权所有</p>".encode("utf-8"), "gbk").body
    cut = "版权".encode("gbk") + b"\x80" + "所有".encode("gbk")
    page = page.replace("版权所有".encode("gbk"), cut)
    entries = fetch_column({
        "/ndbg/index.html": Page(html_page("年报", f'<ul><li><a href="t2.html">{TITLE}</a></li></ul>')),
        "/ndbg/t2.html": Page(page, "text/html"),  # no charset in the header
    }, tmp_path)
    entry = entries["/ndbg/t2.html"]
    assert entry["kind"] == "report" and entry["reason"] is None
    assert entry["report_key"].startswith("青禾市云岭区人民政府|2022|")


def test_a_stray_byte_never_takes_the_digits_after_it():
    """gb18030's 'replace' reads b"\\x81" and the two digits after it as one bad
    sequence (12 of 1234 would remain, a wrong number); one byte only goes here."""
    data = ('<meta charset="gbk"><td>合计</td><td>12'.encode("gbk") + b"\x8134"
            + "</td><p>第二行</p>".encode("gbk"))
    text, encoding = decode_html(data + "公开".encode("gbk") * 200)
    assert encoding == "gb18030"
    assert "<td>12\ufffd34</td><p>第二行</p>" in text


def test_a_page_of_many_stray_bytes_is_not_read_by_its_declaration():
    data = '<meta charset="gbk"><p>年度报告</p>'.encode("gbk") + b"\x80\xff" * 50
    with pytest.raises(InputError):  # left to detection, which refuses it
        decode_html(data)
