"""Django's model backend with a user's permissions read in one plain query.

Every page asks what its viewer may do (menus, buttons, the view's own check), so
the permissions are read on every request. Django's backend builds two ORM
queries for that (the user's own, and their groups'); building them cost more
than a page's whole SQL. This one asks the same tables the same question in one
statement that SQLite and PostgreSQL both understand. Answers are identical:
the tests compare them with Django's for every role.
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
