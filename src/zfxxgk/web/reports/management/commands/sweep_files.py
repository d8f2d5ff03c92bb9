"""python -m django sweep_files: remove the files a killed upload left in the data
folder (sources/, pages/, batches/) that no report, batch or scan names, older than
an hour (leftovers.py). `zfxxgk serve` does the same at start-up, its
`zfxxgk worker` every hour."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "删除数据文件夹中没有任何报告、批量核查引用的遗留文件（上传中途服务器被终止留下的，一小时以前的）。"

    def handle(self, *args, **options):
        from zfxxgk.web.reports.leftovers import sweep

        removed = sweep()
        for name in removed:
            self.stdout.write(f"已删除：{name}")
        self.stdout.write(f"已删除遗留文件：{len(removed)} 个")
