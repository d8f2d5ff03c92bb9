# Written by hand: a data step only.

import logging

from django.db import migrations

log = logging.getLogger("zfxxgk.web.cases.store")


def flag_bad_formats(apps, schema_editor):
    """Names each 文书设置 row saved before the number format was checked whose format
    now fails (a width of millions, an attribute of a field): their letters take the
    default format (`usable_settings`) and the case page tells whoever may correct it.
    The row is left as saved, so that the office sees what it typed."""
    from zfxxgk.cases.letter_settings import usable_settings

    Row = apps.get_model("cases", "LetterSettingsRecord")
    for row in Row.objects.select_related("agency").order_by("pk").iterator():
        fault = usable_settings(row.data)[1]
        if fault:
            log.warning("文书设置有误（%s）：%s；文书暂按默认格式编号，请在“文书设置”页改正", row.agency.name, fault)


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0006_litigation_cases'),
    ]

    operations = [
        migrations.RunPython(flag_bad_formats, migrations.RunPython.noop),
    ]
