"""修改密码 (accounts/password.py): every role changes its own password from the
header's link, not only 管理员 in the admin site. The old password is required and
counted by the login throttle; the new one passes the project's validators, works
at the next login, and the old one no longer does; this session stays signed in and
the account's other sessions end."""

from __future__ import annotations

import pytest
from django.test import Client

from .conftest import PASSWORD, ROLES

pytestmark = pytest.mark.django_db

NEW = "望湖-新密码-2026"
URL = "/accounts/password/"


def _signed_in(name: str, password: str = PASSWORD) -> Client:
    c = Client()
    r = c.post("/accounts/login/", {"username": name, "password": password})
    assert r.status_code == 302, (name, r.status_code)
    return c


def _change(c: Client, old: str, new: str = NEW, again: str | None = None):
    return c.post(URL, {"old_password": old, "new_password1": new,
                        "new_password2": new if again is None else again})


def _logs_in(name: str, password: str) -> bool:
    return Client().post("/accounts/login/", {"username": name, "password": password}).status_code == 302


@pytest.mark.parametrize("role", sorted(ROLES))
def test_each_role_changes_its_own_password(users, role):
    from zfxxgk.web.audit.models import AuditEntry

    c = _signed_in(role)
    home = c.get("/").content.decode()
    assert f'href="{URL}">修改密码</a>' in home  # the header's link, next to the name
    page = c.get(URL)
    assert page.status_code == 200 and "原密码" in page.content.decode()

    wrong = _change(c, "not-my-password")
    assert wrong.status_code == 200 and "原密码不正确，请重新输入。" in wrong.content.decode()
    assert _logs_in(role, PASSWORD) and not _logs_in(role, NEW)  # nothing changed

    r = _change(c, PASSWORD)
    assert r.status_code == 302 and r["Location"] == "/accounts/password/done/"
    done = c.get(r["Location"])
    assert done.status_code == 200 and "密码已修改" in done.content.decode()
    assert c.get("/").status_code == 200  # still signed in
    assert _logs_in(role, NEW) and not _logs_in(role, PASSWORD)
    entry = AuditEntry.objects.get(action="修改密码")
    assert entry.user == users[role] and entry.object_id == str(users[role].pk)


def test_the_accounts_other_sessions_end(users):
    here, elsewhere, someone_else = _signed_in("clerk"), _signed_in("clerk"), _signed_in("reader")
    assert _change(here, PASSWORD).status_code == 302
    r = elsewhere.get("/")
    assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")
    assert here.get("/").status_code == 200 and someone_else.get("/").status_code == 200


def test_anonymous_is_sent_to_login(users):
    for method in ("get", "post"):
        for url in (URL, "/accounts/password/done/"):
            r = getattr(Client(), method)(url, {"old_password": PASSWORD, "new_password1": NEW,
                                                "new_password2": NEW} if method == "post" else None)
            if method == "post" and url.endswith("done/"):
                assert r.status_code in (302, 405), r.status_code
                continue
            assert r.status_code == 302 and r["Location"].startswith("/accounts/login/?next="), (method, url)
    assert _logs_in("clerk", PASSWORD)


@pytest.mark.parametrize("new,again,said", [
    ("12345678", None, "密码只包含数字"),
    ("password", None, "这个密码太常见了"),
    ("a-1b", None, "密码长度太短，至少要 8 个字符"),
    ("reader-12", None, "密码与用户名太相似"),
    (NEW, NEW + "x", "两次输入的新密码不一致。"),
])
def test_the_projects_password_rules_in_chinese(users, new, again, said):
    c = _signed_in("reader")
    r = _change(c, PASSWORD, new, again)
    assert r.status_code == 200 and said in r.content.decode()
    assert _logs_in("reader", PASSWORD)


def test_a_post_without_the_csrf_token_is_refused(users):
    c = Client(enforce_csrf_checks=True)
    c.force_login(users["clerk"])
    assert _change(c, PASSWORD).status_code == 403
    assert _logs_in("clerk", PASSWORD) and not _logs_in("clerk", NEW)


def test_wrong_old_passwords_count_towards_the_login_lock(users):
    """Ten wrong old passwords lock the account at this address, as ten wrong logins
    do: the form is no way round django-axes, and a locked account cannot change its
    password with the right one either."""
    c = _signed_in("clerk")
    codes = [_change(c, "not-my-password").status_code for _ in range(10)]
    assert codes == [200] * 9 + [429]
    r = _change(c, PASSWORD)
    assert r.status_code == 429 and "登录已暂时锁定" in r.content.decode()
    assert Client().post("/accounts/login/", {"username": "clerk", "password": PASSWORD}).status_code == 429
    assert _logs_in("reader", PASSWORD)  # another account is not locked
    from django.contrib.auth.models import User

    assert User.objects.get(username="clerk").check_password(PASSWORD)


def test_the_admin_sites_link_opens_this_page(staff):
    r = staff.get("/admin/password_change/")
    assert r.status_code == 302 and r["Location"] == URL


def test_a_password_set_by_zfxxgk_users_ends_sessions_too(users):
    """The same behaviour as this page's: the account's sessions end (here every one,
    as the change was made by no session)."""
    from zfxxgk.web.accounts.manage import set_user

    c = _signed_in("clerk")
    set_user("clerk", password=NEW)
    r = c.get("/")
    assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")
    assert _logs_in("clerk", NEW)
