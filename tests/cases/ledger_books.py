"""Generated 台账 workbooks shaped like real ones: a title row, a unit line, a
two-row header with merged group cells, mixed date spellings, a 合计 row and a
signature line under the table."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from openpyxl import Workbook

AGENCY = "青禾市自然资源局"

# (编号, 申请人, 类型, 方式, 收到日期, 内容, 答复日期, 结果)
ROWS: list[tuple[Any, ...]] = [
    ("QH-2025-001", "张三", "自然人", "网上申请", "2025年3月3日", "某地块出让合同",
     "2025.3.20", "予以公开"),
    ("QH-2025-002", "青禾建材有限公司", "企业", "邮寄", datetime(2025, 4, 7), "采矿许可",
     45772, "不予公开（涉及商业秘密）"),  # 45772 = 2025-04-25 as an Excel day number
    ("QH-2025-003", "李四", "公民", "当面", "2025-05-06", "征收补偿方案",
     "2025/5/9", "申请人撤回"),
    ("QH-2025-004", "明理律师事务所", "律师事务所", "传真", "2025.6.3", "土地登记资料",
     "2025年6月20日", "本机关不掌握相关政府信息"),
    ("QH-2025-005", "青禾农业研究所", "科研机构", "平信", "20251222", "耕地质量报告",
     None, None),  # still open at the end of the year
]


def register(rows: list[tuple[Any, ...]] = ROWS, *, extra: list[list[Any]] = ()) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "2025年台账"
    ws.append(["青禾市自然资源局2025年政府信息公开申请办理台账"])
    ws.merge_cells("A1:I1")
    ws.append(["填报单位：青禾市自然资源局", None, None, None, None, None, None, "单位：件"])
    ws.append(["序号", "申请编号", "申请人姓名或名称", "申请人类型", "申请方式",
               "收到申请日期（年月日）", "申请内容", "答复情况", None])
    ws.append([None, None, None, None, None, None, None, "答复日期", "答复结果"])
    for col in "ABCDEFG":
        ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("H3:I3")
    for n, r in enumerate(rows, 1):
        number, name, kind, channel, received, subject, answered, outcome = r
        ws.append([n, number, name, kind, channel, received, subject, answered, outcome])
    ws.append([])
    ws.append(["合计", None, None, None, None, None, None, None, f"{len(rows)}件"])
    for line in extra:
        ws.append(line)
    ws.append(["填表人：王五", None, None, None, None, None, None, None, None])
    ws.append([])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def plain(header: list[str], rows: list[list[Any]]) -> bytes:
    """A one-row header, no title: the simplest register."""
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
