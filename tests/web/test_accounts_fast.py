"""The plain-query reads of every request (accounts/backends.py, sessions.py):
the same answers as Django's own."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.utils import timezone

from zfxxgk.web.accounts.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_one_query_backend_agrees_with_django(users):
    from django.contrib.auth.backends import ModelBackend
    from django.contrib.auth.models import Permission, User

    from zfxxgk.web.accounts.backends import OneQueryModelBackend

    extra = User.objects.create_user("extra")
    extra.user_permissions.add(Permission.objects.get(codename="publish_report"))
    boss = User.objects.create_superuser("boss", password="x")
    gone = User.objects.get(username="clerk")
    gone.is_active = False
    gone.save()
    for user in [*User.objects.all()]:
        fresh = User.objects.get(pk=user.pk)
        ours = OneQueryModelBackend().get_all_permissions(fresh)
        assert ours == ModelBackend().get_all_permissions(User.objects.get(pk=user.pk)), user
    assert "reports.publish_report" in OneQueryModelBackend().get_all_permissions(extra)
    assert len(OneQueryModelBackend().get_all_permissions(boss)) == Permission.objects.count()
    reader = User.objects.get(username="reader")
    perms = OneQueryModelBackend().get_all_permissions(reader)
    assert "reports.view_report" in perms and "reports.change_report" not in perms


def test_sessions_read_as_django_reads_them(users):
    made = DjangoStore()
    made["_auth_user_id"] = str(users["reader"].pk)
    made["note"] = "只读"
    made.create()
    ours = SessionStore(made.session_key)
    assert ours.load() == DjangoStore(made.session_key).load() == {"_auth_user_id": str(users["reader"].pk),
                                                                  "note": "只读"}
    assert ours.session_key == made.session_key

    unknown = SessionStore("x" * 32)
    assert unknown.load() == {} and unknown.session_key is None
    assert SessionStore().load() == {}

    made.set_expiry(timezone.now() - timedelta(seconds=1))
    made.save()
    expired = SessionStore(made.session_key)
    assert expired.load() == {} and expired.session_key is None
    assert DjangoStore(made.session_key).load() == {}


def test_login_and_logout_with_these_sessions(client, users):
    from .conftest import PASSWORD

    r = client.post("/accounts/login/", {"username": "reader", "password": PASSWORD})
    assert r.status_code == 302
    assert client.get("/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302


def test_user_read_as_django_reads_it(users):
    from django.contrib.auth.backends import ModelBackend
    from django.contrib.auth.models import User

    from zfxxgk.web.accounts.backends import OneQueryModelBackend

    ours, django = OneQueryModelBackend(), ModelBackend()
    reader = users["reader"]
    got = ours.get_user(str(reader.pk))
    assert got == django.get_user(reader.pk) and type(got) is User
    fields = [f.attname for f in User._meta.concrete_fields]
    assert [getattr(got, f) for f in fields] == [getattr(User.objects.get(pk=reader.pk), f) for f in fields]
    assert got.date_joined.tzinfo is not None and got.is_active is True
    assert ours.get_user(99999) is None and ours.get_user("not a number") is None
    reader.is_active = False
    reader.save()
    assert ours.get_user(reader.pk) is None is django.get_user(reader.pk)
