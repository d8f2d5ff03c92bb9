"""A damaged page in a 年报 column (bytes no decoder reads) is saved and noted, and
the column's other links are still fetched: it ended the whole run (an InputError
out of the link extractor), the URLs after it never requested."""

from __future__ import annotations

from pathlib import Path

from portal import Page, fetch_column, html_page

GARBLED = b"\xff\xfe\x00<html>" + bytes(range(256)) * 10  # a UTF-16 mark, then no UTF-16


def test_a_page_that_cannot_be_decoded_does_not_end_the_run(tmp_path: Path):
    entries = fetch_column({
        "/ndbg/index.html": Page(html_page("年报", (
            '<ul><li><a href="bad.html">某街道2023年政府信息公开工作年度报告</a></li>'
            '<li><a href="good.html">某街道2024年政府信息公开工作年度报告</a></li></ul>'))),
        "/ndbg/bad.html": Page(GARBLED),
        "/ndbg/good.html": Page(html_page("2024年报", "<p>全文见附件。</p>")),
    }, tmp_path)
    assert "/ndbg/good.html" in entries and entries["/ndbg/good.html"]["status"] == 200
    bad = entries["/ndbg/bad.html"]
    assert bad["kind"] == "page" and bad["reason"].startswith("网页无法读取，其中的链接未跟进（")
    assert (tmp_path / bad["path"]).read_bytes() == GARBLED
