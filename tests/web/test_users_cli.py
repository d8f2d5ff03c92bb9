"""`zfxxgk users`: accounts from the command line, on the data folder of a server
that is running; passwords through Django's validators; users from before scopes
listed for assignment. Each command runs in its own process, as an operator would."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD = "Wanghu-clerk-2026"


def _env() -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "ZFXXGK_DATA", "DJANGO_SETTINGS_MODULE")}
    env["PYTHONPATH"] = str(ROOT / "src")
    return env


def users(data: Path, *args: str, password: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zfxxgk", "users", *args, "--data", str(data)],
                          input=password, capture_output=True, text=True, timeout=120, env=_env())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kw):
        return None


def log_in(base: str, name: str, password: str) -> int:
    """POST the login form as a browser does; the status (302 when accepted)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    page = opener.open(base + "/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"username": name, "password": password,
                                   "csrfmiddlewaretoken": token}).encode()
    try:
        return opener.open(urllib.request.Request(base + "/accounts/login/", body,
                                                  headers={"Referer": base + "/"})).status
    except urllib.error.HTTPError as e:
        return e.code


def ctrl_c_as_at_a_terminal() -> None:
    """The server gets Ctrl+C as it does when started at a terminal. A suite started
    in the background (`make test &`, nohup) passes SIGINT on as ignored, and a
    program that finds SIGINT ignored rightly keeps ignoring it: the test's Ctrl+C
    then did nothing (seen twice in full runs started that way)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def stop_or_explain(server: subprocess.Popen, timeout: float = 60) -> None:
    """Wait for the server to stop; if it does not, fail with where its threads
    wait (serve writes them on SIGUSR2) and the processes it left, not a bare timeout.
    (It once failed to stop within 60 s in a full run and never again alone.)"""
    try:
        server.communicate(timeout=timeout)
        return
    except subprocess.TimeoutExpired:
        pass
    children = subprocess.run(["ps", "-o", "pid,stat,etime,cmd", "--ppid", str(server.pid)],
                              capture_output=True, text=True).stdout
    server.send_signal(signal.SIGUSR2)
    try:
        out, _ = server.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        server.kill()
        out, _ = server.communicate()
    pytest.fail(f"zfxxgk serve 在 SIGINT 后 {timeout:g} 秒没有退出。\n子进程：\n{children}\n"
                f"输出与线程栈：\n{out}")


@pytest.mark.slow
def test_users_add_on_a_running_server_then_log_in(tmp_path):
    data, port = tmp_path / "data", _free_port()
    server = subprocess.Popen([sys.executable, "-m", "zfxxgk", "serve", "--host", "127.0.0.1",
                               "--port", str(port), "--data", str(data)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env=_env(), preexec_fn=ctrl_c_as_at_a_terminal)
    try:
        for line in server.stdout:  # ready once it prints the address
            if "打开浏览器访问" in line:
                break
        base = f"http://127.0.0.1:{port}"
        done = users(data, "add", "clerk_w", "--role", "录入员", "--agency",
                     "青禾市云岭区望湖街道办事处", "--password-stdin", password=GOOD + "\n")
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "已建立用户 clerk_w（录入员，青禾市云岭区望湖街道办事处）"
        assert log_in(base, "clerk_w", GOOD) == 302
        assert log_in(base, "clerk_w", GOOD + "x") == 200  # the form again, with its error
    finally:
        server.send_signal(signal.SIGINT)
        stop_or_explain(server)
    listed = users(data, "list").stdout
    assert "clerk_w\t录入员\t青禾市云岭区望湖街道办事处" in listed
    assert "admin\t管理员" in listed and "尚未分配机关" not in listed


def test_password_rules_roles_and_unassigned_users(tmp_path):
    data = tmp_path / "data"
    for bad, why in (("12345678", "密码只包含数字"), ("short1!", "密码长度太短"),
                     ("password", "这个密码太常见了")):
        done = users(data, "add", "u1", "--role", "录入员", "--password-stdin", password=bad)
        assert done.returncode == 1 and why in done.stderr and "Traceback" not in done.stderr
    done = users(data, "add", "old", "--role", "审核员", "--password-stdin", password=GOOD)
    assert done.returncode == 0, done.stderr
    listed = users(data, "list").stdout
    assert "old\t审核员\t（未分配机关）" in listed
    assert listed.strip().endswith("尚未分配机关（可看到全部数据，请用 zfxxgk users set 指定 --agency 或 --region）：old")
    done = users(data, "set", "old", "--region", "云岭区")
    assert done.returncode == 0 and done.stdout.strip() == "old\t审核员\t地区：云岭区"
    assert "尚未分配机关" not in users(data, "list").stdout
    done = users(data, "add", "old", "--role", "只读", "--password-stdin", password=GOOD)
    assert done.returncode == 1 and "已有用户“old”" in done.stderr
    done = users(data, "add", "c", "--role", "录入员", "--region", "云岭区", "--password-stdin",
                 password=GOOD)
    assert done.returncode == 1 and "录入员属于一个机关" in done.stderr
    assert users(data, "remove", "old").returncode == 0
    assert "old" not in users(data, "list").stdout
    done = users(data, "remove", "old")
    assert done.returncode == 1 and "没有用户“old”" in done.stderr


def test_a_new_agency_is_created_and_placed_in_the_tree(tmp_path):
    data = tmp_path / "data"
    done = users(data, "add", "clerk", "--role", "录入员", "--agency", "青禾市云岭区望湖街道办事处",
                 "--password-stdin", password=GOOD)
    assert done.returncode == 0, done.stderr
    import sqlite3

    db = sqlite3.connect(data / "zfxxgk.sqlite3")
    rows = dict(db.execute("SELECT a.name, p.name FROM reports_agency a "
                           "LEFT JOIN reports_agency p ON a.parent_id = p.id"))
    assert rows["青禾市云岭区望湖街道办事处"] == "青禾市云岭区人民政府"
    assert rows["青禾市云岭区人民政府"] == "青禾市人民政府"
