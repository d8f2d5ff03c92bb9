"""python -m django refresh_summaries: make again every report's dashboard summary
that this code did not make (summary.refresh_all), with a progress bar. The batch
worker (`zfxxgk worker`, started by `zfxxgk serve`) does the same at start and then
every hour; run this after an upgrade to have the dashboard whole at once."""

import click
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "重新计算统计页使用的报告摘要（软件升级改变指标定义后，或报告是批量写入的），显示进度。"

    def handle(self, *args, **options):
        from zfxxgk.web.reports.summary import refresh_all, stale_ids

        todo = stale_ids()
        if not todo:
            self.stdout.write("所有报告的统计摘要都是最新的。")
            return
        with click.progressbar(length=len(todo), label="重新计算统计摘要", file=self.stderr._out) as bar:
            made = refresh_all(bar.update, todo)
        self.stdout.write(f"已重新计算 {made} 份报告的统计摘要。")
