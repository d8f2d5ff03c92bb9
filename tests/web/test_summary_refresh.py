"""Stale dashboard summaries (an upgrade changed an indicator: every one; a report
stored in bulk: none) are made again outside requests — by the batch worker at
start and `python -m django refresh_summaries` (summary.refresh_all) — while a
dashboard request makes only the first summary.IN_REQUEST itself: at 20 000
reports making them all took minutes. The rest stay out of its figures, and the
page and its API say so, until the worker has made them."""

from __future__ import annotations

import io

import pytest

from .test_dashboard_summary import FILES
from .test_summary_table import assert_in_step

pytestmark = pytest.mark.django_db


def _make_stale(rows) -> None:
    """What an upgrade that changes an indicator, and a bulk store, leave behind."""
    from zfxxgk.web.reports.models import ReportSummary, fields_of

    ReportSummary.objects.filter(report__in=rows[:2]).update(**fields_of({"v": "0:old", "filled": 9999}))
    ReportSummary.objects.filter(report=rows[2]).update(**fields_of({"filled": 1}))  # no version at all
    ReportSummary.objects.filter(report__in=rows[3:]).delete()


@pytest.fixture
def rows(stored):
    return [stored(name) for name in FILES]


def test_refresh_all_makes_every_stale_summary(rows):
    from zfxxgk.web.reports import summary

    _make_stale(rows)
    assert summary.stale_ids() == sorted(r.pk for r in rows)
    steps = []
    assert summary.refresh_all(steps.append) == len(rows)
    assert sum(steps) == len(rows)
    assert_in_step()
    assert summary.stale_ids() == [] and summary.refresh_all() == 0


def test_a_request_makes_only_a_few_and_says_the_rest_are_coming(rows, login, monkeypatch):
    from zfxxgk.web.reports import dashboard, summary

    c = login("reader")
    whole = c.get("/api/dashboard").json()
    page = c.get("/dashboard").content.decode()
    assert whole["refreshing"] == 0 and 'id="refreshing"' not in page
    _make_stale(rows)
    monkeypatch.setattr(dashboard, "IN_REQUEST", 2)
    d = c.get("/api/dashboard").json()
    assert len(summary.stale_ids()) == len(rows) - 2  # the request made two, no more
    assert d["refreshing"] == len(rows) - 2 and d["filed"] == whole["filed"]
    assert d["reports"] < whole["reports"]  # the waiting ones are not counted with old figures
    html = c.get("/dashboard").content.decode()
    assert 'id="refreshing"' in html and f"另有 {len(rows) - 4} 份报告尚未计入" in html  # two more made
    summary.refresh_all()
    assert c.get("/api/dashboard").json() == whole
    assert 'id="refreshing"' not in c.get("/dashboard").content.decode()


def test_the_cells_csv_says_how_many_it_leaves_out_without_a_row_of_its_own(rows, login, monkeypatch):
    """The cells CSV counts what the page counts: the reports still waiting for their
    summary are left out, and it said nothing of them. The page says it beside the
    link, the response in a header (X-Zfxxgk-Refreshing, 0 when none); the CSV stays
    a header row and cells, so that a program reading it needs no special case."""
    import csv

    from zfxxgk.web.reports import dashboard, summary

    def cells(r) -> list[list[str]]:
        table = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
        assert table[0][0] == "机关" and all(len(x) == len(table[0]) for x in table)
        return table[1:]

    c = login("reader")
    _make_stale(rows)
    monkeypatch.setattr(dashboard, "IN_REQUEST", 2)
    assert "（不含统计数据正在更新的 4 份报告）" in c.get("/dashboard").content.decode()  # it made two
    r = c.get("/dashboard/cells.csv")  # two more
    waiting = {str(pk) for pk in summary.stale_ids()}
    assert r["X-Zfxxgk-Refreshing"] == "2" and len(waiting) == 2
    assert not {x[-1] for x in cells(r)} & waiting
    summary.refresh_all()
    r = c.get("/dashboard/cells.csv")
    assert r["X-Zfxxgk-Refreshing"] == "0" and waiting <= {x[-1] for x in cells(r)}
    assert 'id="cells-refreshing"' not in c.get("/dashboard").content.decode()


def test_the_command_shows_progress(rows):
    from django.core.management import call_command

    _make_stale(rows)
    out, err = io.StringIO(), io.StringIO()
    call_command("refresh_summaries", stdout=out, stderr=err)
    assert f"已重新计算 {len(rows)} 份报告的统计摘要" in out.getvalue() and "重新计算统计摘要" in err.getvalue()
    assert_in_step()
    out = io.StringIO()
    call_command("refresh_summaries", stdout=out)
    assert "都是最新的" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_the_worker_makes_them_at_start(users):
    from zfxxgk.web.reports import worker
    from zfxxgk.web.reports.services import create_report

    from .conftest import EXAMPLES

    made = [create_report((EXAMPLES / name).read_bytes(), name, users["clerk"]) for name in FILES[:4]]
    _make_stale(made)
    worker._refresh_summaries()  # the thread Worker.run starts
    assert_in_step()
