"""The project's set-up: migrations committed and complete, roles from the data
migration, settings from the environment, `zfxxgk serve`'s first start."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from zfxxgk.web.accounts.roles import CASE_ROLE_PERMISSIONS, ROLE_PERMISSIONS
from zfxxgk.web.settings import database_from_url


@pytest.mark.django_db
def test_migrations_match_models():
    # As froide's test_migration_stability: a model change without its migration fails.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_roles_created_with_permissions():
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {"管理员", "审核员", "录入员", "只读"}
    reader = Group.objects.get(name="只读")
    codes = {f"{p.content_type.app_label}.{p.codename}" for p in reader.permissions.all()}
    assert codes == set(ROLE_PERMISSIONS["只读"]) | set(CASE_ROLE_PERMISSIONS["只读"])
    assert "cases.reveal_personal" not in codes
    assert "reports.publish_report" in {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name="审核员").permissions.all()}


def test_database_url():
    assert database_from_url(None)["ENGINE"].endswith("sqlite3")
    pg = database_from_url("postgresql://u:p%40ss@127.0.0.1:5433/zf")
    assert (pg["ENGINE"], pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"], pg["NAME"]) == (
        "django.db.backends.postgresql", "u", "p@ss", "127.0.0.1", "5433", "zf")
    with pytest.raises(ValueError, match="不支持"):
        database_from_url("mysql://x/y")


@pytest.mark.django_db
def test_first_start_creates_admin_once(capsys):
    from django.contrib.auth import authenticate

    from zfxxgk.web.server import ensure_admin

    password = ensure_admin()
    assert password and len(password) >= 12
    from django.test import RequestFactory

    request = RequestFactory().post("/accounts/login/")  # the login throttle needs one
    assert authenticate(request, username="admin", password=password) is not None
    assert ensure_admin() is None  # never a second admin, never the password again


@pytest.mark.django_db
def test_load_examples_once():
    from zfxxgk.web.reports.models import Report
    from zfxxgk.web.server import load_examples

    from .conftest import EXAMPLES

    n = load_examples(EXAMPLES)
    assert n == Report.objects.count() >= 5
    assert load_examples(EXAMPLES) == 0


@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_on_a_port_in_use_is_one_chinese_line(tmp_path, workers):
    import os
    import socket
    import subprocess
    import sys

    if workers == "2" and not hasattr(os, "fork"):
        pytest.skip("pre-fork workers need fork")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        done = subprocess.run([sys.executable, "-m", "zfxxgk", "serve", "--host", "127.0.0.1",
                               "--port", str(port), "--data", str(tmp_path / "data"),
                               "--workers", workers],
                              capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 1, done.stderr
    assert f"无法监听 127.0.0.1:{port}" in done.stderr and "端口可能已被占用" in done.stderr
    assert "Traceback" not in done.stderr
