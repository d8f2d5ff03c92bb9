"""Stock Django sessions and permissions: `cached_db` sessions whose cache every
server process shares, Django's ModelBackend whose answers that cache keeps until
a change to users, groups or permissions, and the upgrade of sessions made under
the project's former backend."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.conf import settings

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_and_logout(client, users):
    r = client.post("/accounts/login/", {"username": "reader", "password": PASSWORD})
    assert r.status_code == 302
    assert client.get("/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302


def test_logout_in_one_process_is_seen_by_the_others(client, users):
    """The session cache is a folder, not one process's memory: a logout (which
    deletes the session from the database and the cache) leaves no copy that
    another process of `zfxxgk serve --workers N` would still accept."""
    from django.core.cache import caches
    from django.core.cache.backends.filebased import FileBasedCache

    assert isinstance(caches[settings.SESSION_CACHE_ALIAS], FileBasedCache)
    client.post("/accounts/login/", {"username": "reader", "password": PASSWORD})
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    store = import_module(settings.SESSION_ENGINE).SessionStore
    other = FileBasedCache(settings.CACHES["shared"]["LOCATION"], {})  # another process's view
    assert other.get(store.cache_key_prefix + key) is not None
    client.post("/accounts/logout/")
    assert other.get(store.cache_key_prefix + key) is None
    assert not store(key).exists(key)


def test_sessions_of_the_former_backend_stay_logged_in(client, users):
    from django.apps import apps
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    migration = import_module("zfxxgk.web.accounts.migrations.0002_stock_sessions")
    reader = users["reader"]
    old = SessionStore()
    old.update({SESSION_KEY: str(reader.pk), BACKEND_SESSION_KEY: migration.OLD,
                HASH_SESSION_KEY: reader.get_session_auth_hash()})
    old.create()
    migration.rename_backend(apps, None)
    assert SessionStore(old.session_key).load()[BACKEND_SESSION_KEY] == migration.NEW
    client.cookies[settings.SESSION_COOKIE_NAME] = old.session_key
    assert client.get("/").status_code == 200


def test_permissions_from_groups_and_the_user(users):
    from django.contrib.auth.models import Permission, User

    extra = User.objects.create_user("extra")
    extra.user_permissions.add(Permission.objects.get(codename="publish_report"))
    extra = User.objects.get(pk=extra.pk)
    assert extra.has_perm("reports.publish_report") and not extra.has_perm("reports.view_report")
    reader = User.objects.get(username="reader")
    assert reader.has_perm("reports.view_report") and not reader.has_perm("reports.change_report")


def test_kept_permissions_follow_every_change(users):
    """The answers are Django's, and any change (in any process: the cache is a
    folder) is seen by the next request, including a revoked role."""
    from django.contrib.auth.backends import ModelBackend
    from django.contrib.auth.models import Group, Permission, User

    from zfxxgk.web.accounts.backends import SharedCacheModelBackend

    ours = SharedCacheModelBackend()

    def fresh(name):
        return User.objects.get(username=name)

    for name in ("reader", "clerk", "admin", "nobody"):
        assert ours.get_all_permissions(fresh(name)) == ModelBackend().get_all_permissions(fresh(name))
    reader = fresh("reader")
    assert "reports.view_report" in ours.get_all_permissions(fresh("reader"))  # now kept
    reader.groups.clear()
    assert ours.get_all_permissions(fresh("reader")) == set()
    reader.user_permissions.add(Permission.objects.get(codename="publish_report"))
    assert ours.get_all_permissions(fresh("reader")) == {"reports.publish_report"}
    clerk_group = Group.objects.get(name="录入员")
    before = ours.get_all_permissions(fresh("clerk"))
    clerk_group.permissions.remove(Permission.objects.get(codename="add_report"))
    assert ours.get_all_permissions(fresh("clerk")) == before - {"reports.add_report"}
    boss = fresh("nobody")
    boss.is_superuser = True
    boss.save()
    assert len(ours.get_all_permissions(fresh("nobody"))) == Permission.objects.count()
    boss.is_active = False
    boss.save()
    assert ours.get_all_permissions(fresh("nobody")) == set()


def test_a_revoked_role_stays_revoked_when_the_cache_drops_the_generation(users):
    """A full file cache deletes a random third of its files: the generation key may
    be among them. The answers kept under the first generation (before any change)
    must not come back then."""
    from django.contrib.auth.models import User

    from zfxxgk.web.accounts.backends import GENERATION, SharedCacheModelBackend, shared

    ours = SharedCacheModelBackend()
    shared().delete(GENERATION)  # the generation a fresh data folder starts with
    reader = User.objects.get(username="reader")
    assert "reports.view_report" in ours.get_all_permissions(User.objects.get(pk=reader.pk))
    assert ours.get_user(reader.pk).has_perm("reports.view_report")  # kept
    reader.groups.clear()  # revoked: a new generation
    shared().delete(GENERATION)  # then culled by the cache
    assert ours.get_all_permissions(User.objects.get(pk=reader.pk)) == set()
    assert not ours.get_user(reader.pk).has_perm("reports.view_report")


def test_a_report_page_and_its_twin_read_the_database_once(client, users, stored,
                                                           django_assert_num_queries):
    """A signed-in reader's report page costs one ORM query (the report with its agency)
    and the menu's reminder state; its JSON twin the report only: the user, roles,
    permissions and scope come from the kept user, the tables from the fragment cache."""
    pk = stored().pk
    client.force_login(users["reader"])
    assert client.get(f"/reports/{pk}").status_code == 200  # warms the kept user and fragments
    assert client.get(f"/api/reports/{pk}").status_code == 200
    with django_assert_num_queries(2):
        page = client.get(f"/reports/{pk}")
    assert page.status_code == 200 and "依申请公开" in page.content.decode()  # the full menu
    with django_assert_num_queries(1):
        assert client.get(f"/api/reports/{pk}").status_code == 200
