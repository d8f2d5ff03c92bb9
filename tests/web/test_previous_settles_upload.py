"""An upload whose 上年结转 row `110000011` is 1|10|0|0|0|0|11 or 11|0|0|0|0|0|11
under its own total is read again with the same body's filed report of the year
before, whose 结转下年度 (1|10|…) settles it — as `zfxxgk check --previous` and
`zfxxgk batch` do; another body's report settles nothing."""

from __future__ import annotations

import pytest

from zfxxgk.web.reports import batchjobs
from zfxxgk.web.reports.models import Report
from zfxxgk.web.reports.services import create_report
from zfxxgk.web.reports.worker import claim, new_token

pytestmark = pytest.mark.django_db
HEAD = ("{agency}{year}年政府信息公开工作年度报告\n"
        "三、收到和处理政府信息公开申请情况\n"
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n"
        "\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n")
AGENCY = "某某区人民政府"
THIS_YEAR = (HEAD.format(agency=AGENCY, year=2023)
             + "二、上年结转政府信息公开申请数量110000011\n").encode("utf-8")
CARRIED = "applications.carried_in"


def _last_year(agency: str) -> bytes:
    return (HEAD.format(agency=agency, year=2022)
            + "四、结转下年度继续办理\t1\t10\t0\t0\t0\t0\t11\n").encode("utf-8")


def _carried(row: Report) -> list:
    return list(row.data["applications"]["carried_in"].values())


def _open_tie(row: Report) -> bool:
    return row.findings.filter(rule="F-INFERRED", message__contains="可拆为").exists()


@pytest.mark.parametrize("last_agency,settled", [(AGENCY, True), ("某某县人民政府", False)])
def test_upload_is_settled_by_the_stored_report_of_the_year_before(users, last_agency, settled):
    create_report(_last_year(last_agency), "2022.txt", users["clerk"])
    row = create_report(THIS_YEAR, "2023.txt", users["clerk"])
    assert _carried(row) == ([1, 10, 0, 0, 0, 0, 11] if settled else [None] * 7)
    assert _open_tie(row) is not settled
    if settled:
        assert row.data["provenance"][f"{CARRIED}.natural_person"]["decided_by"] == "上年报告"


def test_batch_item_is_settled_too(users):
    create_report(_last_year(AGENCY), "2022.txt", users["clerk"])
    batch = batchjobs.stage_batch([("2023.txt", THIS_YEAR)], users["clerk"], "结转")
    assert claim(batch.pk, new_token())
    batchjobs.process_item(batch, batch.items.get())
    row = Report.objects.get(batch=batch)
    assert _carried(row) == [1, 10, 0, 0, 0, 0, 11]
    assert not _open_tie(row)


def test_report_filed_before_its_year_before_is_read_again_when_that_arrives(users, run_batches):
    """2023 first (row left open), then 2022: the queued task reads 2023's kept
    source again with it; one audit entry names the cells before and after."""
    from zfxxgk.web.audit.models import AuditEntry

    row = create_report(THIS_YEAR, "2023.txt", users["clerk"])
    assert _carried(row) == [None] * 7 and _open_tie(row)
    create_report(_last_year(AGENCY), "2022.txt", users["clerk"])
    run_batches()
    row.refresh_from_db()
    assert _carried(row) == [1, 10, 0, 0, 0, 0, 11]
    assert not _open_tie(row)
    assert row.data["provenance"][f"{CARRIED}.natural_person"]["decided_by"] == "上年报告"
    entry = AuditEntry.objects.get(object_id=str(row.pk), action="按上年报告重读")
    cols = ["natural_person", "commercial", "research", "nonprofit", "legal_service",
            "other_org", "total"]
    assert entry.before == {f"{CARRIED}.{c}": None for c in cols}
    assert entry.after == {f"{CARRIED}.{c}": v for c, v in zip(cols, [1, 10, 0, 0, 0, 0, 11])}


@pytest.mark.parametrize("touch", ["edited", "published", "other body"])
def test_a_report_edited_by_hand_or_published_is_not_read_again(users, run_batches, touch):
    from zfxxgk.web.reports.editing import save_cells
    from zfxxgk.web.reports.workflow import transition

    row = create_report(THIS_YEAR, "2023.txt", users["clerk"])
    if touch == "edited":
        save_cells(row, {}, users["clerk"], sections={"1": "本年度，某某区人民政府认真贯彻落实《条例》。"})
    elif touch == "published":
        for action in ("submit", "publish"):
            row = transition(row, action, users["admin"])
    create_report(_last_year(AGENCY if touch != "other body" else "某某县人民政府"), "2022.txt",
                  users["clerk"])
    run_batches()
    row.refresh_from_db()
    assert _carried(row)[1] is None
    assert _open_tie(row)
