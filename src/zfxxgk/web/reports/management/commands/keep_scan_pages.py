"""python -m django keep_scan_pages: scans stored before their page images were
kept get them now (read again in the sandbox), so the report page can show the
crops of their flagged cells."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "为此前上传、未保存页面图像的扫描件重新识别并保存页面图像，报告页即可显示单元格的原件截图。"

    def handle(self, *args, **options):
        from zfxxgk.web.reports.crops import keep_missing_pages

        done, problems = keep_missing_pages()
        for problem in problems:
            self.stderr.write(f"无法读取：{problem}")
        self.stdout.write(f"已保存页面图像：{done} 个扫描件")
