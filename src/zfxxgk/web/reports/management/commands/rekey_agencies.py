"""python -m django rekey_agencies [--apply]: agencies made with a hand-typed
机关标识 take their name's key, or merge into the agency holding it (rekeying.py).
Without --apply it only prints the preview."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "手工填写机关标识的机关改用名称的标识，或并入已有的同名机关（不加 --apply 时只预览）。"

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="执行合并（不加时只列出将要做的改动）。")

    def handle(self, *args, **options):
        from zfxxgk.web.reports.rekeying import carry_out, plans

        if not options["apply"]:
            found = plans()
            for plan in found:
                self.stdout.write(plan.describe())
            self.stdout.write(f"共 {len(found)} 处；加 --apply 执行" if found else "所有机关的标识都与名称一致")
            return
        done, refused = carry_out()
        for plan in done:
            self.stdout.write("已完成：" + plan.describe())
        for plan in refused:
            self.stderr.write("未合并：" + plan.describe())
