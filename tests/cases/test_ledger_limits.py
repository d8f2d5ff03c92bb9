"""Issue 14: a 台账 workbook is streamed in the sandbox worker with row, column and
size limits; one over them is refused with a Chinese message, quickly, and the
registers that fit still import as before (test_ledger.py)."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from openpyxl import Workbook

from zfxxgk.cases.ledger import preview
from zfxxgk.cases.ledger.sheet import MAX_BYTES, MAX_COLUMNS, MAX_ROWS

from .ledger_books import AGENCY, register


def _book(rows: int, columns: int) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    ws.append(["申请编号", "收到申请日期", "申请人类型"] + [f"备注{i}" for i in range(3, columns)])
    for r in range(rows):
        ws.append([f"QH-{r}", "2025-03-03", "自然人"] + [r] * (columns - 3))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_too_many_columns_is_refused_quickly():
    data = _book(500, 200)  # the shape (15 000 x 200) cut short: the first row decides
    started = time.monotonic()
    p = preview(data, AGENCY)
    assert time.monotonic() - started < 60
    assert p.errors == [f"工作表“台账”第1行有200列，超过{MAX_COLUMNS}列的上限，请删去台账以外的列后再导入"]
    assert p.cases == []


def test_too_many_rows_is_refused():
    p = preview(_book(MAX_ROWS + 5, 3), AGENCY)
    assert p.errors == [f"工作表“台账”超过{MAX_ROWS}行，请分批导入"]


def test_too_large_file_is_refused_before_reading():
    p = preview(b"PK\x03\x04" + b"\0" * MAX_BYTES, AGENCY)
    assert p.errors == ["台账文件有20.0 MB，超过20 MB 的上限，请分批导入"]


def test_rows_at_the_limit_and_merged_header_still_read():
    p = preview(register(), AGENCY)
    assert not p.errors and len(p.cases) == 5
    assert p.header.depth == 2  # the merged “答复情况” group over its two columns


@pytest.mark.parametrize("data", [b"PK\x03\x04 not a zip", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1xx"])
def test_damaged_files_still_refused(data):
    [message] = preview(data, AGENCY).errors
    # LibreOffice may read a damaged .xls as text: then no header is found in it
    assert message.startswith(("无法读取台账", "这是旧版 Excel", "台账各工作表中都找不到表头"))


def _rewritten(data: bytes, member: str, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            body = old.read(name)
            new.writestr(name, change(body) if name == member else body)
    return out.getvalue()


def test_a_damaged_sheet_is_a_file_error():
    """A 台账 whose sheet is cut short or whose compressed bytes are broken: the import
    names the damage. A cut sheet was an internal error (read-only workbooks unpack
    and parse a sheet only as its rows are read)."""
    data = register()
    cut = _rewritten(data, "xl/worksheets/sheet1.xml", lambda body: body[:len(body) * 2 // 3])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    header = data[info.header_offset:info.header_offset + 30]
    start = (info.header_offset + 30 + int.from_bytes(header[26:28], "little")
             + int.from_bytes(header[28:30], "little"))
    broken = data[:start + 2] + b"\xff" * 24 + data[start + 26:]
    for damaged, why in ((cut, "部件的 XML 不完整或有误"), (broken, "压缩数据已损坏")):
        p = preview(damaged, AGENCY)
        assert not p.ok and p.errors == [f"无法读取台账：不是有效的 Excel（.xlsx）文件（{why}）"]
