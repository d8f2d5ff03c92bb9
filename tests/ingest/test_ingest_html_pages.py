"""Portal page shapes: an ASP.NET page wraps its whole body in one <form>; a search
box is a small <form> of its own."""

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
