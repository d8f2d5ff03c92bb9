"""Django's model backend with the user and their permissions read in plain queries.

Every request reads its user, and every page asks what the user may do (menus,
buttons, the view's own check). Django's backend builds ORM queries for that (the
user; the user's own permissions; their groups'), and building them cost more
than a page's whole SQL. This one asks the same tables the same questions in
statements that SQLite and PostgreSQL both understand, permissions in one. The
answers are identical: the tests compare them with Django's.
"""

from __future__ import annotations

from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection


@cache
def _sql(vendor: str) -> str:
    """The statement for the default database (`vendor` keys the cache)."""
    user = get_user_model()
    own = user.user_permissions.through._meta
    member = user.groups.through._meta
    granted = Group.permissions.through._meta

    def col(meta, field: str) -> str:
        return connection.ops.quote_name(meta.get_field(field).column)

    def table(meta) -> str:
        return connection.ops.quote_name(meta.db_table)

    perm, ct = Permission._meta, ContentType._meta
    return (
        f"SELECT c.{col(ct, 'app_label')}, p.{col(perm, 'codename')} "
        f"FROM {table(perm)} p JOIN {table(ct)} c ON c.{col(ct, 'id')} = p.{col(perm, 'content_type')} "
        f"WHERE p.{col(perm, 'id')} IN ("
        f"SELECT {col(own, 'permission')} FROM {table(own)} WHERE {col(own, 'user')} = %s "
        f"UNION SELECT g.{col(granted, 'permission')} FROM {table(granted)} g "
        f"JOIN {table(member)} m ON m.{col(member, 'group')} = g.{col(granted, 'group')} "
        f"WHERE m.{col(member, 'user')} = %s)")


class OneQueryModelBackend(ModelBackend):
    def get_user(self, user_id):
        """The session's user, read with a plain statement (the ORM's query for it
        cost more to build than to run); the same checks as Django's."""
        user_model = get_user_model()
        meta = user_model._meta
        q = connection.ops.quote_name
        try:
            pk = meta.pk.to_python(user_id)
        except Exception:  # noqa: BLE001 - a session holding a bad id is no login
            return None
        found = list(user_model._default_manager.raw(
            f"SELECT * FROM {q(meta.db_table)} WHERE {q(meta.pk.column)} = %s", [pk]))
        if not found:
            return None
        return found[0] if self.user_can_authenticate(found[0]) else None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if user_obj.is_superuser:  # every permission: as Django does it
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            with connection.cursor() as cursor:
                cursor.execute(_sql(connection.vendor), [user_obj.pk, user_obj.pk])
                user_obj._perm_cache = {f"{app}.{name}" for app, name in cursor.fetchall()}
        return user_obj._perm_cache
