"""python -m django place_agencies: put agencies stored before the tree existed
(or before the placement rules learned a name) into the tree."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "按机关名称为已有机关设定层级和上级（人工设定过的机关不变）。"

    def handle(self, *args, **options):
        from zfxxgk.web.reports.placing import place_all

        changed = place_all()
        self.stdout.write(f"已归入机关树：{changed} 个机关")
