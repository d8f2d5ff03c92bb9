"""Portal page shapes: an ASP.NET page wraps its whole body in one <form>; a search
box is a small <form> of its own; a page may show the report in a frame."""

from __future__ import annotations

import ingest_fixtures as F
from samples import differences
from zfxxgk.api import report_from_bytes
from zfxxgk.ingest.html import load_html
from zfxxgk.model import report_to_dict


def test_a_page_wrapped_in_one_form_is_read():
    page = F.html_report("utf-8").decode("utf-8")
    page = page.replace("<body>", '<body><form method="post" action="./Detail.aspx?id=8" id="form1">'
                        '<input type="hidden" name="__VIEWSTATE" value="/wEPDwUK">', 1)
    page = page.replace("</body>", "</form></body>", 1)
    report = report_from_bytes(page.encode("utf-8"), "r.html")
    assert differences(F.expected(), report_to_dict(report)) == []


def test_a_search_form_is_dropped_and_its_controls_never_read():
    page = ('<html><body><form action="/search"><span>站内搜索</span><input name="q">'
            "<button>搜索</button></form><p>某某县2024年政府信息公开工作年度报告</p>"
            '<form id="f"><table><tr><td>行政许可</td><td>51</td></tr></table>'
            "<textarea>备注12</textarea></form></body></html>")
    assert [ln.text for ln in load_html(page.encode("utf-8")).lines] == [
        "某某县2024年政府信息公开工作年度报告", "行政许可\t51"]


def test_a_page_showing_the_report_in_a_frame_says_so():
    """The report's PDF shown in an iframe is not fetched; each table not found says
    where it may be, instead of only that the report lacks it."""
    from zfxxgk.api import check_report

    page = ('<html><body><div class="search"><input value="请输入关键字"></div>'
            "<h1>青禾市云岭区审计局2023年政府信息公开工作年度报告</h1>"
            '<iframe src="javascript:void(0)"></iframe><iframe src="/attach/2024/nb.pdf"></iframe>'
            "</body></html>").encode("utf-8")
    doc = load_html(page)
    assert doc.meta["frames"] == "/attach/2024/nb.pdf"
    assert [ln.text for ln in doc.lines] == ["青禾市云岭区审计局2023年政府信息公开工作年度报告"]
    tables = [f.message for f in check_report(report_from_bytes(page, "p.html")) if f.rule == "F-TABLE"]
    assert len(tables) == 3 and all("内嵌框架" in m for m in tables)


def test_a_report_inside_an_inline_frames_srcdoc_is_read_and_its_src_never_named():
    """<iframe srcdoc> carries its page in the file: that page is the content (its
    style sheet still hides what it hides); the frame's src is not the content."""
    import html

    inner = F.html_report("utf-8").decode("utf-8").replace(
        "</head>", "<style>.old{display:none}</style></head>", 1).replace(
        "<body>", '<body><p class="old">上年数字：行政许可 999</p>', 1)
    page = ('<html><head><meta charset="utf-8"></head><body><div class="nav">首页</div>'
            f'<iframe src="/attach/nb.html" srcdoc="{html.escape(inner, quote=True)}"></iframe>'
            "<p>来源：区政府办</p></body></html>")
    doc = load_html(page.encode("utf-8"))
    assert "frames" not in doc.meta and not any("999" in ln.text for ln in doc.lines)
    assert doc.lines[-1].text == "来源：区政府办"
    report = report_from_bytes(page.encode("utf-8"), "r.html")
    assert differences(F.expected(), report_to_dict(report)) == []
