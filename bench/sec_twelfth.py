"""bench/sec_probe.py's checks of the twelfth pass: a 文书设置 row saved before number
formats were checked (written to the database as such a row was), and 从网址导入
against hostile answers — IPv6 addresses carrying an intranet IPv4 one (NAT64,
6to4, site-local), a brotli bomb (256 MB of zeros in some 50 bytes), an answer
in an encoding never asked for, and a portal that drips its answer for minutes —
on a second server whose administrator allowed 127.0.0.1 by name. Also the
reminders' action links opened by a role that may not act."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import threading
import time

import brotli

from sec_data import INTAKE, TRANSPORT

CASE = "2025-1201"  # a number no other area registers
BAD_FORMAT = "{year:>900000000}"  # saved by the page before formats were checked
DRIP_BOUND = 130  # seconds: the web import's bound (fetching.MAX_SECONDS) and a margin


class TwelfthChecks:
    def area_twelfth(self) -> None:
        self._bad_letter_row()
        self._action_links()
        self._embedded_ipv4()
        self._hostile_answers()

    # --- a 文书设置 row of before ------------------------------------------------------------
    def _bad_letter_row(self) -> None:
        r = self.api("clerk_t", "POST", "/api/cases", {**INTAKE, "number": CASE, "agency": TRANSPORT,
                                                       "name": "甲", "subject": "乙"})
        case = r.json().get("id") if r.status_code == 201 else None
        if not self.check("twelfth", "case of 交通运输局 registered", case is not None, r.text[:120]):
            return
        self._case = case
        db = sqlite3.connect(self.data / "zfxxgk.sqlite3", timeout=30)
        with db:
            agency = db.execute("SELECT id FROM reports_agency WHERE name = ?", (TRANSPORT,)).fetchone()[0]
            db.execute("DELETE FROM cases_lettersettingsrecord WHERE agency_id = ?", (agency,))
            db.execute("INSERT INTO cases_lettersettingsrecord (agency_id, data, updated_at) VALUES (?, ?, ?)",
                       (agency, json.dumps({"short_name": "交运", "number_format": BAD_FORMAT,
                                            "review_body": "", "court": ""}), "2026-01-01 00:00:00"))
        try:
            r = self.as_user("clerk_t").get(f"/cases/{case}")
            self.check("twelfth", f"case page with a 文书设置 row “{BAD_FORMAT}” of before: 200, the clerk told",
                       r.status_code == 200 and 'id="letters-fault"' in r.text, str(r.status_code))
            r = self.as_user("reader_t").get(f"/cases/{case}")
            self.check("twelfth", "the same page to a reader: 200, no warning meant for who can fix it",
                       r.status_code == 200 and 'id="letters-fault"' not in r.text, str(r.status_code))
            r = self.as_user("clerk_t").get(f"/cases/{case}/letters/受理回执.docx")
            self.check("twelfth", "its letter: made in the default format (200, a few KB)",
                       r.status_code == 200 and len(r.content) < 200_000, f"{r.status_code} {len(r.content)} B")
            r = self.as_user("clerk_t").get("/registers/letters", params={"agency": TRANSPORT})
            self.check("twelfth", "文书设置 page of that agency: 200, says what to correct",
                       r.status_code == 200 and 'id="letters-fault"' in r.text, str(r.status_code))
        finally:
            with db:
                db.execute("DELETE FROM cases_lettersettingsrecord WHERE agency_id = ?", (agency,))
            db.close()

    # --- reminders' links -----------------------------------------------------------------------
    def _action_links(self) -> None:
        case = getattr(self, "_case", None)
        if case is None:
            return
        for action in ("answered", "correction_expired", "extended"):
            r = self.as_user("reader_t").get(f"/cases/{case}", params={"action": action})
            self.check("twelfth", f"?action={action} opened by a reader: no form of that action",
                       r.status_code == 200 and f'id="action-{action}"' not in r.text, str(r.status_code))
        r = self.as_user("reader_t").get(f"/cases/{case}", params={"action": '"><script>x</script>'})
        self.check("twelfth", "?action= with markup: not printed", "<script>x</script>" not in r.text)

    # --- 从网址导入 ----------------------------------------------------------------------------
    def _embedded_ipv4(self) -> None:
        for url in ("http://[64:ff9b::a00:1]/", "http://[64:ff9b::a9fe:a9fe]/latest/meta-data/",
                    "http://[2002:a00:1::1]/", "http://[fec0::1]/", "http://[::ffff:0:a00:1]/"):
            r = self.form("clerk_w", "/reports/import-url", {"url": url})
            self.check("twelfth", f"import-url {url}: refused as an intranet address, not tried",
                       r.status_code == 400 and "内网、本机或保留地址" in r.text, str(r.status_code))

    def _hostile_answers(self) -> None:
        site = _Hostile().start()
        os.environ["ZFXXGK_FETCH_ALLOWED_HOSTS"] = "127.0.0.1"
        try:
            server = self.serve()
        finally:
            os.environ.pop("ZFXXGK_FETCH_ALLOWED_HOSTS", None)
        try:
            self._answers_on(server, site)
        finally:
            server.stop()
            site.stop()

    def _answers_on(self, server, site: "_Hostile") -> None:
        dripped: dict = {}
        dripping = _Clerk(server, "clerk_t", self.password)
        drip = threading.Thread(target=lambda: dripped.update(r=_timed(lambda: dripping.fetch(site.base + "/drip"))),
                                daemon=True)
        drip.start()
        clerk = _Clerk(server, "clerk_w", self.password)
        before = _peak_kb(server.proc.pid)
        r = clerk.post(site.base + "/br-bomb")
        grown = (_peak_kb(server.proc.pid) - before) / 1024
        self.check("twelfth", "import-url of a brotli bomb (256 MB of zeros in 50 B): refused, memory +<100 MB",
                   r.status_code == 400 and "压缩方式" in r.text and grown < 100, f"{r.status_code} +{grown:.0f} MB")
        r = clerk.post(site.base + "/gzip-twice")
        self.check("twelfth", "import-url of an answer gzipped twice: refused in Chinese",
                   r.status_code == 400 and "压缩方式" in r.text, str(r.status_code))
        drip.join(DRIP_BOUND + 10)
        got = dripped.get("r")
        self.check("twelfth", f"import-url of a portal dripping a byte every 5 s: given up within {DRIP_BOUND} s",
                   got is not None and got[0] < DRIP_BOUND and got[1] == 400,
                   f"{got[0]:.0f} s, {got[1]}" if got else "still waiting")


def _timed(call) -> tuple[float, int]:
    """(seconds, status); status 0 when the server closed the connection instead."""
    import httpx

    started = time.monotonic()
    try:
        status = call()
    except httpx.HTTPError:
        status = 0
    return time.monotonic() - started, status


class _Clerk:
    """A signed-in client of `server` (the second one, with its own sessions)."""

    def __init__(self, server, name: str, password: str):
        import httpx

        self.c = httpx.Client(base_url=server.base, timeout=DRIP_BOUND + 60)
        page = self.c.get("/accounts/login/").text
        token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
        self.c.post("/accounts/login/", data={"username": name, "password": password,
                                              "csrfmiddlewaretoken": token})

    def post(self, url: str):
        return self.c.post("/reports/import-url",
                           data={"url": url, "csrfmiddlewaretoken": self.c.cookies.get("csrftoken", "")})

    def fetch(self, url: str) -> int:
        return self.post(url).status_code


def _peak_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))


class _Hostile:
    """A loopback site answering /br-bomb, /gzip-twice and /drip (a byte every 5 s)."""

    def __init__(self):
        self.bomb = brotli.compress(bytes(256 * 1024 * 1024), quality=5)
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.base = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.stopping = threading.Event()

    def start(self) -> "_Hostile":
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.sock.close()

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        import gzip

        try:
            path = conn.recv(4096).split(b" ", 2)[1]
            head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n"
            if path == b"/br-bomb":
                conn.sendall(head + b"Content-Encoding: br\r\nContent-Length: %d\r\n\r\n" % len(self.bomb) + self.bomb)
            elif path == b"/gzip-twice":
                body = gzip.compress(gzip.compress("望湖街道2023年政府信息公开工作年度报告".encode()))
                conn.sendall(head + b"Content-Encoding: gzip, gzip\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
            else:  # /drip: 300 bytes, one every 5 s (25 minutes)
                conn.sendall(head + b"Content-Length: 300\r\n\r\n")
                for _ in range(300):
                    if self.stopping.wait(5):
                        break
                    conn.sendall(b" ")
        except OSError:
            pass
        finally:
            conn.close()
