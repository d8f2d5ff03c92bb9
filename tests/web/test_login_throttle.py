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


def _runner(tmp_path):
    """A data folder holding the account clerk, and `run(*python_args)` in a child
    Python that uses it as `zfxxgk serve` would (not this process's settings)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "ZFXXGK_DATA", "DJANGO_SETTINGS_MODULE")}
    env["PYTHONPATH"] = str(ROOT / "src")
    data = tmp_path / "data"

    def run(*args, stdin=None):
        return subprocess.run([sys.executable, *args], input=stdin, capture_output=True,
                              text=True, timeout=120, env=env, cwd=ROOT)

    assert run("-m", "zfxxgk", "users", "add", "clerk", "--role", "录入员", "--data", str(data),
               "--password-stdin", stdin="Wanghu-clerk-2026").returncode == 0
    return data, run


def test_users_unlock_from_the_command_line(tmp_path):
    data, run = _runner(tmp_path)
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


def test_users_unlock_an_address_from_the_command_line(tmp_path):
    """The address lock (30 failures across accounts) could be lifted in the admin
    site only: `unlock NAME` cleared one account's records, not the other names'."""
    data, run = _runner(tmp_path)

    def unlock(*args):
        return run("-m", "zfxxgk", "users", "unlock", *args, "--data", str(data))

    # sys.argv: data folder, address, then (name, password) pairs
    probe = ("import sys; from zfxxgk.web.server import prepare; prepare(sys.argv[1]); "
             "from django.test import Client; c = Client(HTTP_HOST='localhost', REMOTE_ADDR=sys.argv[2]); "
             "a = sys.argv[3:]; print(*[c.post('/accounts/login/', {'username': n, 'password': p}).status_code "
             "for n, p in zip(a[::2], a[1::2])])")
    spray = [x for i in range(30) for x in (f"user{i}", "Spring2026!")]
    good = ["clerk", "Wanghu-clerk-2026"]
    done = run("-c", probe, str(data), "10.0.0.5", *spray, *good)
    assert done.stdout.split() == ["200"] * 29 + ["429", "429"], done.stderr
    # one account's unlock leaves the address locked; another address's finds nothing
    assert unlock("clerk").returncode == 0
    assert unlock("--address", "10.0.0.6").stdout.strip() == "地址 10.0.0.6 没有输错密码的记录，无需解除"
    assert run("-c", probe, str(data), "10.0.0.5", *good).stdout.split() == ["429"]
    done = unlock("--address", " 10.0.0.5 ")
    assert done.returncode == 0, done.stderr
    # the 30 sprayed names and clerk (refused at the locked address after its own unlock)
    assert done.stdout.strip() == "已解除地址 10.0.0.5 的登录锁定（清除了该地址上 31 个账号名的输错记录）"
    assert run("-c", probe, str(data), "10.0.0.5", *good).stdout.split() == ["302"]
    # a typo or nothing named: a Chinese refusal, no traceback, nothing cleared
    for args, words in [(["--address", "10.0.0.300"], "“10.0.0.300”不是有效的 IP 地址"),
                        ([], "请写出要解除锁定的账号名，或用 --address 指定地址"),
                        (["  "], "请写出要解除锁定的账号名，或用 --address 指定地址")]:
        done = unlock(*args)
        assert done.returncode == 2 and words in done.stderr and "Traceback" not in done.stderr


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
    assert "<code>zfxxgk users unlock --address 10.0.0.5</code>" in html  # what lifts it
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
