"""The look-alike portal of the fetch tests: a 年报 column of three list pages
(paged by a createPageHTML script, then by a 下一页 link), report pages holding the
project's example reports as HTML, pages with PDF and DOCX attachments, a folder
robots.txt forbids, a link to another host, a 429 and a 500 on first try, a
redirect, the same report offered twice (as a page and as a DOCX) and the same
PDF under two URLs."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import quote

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from portal import Page, Portal, html_page  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TRANSPORT_NAME = "交通运输局2024年报.docx"
PDF_NAME = "望湖街道2023年度报告.pdf"


@pytest.fixture(scope="session")
def documents() -> dict[str, tuple[object, bytes]]:
    """example name -> (parsed report, rendered bytes) for the formats the portal serves."""
    from zfxxgk import api
    from zfxxgk.render import render

    wanted = {"qinghe": ("qinghe-city-2024.txt", "html"),
              "yunling": ("yunling-district-2022.txt", "html"),
              "ecology": ("ecology-bureau-2023.md", "html"),
              "wanghu2020": ("wanghu-street-2020.txt", "html"),
              "wanghu2023": ("wanghu-street-2023.txt", "pdf"),
              "transport": ("transport-bureau-2024.md", "docx"),
              "qinghe_docx": ("qinghe-city-2024.txt", "docx")}
    out = {}
    for key, (name, fmt) in wanted.items():
        report = api.parse_path(EXAMPLES / name)
        data = render(report, fmt, fragment=True) if fmt == "html" else render(report, fmt)
        out[key] = (report, data.encode("utf-8") if isinstance(data, str) else data)
    return out


def report_page(title: str, fragment: bytes, charset: str = "utf-8") -> Page:
    body = f"<h1>{title}</h1>" + fragment.decode("utf-8")
    return Page(html_page(title, body, charset), f"text/html; charset={charset}")


def build_pages(docs, other_base: str) -> dict[str, Page]:
    transport_url = "/ndbg/2020/" + quote(TRANSPORT_NAME.encode("gb18030"))
    disposition = "attachment; filename=" + PDF_NAME.encode("gb18030").decode("latin-1")
    return {
        "/robots.txt": Page(b"User-agent: *\nDisallow: /private/\n", "text/plain"),
        "/ndbg/index.html": Page(html_page("年报", (
            '<ul><li><a href="2023/t1.html" title="青禾市人民政府2024年政府信息公开工作年度报告">青禾市人民政府2024年…</a></li>'
            '<li><a href="2022/t2.html">青禾市云岭区人民政府2022年政府信息公开工作年度报告</a></li>'
            '<li><a href="/private/t9.html">望湖街道2020年政府信息公开工作年度报告</a></li>'
            f'<li><a href="{other_base}/ndbg/x.html">其他区2023年政府信息公开年报</a></li>'
            '<li><a href="/zwgk/notice.html">关于开展政务公开培训的通知</a></li></ul>'
            '<script>createPageHTML(2, 0, "index", "html");</script>'), "gb2312"),
            "text/html; charset=gb2312"),
        "/ndbg/index_1.html": Page(html_page("年报", (
            '<ul><li><a href="2024/t3.html">望湖街道办事处2023年度政府信息公开工作年度报告</a></li>'
            '<li><a href="2020/t4.html">交通运输局2024年政府信息公开工作年度报告</a></li>'
            '<li><a href="/old/t5.html">生态环境局2023年政府信息公开工作年度报告</a></li></ul>'
            '<div class="page"><a href="index.html">上一页</a> <a href="list_more.html">下一页</a></div>'
        ))),
        "/ndbg/list_more.html": Page(html_page("年报", (
            '<ul><li><a href="2023/qinghe.docx">青禾市人民政府2024年政府信息公开工作年度报告（Word 版）</a></li>'
            '<li><a href="2023/t1.html">青禾市人民政府2024年政府信息公开工作年度报告</a></li></ul>'
            '<div class="page"><a href="index_1.html">上一页</a></div>'))),
        "/ndbg/2023/t1.html": report_page("青禾市人民政府2024年政府信息公开工作年度报告", docs["qinghe"][1]),
        "/ndbg/2022/t2.html": Page(
            report_page("青禾市云岭区人民政府2022年政府信息公开工作年度报告", docs["yunling"][1], "gbk").body,
            "text/html; charset=gbk", fail_first=429, retry_after="3"),
        "/private/t9.html": report_page("望湖街道2020年报", docs["wanghu2020"][1]),
        "/ndbg/2024/t3.html": Page(html_page("望湖街道2023年报", (
            '<p>望湖街道办事处2023年度政府信息公开工作年度报告全文见附件。</p>'
            '<p>附件：<a href="/module/download.jsp?id=88">望湖街道2023年度报告.pdf</a></p>'
            '<img src="/images/logo.png">'))),
        "/module/download.jsp?id=88": Page(docs["wanghu2023"][1], "application/octet-stream",
                                           headers={"Content-Disposition": disposition},
                                           fail_first=500),
        "/ndbg/2020/t4.html": Page(html_page("交通运输局2024年报", (
            f'<p>附件：<a href="{transport_url}">{TRANSPORT_NAME}</a></p>'
            '<p>另见：<a href="/module/download.jsp?id=89">望湖街道2023年度报告（同一文件）.pdf</a></p>'))),
        "/module/download.jsp?id=89": Page(docs["wanghu2023"][1], "application/pdf"),
        transport_url: Page(docs["transport"][1], DOCX),
        "/old/t5.html": Page(status=302, headers={"Location": "/ndbg/2021/t5.html"}),
        "/ndbg/2021/t5.html": report_page("青禾市生态环境局2023年政府信息公开工作年度报告", docs["ecology"][1]),
        "/ndbg/2023/qinghe.docx": Page(docs["qinghe_docx"][1], DOCX),
    }


@pytest.fixture()
def portals(documents):
    """(portal, other host's portal), started and stopped around each test."""
    other = Portal({"/ndbg/x.html": Page(b"<html>elsewhere</html>")}).start()
    main = Portal().start()
    main.pages = build_pages(documents, other.base.replace("127.0.0.1", "localhost"))
    yield main, other
    main.stop()
    other.stop()
