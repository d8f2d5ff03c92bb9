"""XLSX loader details: computed sheets, blank cells at a row's end, printed decimals."""

from __future__ import annotations

import io

import pytest

from zfxxgk.ingest.xlsx import cell_value, formula_scan, load_xlsx


def workbook(build) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    build(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_a_sheet_that_only_computes_is_left_out_and_the_signature_stays_last():
    def build(wb):
        text = wb.active
        text.title = "正文"
        text["A1"] = "六、其他需要报告的事项"
        text["A2"] = "井口街道办事处"
        text["A3"] = "2024年1月25日"
        table = wb.create_sheet("表")
        table["A1"], table["B1"], table["C1"] = "行政许可", 3, "=B1+1"  # typed-in number: kept
        check = wb.create_sheet("勾稽关系核验")
        check["A1"], check["B1"], check["C1"] = "T3-1", "=SUM('表'!B1)", '=IF(B1=0,"一致","不一致")'

    data = workbook(build)
    assert formula_scan(data)[0] == {3}
    lines = load_xlsx(data).lines
    assert [ln.table for ln in lines] == [1, 1, 1, 2]
    assert not any("T3-1" in ln.text for ln in lines)


def test_a_bordered_blank_cell_at_the_end_of_a_row_is_a_blank_cell():
    from openpyxl.styles import Border, Side

    def build(wb):
        ws = wb.active
        thin = Side(style="thin")
        for col, value in enumerate(["规章", 2, 0, None], 1):
            cell = ws.cell(row=1, column=col, value=value)
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        ws.cell(row=2, column=1, value="说明")  # the sheet is 4 wide, this row is not: no blanks after it

    lines = load_xlsx(workbook(build)).lines
    assert lines[0].text == "规章\t2\t0\t" and lines[0].cols == (1, 2, 3, 4)
    assert lines[1].text == "说明"


@pytest.mark.parametrize("value,fmt,printed", [
    (0.0, "0.000", "0.000"), (25.319, "0.0000", "25.3190"), (25.319, "0.00", "25.319"),
    (3.0, "General", "3"), (3, "0", "3"), (96171.6, None, "96171.6"), (12.5, "#,##0.00", "12.50"),
    (-4, "0", "-4"), (7, "@", "7"),
])
def test_numbers_are_printed_with_the_decimals_their_format_shows_never_fewer(value, fmt, printed):
    assert cell_value(value, fmt) == printed


@pytest.mark.parametrize("value,fmt,printed", [
    (78185867, "0!.0000", "7818.5867"), (251000, '0!.0000"万元"', "25.1000"), (251000, "#,##0\\.0000", "25.1000"),
    (251000, "0!.0,", "25.1"), (251234, "0!.0,", "25.1234"), (251000, "0.0,", "251.0"), (2510000, "0.00,,", "2.51"),
    (3000, '0,"千元"', "3"), (251000, "#,##0", "251000"), (251000, "#,##0.00", "251000.00"), (12, '0"件"', "12"),
])
def test_a_number_shown_in_larger_units_by_its_format_is_read_as_shown(value, fmt, printed):
    """元 typed and shown as 万元 by a point written into the format (0!.0000: Excel prints
    78185867 as 7818.5867), or thousands by commas after the last digit (0.0,), was read
    as the number typed: a money figure ten thousand times the one printed. The digits
    are kept (never fewer than stored), only the unit is the printed one."""
    assert cell_value(value, fmt) == printed


@pytest.mark.parametrize("value,printed", [
    (36.750000000000004, "36.75"), (0.30000000000000004, "0.3"), (328.00000000000006, "328"),
    (1234.5678, "1234.5678"), (0.1234567890123, "0.1234567890123"),
])
def test_a_float_is_read_with_the_fifteen_digits_excel_keeps(value, printed):
    """A sum's float residue in the file is not a digit Excel prints."""
    assert cell_value(value, "General") == printed


def test_hidden_sheets_rows_and_columns_are_not_read():
    """Excel shows none of them: last year's table on a hidden sheet, a row of old
    figures hidden under the new one, a hidden working column."""
    def build(wb):
        stale = wb.active
        stale.title = "上年"
        stale.append(["行政许可", 17])
        stale.sheet_state = "hidden"
        table = wb.create_sheet("表二")
        table.append(["行政许可", 9, 21])
        table.append(["行政许可", 99, 17])
        table.append(["行政处罚", 9, 22])
        table.row_dimensions[2].hidden = True
        table.column_dimensions["B"].hidden = True

    lines = load_xlsx(workbook(build)).lines
    assert [(ln.text, ln.table, ln.row, ln.cols) for ln in lines] == [
        ("行政许可\t21", 2, 1, (1, 3)), ("行政处罚\t22", 2, 3, (1, 3))]


def test_rows_and_columns_dragged_shut_and_figures_formatted_away_are_not_read():
    """A row of height 0 or a column of width 0 saved without the hidden flag, and a
    figure whose number format shows nothing for it (";;;") are not printed: read
    before, last year's figures stood beside this year's. A zero whose format hides
    it stays 0 (a sheet's look: its reader takes the empty cell for 0)."""
    def build(wb):
        table = wb.active
        table.append(["行政许可", 21, 9])
        table.append(["行政许可", 17, 8])
        table.append(["行政处罚", 22, 7])
        table.append(["行政强制", 0, 23, 5, 6])
        table["D4"].number_format = ";;;"
        table["B4"].number_format = "0;-0;"
        table.row_dimensions[2].height = 0.01
        table.column_dimensions["C"].width = 0.01

    data = workbook(build)
    data = _rezip(data, lambda xml: xml.replace(b'ht="0.01"', b'ht="0"').replace(b'width="0.01"', b'width="0"'))
    lines = load_xlsx(data).lines
    assert [(ln.text, ln.row, ln.cols) for ln in lines] == [
        ("行政许可\t21", 1, (1, 2)), ("行政处罚\t22", 3, (1, 2)), ("行政强制\t0\t\t6", 4, (1, 2, 4, 5))]


def _rezip(data: bytes, edit) -> bytes:
    """The workbook with `edit` applied to each worksheet's XML (openpyxl writes no
    height or width of 0)."""
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            body = src.read(item.filename)
            z.writestr(item, edit(body) if item.filename.startswith("xl/worksheets/") else body)
    return out.getvalue()


@pytest.mark.parametrize("value,fmt,printed", [
    (5, ";;;", ""), (-2.5, ";;;", ""), (-3, "0;;0", ""), (5, "0;-0;", "5"), (-3, "0", "-3"),
    (0, ";;;", "0"), (0, "0;-0;", "0"), (0, '0;-0;"-"', "0"), (0, "0;-0", "0"),
])
def test_a_number_format_section_left_empty_prints_nothing(value, fmt, printed):
    assert cell_value(value, fmt) == printed


def test_struck_and_superscript_runs_of_a_rich_text_cell_are_not_read():
    """A figure typed as text with a note mark raised (12¹) or an old figure struck
    beside the new one: read as 121 and 913 before."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    def build(wb):
        ws = wb.active
        ws["A1"] = "行政许可"
        ws["B1"] = CellRichText(["12", TextBlock(InlineFont(vertAlign="superscript"), "1")])
        ws["C1"] = CellRichText([TextBlock(InlineFont(strike=True), "9"), "13"])
        ws["D1"] = CellRichText([TextBlock(InlineFont(b=True), "1"), "4"])

    assert [ln.text for ln in load_xlsx(workbook(build)).lines] == ["行政许可\t12\t13\t14"]


def test_an_unlabelled_column_outside_the_print_area_is_left_out_a_stale_area_loses_nothing():
    """Old figures in a column beside the table, the print area ending before it: not
    read. A print area set before the table grew (a 总计 column, a row of figures
    without a label, as table 四's) still reads everything that has a heading."""
    from openpyxl.utils import get_column_letter

    def build(wb):
        ws = wb.active
        rows = [["", "行政复议", None, "总计"], ["", "维持", "纠正", ""],
                ["行政许可", 3, 4, 7], ["行政处罚", 1, 2, 3], [None, 5, 6, 11]]
        for r, values in enumerate(rows, 1):
            for c, v in enumerate(values, 1):
                ws.cell(r, c, v)
        ws.merge_cells("B1:C1")
        for r in (3, 4, 5):  # last year's figures, unlabelled, right of the table
            ws.cell(r, 6, 90 + r)
        ws.print_area = "A1:C3"  # stale: set before 总计 and the last two rows

    lines = load_xlsx(workbook(build)).lines
    assert [ln.text for ln in lines] == ["\t行政复议\t总计", "\t维持\t纠正", "行政许可\t3\t4\t7",
                                         "行政处罚\t1\t2\t3", "\t5\t6\t11"]
    assert get_column_letter(lines[2].cols[-1]) == "D"


def test_figures_under_a_date_format_are_written_as_stored_and_listed_for_the_parser():
    """Typed figures keep the number stored (60 stays 60: Excel's 1900-02-29); a
    formula's saved result is converted back from its date, except where that date
    could be day 59 or 60; a real date (2024) stays a date."""
    import re
    import zipfile

    def build(wb):
        ws = wb.active
        for col, value in enumerate(["行政许可", 3, 60, "=B1+C1", "=C1", 45311], 1):
            ws.cell(1, col, value).number_format = "yyyy/m/d"

    src = zipfile.ZipFile(io.BytesIO(workbook(build)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):  # the results Excel saves
                body = re.sub(rb"<f>B1\+C1</f>(?:<v\s*/>|<v></v>)?", b"<f>B1+C1</f><v>63</v>", body)
                body = re.sub(rb"<f>C1</f>(?:<v\s*/>|<v></v>)?", b"<f>C1</f><v>60</v>", body)
            z.writestr(item, body)
    doc = load_xlsx(out.getvalue())
    assert doc.lines[0].text == "行政许可\t3\t60\t63\t1900年2月28日\t2024年1月20日"
    assert doc.meta["date_cells"].split("\n") == ["1\t2\t1900年1月3日\ttyped", "1\t3\t1900年2月28日\ttyped",
                                                  "1\t4\t1900年3月3日\tresult"]
