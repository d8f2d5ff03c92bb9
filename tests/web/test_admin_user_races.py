"""The admin site's user page against changes made meanwhile (`zfxxgk users set`,
the user's own password page): it saves only what the administrator changed on
the page. Before, it saved the whole user as the page showed it: a role changed
since the page was opened came back, an account disabled since was enabled again,
and 修改密码 on the admin site enabled again an account disabled while it ran."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import User

from zfxxgk.web.accounts import manage

from .test_own_password import NEW

pytestmark = pytest.mark.django_db


class _Form(HTMLParser):
    """What a browser would send for the page's form: inputs, checked boxes and
    the selected options of selects (a multiple select: every one)."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None

    def _add(self, name: str, value: str) -> None:
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self._add(a["name"], a.get("value") or ("on" if a.get("type") == "checkbox" else ""))
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self._add(self._select, a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def _page_form(client, url: str) -> dict[str, list[str]]:
    page = _Form()
    page.feed(client.get(url).content.decode())
    return page.data


def test_a_role_and_an_account_disabled_since_the_page_was_opened_stay(staff, users):
    url = f"/admin/auth/user/{users['clerk'].pk}/change/"
    form = _page_form(staff, url)
    assert form["is_active"] == ["on"] and form["username"] == ["clerk"]
    manage.set_user("clerk", role="审核员", active=False, password=NEW)  # meanwhile
    form["first_name"] = ["小王"]  # what the administrator changed
    r = staff.post(url, form)
    assert r.status_code == 302, r.content.decode()[:3000]
    clerk = User.objects.get(username="clerk")
    assert clerk.first_name == "小王"
    assert not clerk.is_active and clerk.check_password(NEW)
    assert list(clerk.groups.values_list("name", flat=True)) == ["审核员"]


def test_what_the_administrator_changed_is_saved(staff, users):
    from django.contrib.auth.models import Group

    url = f"/admin/auth/user/{users['clerk'].pk}/change/"
    form = _page_form(staff, url)
    form["groups"] = [str(Group.objects.get(name="审核员").pk)]
    form.pop("is_active")  # the box unticked
    assert staff.post(url, form).status_code == 302
    clerk = User.objects.get(username="clerk")
    assert not clerk.is_active and list(clerk.groups.values_list("name", flat=True)) == ["审核员"]


def test_an_account_disabled_during_the_admins_password_change_stays_disabled(staff, users, monkeypatch):
    from django.contrib.auth.forms import AdminPasswordChangeForm

    checked = AdminPasswordChangeForm.clean

    def then_disabled(self):
        out = checked(self)
        manage.set_user("clerk", active=False)  # while this request runs
        return out

    monkeypatch.setattr(AdminPasswordChangeForm, "clean", then_disabled)
    url = f"/admin/auth/user/{users['clerk'].pk}/password/"
    r = staff.post(url, {"password1": NEW, "password2": NEW, "usable_password": "true"})
    assert r.status_code == 302, r.content.decode()[:3000]
    clerk = User.objects.get(username="clerk")
    assert clerk.check_password(NEW) and not clerk.is_active


def test_a_post_without_the_values_the_page_showed_is_refused(staff, users):
    """Before: a POST made by hand (a script sending the fields Django's admin
    names) that left the 有效 box out to disable the account and emptied the name
    was saved as a change of nothing else: 已修改, the account still enabled."""
    clerk = users["clerk"]
    clerk.first_name = "小王"
    clerk.save()
    url = f"/admin/auth/user/{clerk.pk}/change/"
    form = {name: value for name, value in _page_form(staff, url).items()
            if not name.startswith("initial-")}
    form.pop("is_active")  # the box unticked: disable the account
    form["first_name"] = [""]
    r = staff.post(url, form)
    assert r.status_code == 200 and "缺少页面打开时各项的原值" in r.content.decode()
    clerk.refresh_from_db()
    assert clerk.is_active and clerk.first_name == "小王"


def test_the_agency_inline_without_its_shown_values_is_refused(staff, users):
    from zfxxgk.web.accounts.models import Membership
    from zfxxgk.web.reports.models import Agency

    clerk = users["clerk"]
    agency = Agency.objects.create(key="qinghe-gov", name="青禾市人民政府")
    Membership.objects.update_or_create(user=clerk, defaults={"agency": agency})
    url = f"/admin/auth/user/{clerk.pk}/change/"
    form = {name: value for name, value in _page_form(staff, url).items()
            if not name.startswith("initial-membership-")}
    form["membership-0-agency"] = [""]  # take the clerk out of the agency
    r = staff.post(url, form)
    assert r.status_code == 200 and "缺少页面打开时各项的原值" in r.content.decode()
    assert Membership.objects.get(user=clerk).agency_id == agency.pk


def test_the_page_does_not_carry_the_password_hash(staff, users):
    """The password field is shown masked (algorithm, salt and hash cut short); its
    hidden copy of the value the page showed put the whole hash in the page."""
    page = staff.get(f"/admin/auth/user/{users['clerk'].pk}/change/").content.decode()
    stored = User.objects.get(pk=users["clerk"].pk).password
    assert 'name="initial-username"' in page
    assert stored.split("$")[-1] not in page and 'name="initial-password"' not in page
