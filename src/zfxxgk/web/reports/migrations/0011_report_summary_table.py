# The dashboard's summary of each report moves from the report's row to a table of
# its own (ReportSummary), and on SQLite the report's large columns (data, notes,
# source_lines) move to the end of its row; the list's order (created_at, id) gets
# an index.
#
# Why: SQLite stores a row's columns in order, and a value too large for the page
# (the report JSON, ~20 KB) continues on a chain of overflow pages; a column after
# it is reached only by walking that chain. The list's and the dashboard's columns
# (status, errors, filed, created_at, the summary…) all came after it: reading them
# for 2 000 reports walked ~16 000 pages. PostgreSQL keeps large values out of the
# row (TOAST), so there only the summary moves.

import zfxxgk.web.exactjson
import django.db.models.deletion
from django.db import migrations, models


def move_summaries(apps, schema_editor):
    """Each report's summary as 0009 or a save made it, copied a few hundred rows at
    a time (one made by other code, or none, is made again by the dashboard:
    summary.fresh)."""
    Report = apps.get_model("reports", "Report")
    ReportSummary = apps.get_model("reports", "ReportSummary")
    batch = []
    for pk, summary in Report.objects.order_by("pk").values_list("pk", "summary").iterator(chunk_size=500):
        batch.append(ReportSummary(report_id=pk, summary=summary or {}))
        if len(batch) == 500:
            ReportSummary.objects.bulk_create(batch)
            batch = []
    ReportSummary.objects.bulk_create(batch)


def large_columns_last(apps, schema_editor):
    """SQLite: the report table made again with the large columns last, the way
    Django alters a SQLite table (its rows copied into a new table, the indexes and
    constraints made again). That remake orders the columns as the model's fields
    are ordered (by creation_counter) but makes the self-referential
    previous_version anew, hence last: the large fields of this throwaway model
    are numbered after it."""
    if schema_editor.connection.vendor != "sqlite":
        return
    report = apps.get_model("reports", "Report")
    for i, (name, _) in enumerate(LARGE):
        report._meta.get_field(name).creation_counter = 10**9 + i
    schema_editor._remake_table(report)


# The large columns, taken out of the model state and put back at its end: a later
# remake of the SQLite table by Django (an altered field) keeps them there, though
# it puts previous_version after them (a self-referential key is made anew):
# such a migration should call large_columns_last again.
LARGE = [
    ("data", zfxxgk.web.exactjson.ExactJSONField(verbose_name="报告数据（zfxxgk.report/1）")),
    ("notes", models.JSONField(blank=True, default=list, verbose_name="解析备注")),
    ("source_lines", models.JSONField(blank=True, default=dict, verbose_name="原文各行")),
]


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0010_review_counts"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReportSummary",
            fields=[
                ("report", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True,
                                                related_name="summary_row", serialize=False,
                                                to="reports.report", verbose_name="报告")),
                ("summary", zfxxgk.web.exactjson.ExactJSONField(blank=True, default=dict,
                                                                verbose_name="统计摘要")),
            ],
            options={
                "verbose_name": "统计摘要",
                "verbose_name_plural": "统计摘要",
            },
        ),
        migrations.RunPython(move_summaries, migrations.RunPython.noop),
        migrations.RemoveField(model_name="report", name="summary"),
        migrations.SeparateDatabaseAndState(state_operations=[
            *(migrations.RemoveField(model_name="report", name=name) for name, _ in LARGE),
            *(migrations.AddField(model_name="report", name=name, field=field) for name, field in LARGE),
        ]),
        migrations.RunPython(large_columns_last, migrations.RunPython.noop),
        migrations.AddIndex(model_name="report",
                            index=models.Index(fields=["created_at", "id"], name="report_created")),
    ]
