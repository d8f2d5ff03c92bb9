"""A user's own password change and an administrator's `zfxxgk users set` at the
same moment: each saves only what it changes. Before, each saved the whole user as
it had read it: a password changed meanwhile was set back to the old one by a role
change, and an account disabled meanwhile was enabled again by the password page."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from zfxxgk.web.accounts import manage
from zfxxgk.web.accounts.password import OwnPasswordForm

from .conftest import PASSWORD
from .test_own_password import NEW, URL, _signed_in

pytestmark = pytest.mark.django_db


def test_an_account_disabled_during_a_password_change_stays_disabled(users, monkeypatch):
    checked = OwnPasswordForm.clean_old_password

    def then_the_administrator(self):
        old = checked(self)
        manage.set_user("clerk", active=False)  # while this request runs
        return old

    monkeypatch.setattr(OwnPasswordForm, "clean_old_password", then_the_administrator)
    r = _signed_in("clerk").post(URL, {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})
    assert r.status_code == 302
    clerk = User.objects.get(username="clerk")
    assert clerk.check_password(NEW) and not clerk.is_active


def test_a_password_changed_during_a_role_change_is_kept(users, monkeypatch):
    read = manage._user

    def then_the_user(name):
        user = read(name)
        other = User.objects.get(pk=user.pk)  # the user's own page, meanwhile
        other.set_password(NEW)
        other.save(update_fields=["password"])
        return user

    monkeypatch.setattr(manage, "_user", then_the_user)
    manage.set_user("clerk", role="审核员")
    clerk = User.objects.get(username="clerk")
    assert clerk.check_password(NEW) and clerk.groups.get().name == "审核员"
