"""Web pages hide text a reader never sees: stray digits between a table's figures
(to spoil copying), old rows an editor set to display:none, print-only parts. What
the browser does not show is not read; a hidden panel holding a table is kept (a
script opens it) unless the page shows as many tables itself (a hidden copy)."""

from __future__ import annotations

import re

import ingest_fixtures as F
from samples import differences
from zfxxgk.api import report_from_bytes
from zfxxgk.ingest.html import load_html
from zfxxgk.model import report_to_dict


def _lines(body: str, css: str = "") -> list[str]:
    page = f"<html><head><style>{css}</style></head><body>{body}</body></html>"
    return [line.text for line in load_html(page.encode("utf-8")).lines]


def test_hidden_digits_inside_cells_are_not_read():
    row = ('<table><tr><td>行政处罚</td><td>3<span style="display: none">9</span>1</td>'
           '<td><span hidden>8</span>32</td><td>33<font style="VISIBILITY:hidden">7</font></td>'
           '<td>3<i class="x1">6</i>4</td><td>35<b style="font-size:0px">5</b></td></tr></table>')
    assert _lines(row, ".a{color:red} .x1 , span.x2{display:none}") == ["行政处罚\t31\t32\t33\t34\t35"]


def test_a_hidden_row_is_not_read_and_print_only_hiding_is_not_hiding():
    body = ('<table><tr><td>行政强制</td><td>41</td></tr>'
            '<tr style="color:red;display:none"><td>行政强制</td><td>14</td></tr>'
            '<tr><td>行政许可</td><td class="np">42</td></tr></table>')
    assert _lines(body, "@media print { .np { display: none } }") == ["行政强制\t41", "行政许可\t42"]


def test_a_hidden_panel_holding_a_table_is_kept_and_hidden_text_outside_is_dropped():
    body = ('<p>某某县2024年政府信息公开工作年度报告<span style="display:none">2019</span></p>'
            '<div style="display:none"><table><tr><td>行政许可</td><td>51</td></tr></table></div>')
    assert _lines(body) == ["某某县2024年政府信息公开工作年度报告", "行政许可\t51"]


def _table(label: str, *figures: int) -> str:
    head = "<tr><th>项目</th><th>甲</th><th>乙</th></tr>" * 3
    return f"<table>{head}<tr><td>{label}</td>" + "".join(f"<td>{f}</td>" for f in figures) + "</tr></table>"


def test_a_hidden_copy_of_a_shown_table_is_not_read():
    """A portal's mobile copy or last version of a table, set to display:none before
    the printed one: read first, its old figures took the printed ones' place."""
    body = (f'<div style="display:none">{_table("行政许可", 17, 18)}</div><p>（一）</p>'
            f'{_table("行政许可", 21, 22)}<div class="m-only">{_table("行政许可", 21, 22)}</div>')
    lines = _lines(body, ".m-only{display:none}")
    assert [ln for ln in lines if ln.startswith("行政许可")] == ["行政许可\t21\t22"]


def test_a_report_with_a_hidden_old_copy_before_each_table_parses_exactly():
    page = F.html_report("utf-8").decode("utf-8")
    page = re.sub(r'<table border="1".*?</table>', lambda m: '<div style="display: none">'
                  + re.sub(r">(\d+)<", lambda n: f">{int(n.group(1)) + 7}<", m.group(0))
                  + "</div>" + m.group(0), page, flags=re.S)
    report = report_from_bytes(page.encode("utf-8"), "r.html")
    assert differences(F.expected(), report_to_dict(report)) == []


def test_figures_in_read_only_input_boxes_are_read():
    """Report systems print the filled-in form with each figure in an input box."""
    row = ('<table><tr><td>行政许可</td><td><input type="text" value="12" readonly></td>'
           '<td><input value=" 13 " disabled></td><td><input type="hidden" value="99">14</td>'
           '<td><input type="text" placeholder="0"></td></tr></table>')
    assert _lines(row) == ["行政许可\t12\t13\t14\t"]  # (the empty box: an empty cell)


def test_a_report_with_hidden_digits_in_every_cell_parses_exactly():
    page = F.html_report("utf-8").decode("utf-8")
    page = re.sub(r"<p>(\d+)(\d)</p>", r'<p>\1<span class="hz">0</span>\2</p>', page)
    page = page.replace("</style>", ".hz{display:none}</style>", 1)
    report = report_from_bytes(page.encode("utf-8"), "r.html")
    assert differences(F.expected(), report_to_dict(report)) == []


def test_deleted_and_struck_text_is_not_read():
    """Word's web page of a document with changes tracked keeps the old figure in <del>."""
    row = ('<table><tr><td>行政处罚</td><td><del cite="mailto:a">19</del><ins>91</ins></td>'
           "<td><s>8</s>92</td><td><strike>7</strike>93</td></tr></table>")
    assert _lines(row) == ["行政处罚\t91\t92\t93"]


def test_a_superscript_note_mark_is_no_digit_of_the_figure():
    assert _lines("<table><tr><td>行政许可</td><td>12<sup>1</sup></td><td>1<sub>3</sub></td></tr></table>") \
        == ["行政许可\t12\t13"]


def test_a_wechat_articles_body_hidden_until_its_script_runs_is_read():
    """WeChat hides its whole article (div#js_content, visibility: hidden) until its
    script has laid it out: with the tables as pictures it holds no table, yet it is
    the report; a few characters made invisible are still an editor's leftover."""
    preface = "本报告由青禾市云岭区审计局根据《中华人民共和国政府信息公开条例》要求编制。" * 6
    body = ('<h1 class="rich_media_title" id="activity-name">2023年政府信息公开工作年度报告</h1>'
            '<div class="rich_media_content" id="js_content" style="visibility: hidden;">'
            f'<section><p>{preface}</p></section><p>二、主动公开政府信息情况</p>'
            '<p>规章<span style="visibility:hidden">9</span>3</p></div>'
            '<div style="visibility: hidden"><p><img src="data:image/png;base64,iVBORw0KGgo="></p></div>')
    page = f"<html><body>{body}</body></html>".encode("utf-8")
    assert _lines(body)[:4] == ["2023年政府信息公开工作年度报告", preface, "二、主动公开政府信息情况", "规章3"]
    assert report_from_bytes(page, "article.html").agency == "青禾市云岭区审计局"
    from lxml import html as lxml_html

    from zfxxgk.ingest.html import _is_hidden

    root = lxml_html.document_fromstring(page)
    dropped = [el for el in root.iter() if isinstance(el.tag, str) and _is_hidden(el, frozenset())]
    assert [el.text for el in dropped] == ["9"]  # the pictures' panel is kept, the stray digit is not
