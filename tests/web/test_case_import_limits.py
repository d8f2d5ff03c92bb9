"""Issue 14: an over-limit 台账 sent to the import page and its API is refused with
the Chinese reason and nothing is stored."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from cases.ledger_books import AGENCY

pytestmark = pytest.mark.django_db


def _wide() -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    for r in range(50):
        ws.append(["申请编号", "收到申请日期"] + list(range(100)))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_wide_register_refused_and_nothing_stored(login):
    from zfxxgk.web.cases.models import CaseRecord

    f = io.BytesIO(_wide())
    f.name = "台账.xlsx"
    r = login("clerk").post("/cases/import", {"agency": AGENCY, "file": f, "action": "upload"})
    assert "第1行有102列，超过60列的上限" in r.content.decode()
    assert CaseRecord.objects.count() == 0
