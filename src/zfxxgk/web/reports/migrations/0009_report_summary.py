# What the dashboard reads of each report (summary.py), kept on the row; the rows
# stored before are summarised here from their data.

import zfxxgk.web.exactjson
from django.db import migrations


def summarise(apps, schema_editor):
    """Each stored report's summary from its data, a few hundred rows at a time
    (a summary made by later code is made again by the dashboard: summary.fresh)."""
    from zfxxgk.web.reports.summary import summary_of

    Report = apps.get_model("reports", "Report")
    batch = []
    for pk, data in Report.objects.order_by("pk").values_list("pk", "data").iterator(chunk_size=200):
        batch.append(Report(pk=pk, summary=summary_of(data)))
        if len(batch) == 200:
            Report.objects.bulk_update(batch, ["summary"])
            batch = []
    Report.objects.bulk_update(batch, ["summary"])


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0008_batch_done_with_unreadable'),
    ]

    operations = [
        migrations.AddField(
            model_name='report',
            name='summary',
            field=zfxxgk.web.exactjson.ExactJSONField(blank=True, default=dict, editable=False, verbose_name='统计摘要'),
        ),
        migrations.RunPython(summarise, migrations.RunPython.noop),
    ]
