"""Django's ModelBackend, with each signed-in user kept in the cache that all
server processes share (the data folder's `cache/shared`): the user row, their
permissions, their roles and their agency scope (scope.py).

Every page asks who its viewer is and what they may do (menus, buttons, the view's
own check, the scope rule), and the five ORM queries behind those answers cost a
reader's page more CPU than the rest of it. The answers are Django's own
(`super()`) and scope.py's, kept under a generation number that any change to
users, groups, permissions, memberships or agencies moves, in whichever process
makes it; a new generation makes every kept answer unreachable, so a revoked role
or a moved agency takes effect on the next request. `zfxxgk serve` empties the
cache when it starts (a database restored from a backup brings other users).
"""

from __future__ import annotations

import uuid

from django.contrib.auth.backends import ModelBackend
from django.core.cache import caches

GENERATION = "perms:generation"
TIMEOUT = 3600


def shared():
    return caches["shared"]


def renew(action: str | None = None, **_kw) -> None:
    """A user, group or permission changed: no kept answer is valid any more.
    A many-to-many change sends pre_ and post_ signals; the post_ one is enough."""
    if action is not None and action.startswith("pre_"):
        return
    shared().set(GENERATION, uuid.uuid4().hex, None)


def on_user_saved(update_fields=None, **kw) -> None:
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # a login changes no permission
    renew()


def generation() -> str:
    """The current generation. A file cache that outgrows its MAX_ENTRIES deletes a
    random third of its files, this key among them: a missing generation starts a new
    one, never a fixed default under which answers kept before a revocation would be
    found again."""
    current = shared().get(GENERATION)
    if current is None:
        shared().add(GENERATION, uuid.uuid4().hex, None)
        current = shared().get(GENERATION) or uuid.uuid4().hex
    return current


class SharedCacheModelBackend(ModelBackend):
    def get_user(self, user_id):
        """The session's user, with what they may do already answered."""
        key = f"who:{generation()}:{user_id}"
        user = shared().get(key)
        if user is None:
            user = super().get_user(user_id)
            if user is None:
                return None
            from . import scope

            self.get_all_permissions(user)
            scope.agency_ids(user)
            scope.membership(user)
            shared().set(key, user, TIMEOUT)
        return user

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            key = f"perms:{generation()}:{user_obj.pk}"
            perms = shared().get(key)
            if perms is None:
                perms = super().get_all_permissions(user_obj)
                shared().set(key, perms, TIMEOUT)
            user_obj._perm_cache = perms
        return user_obj._perm_cache
