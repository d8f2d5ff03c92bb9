"""Issue 14, finding 4 (no login throttling): ten wrong passwords lock that account
from that address for 15 minutes, with a Chinese page; other accounts and other
addresses still log in; `zfxxgk users unlock` lifts it."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _login(client, name, password, address="127.0.0.1"):
    return client.post("/accounts/login/", {"username": name, "password": password},
                       REMOTE_ADDR=address)


def test_ten_failures_lock_the_account_at_that_address(users):
    c = Client()
    for _ in range(9):
        r = _login(c, "clerk", "wrong-password")
        assert r.status_code == 200 and "用户名或密码不正确" in r.content.decode()
    assert _login(c, "clerk", "wrong-password").status_code == 429  # the tenth locks
    r = _login(c, "clerk", PASSWORD)  # the right one, too late
    assert r.status_code == 429
    html = r.content.decode()
    assert "登录已暂时锁定" in html and "连续 10 次密码错误" in html and "15 分钟" in html
    assert "_auth_user_id" not in c.session
    assert _login(Client(), "reader", PASSWORD).status_code == 302  # another account
    assert _login(Client(), "clerk", PASSWORD, "10.0.0.9").status_code == 302  # another address


def test_the_lock_ends_after_15_minutes(users):
    from axes.models import AccessAttempt

    c = Client()
    for _ in range(10):
        _login(c, "clerk", "wrong-password")
    assert _login(c, "clerk", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time
                                 - timedelta(minutes=16))
    assert _login(c, "clerk", PASSWORD).status_code == 302


def test_nine_failures_then_the_right_password_work(users):
    c = Client()
    for _ in range(9):
        _login(c, "clerk", "wrong-password")
    assert _login(c, "clerk", PASSWORD).status_code == 302


def test_users_unlock_from_the_command_line(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "ZFXXGK_DATA", "DJANGO_SETTINGS_MODULE")}
    env["PYTHONPATH"] = str(ROOT / "src")
    data = tmp_path / "data"

    def run(*args, stdin=None):
        return subprocess.run([sys.executable, *args], input=stdin, capture_output=True,
                              text=True, timeout=120, env=env, cwd=ROOT)

    assert run("-m", "zfxxgk", "users", "add", "clerk", "--role", "录入员", "--data", str(data),
               "--password-stdin", stdin="Wanghu-clerk-2026").returncode == 0
    probe = ("import sys; from zfxxgk.web.server import prepare; prepare(sys.argv[1]); "
             "from django.test import Client; c = Client(HTTP_HOST='localhost'); "
             "codes = [c.post('/accounts/login/', {'username': 'clerk', 'password': p}).status_code "
             "for p in sys.argv[2:]]; print(*codes)")
    done = run("-c", probe, str(data), *["bad-password"] * 10, "Wanghu-clerk-2026")
    assert done.stdout.split() == ["200"] * 9 + ["429", "429"], done.stderr
    done = run("-m", "zfxxgk", "users", "unlock", "clerk", "--data", str(data))
    assert done.returncode == 0 and done.stdout.strip() == "已解除 clerk 的登录锁定"
    done = run("-c", probe, str(data), "Wanghu-clerk-2026")
    assert done.stdout.split() == ["302"], done.stderr


def _spray(address, accounts=30):
    """One wrong password for each of `accounts` names (some not users at all)."""
    c = Client()
    return [_login(c, f"user{i}", "Spring2026!", address).status_code for i in range(accounts)]


def test_thirty_failures_across_accounts_lock_the_address(users):
    """Password spraying (one guess per account) was never stopped: each pair stayed
    at one failure. Thirty from one address lock that address, every account."""
    codes = _spray("10.0.0.5")
    assert codes == [200] * 29 + [429]
    c = Client()
    r = _login(c, "clerk", PASSWORD, "10.0.0.5")  # the right password, same address
    assert r.status_code == 429 and "_auth_user_id" not in c.session
    html = r.content.decode()
    assert "从这个地址登录已暂停 15 分钟" in html and "多个账号合计 30 次" in html
    assert _login(Client(), "clerk", PASSWORD, "10.0.0.6").status_code == 302  # another address


def test_a_login_of_the_sprayer_does_not_clear_the_address(users):
    """axes' reset on success cleared every count the login matched, the address's
    too: a sprayer holding one account could sign in every 29 guesses and go on."""
    assert _spray("10.0.0.5", 29) == [200] * 29
    assert _login(Client(), "reader", PASSWORD, "10.0.0.5").status_code == 302
    assert _login(Client(), "user99", "Spring2026!", "10.0.0.5").status_code == 429


def test_one_users_typos_do_not_lock_others(users):
    """A clerk's ten typos lock that clerk at that address only: a colleague at the
    same address (one office, one address) and the clerk elsewhere still sign in."""
    for _ in range(10):
        _login(Client(), "clerk", "wrong-password", "10.0.0.5")
    assert _login(Client(), "reader", PASSWORD, "10.0.0.5").status_code == 302
    assert _login(Client(), "reader", PASSWORD, "10.0.0.7").status_code == 302
    r = _login(Client(), "clerk", PASSWORD, "10.0.0.5")
    assert r.status_code == 429 and "连续 10 次密码错误" in r.content.decode()
