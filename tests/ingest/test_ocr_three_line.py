"""Tables ruled only across (三线表): no vertical rule, often no rule between rows.
Columns come from the text's alignment, rows from the lines of figures; a blank
cell stays blank in its own column (bench/scan_probe.py: three_rule, three_line)."""

from __future__ import annotations

import numpy as np

import scans as S
from zfxxgk.ingest.ocr import page as ocr_page

COLUMNS = (120, 480, 760, 1020, 1280)  # the columns' edges (no rule is drawn there)
ROWS = ((("行政许可",), "4371", "265", "1038"), (("行政处罚",), "52", "", "419"),
        (("其他对外管理", "服务事项"), "618", "93", "2047"))


def _centred(draw, font, text: str, left: int, right: int, middle: int) -> None:
    x0, y0, x1, y1 = draw.textbbox((0, 0), text, font=font)
    draw.text(((left + right - x1 - x0) // 2, middle - (y0 + y1) // 2), text, font=font, fill=0)


def three_line_page(row_rules: bool = False):
    """A greyscale page: a title, a table with a top rule, a rule under its header
    and a bottom rule (and one under each row with `row_rules`), prose below."""
    from PIL import Image, ImageDraw, ImageFont

    page = Image.new("L", (1400, 1100), 255)
    draw = ImageDraw.Draw(page)
    body = ImageFont.truetype(S.SANS_FONT, 32)
    draw.text((120, 100), "二、主动公开政府信息情况", font=ImageFont.truetype(S.SANS_FONT, 44), fill=0)
    rules = [200, 270]
    for k, text in enumerate(("信息内容", "本年新制作", "本年新公开", "对外公开总数")):
        _centred(draw, body, text, COLUMNS[k], COLUMNS[k + 1], 235)
    top = 270
    for labels, *figures in ROWS:
        height = 40 + 40 * len(labels)
        middle = top + height // 2
        for j, label in enumerate(labels):
            draw.text((COLUMNS[0] + 10, middle - 20 * len(labels) + 40 * j - 2), label, font=body, fill=0)
        for k, text in enumerate(figures):
            _centred(draw, body, text, COLUMNS[k + 1], COLUMNS[k + 2], middle)
        top += height
        rules.append(top)
    for y in rules if row_rules else (rules[0], rules[1], rules[-1]):
        draw.line((COLUMNS[0], y, COLUMNS[-1], y), fill=0, width=3)
    for k in range(4):
        draw.text((120, top + 80 + 60 * k), "本年度政府信息公开工作有序开展，各项数据如下表所列。",
                  font=body, fill=0)
    return page


def _figure_rows(page) -> list[list[str]]:
    """The table's rows that hold figures, from the first figure on."""
    read = ocr_page.read_page(np.asarray(S.degrade(page, seed=3, skew=0.4).convert("L")))
    (table,) = [it for it in read.items if it.grid is not None]
    rows = [[c.text if c else "" for c in row] for row in table.grid]
    return [row[-3:] for row in rows if any(t.isdigit() for t in row)]


def test_a_table_ruled_only_across_is_read_cell_by_cell():
    assert _figure_rows(three_line_page()) == [["4371", "265", "1038"], ["52", "", "419"],
                                               ["618", "93", "2047"]]


def test_rules_under_every_row_and_none_down_are_read_too():
    assert _figure_rows(three_line_page(row_rules=True)) == [
        ["4371", "265", "1038"], ["52", "", "419"], ["618", "93", "2047"]]


def test_rules_running_to_the_image_edge_make_a_table():
    from zfxxgk.ingest.ocr import geometry, rulings, unruled

    page = np.asarray(three_line_page().crop((0, 0, COLUMNS[-1] + 1, 1100)))
    binary = geometry.binarize(page)
    (table,) = unruled.find_tables(binary, rulings.line_masks(binary)[0], [])
    assert table.box[2] == COLUMNS[-1] and table.cols >= 4
