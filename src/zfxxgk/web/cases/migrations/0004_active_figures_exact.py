# Table 二's register keeps money as written (web/exactjson.py): the column is the
# same JSON, only Python's reading and writing of it change.

import zfxxgk.web.exactjson
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0003_approval_request'),
    ]

    operations = [
        migrations.AlterField(
            model_name='activefiguresrecord',
            name='cells',
            field=zfxxgk.web.exactjson.ExactJSONField(verbose_name='表二数据'),
        ),
    ]
