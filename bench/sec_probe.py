"""Security probe of the web app as an attacker tries it, re-runnable by the team.

Starts `zfxxgk serve` on a free loopback port with a throw-away data folder, makes
users of two agencies (望湖街道, 交通运输局) and an administrator, and tries what
tests/web does not walk already (its every-page/every-write scope tests and
bench/robust_web.py's odd requests): headers, cookies, login and session tricks,
stored markup in every field a page, export or letter prints, formulas in every
export, hostile uploads (zip slip, bombs, XML entities, huge images and PDFs),
known-copy and IDOR reads across agencies (every route of the URLconf: sec_more.py),
mass assignment, SSRF through “从网址导入”, path tricks, simultaneous saves, one
user hammering the expensive endpoints, sessions after a role change, the
names of downloads and the review views (bulk 标记为已审核, 退回修改 of a draft,
已退回, the 审核 filter: sec_review.py) and the views of the last rounds (dashboard, batch
pages, the API's bulk review by filter, 导出台账, 文书设置, the calendar's paste:
sec_recent.py) and the twelfth pass's (a 文书设置 row of before, 从网址导入 against
NAT64 addresses, a brotli bomb and a dripping portal: sec_twelfth.py). Prints one
line per check:

    PASS|FAIL  area  check  (detail)

and a summary; exits 1 when any check fails. No network beyond loopback.

    PYTHONPATH=src .venv/bin/python bench/sec_probe.py [--keep]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sec_checks  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "Probe-密码-2026!x"
WANGHU, TRANSPORT = "青禾市云岭区望湖街道办事处", "青禾市交通运输局"
USERS = [("boss", "管理员", []), ("clerk_w", "录入员", ["--agency", WANGHU]),
         ("clerk_t", "录入员", ["--agency", TRANSPORT]), ("rev_y", "审核员", ["--region", "云岭区"]),
         ("reader_t", "只读", ["--agency", TRANSPORT])]


class Server:
    """`zfxxgk serve` in its own process group, on 127.0.0.1."""

    def __init__(self, data: Path, *extra: str):
        self.data, self.port = data, sec_checks.free_port()
        self.env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "ZFXXGK_DATA": str(data)}
        self.env.pop("DJANGO_SETTINGS_MODULE", None)
        log = data.parent / f"serve{''.join(extra)}.log"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "zfxxgk", "serve", "--data", str(data), "--port", str(self.port), *extra],
            env=self.env, stdout=subprocess.DEVNULL, stderr=open(log, "wb"), start_new_session=True)
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.base + "/accounts/login/", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.5)
        raise SystemExit("服务器没有启动，见 serve.log")

    def cli(self, *args: str, stdin: str = "") -> str:
        done = subprocess.run([sys.executable, "-m", "zfxxgk", *args, "--data", str(self.data)],
                              input=stdin, env=self.env, capture_output=True, text=True, timeout=120)
        if done.returncode:
            raise SystemExit(f"zfxxgk {' '.join(args)}: {done.stderr}")
        return done.stdout

    def stop(self) -> None:
        import signal

        try:
            os.killpg(self.proc.pid, signal.SIGTERM)  # serve and the batch worker it started
            self.proc.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.proc.pid, signal.SIGKILL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the data folder (printed)")
    parser.add_argument("--only", default="", help="comma-separated areas to run")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="sec-probe-"))
    server = Server(tmp / "data")
    try:
        for name, role, extra in USERS:
            server.cli("users", "add", name, "--role", role, *extra, "--password-stdin",
                       stdin=PASSWORD + "\n")
        probe = sec_checks.Probe(server.base, PASSWORD, server.data, tmp)
        probe.serve = lambda *extra: Server(server.data, *extra)  # another server on the same data
        started = time.monotonic()
        probe.run([a for a in args.only.split(",") if a])
        print(f"\n{probe.summary()}  ({time.monotonic() - started:.0f} s)")
        return 1 if probe.failed else 0
    finally:
        server.stop()
        if args.keep:
            print(f"data folder kept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
