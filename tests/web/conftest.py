"""Web tests: pytest-django with the project's settings, a throw-away data folder,
one user per role, and helpers to upload the real seed samples."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Before Django is configured: the settings read the data folder at import.
_OWN_ENV = [k for k in ("ZFXXGK_DATA", "DJANGO_SETTINGS_MODULE") if k not in os.environ]
os.environ.setdefault("ZFXXGK_DATA", tempfile.mkdtemp(prefix="zfxxgk-web-test-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zfxxgk.web.settings")
django = pytest.importorskip("django", reason="the web extra is not installed: pip install -e '.[web]'")
django.setup()  # pytest-django configures Django only when the variable is set before it starts
from django.conf import settings as _settings  # noqa: E402

# Django has read them: processes started from here on must not inherit them. With
# `pytest -n 2 tests/web`, pytest loads this file in the controller before it starts
# its workers; each worker then configured Django with the controller's data folder,
# so both kept signed-in users by id in one file cache and one worker's session met
# the other's user (logged out at random).
DATA = Path(os.environ["ZFXXGK_DATA"])
for _name in _OWN_ENV:
    del os.environ[_name]

# SQLite tests use a file, as `zfxxgk serve` does: the batch worker's thread has its
# own connection, and an in-memory database shared between threads reports "table is
# locked" at once where a file waits for the lock.
if _settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    _settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(
        DATA / f"test-{os.getpid()}.sqlite3")
# A fast hasher for the test users (the default one takes half a second per user).
_settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
ROLES = {"admin": "管理员", "reviewer": "审核员", "clerk": "录入员", "reader": "只读"}
PASSWORD = "测试-password-123"


def make_user(username: str, group: str | None):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, password=PASSWORD)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def users(db):
    """One user per role, plus `nobody` with no role. The role groups come from a
    data migration; a transactional test before this one may have flushed them."""
    from django.contrib.auth.models import Group

    from zfxxgk.web.accounts.roles import ensure_roles

    if Group.objects.filter(name__in=ROLES.values()).count() < len(ROLES):
        ensure_roles()
    made = {name: make_user(name, group) for name, group in ROLES.items()}
    made["nobody"] = make_user("nobody", None)
    return made


@pytest.fixture
def staff(users, client):
    """The 管理员 with the staff flag (the admin site's door), logged in."""
    admin = users["admin"]
    admin.is_staff = True
    admin.save()
    client.force_login(admin)
    return client


@pytest.fixture
def login(client, users):
    """login("clerk") -> the test client, logged in as that role's user."""
    def as_role(name: str):
        client.force_login(users[name])
        return client
    return as_role


@pytest.fixture
def example_bytes():
    def read(name: str) -> bytes:
        return (EXAMPLES / name).read_bytes()
    return read


@pytest.fixture
def stored(users):
    """stored(name) -> a Report row made from an example file, uploaded by the clerk."""
    from zfxxgk.web.reports.services import create_report

    def make(name: str = "wanghu-street-2023.txt"):
        return create_report((EXAMPLES / name).read_bytes(), name, users["clerk"])
    return make


@pytest.fixture
def run_batches(db):
    """run_batches() -> ids of the batches a worker completed, run in this thread."""
    from zfxxgk.web.reports.worker import Worker

    return lambda: Worker(poll_s=0).run_until_idle()


def step(client, pk: int, action: str, api: bool = False, **form):
    """A workflow step (submit, return, publish) on report `pk` as its page or an
    API client takes it: carrying the report's version as read now (the page's
    hidden field, the API's If-Match)."""
    from zfxxgk.web.reports.models import Report
    from zfxxgk.web.reports.versioning import etag

    tag = etag(Report.objects.get(pk=pk))
    if api:
        return client.post(f"/api/reports/{pk}/{action}", HTTP_IF_MATCH=tag)
    return client.post(f"/reports/{pk}/{action}", {**form, "version": tag})


def judge(client, pk: int, position: int, api: bool = False, **form):
    """A reviewer's verdict on finding `position` of report `pk`, carrying the
    report's version as read now (the page's hidden field, the API's If-Match)."""
    from zfxxgk.web.reports.models import Report
    from zfxxgk.web.reports.versioning import etag

    tag = etag(Report.objects.get(pk=pk))
    url = f"{'/api' if api else ''}/reports/{pk}/findings/{position}/verdict"
    if api:
        import json

        return client.post(url, json.dumps(form, ensure_ascii=False), content_type="application/json",
                           HTTP_IF_MATCH=tag)
    return client.post(url, {**form, "version": tag})


def current(pk: int) -> str:
    """Report `pk`'s version as stored now: the edit form's hidden field when the
    test's form is taken as freshly opened."""
    from zfxxgk.web.reports.models import Report
    from zfxxgk.web.reports.versioning import etag

    return etag(Report.objects.get(pk=pk))
