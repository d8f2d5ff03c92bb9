from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "zfxxgk.web.audit"
    label = "audit"
    verbose_name = "操作记录"
