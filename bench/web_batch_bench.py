"""Batch upload under `zfxxgk serve`: how soon the upload answers, how fast the
background worker reads the files, and whether a server killed half-way resumes
the batch on its next start without storing a report twice.

A zip of N text reports (the examples, each copy made distinct by trailing blank
lines) plus one file that is not a report is posted to /batches/new by a logged-in
录入员; the batch's JSON is polled until it is finished. With --kill-at 0.5 the
server is killed (SIGKILL) when half the files are done and started again.

    PYTHONPATH=src python bench/web_batch_bench.py --files 500 --kill-at 0.5
"""

from __future__ import annotations

import argparse
import http.cookiejar
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
USER, PASSWORD = "bench-clerk", "bench-password-123"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_zip(n: int) -> bytes:
    texts = sorted(p for p in (ROOT / "examples").iterdir()
                   if p.suffix in (".txt", ".md") and p.name != "README.md")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(n):
            p = texts[i % len(texts)]
            z.writestr(f"{i:04d}-{p.name}", p.read_bytes() + b"\n" * (i // len(texts) + 1))
        z.writestr("会议纪要.txt", "会议纪要：讨论了办公用品采购。".encode())
    return buf.getvalue()


def start(data: Path, port: int, workers: int = 1) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    server = subprocess.Popen([sys.executable, "-c", "from zfxxgk.cli import main; main()", "serve",
                               "--host", "127.0.0.1", "--port", str(port), "--data", str(data),
                               "--workers", str(workers)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)  # its own group: killed as a whole
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=1).read()
            return server
        except OSError:
            time.sleep(0.1)
    raise SystemExit("server did not start")


def login(base: str):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"username": USER, "password": PASSWORD,
                                   "csrfmiddlewaretoken": token, "next": "/"}).encode()
    opener.open(urllib.request.Request(f"{base}/accounts/login/", data=body,
                                       headers={"Referer": f"{base}/accounts/login/"}))
    return opener, next(c.value for c in jar if c.name == "csrftoken")


def upload(base: str, opener, csrf: str, archive: bytes) -> tuple[int, float]:
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrfmiddlewaretoken\"\r\n\r\n"
            f"{csrf}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; "
            f"filename=\"reports.zip\"\r\nContent-Type: application/zip\r\n\r\n").encode()
    body += archive + f"\r\n--{boundary}--\r\n".encode()
    req = urllib.request.Request(f"{base}/batches/new", data=body, headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", "Referer": f"{base}/batches/new"})
    t0 = time.perf_counter()
    with opener.open(req) as r:  # follows the redirect to the batch page
        r.read()
        url = r.geturl()
    return int(url.rstrip("/").rsplit("/", 1)[1]), time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--kill-at", type=float, default=None, help="kill the server at this fraction")
    ap.add_argument("--workers", type=int, default=1, help="zfxxgk serve --workers")
    args = ap.parse_args()

    data = Path(tempfile.mkdtemp(prefix="zfxxgk-batch-bench-"))
    os.environ["ZFXXGK_DATA"] = str(data)
    sys.path.insert(0, str(ROOT / "src"))
    from zfxxgk.web.server import prepare

    prepare(data)
    from django.contrib.auth.models import Group, User

    User.objects.create_user(USER, password=PASSWORD).groups.add(Group.objects.get(name="录入员"))
    archive = make_zip(args.files)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start(data, port, args.workers)
    killed_at = restarted = None
    try:
        opener, csrf = login(base)
        pk, answered = upload(base, opener, csrf, archive)
        t0 = time.perf_counter()
        while True:
            p = json.loads(opener.open(f"{base}/api/batches/{pk}").read())["progress"]
            if p["finished"]:
                break
            if args.kill_at and killed_at is None and p["processed"] >= args.kill_at * p["total"]:
                os.killpg(server.pid, signal.SIGKILL)  # with --workers, every process
                server.wait()
                killed_at = p["processed"]
                r0 = time.perf_counter()
                server = start(data, port, args.workers)
                restarted = time.perf_counter() - r0
            time.sleep(0.5)
        elapsed = time.perf_counter() - t0
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()
    from zfxxgk.web.reports.models import Batch, Report

    batch = Batch.objects.get(pk=pk)
    shas = list(Report.objects.filter(batch=batch).values_list("sha256", flat=True))
    print(f"files: {batch.total} ({args.files} reports + 1 not a report), "
          f"status: {batch.get_status_display()}, failed: {batch.failed}")
    print(f"upload answered in {answered:.2f} s; all read in {elapsed:.1f} s "
          f"({batch.total / elapsed * 60:.0f} files/min)")
    if killed_at is not None:
        print(f"killed after {killed_at} files, restarted in {restarted:.1f} s")
    print(f"reports stored: {len(shas)}, distinct: {len(set(shas))}")
    if len(shas) != args.files or len(set(shas)) != len(shas):
        raise SystemExit("wrong number of reports")


if __name__ == "__main__":
    main()
