from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "zfxxgk.web.accounts"
    label = "accounts"
    verbose_name = "用户与角色"

    def ready(self) -> None:
        """Any change that can change what someone may do, or on which agencies,
        renews the kept users (backends.py)."""
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group, Permission
        from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

        from ..reports.models import Agency
        from .backends import on_user_saved, renew
        from .models import Membership

        user = get_user_model()
        for through in (user.groups.through, user.user_permissions.through,
                         Group.permissions.through):
            m2m_changed.connect(renew, sender=through, dispatch_uid=f"perms-{through.__name__}")
        for model in (user, Group, Permission, Membership, Agency):
            post_delete.connect(renew, sender=model, dispatch_uid=f"perms-del-{model.__name__}")
        for model in (Group, Permission, Membership, Agency):
            post_save.connect(renew, sender=model, dispatch_uid=f"perms-save-{model.__name__}")
        post_save.connect(on_user_saved, sender=user, dispatch_uid="perms-save-user")
        post_migrate.connect(renew, dispatch_uid="perms-migrate")
        _name_library_apps()


# The admin site names apps by their verbose_name, which these libraries give in
# English as a plain string (no catalogue can translate it).
LIBRARY_APP_NAMES = {"axes": "登录限制", "django_tasks_database": "后台任务队列"}


def _name_library_apps() -> None:
    from django.apps import apps

    for label, name in LIBRARY_APP_NAMES.items():
        if label in apps.app_configs:
            apps.get_app_config(label).verbose_name = name
