"""bench/sec_probe.py's checks of the seventh pass: every route of the URLconf asked
about another agency's objects by id (every download format and letter kind), two
people saving one thing at the same moment, one user hammering the expensive
endpoints while a colleague waits for a page, sessions after a role change, and
the file names of downloads."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

import sec_files as F
from sec_data import INTAKE, WANGHU

# What 望湖's objects show, and no page of another agency's staff may.
MARKS = ("望湖的秘密申请", "望湖的批次", "复议-望湖-1", "望湖-idor")
ROUTES = ("import django, json; django.setup(); from django.urls import get_resolver\n"
          "def walk(patterns, prefix=''):\n"
          "    for p in patterns:\n"
          "        if hasattr(p, 'url_patterns'):\n"
          "            yield from walk(p.url_patterns, prefix + str(p.pattern))\n"
          "        else:\n"
          "            yield prefix + str(p.pattern)\n"
          "print(json.dumps(sorted(set(walk(get_resolver().url_patterns)))))")
FILLS = {"fmt": ("json", "docx", "pdf", "xlsx", "html", "csv", "txt"),
         "kind": ("受理回执", "补正告知书", "延期答复告知书", "征求意见书", "收费通知书", "答复书",
                  "answered", "receipt_confirmed", "extended"),
         "code": ("applications.received.total",), "action": ("submit", "return", "publish"),
         "key": ("1",), "position": ("0",)}


class MoreChecks:
    # --- every route, another agency's ids ----------------------------------------------
    def area_idor(self) -> None:
        ids = self._wanghu_objects()
        tag = self.as_user("clerk_w").get(f"/api/reports/{ids['report']}").headers.get("etag")
        routes = self._routes()
        t = self.as_user("clerk_t")
        walked = 0
        for route in routes:
            if "<" not in route or route.startswith("admin/"):
                continue
            urls = _fill(route, ids)
            got = []
            for url in urls:
                r = t.get(url)
                leaked = [m for m in MARKS if m in r.text]
                if r.status_code >= 500 or (r.status_code < 400 and leaked):
                    got.append(f"GET {url}: {r.status_code} {leaked}")
                r = t.post(url, data={"csrfmiddlewaretoken": t.cookies.get("csrftoken", "")},
                           headers=self.csrf(t))
                if r.status_code >= 500 or r.status_code < 400 and not _to_login(r):
                    got.append(f"POST {url}: {r.status_code} {r.headers.get('location', '')}")
            walked += len(urls)
            self.check("idor", f"{route}: another agency's ids refused ({len(urls)} URLs, GET and POST)",
                       not got, "; ".join(got)[:300])
        print(f"NOTE  idor      {walked} URLs from {len(routes)} routes of the URLconf")
        after = self.as_user("clerk_w").get(f"/api/reports/{ids['report']}").headers.get("etag")
        self.check("idor", "望湖's draft unchanged after the walk (its ETag)", tag and after == tag,
                   f"{tag} -> {after}")

    def _routes(self) -> list[str]:
        from sec_checks import _env

        out = subprocess.run([sys.executable, "-c", ROUTES], capture_output=True, text=True, check=True,
                             env={**_env(self.data), "DJANGO_SETTINGS_MODULE": "zfxxgk.web.settings"})
        return json.loads(out.stdout)

    def _wanghu_objects(self) -> dict[str, str]:
        """A draft report, a batch, a case with an extension waiting, a 复议 entry of 望湖."""
        w = self.as_user("clerk_w")
        r = self._upload("clerk_w", "望湖-idor.txt", F.EXAMPLE.read_bytes() + b"\n" * 11)
        ids = {"report": str(r.json()["id"]), "agency": str(r.json()["agency_id"])}
        r = w.post("/api/batches", files={"files": ("望湖-idor-b.txt", F.EXAMPLE.read_bytes() + b"\n" * 13,
                                                    "text/plain")},
                   data={"name": "望湖的批次"}, headers=self.csrf(w))
        ids["batch"] = str(r.json()["id"])
        r = self.api("clerk_w", "POST", "/api/cases", {**INTAKE, "number": "2025-0300", "agency": WANGHU,
                                                       "name": "甲", "subject": "望湖的秘密申请"})
        ids["case"] = str(r.json()["id"])
        r = self.api("clerk_w", "POST", f"/api/cases/{ids['case']}/events/extended",
                     {"on": "2025-10-20", "days": "20", "notice_on": "2025-10-20", "approver": "rev_y"})
        ids["approval"] = str(r.json().get("approval", {}).get("id", 0))
        r = self.api("clerk_w", "POST", "/api/registers/litigation",
                     {"agency": WANGHU, "number": "复议-望湖-1", "kind": "review", "received_on": "2025-03-01"})
        ids["litigation"] = str(r.json().get("id", 0))
        self.check("idor", "望湖's objects made (report, batch, case, approval, 复议)",
                   all(v != "0" for v in ids.values()), str(ids))
        return ids

    # --- two people, one thing, one moment ----------------------------------------------
    def area_races(self) -> None:
        w = self.as_user("clerk_w")
        r = self._upload("clerk_w", "望湖-race.txt", F.EXAMPLE.read_bytes() + b"\n" * 17)
        pk = r.json()["id"]
        tag = w.get(f"/api/reports/{pk}").headers["etag"]
        codes = _together([lambda v=v: self.api("clerk_w", "PATCH", f"/api/reports/{pk}/cells",
                                                {"cells": {"applications.received.natural_person": v}},
                                                **{"If-Match": tag}).status_code for v in (11, 12, 13, 14)])
        self.check("races", "report: four PATCH from one version at once: one saved, three 412",
                   sorted(codes) == [200, 412, 412, 412], str(codes))
        r = self.api("clerk_w", "POST", "/api/cases", {**INTAKE, "number": "2025-0301", "agency": WANGHU,
                                                       "name": "甲", "subject": "乙"})
        case = r.json()["id"]
        codes = _together([lambda o=o: self.api("clerk_w", "POST", f"/api/cases/{case}/events/answered",
                                                {"on": "2025-10-09", "outcome": o}).status_code
                           for o in ("granted",) * 4])
        events = self.api("clerk_w", "GET", f"/api/cases/{case}").json()["events"]
        self.check("races", "case: four answers at once: one recorded, three refused",
                   sorted(codes)[0] == 200 and sorted(codes)[1:] != [200] * 3 and codes.count(200) == 1
                   and len(events) == 2, f"{codes}, {len(events)} events")
        lit = {"agency": WANGHU, "number": "复议-race", "kind": "review", "received_on": "2025-03-01"}
        codes = _together([lambda: self.api("clerk_w", "POST", "/api/registers/litigation", lit).status_code] * 4)
        self.check("races", "复议 entry: four new entries of one number at once: one stored",
                   codes.count(201) == 1 and all(c in (201, 409, 412, 428) for c in codes), str(codes))

    # --- one user hammering what costs --------------------------------------------------
    def area_hammer(self) -> None:
        """A clerk sends 12 slow uploads at once (8 threads serve the site): the clerk is
        told to wait for the surplus rather than take every thread, and a colleague's
        page comes about as fast as before."""
        slow = F.SLOW_PDF.read_bytes() if F.SLOW_PDF.exists() else F.many_pages_pdf(5000)
        c, reader = self.as_user("clerk_w"), self.as_user("reader_t")
        reader.get("/")
        started = time.monotonic()
        reader.get("/")
        calm = time.monotonic() - started

        def upload(i: int) -> int:
            return c.post("/api/reports", files={"file": (f"慢{i}.pdf", slow + b"%%%d" % i, "application/pdf")},
                          headers=self.csrf(c)).status_code

        waited: list[float] = []

        def colleague() -> int:
            time.sleep(1)
            started = time.monotonic()
            code = reader.get("/").status_code
            waited.append(time.monotonic() - started)
            return code

        codes = _together([lambda i=i: upload(i) for i in range(12)] + [colleague])
        page = codes.pop()
        self.check("hammer", "the clerk's uploads past 3 at once are told to wait (429), none a 500",
                   codes.count(429) >= 8 and all(x < 500 for x in codes), str(sorted(codes)))
        self.check("hammer", "a colleague's page meanwhile: within 5 s",
                   page == 200 and waited[0] < 5, f"{waited[0]:.1f} s (calm: {calm:.2f} s)")
        self._hammer_workers(slow)

    def _hammer_workers(self, slow: bytes) -> None:
        """The same under `zfxxgk serve --workers 2` on the same data: 3 at once across
        both processes (a count per process let 6 through), and the places of a worker
        killed mid-upload come back (the user is not locked out)."""
        server = self.serve("--workers", "2")
        try:
            probe = type(self)(server.base, self.password, self.data, self.tmp)
            c = probe.as_user("clerk_w")

            def upload(i: int) -> int:  # its last bytes sent 2 s late: the request is held that long
                return _held_post(c, "/api/reports", self.csrf(c),
                                  {"file": (f"二{i}.pdf", slow + b"%%w%d" % i, "application/pdf")}).status_code

            codes = _together([lambda i=i: upload(i) for i in range(12)])
            self.check("hammer", "--workers 2: 12 uploads at once, 9 told to wait (3 across both processes)",
                       codes.count(429) == 9 and all(x < 500 for x in codes), str(sorted(codes)))
            pending = [threading.Thread(target=lambda i=i: _quiet(upload, 20 + i)) for i in range(3)]
            for th in pending:
                th.start()
            time.sleep(0.5)  # the three are being read
            killed = _kill_workers(server.proc.pid)
            for th in pending:
                th.join()
            time.sleep(3)  # gunicorn starts new workers
            codes = _together([lambda i=i: upload(30 + i) for i in range(3)])
            self.check("hammer", "--workers 2: the places of killed workers come back",
                       killed >= 1 and 429 not in codes and all(x < 500 for x in codes), f"{killed} killed, {codes}")
            self._slow_senders(server)
        finally:
            server.stop()

    def _slow_senders(self, server) -> None:
        """Forty anonymous connections that sent half a login form and then nothing
        held every gunicorn thread: everyone's pages timed out."""
        held = _half_sent(server.port, 40)
        try:
            time.sleep(1)
            took = []
            for _ in range(3):
                started = time.monotonic()
                try:
                    code = httpx.get(server.base + "/accounts/login/", timeout=15).status_code
                except httpx.HTTPError:
                    code = 0
                took.append((code, round(time.monotonic() - started, 1)))
            self.check("hammer", "--workers 2: 40 half-sent anonymous requests: pages within 5 s",
                       all(code == 200 and t < 5 for code, t in took), str(took))
        finally:
            for s in held:
                s.close()

    # --- sessions after a role change ---------------------------------------------------
    def area_sessions(self) -> None:
        c = self.login("rev_y").client  # type: ignore[attr-defined]
        before = c.get("/api/cases/approvals").status_code
        self._cli("users", "set", "rev_y", "--role", "只读")
        after = c.get("/api/cases/approvals").status_code
        r = c.post("/reports/new", data={"text": "x", "csrfmiddlewaretoken": c.cookies.get("csrftoken", "")})
        self.check("sessions", "a role taken away acts on the open session at once",
                   before == 200 and after == 403 and r.status_code == 403, f"{before} {after} {r.status_code}")
        self._cli("users", "set", "rev_y", "--role", "审核员")

    # --- file names -----------------------------------------------------------------------
    def area_names(self) -> None:
        """Case numbers and report titles name downloads: quotes, CR LF, semicolons and
        slashes must stay inside the one filename the header gives."""
        bad = '2025-"x";filename=evil.exe/..\\a\tb'
        r = self.api("clerk_w", "POST", "/api/cases", {**INTAKE, "number": bad, "agency": WANGHU,
                                                       "name": "甲", "subject": "乙"})
        case = r.json().get("id")
        h = self.as_user("clerk_w").get(f"/cases/{case}/letters/受理回执.docx").headers if case else {}
        cd = h.get("content-disposition", "")
        self.check("names", "letter of a case numbered with quotes and filename=: one encoded name",
                   case is not None and re.fullmatch(r"attachment; filename\*=utf-8''[\w%.~-]+", cd) is not None,
                   cd[:160])
        r = self.api("clerk_w", "POST", "/api/cases", {**INTAKE, "number": "A\r\nSet-Cookie: x=1",
                                                       "agency": WANGHU, "name": "甲", "subject": "乙"})
        case = r.json().get("id") if r.status_code == 201 else None
        h = self.as_user("clerk_w").get(f"/cases/{case}/letters/受理回执.docx") if case else None
        self.check("names", "a case number with CR LF: refused, or a letter with its headers intact",
                   r.status_code < 500 and (h is None or (h.status_code == 200 and "x=1" not in
                                                          h.headers.get("set-cookie", ""))),
                   f"{r.status_code} {h.status_code if h is not None else ''}")


def _to_login(r) -> bool:
    return r.status_code == 302 and r.headers.get("location", "").startswith("/accounts/login/")


def _fill(route: str, ids: dict[str, str]) -> list[str]:
    """A route of the URLconf with 望湖's ids put in, one URL per value of each other part."""
    kind = _kind(route)
    urls = ["/" + route]
    for m in re.finditer(r"<(?:(\w+):)?(\w+)>", route):
        name = m.group(2)
        values = (ids.get(kind, "0"),) if name == "pk" else FILLS.get(name, ("x",))
        urls = [u.replace(m.group(0), v, 1) for u in urls for v in values]
    return urls


def _kind(route: str) -> str:
    for prefix, kind in (("cases/approvals", "approval"), ("cases", "case"), ("batches", "batch"),
                         ("agencies", "agency"), ("registers/litigation", "litigation"),
                         ("api/cases/approvals", "approval"), ("api/cases", "case"),
                         ("api/batches", "batch"), ("api/agencies", "agency"),
                         ("api/registers/litigation", "litigation")):
        if route.startswith(prefix):
            return kind
    return "report"


def _half_sent(port: int, n: int) -> list[socket.socket]:
    """`n` anonymous connections, each with half a login form sent and no more."""
    held = []
    for _ in range(n):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"POST /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5000\r\n"
                  b"Content-Type: application/x-www-form-urlencoded\r\n\r\nusername=")
        held.append(s)
    return held


def _held_post(c, url: str, headers: dict, files: dict, hold: float = 2.0):
    """POST `files` with the body's last bytes `hold` seconds late (gunicorn hands the
    body to Django as it comes, so the request holds its thread and place meanwhile)."""
    request = c.build_request("POST", url, files=files, headers=headers)
    body = request.read()

    def dribble():
        yield body[:-100]
        time.sleep(hold)
        yield body[-100:]

    return c.post(url, content=dribble(), headers={**headers, "Content-Type": request.headers["content-type"],
                                                   "Content-Length": str(len(body))})


def _quiet(call, *args) -> None:
    """`call`, its connection cut by a killed server being expected."""
    try:
        call(*args)
    except Exception:  # noqa: BLE001 - httpx's errors of a dropped connection
        pass


def _kill_workers(arbiter: int) -> int:
    """kill -9 the web workers of a `zfxxgk serve --workers N` (not its batch worker)."""
    killed = 0
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        if int(stat[stat.rindex(")") + 2:].split()[1]) == arbiter and b"\0worker\0" not in cmdline:
            os.kill(int(entry), signal.SIGKILL)
            killed += 1
    return killed


def _together(calls) -> list:
    """Run `calls` in threads released at one moment; their answers in order."""
    out: list = [None] * len(calls)
    gate = threading.Barrier(len(calls))

    def run(i: int) -> None:
        gate.wait()
        out[i] = calls[i]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return out
