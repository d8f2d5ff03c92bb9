"""A request closed because the applicant let a period run out: the case page
records 逾期未补正 / 逾期未缴费 only after the period, then offers the
视为放弃申请告知书, and the compile preview counts the case in its （六） row."""

from __future__ import annotations

import pytest

from .test_cases_pages import docx_text, intake

pytestmark = pytest.mark.django_db

AGENCY = "青禾市人民政府"


def _row(client, code: str) -> list[str]:
    body = client.get(f"/api/registers/compile?agency={AGENCY}&year=2025").json()
    return [c["number"] for r in body["rows"] if r["code"] == code for c in r["cases"]]


def test_no_correction_closes_with_its_letter_and_counts_in_row_one(login):
    c = login("clerk")
    pk = intake(c)  # received 2025-09-26
    assert c.post(f"/cases/{pk}/events/correction_requested",
                  {"on": "2025-09-29", "reply_by": "2025-10-17"}).status_code == 302
    assert "视为放弃申请告知书" not in c.get(f"/api/cases/{pk}").json()["letters"]
    early = c.post(f"/cases/{pk}/events/correction_expired", {"on": "2025-10-17"})
    assert early.status_code == 400 and "补正期限2025年10月17日尚未届满" in early.content.decode()
    assert login("reviewer").post(f"/cases/{pk}/events/correction_expired",
                                  {"on": "2025-10-20"}).status_code == 403
    c = login("clerk")
    assert c.post(f"/cases/{pk}/events/correction_expired", {"on": "2025-10-20"}).status_code == 302
    page = c.get(f"/cases/{pk}").content.decode()
    assert "视为放弃申请告知书（DOCX）" in page and "已办结" in page
    letter = c.get(f"/cases/{pk}/letters/视为放弃申请告知书.docx")
    assert letter.status_code == 200
    text = docx_text(letter.content)
    assert "视为放弃申请告知书（逾期未补正）" in text and "补正期限至2025年10月17日" in text
    assert "2025年10月20日" in text and "第三十条" in text
    assert _row(c, "other.no_correction") == ["2025-0001"] and _row(c, "other.no_fee") == []


def test_no_fee_closes_with_its_letter_and_counts_in_row_two(login):
    c = login("clerk")
    pk = intake(c)
    assert c.post(f"/cases/{pk}/events/fee_notice", {"on": "2025-09-29", "fee_method": "pieces",
                                                    "quantity": "25", "notice_on": "2025-09-30"}
                  ).status_code == 302
    due = c.get(f"/api/cases/{pk}").json()["deadlines"]
    due = next(d["due"] for d in due if d["kind"] == "fee_payment")
    assert due == "2025-11-04"
    assert c.post(f"/cases/{pk}/events/fee_expired", {"on": "2025-11-05"}).status_code == 302
    letter = c.get(f"/cases/{pk}/letters/视为放弃申请告知书.docx")
    text = docx_text(letter.content)
    assert "（逾期未缴费）" in text and "人民币1,500元" in text and "缴费期限至2025年11月4日" in text
    assert _row(c, "other.no_fee") == ["2025-0001"]
