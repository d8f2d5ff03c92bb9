# Each report's findings, and those without a reviewer's verdict yet, kept on the
# row (verdicts.set_counts) so that the list's 审核 filter is a query: filled here
# for the reports stored before, as set_counts would count them.

from django.db import migrations, models

from zfxxgk.app.finding_table import finding_fingerprint


def subject(pk, agency_id, year, previous):
    """verdicts.subject of the reports stored before (this migration's copy: the
    models' code may change, the subjects stored with the verdicts do not)."""
    if agency_id and year is not None:
        return f"agency:{agency_id}:{year}"
    seen = {pk}
    while previous.get(pk) and previous[pk] not in seen:
        pk = previous[pk]
        seen.add(pk)
    return f"report:{pk}"


def count_findings(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    Finding = apps.get_model("reports", "Finding")
    Verdict = apps.get_model("reports", "Verdict")
    judged = set(Verdict.objects.values_list("subject", "fingerprint"))
    previous = dict(Report.objects.values_list("pk", "previous_version_id"))
    counts = {pk: [0, 0, subject(pk, agency_id, year, previous)]
              for pk, agency_id, year in Report.objects.values_list("pk", "agency_id", "year")}
    for f in Finding.objects.only("report_id", "rule", "cells", "where").iterator(chunk_size=2000):
        n = counts[f.report_id]
        n[0] += 1
        n[1] += (n[2], finding_fingerprint(f)) not in judged
    rows = [Report(pk=pk, findings_total=total, open_findings=still_open)
            for pk, (total, still_open, _) in counts.items() if total]
    Report.objects.bulk_update(rows, ["findings_total", "open_findings"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0009_report_summary'),
    ]

    operations = [
        migrations.AddField(
            model_name='report',
            name='findings_total',
            field=models.PositiveIntegerField(default=0, verbose_name='问题数'),
        ),
        migrations.AddField(
            model_name='report',
            name='open_findings',
            field=models.PositiveIntegerField(default=0, verbose_name='待审核问题数'),
        ),
        migrations.RunPython(count_findings, migrations.RunPython.noop),
    ]
