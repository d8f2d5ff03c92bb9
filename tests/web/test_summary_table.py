"""The dashboard's summary of each report lives in a table of its own
(ReportSummary, migration 0011): on the report's row it came after the report JSON,
which SQLite reads through the JSON's overflow pages. One row per report, equal to
the summary of its data after every way a report is stored, changed or removed;
the dashboard makes again one that is missing or made by other code, unless the
report was saved meanwhile (that save's summary stays). Migration 0011 moves the
stored summaries and puts SQLite's large columns last in the row."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import judge

pytestmark = pytest.mark.django_db
CODE = "applications.received.natural_person"
SRC = Path(__file__).resolve().parents[2] / "src"


def assert_in_step() -> None:
    """Each summary, and its columns (figures.py), are those of the report's data."""
    from zfxxgk.web.reports.models import Report, ReportSummary, fields_of
    from zfxxgk.web.reports.summary import summary_of

    made = {pk: fields_of(summary_of(d)) for pk, d in Report.objects.values_list("pk", "data")}
    kept = {r["report_id"]: r for r in ReportSummary.objects.values("report_id", *next(iter(made.values()), {}))}
    assert kept.keys() == made.keys()
    for pk, fields in made.items():
        assert {k: kept[pk][k] for k in fields} == fields, pk


def kept(row) -> dict:
    from zfxxgk.web.reports.models import ReportSummary

    return ReportSummary.objects.get(report_id=row.pk).summary


def test_upload_and_edit(stored, users, login):
    from zfxxgk.web.reports.editing import save_cells

    row = stored("wanghu-street-2020.txt")
    stored("qinghe-city-2024.txt")
    assert_in_step()
    old = kept(row)["applicants"]["natural_person"]
    save_cells(row, {CODE: str(old + 7)}, users["clerk"])
    assert kept(row)["applicants"]["natural_person"] == old + 7
    assert_in_step()
    up = login("clerk").post("/api/reports", {"text": (Path(__file__).parents[2] / "examples" /
                                                        "wanghu-street-2023.txt").read_text()})
    assert up.status_code == 201, up.content.decode()
    assert_in_step()


def test_verdict_recheck_reread_and_new_version(stored, users, login):
    from zfxxgk.web.reports.models import Report
    from zfxxgk.web.reports.rereading import reread
    from zfxxgk.web.reports.services import recheck_next_year
    from zfxxgk.web.reports.workflow import new_version

    row = stored("wanghu-street-2023.txt")
    before = kept(row)
    assert judge(login("reviewer"), row.pk, 0, verdict="confirmed", comment="属实").status_code == 302
    recheck_next_year(row.agency, row.year - 1)
    reread(row.pk)
    assert kept(row) == before
    assert_in_step()
    Report.objects.filter(pk=row.pk).update(status="published")
    copy = new_version(Report.objects.get(pk=row.pk), users["admin"])
    assert kept(copy) == before
    assert_in_step()


def test_merge_of_agencies_and_delete(stored, users):
    from zfxxgk.web.reports.models import Agency, Report, ReportSummary
    from zfxxgk.web.reports.rekeying import carry_out

    row = stored("wanghu-street-2023.txt")
    other = stored("qinghe-city-2024.txt")
    typed = Agency.objects.create(key="typed-by-hand", name=row.agency.name, level="township")
    Report.objects.filter(pk=row.pk).update(agency=typed)  # as an older version left it
    done, refused = carry_out(users["admin"])
    assert done and not refused
    assert Report.objects.get(pk=row.pk).agency.key == row.agency.key
    assert_in_step()
    # the app deletes no report (the admin may not); a deletion cascades to its summary
    Report.objects.filter(pk=other.pk).delete()
    assert_in_step()
    Report.objects.get(pk=row.pk).delete()
    assert_in_step()
    assert not ReportSummary.objects.exists()


def test_missing_or_stale_summaries_are_made_again(stored, login):
    from zfxxgk.web.reports.models import Report, ReportSummary, fields_of

    rows = [stored(n) for n in ("wanghu-street-2020.txt", "qinghe-city-2024.txt", "ecology-bureau-2023.md")]
    c = login("reader")
    right = c.get("/api/dashboard").json()
    saved = dict(Report.objects.values_list("pk", "updated_at"))
    ReportSummary.objects.filter(report=rows[0]).delete()  # a report stored in bulk
    ReportSummary.objects.filter(report=rows[1]).update(
        **fields_of({**kept(rows[1]), "v": "0:old", "filled": 0}))
    assert c.get("/api/dashboard").json() == right
    assert_in_step()
    assert dict(Report.objects.values_list("pk", "updated_at")) == saved  # ETags unchanged


@pytest.mark.parametrize("had_one", [True, False])
def test_a_summary_made_while_the_report_is_saved_leaves_the_saves(stored, monkeypatch, had_one):
    """fresh reads the data, makes the summary, then stores it: a save in between
    (which writes its own summary) is not overwritten with one of the older data."""
    from django.utils import timezone

    from zfxxgk.web.reports import summary
    from zfxxgk.web.reports.models import Report, ReportSummary, fields_of

    row = stored("wanghu-street-2020.txt")
    if had_one:
        ReportSummary.objects.filter(report=row).update(**fields_of({"v": "0:old"}))
    else:
        ReportSummary.objects.filter(report=row).delete()
    made = summary.summary_of

    def meanwhile(data):  # what a save of the report does, between fresh's read and its store
        Report.objects.filter(pk=row.pk).update(updated_at=timezone.now())
        ReportSummary.objects.update_or_create(report_id=row.pk, defaults={"summary": {"saved": 1}})
        return made(data)

    monkeypatch.setattr(summary, "summary_of", meanwhile)
    rows = [{"id": row.pk, "summary": None if not had_one else {"v": "0:old"}}]
    summary.fresh(rows)
    assert rows[0]["summary"] == made(row.data)  # counted from the data as read
    assert kept(row) == {"saved": 1}


def test_dashboard_reads_only_the_narrow_table(stored, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    stored("wanghu-street-2020.txt")
    with CaptureQueriesContext(connection) as q:
        assert login("reader").get("/api/dashboard").status_code == 200
    sql = " ".join(x["sql"] for x in q.captured_queries)
    assert 'SUM("reports_reportsummary"."o_granted")' in sql and '"reports_report"."data"' not in sql
    assert '"reports_reportsummary"."summary"' not in sql  # its figures are in columns (figures.py)


MIGRATE = """
import json
from zfxxgk.web import setup
setup()
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def model(migration):
    call_command("migrate", "reports", migration, verbosity=0)
    state = MigrationExecutor(connection).loader.project_state(("reports", migration))
    return state.apps.get_model("reports", "Report")


big = {"agency": "甲", "applications": {"received": {"natural_person": 3}}, "pad": "字" * 30000}
first = model("0008_batch_done_with_unreadable").objects.create(title="一", data=big, errors=2)
model("0010_review_counts").objects.create(title="二", data={"agency": "乙"}, summary={"v": "old"},
                                           previous_version_id=first.pk)
call_command("migrate", verbosity=0)
columns = []
if connection.vendor == "sqlite":
    with connection.cursor() as c:
        c.execute("PRAGMA table_info(reports_report)")
        columns = [r[1] for r in c.fetchall()]
from zfxxgk.web.reports.models import Report, ReportSummary
from zfxxgk.web.reports.summary import summary_of
print(json.dumps({"columns": columns,
                  "kept": {r.title: ReportSummary.objects.get(report=r).summary == summary_of(r.data)
                           or ReportSummary.objects.get(report=r).summary for r in Report.objects.all()},
                  "rows": sorted([r.title, r.errors, r.previous_version_id == first.pk, len(r.data.get("pad", ""))]
                                 for r in Report.objects.all())}, ensure_ascii=False))
"""


def test_migration_moves_summaries_and_puts_large_columns_last(tmp_path):
    """A data folder of 0008 (a report), then of 0010 (a report with a summary of
    older code), migrated in place: 0009 summarised the first, 0011 moved both."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "ZFXXGK_DATA": str(tmp_path)}
    env.pop("DATABASE_URL", None)  # SQLite: the folder's own database
    out = subprocess.run([sys.executable, "-c", MIGRATE], env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["kept"] == {"一": True, "二": {"v": "old"}}  # the dashboard makes the second again
    assert got["rows"] == [["一", 2, False, 30000], ["二", 0, True, 0]]
    assert got["columns"][-3:] == ["data", "notes", "source_lines"] and "summary" not in got["columns"]
    assert got["columns"].index("previous_version_id") < got["columns"].index("data")
