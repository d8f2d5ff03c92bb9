from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "zfxxgk.web.reports"
    label = "reports"
    verbose_name = "年度报告"

    def ready(self) -> None:
        from django.core.signals import request_started

        from . import worker

        request_started.connect(worker.on_request, dispatch_uid="zfxxgk-batch-worker")
