"""Reports the project makes in HTML, DOCX and XLSX, with the truth beside them.

One abstract report (`blocks`: headings, paragraphs and the three tables of the
2021 form as rows of (text, rowspan, colspan)) is written out in each format, with
the nasty parts of real files: merged header cells, the vertical group labels,
blank cells (and `&nbsp;` cells in HTML), table 三 split over two `<table>`
elements, GBK bytes declared as gb2312 with a character only GBK has, portal
navigation and a metadata block. Every value is distinct and non-zero unless blank,
so a column shift cannot pass unnoticed. `EXPECTED` is what the parse must give.
"""

from __future__ import annotations

import html
import io
from functools import lru_cache

from zfxxgk.standard import get_template

T = get_template("2021")
AGENCY = "青禾市云岭区人民政府"
YEAR = 2024
# Cells printed blank (the parse must give None, never 0).
BLANKS = {("applications", "withheld.enforcement_file", "research"),
          ("applications", "not_processed.excessive", "legal_service"),
          ("review_litigation", "suit_after_review", "pending")}


def _values() -> dict:
    """Distinct non-zero counts; row totals are the sums so the identities hold
    where no cell is blank."""
    n = iter(range(11, 10_000, 7))
    active = {"rules": {"issued": next(n), "repealed": next(n), "in_force": next(n)},
              "normative_docs": {"issued": next(n), "repealed": next(n), "in_force": next(n)},
              "licensing": {"decisions": 12345}, "penalty": {"decisions": next(n)},
              "coercion": {"decisions": next(n)}, "fees": {"amount": "36.75"}}
    apps: dict = {}
    cols = [c.code for c in T.applications.columns]
    for row in T.applications.rows:
        values = {c: next(n) for c in cols[:-1]}
        apps[row.code] = values
    results = [r.code for r in T.applications.rows][2:-2]  # granted .. other.misc
    for c in cols[:-1]:
        apps["total"][c] = sum(apps[r][c] for r in results)
        apps["received"][c] = apps["total"][c] + apps["carried_forward"][c] - apps["carried_in"][c]
    for code, values in apps.items():
        values["total"] = sum(values[c] for c in cols[:-1])
    review = {}
    for row in T.review_litigation.rows:
        vals = {c: next(n) for c in ("upheld", "corrected", "other", "pending")}
        vals["total"] = sum(vals.values())
        review[row.code] = vals
    data = {"active": active, "applications": apps, "review_litigation": review}
    for table, row, col in BLANKS:
        data[table][row][col] = None
    return data


VALUES = _values()


def expected() -> dict:
    """The parse these files must give (meta and cells, as the samples' expected files)."""
    from decimal import Decimal

    out = {"agency": AGENCY, "year": YEAR, "template": "2021"}
    for table, rows in VALUES.items():
        out[table] = {r: {c: (Decimal(v) if isinstance(v, str) else v) for c, v in cols.items()}
                      for r, cols in rows.items()}
    return out


def _v(table: str, row: str, col: str) -> str:
    value = VALUES[table][row][col]
    return "" if value is None else str(value)


def _cell(text, rowspan=1, colspan=1):
    return (text, rowspan, colspan)


def table_active() -> list[list[tuple]]:
    v = lambda r, c: _cell(_v("active", r, c))  # noqa: E731
    return [
        [_cell("第二十条第（一）项", 1, 4)],
        [_cell("信息内容"), _cell("本年制发件数"), _cell("本年废止件数"), _cell("现行有效件数")],
        [_cell("规章"), v("rules", "issued"), v("rules", "repealed"), v("rules", "in_force")],
        [_cell("行政规范性文件"), v("normative_docs", "issued"), v("normative_docs", "repealed"),
         v("normative_docs", "in_force")],
        [_cell("第二十条第（五）项", 1, 4)],
        [_cell("信息内容"), _cell("本年处理决定数量", 1, 3)],
        [_cell("行政许可"), _cell(_v("active", "licensing", "decisions"), 1, 3)],
        [_cell("第二十条第（六）项", 1, 4)],
        [_cell("信息内容"), _cell("本年处理决定数量", 1, 3)],
        [_cell("行政处罚"), _cell(_v("active", "penalty", "decisions"), 1, 3)],
        [_cell("行政强制"), _cell(_v("active", "coercion", "decisions"), 1, 3)],
        [_cell("第二十条第（八）项", 1, 4)],
        [_cell("信息内容"), _cell("本年收费金额（单位：万元）", 1, 3)],
        [_cell("行政事业性收费"), _cell(_v("active", "fees", "amount"), 1, 3)],
    ]


def _app_values(row: str) -> list[tuple]:
    return [_cell(_v("applications", row, c.code)) for c in T.applications.columns]


def table_applications(split: bool = False) -> list[list[list[tuple]]]:
    """Table 三 as one grid, or (split=True) as two, broken before （四）无法提供 the
    way portal editors paste a table that ran over a page: the second part starts
    with a blank residue cell where the vertical label was."""
    head = [
        [_cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
         _cell("申请人情况", 1, 7)],
        [_cell("自然人", 2, 1), _cell("法人或其他组织", 1, 5), _cell("总计", 2, 1)],
        [_cell("商业企业"), _cell("科研机构"), _cell("社会公益组织"), _cell("法律服务机构"),
         _cell("其他")],
        [_cell("一、本年新收政府信息公开申请数量", 1, 3)] + _app_values("received"),
        [_cell("二、上年结转政府信息公开申请数量", 1, 3)] + _app_values("carried_in"),
    ]
    rows_by_group: dict[str, list] = {}
    for row in T.applications.rows:
        rows_by_group.setdefault(row.group or "", []).append(row)
    first = [r for r in T.applications.rows if r.code in ("granted", "partly_granted")]
    body1 = []
    results_span = 2 + 8 if split else 2 + 8 + 3 + 5 + 3 + 1
    body1.append([_cell("三、本年度办理结果", results_span, 1), _cell(first[0].label, 1, 2)]
                 + _app_values(first[0].code))
    body1.append([_cell(first[1].label, 1, 2)] + _app_values(first[1].code))
    groups = {g.code: g.label for g in T.applications.groups}

    def group_rows(code: str) -> list:
        members = [r for r in T.applications.rows if r.group == code]
        out = []
        for i, r in enumerate(members):
            lead = [_cell(groups[code], len(members), 1)] if i == 0 else []
            out.append(lead + [_cell(r.label.replace(r.marker, r.marker, 1))] + _app_values(r.code))
        return out

    body1 += group_rows("withheld")
    body2 = group_rows("unavailable") + group_rows("not_processed") + group_rows("other")
    body2.append([_cell("（七）总计", 1, 2)] + _app_values("total"))
    tail = [[_cell("四、结转下年度继续办理", 1, 3)] + _app_values("carried_forward")]
    if not split:
        return [head + body1 + body2 + tail]
    residue = _cell("", len(body2), 1)
    body2 = [([residue] if i == 0 else []) + row for i, row in enumerate(body2)]
    return [head + body1, body2 + tail]


def table_review() -> list[list[tuple]]:
    names = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    values = [_cell(_v("review_litigation", r, c))
              for r in ("review", "suit_direct", "suit_after_review")
              for c in ("upheld", "corrected", "other", "pending", "total")]
    return [
        [_cell("行政复议", 1, 5), _cell("行政诉讼", 1, 10)],
        [_cell(n, 2, 1) for n in names] + [_cell("未经复议直接起诉", 1, 5), _cell("复议后起诉", 1, 5)],
        [_cell(n) for n in names * 2],
        values,
    ]


def blocks(split: bool = False, agency_in_title: bool = True) -> list[tuple]:
    """The report: ("h", text), ("p", text) and ("table", rows) in order."""
    title = f"{AGENCY if agency_in_title else ''}{YEAR}年政府信息公开工作年度报告"
    out: list[tuple] = [
        ("h", title),
        ("p", f"本报告根据《中华人民共和国政府信息公开条例》要求编制，统计期限自{YEAR}年1月1日起至"
              f"{YEAR}年12月31日止。如有疑问请与区政府办公室（联系人王喆）联系。"),
        ("h", "一、总体情况"),
        ("p", "全区坚持以公开为常态、不公开为例外，依法做好主动公开和依申请公开工作。"),
        ("h", "二、主动公开政府信息情况"),
        ("table", table_active()),
        ("h", "三、收到和处理政府信息公开申请情况"),
    ]
    out += [("table", part) for part in table_applications(split)]
    out += [
        ("h", "四、政府信息公开行政复议、行政诉讼情况"),
        ("table", table_review()),
        ("h", "五、存在的主要问题及改进情况"),
        ("p", "部分单位公开内容不够及时，下一步将加强培训和督查。"),
        ("h", "六、其他需要报告的事项"),
        ("p", "本机关未收取信息处理费。"),
    ]
    return out


# --- HTML ------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def html_report(encoding: str = "utf-8", split: bool = True, agency_in_title: bool = True,
                nbsp_blanks: bool = True) -> bytes:
    """A portal page: navigation, a metadata block, the report inside a layout
    table, a footer; `encoding` "gbk" writes GBK bytes declared as gb2312."""
    declared = "gb2312" if encoding == "gbk" else encoding
    parts = [f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" '
             f'content="text/html; charset={declared}"><title>政府信息公开工作年度报告</title>'
             "<script>var nav = '<table><tr><td>1</td></tr></table>';</script>"
             "<style>td{border:1px solid}</style></head><body>",
             '<div class="nav"><a href="/">首页</a><a href="/zfxxgk">政府信息公开</a>'
             "<a>政府信息公开年度报告</a><a>主动公开</a></div>",
             '<div class="breadcrumb">当前位置：首页 &gt; 政府信息公开 &gt; 年度报告</div>',
             '<table class="layout" width="100%"><tr><td>',
             '<table class="xxgk_meta"><tr><td>索引号：</td><td>11320800MB1234567X/2025-00012</td>'
             f"<td>发布机构：</td><td>{AGENCY}</td></tr>"
             "<tr><td>生成日期：</td><td>2025-01-20</td><td>公开方式：</td><td>主动公开</td></tr></table>",
             '<div id="zoom">']
    for kind, content in blocks(split, agency_in_title):
        if kind == "h":
            parts.append(f"<p><strong>{html.escape(content)}</strong></p>\n")
        elif kind == "p":
            parts.append(f"<p>&nbsp;&nbsp;{html.escape(content)}</p>\n")
        else:
            parts.append('<table border="1" cellspacing="0">\n')
            for row in content:
                parts.append("<tr>")
                for text, rs, cs in row:
                    attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
                    body = html.escape(text) if text else ("&nbsp;" if nbsp_blanks else "")
                    if len(text) > 12 and not text[0].isdigit():  # wrapped label, as editors leave it
                        body = html.escape(text[:6]) + "<br/>\n    " + html.escape(text[6:])
                    parts.append(f"<td{attrs}><p>{body}</p></td>")
                parts.append("</tr>\n")
            parts.append("</table>\n")
    parts.append('</div></td></tr></table><div class="footer">版权所有：青禾市云岭区人民政府 '
                 "主办单位：云岭区政府办公室 政府信息公开</div></body></html>")
    text = "".join(parts)
    return text.encode("gb18030" if encoding == "gbk" else encoding)


# --- DOCX ------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def docx_report(split: bool = False) -> bytes:
    """A Word file as offices make it from the official form (python-docx, with
    real merged cells and ruled tables)."""
    import docx

    document = docx.Document()
    for kind, content in blocks(split):
        if kind in ("h", "p"):
            document.add_paragraph(content)
            continue
        grid = grid_positions(content)
        width = max(c + cs for (r, c, rs, cs, _) in grid)
        height = len(content)
        # ruled, as the official form is (python-docx's default table has no borders)
        table = document.add_table(rows=height, cols=width, style="Table Grid")
        for r, c, rs, cs, text in grid:
            cell = table.cell(r, c)
            if rs > 1 or cs > 1:
                cell = cell.merge(table.cell(r + rs - 1, c + cs - 1))
            if text and len(text) > 12 and not text[0].isdigit():
                cell.text = text[:6]
                cell.add_paragraph(text[6:])
            else:
                cell.text = text
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def grid_positions(rows: list[list[tuple]]) -> list[tuple[int, int, int, int, str]]:
    """(row, col, rowspan, colspan, text) of each cell, placed as HTML would."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(rows):
        c = 0
        for text, rs, cs in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, rs, cs, text))
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, c + dc))
            c += cs
    return out


# --- XLSX ------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def xlsx_report(one_sheet: bool = False) -> bytes:
    """The three tables in a workbook, a sheet each (or all on one), with merged
    cells, a title row, numbers stored as numbers and blanks as empty cells."""
    import openpyxl

    wb = openpyxl.Workbook()
    sheets = [wb.active]
    sheets[0].title = "主动公开"
    tables = [("二、主动公开政府信息情况", table_active()),
              ("三、收到和处理政府信息公开申请情况", table_applications(False)[0]),
              ("四、政府信息公开行政复议、行政诉讼情况", table_review())]
    if not one_sheet:
        sheets += [wb.create_sheet("依申请公开"), wb.create_sheet("复议诉讼")]
    row0 = 1
    for i, (heading, rows) in enumerate(tables):
        ws = sheets[0] if one_sheet else sheets[i]
        if one_sheet or i == 0:
            start = row0
        else:
            start = 1
        if i == 0 or not one_sheet:
            ws.cell(start, 1, f"{AGENCY}{YEAR}年政府信息公开工作年度报告")
            start += 1
        ws.cell(start, 1, heading)
        start += 1
        for r, c, rs, cs, text in grid_positions(rows):
            value: object = text
            if text and text.replace(".", "", 1).isdigit():
                value = float(text) if "." in text else int(text)
            ws.cell(start + r, 1 + c, value if text else None)
            if rs > 1 or cs > 1:
                ws.merge_cells(start_row=start + r, start_column=1 + c,
                               end_row=start + r + rs - 1, end_column=c + cs)
        row0 = start + len(rows) + 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
