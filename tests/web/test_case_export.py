"""The case list exported as a 台账 workbook (walk-through: the clerk could import a
台账 but not export one; the office's register for its files and the district's
collection had to be typed again from the pages)."""

from __future__ import annotations

import io

import pytest

from .test_cases_pages import INTAKE, intake
from .test_scope import TRANSPORT, WANGHU

pytestmark = pytest.mark.django_db


def _sheet(body: bytes) -> list[tuple]:
    import openpyxl

    return list(openpyxl.load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))


def _record(client, pk: int, kind: str, **form) -> None:
    r = client.post(f"/cases/{pk}/events/{kind}", form)
    assert r.status_code == 302, r.content.decode()[:1500]


def test_the_list_exports_its_cases_as_a_ledger_the_import_reads_back(login):
    from zfxxgk.cases.ledger import preview

    clerk = login("clerk")
    first = intake(clerk, agency=WANGHU, number="2026-0001", arrived_on="2026-03-02",
                   subject="=HYPERLINK(\"http://x\",\"点此\")")
    _record(clerk, first, "answered", on="2026-03-20", outcome="withheld.internal_affairs")
    gone = intake(clerk, agency=WANGHU, number="2026-0002", arrived_on="2026-03-09", subject="某规划图纸")
    _record(clerk, gone, "withdrawn", on="2026-03-10")
    intake(clerk, agency=WANGHU, number="2026-0003", arrived_on="2026-11-30", subject="三公经费")
    intake(clerk, agency=WANGHU, number="2025-0090", arrived_on="2025-12-01", subject="上年的申请")

    page = clerk.get("/cases/?year=2026").content.decode()
    assert 'href="/cases/export.xlsx?year=2026"' in page and "导出台账（Excel）" in page
    r = clerk.get("/cases/export.xlsx?year=2026")
    assert r.status_code == 200 and "attachment" in r["Content-Disposition"]
    rows = _sheet(r.content)
    head = rows[0]
    assert [x[0] for x in rows[1:]] == ["2026-0001", "2026-0002", "2026-0003"]  # a register's order
    by = {x[0]: dict(zip(head, x)) for x in rows[1:]}
    assert by["2026-0001"]["办理结果"] == "不予公开：属于三类内部事务信息"
    assert by["2026-0001"]["申请内容"].startswith("=HYPERLINK")  # text, not a formula
    assert by["2026-0001"]["答复日期"].date().isoformat() == "2026-03-20"
    assert by["2026-0002"]["办理结果"] == "申请人撤回" and by["2026-0002"]["状态"] == "已撤回"
    assert by["2026-0003"]["状态"] == "办理中" and by["2026-0003"]["答复期限"] is not None
    assert by["2026-0003"]["申请人"] == "张三" and INTAKE["id_number"] not in str(rows)
    assert INTAKE["phone"] not in str(rows)

    back = preview(r.content, WANGHU)
    assert back.ok, (back.errors, back.row_errors)
    read = {c.id: c for c in back.cases}
    assert (read["2026-0001"].outcome.value, read["2026-0001"].status.value) == \
        ("withheld.internal_affairs", "closed")
    assert read["2026-0002"].status.value == "withdrawn" and read["2026-0003"].status.value == "in_progress"
    assert read["2026-0001"].received_on.isoformat() == "2026-03-02"


def test_another_agencys_clerk_exports_none_of_them(users):
    from django.test import Client

    from zfxxgk.web.accounts.manage import add_user
    from zfxxgk.web.cases import store

    store.agency_for(WANGHU, create=True)
    store.agency_for(TRANSPORT, create=True)
    from django.contrib.auth.models import User

    own, other = Client(), Client()
    add_user("clerk_own", "录入员", "测试-password-123", agency=WANGHU)
    add_user("clerk_other", "录入员", "测试-password-123", agency=TRANSPORT)
    own.force_login(User.objects.get(username="clerk_own"))
    other.force_login(User.objects.get(username="clerk_other"))
    intake(own, agency=WANGHU, number="2026-0001", subject="望湖的申请")
    assert len(_sheet(own.get("/cases/export.xlsx").content)) == 2
    mine = _sheet(other.get(f"/cases/export.xlsx?agency={WANGHU}").content)
    assert len(mine) == 1 and "望湖的申请" not in str(mine)
