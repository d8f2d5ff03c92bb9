# The dashboard's numbers of each summary as columns of ReportSummary (figures.py),
# filled from the summaries kept: the dashboard sums them in the database instead of
# reading 20 000 JSON summaries per request. Only the summary table changes: the
# report table is not touched (on SQLite a migration remaking it must call 0011's
# large_columns_last again).

from django.db import migrations, models


def fill(apps, schema_editor):
    """Each kept summary's columns (models.fields_of), written 500 rows at a time by
    one prepared UPDATE (bulk_update's CASE over 40 columns took a minute of CPU at
    20 000 rows). A number this state of the table has no column for leaves the row
    not `plain` (the dashboard reads its JSON); one made by other code stays stale
    by its `v`."""
    from zfxxgk.web.reports.models import fields_of

    ReportSummary = apps.get_model("reports", "ReportSummary")
    have = sorted({f.column for f in ReportSummary._meta.concrete_fields} - {"report_id", "summary"})
    quote = schema_editor.connection.ops.quote_name
    sql = (f"UPDATE {quote(ReportSummary._meta.db_table)} SET " + ", ".join(f"{quote(c)} = %s" for c in have)
           + f" WHERE {quote('report_id')} = %s")
    rows = []
    with schema_editor.connection.cursor() as cursor:
        for pk, summary in ReportSummary.objects.order_by("pk").values_list("pk", "summary").iterator(
                chunk_size=500):
            values = fields_of(summary)
            values["plain"] = values["plain"] and all(v is None for k, v in values.items()
                                                      if k not in have and k != "summary")
            rows.append([values.get(c) for c in have] + [pk])
            if len(rows) == 500:
                cursor.executemany(sql, rows)
                rows = []
        if rows:
            cursor.executemany(sql, rows)


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0011_report_summary_table'),
    ]

    operations = [
        migrations.AddField(
            model_name='reportsummary',
            name='a_commercial',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='a_commercial'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='a_legal_service',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='a_legal_service'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='a_natural_person',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='a_natural_person'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='a_nonprofit',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='a_nonprofit'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='a_other_org',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='a_other_org'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='a_research',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='a_research'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='body_key',
            field=models.TextField(blank=True, null=True, verbose_name='机关标识（报告所写）'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='body_name',
            field=models.TextField(blank=True, null=True, verbose_name='机关名称（报告所写）'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='d_disclosure_rate_decided',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='d_disclosure_rate_decided'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='d_disclosure_rate_results_total',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='d_disclosure_rate_results_total'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='d_litigation_loss_rate_all',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='d_litigation_loss_rate_all'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='d_litigation_loss_rate_decided',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='d_litigation_loss_rate_decided'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='d_not_processed_rate_results_total',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='d_not_processed_rate_results_total'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='d_review_correction_rate_all',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='d_review_correction_rate_all'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='d_review_correction_rate_decided',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='d_review_correction_rate_decided'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='d_unavailable_rate_decided',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='d_unavailable_rate_decided'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='d_unavailable_rate_results_total',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='d_unavailable_rate_results_total'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='d_withheld_rate_decided',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='d_withheld_rate_decided'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='d_withheld_rate_results_total',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='d_withheld_rate_results_total'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='filled',
            field=models.IntegerField(default=0, verbose_name='有数值的单元格'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='n_disclosure_rate_decided',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='n_disclosure_rate_decided'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='n_disclosure_rate_results_total',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='n_disclosure_rate_results_total'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='n_litigation_loss_rate_all',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='n_litigation_loss_rate_all'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='n_litigation_loss_rate_decided',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='n_litigation_loss_rate_decided'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='n_not_processed_rate_results_total',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='n_not_processed_rate_results_total'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='n_review_correction_rate_all',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='n_review_correction_rate_all'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='n_review_correction_rate_decided',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='n_review_correction_rate_decided'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='n_unavailable_rate_decided',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='n_unavailable_rate_decided'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='n_unavailable_rate_results_total',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='n_unavailable_rate_results_total'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='n_withheld_rate_decided',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='n_withheld_rate_decided'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='n_withheld_rate_results_total',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='n_withheld_rate_results_total'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='o_granted',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='o_granted'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='o_not_processed',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='o_not_processed'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='o_other',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='o_other'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='o_partly_granted',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='o_partly_granted'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='o_unavailable',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='o_unavailable'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='o_withheld',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='o_withheld'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='plain',
            field=models.BooleanField(db_index=True, default=False, verbose_name='数字都在列中'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='scope',
            field=models.CharField(default='agency', max_length=20, verbose_name='范围'),
        ),
        migrations.AddField(
            model_name='reportsummary',
            name='v',
            field=models.CharField(blank=True, db_index=True, default='', max_length=40, verbose_name='摘要版本'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
