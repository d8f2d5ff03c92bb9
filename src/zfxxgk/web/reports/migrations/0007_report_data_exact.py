# The report's data keeps money as written (web/exactjson.py): the column is the
# same JSON, only Python's reading and writing of it change.

import zfxxgk.web.exactjson
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0006_source_format_ofd'),
    ]

    operations = [
        migrations.AlterField(
            model_name='report',
            name='data',
            field=zfxxgk.web.exactjson.ExactJSONField(verbose_name='报告数据（zfxxgk.report/1）'),
        ),
    ]
