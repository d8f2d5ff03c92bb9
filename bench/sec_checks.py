"""The checks of bench/sec_probe.py, against a running server: the probe's core
(clients, logins, the PASS/FAIL record) and the checks of the door — headers,
cookies, login, sessions, CSRF, hosts, paths and SSRF. The checks of what users
store (markup, formulas, hostile files, other agencies' data) are in sec_data.py."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from sec_data import DataChecks
from sec_more import MoreChecks
from sec_recent import RecentChecks
from sec_review import ReviewChecks
from sec_twelfth import TwelfthChecks

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Probe(DataChecks, MoreChecks, ReviewChecks, RecentChecks, TwelfthChecks):
    AREAS = ("headers", "login", "csrf", "paths", "ssrf", "xss", "formulas", "uploads", "authz", "idor",
             "races", "names", "sessions", "review", "recent", "twelfth", "hammer")

    def __init__(self, base: str, password: str, data: Path, tmp: Path):
        self.base, self.password, self.data, self.tmp = base, password, data, tmp
        self.results: list[tuple[str, str, bool, str]] = []
        self.clients: dict[str, httpx.Client] = {}

    # --- record --------------------------------------------------------------------------
    def check(self, area: str, name: str, ok: bool, detail: str = "") -> bool:
        self.results.append((area, name, bool(ok), detail))
        print(f"{'PASS' if ok else 'FAIL'}  {area:<9} {name}" + (f"  ({detail})" if detail else ""),
              flush=True)
        return bool(ok)

    @property
    def failed(self) -> list:
        return [r for r in self.results if not r[2]]

    def summary(self) -> str:
        return f"{len(self.results)} checks, {len(self.results) - len(self.failed)} passed, {len(self.failed)} failed"

    def run(self, only: list[str]) -> None:
        for area in self.AREAS:
            if only and area not in only:
                continue
            try:
                getattr(self, f"area_{area}")()
            except Exception as e:  # a probe bug or a server that died: recorded, others go on
                self.check(area, "area ran to its end", False, f"{type(e).__name__}: {e}")

    # --- clients -------------------------------------------------------------------------
    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.base, follow_redirects=False, timeout=180)

    def login(self, name: str, password: str | None = None, **headers) -> httpx.Response:
        c = self.client()
        token = TOKEN.search(c.get("/accounts/login/").text).group(1)
        r = c.post("/accounts/login/", headers=headers, data={
            "username": name, "password": password or self.password, "csrfmiddlewaretoken": token})
        r.client = c  # type: ignore[attr-defined]
        return r

    def as_user(self, name: str) -> httpx.Client:
        if name not in self.clients:
            r = self.login(name)
            assert r.status_code == 302, f"login {name}: {r.status_code}"
            self.clients[name] = r.client  # type: ignore[attr-defined]
        return self.clients[name]

    @staticmethod
    def csrf(c: httpx.Client, **more) -> dict:
        return {"X-CSRFToken": c.cookies.get("csrftoken", ""), **more}

    def api(self, who: str, method: str, url: str, body=None, **headers) -> httpx.Response:
        c = self.as_user(who)
        kw = {"content": json.dumps(body, ensure_ascii=False).encode()} if body is not None else {}
        return c.request(method, url, headers=self.csrf(c, **{"Content-Type": "application/json", **headers}), **kw)

    def form(self, who: str, url: str, data: dict | None = None, files=None) -> httpx.Response:
        c = self.as_user(who)
        return c.post(url, data={**(data or {}), "csrfmiddlewaretoken": c.cookies.get("csrftoken", "")},
                      files=files, headers={"X-CSRFToken": c.cookies.get("csrftoken", "")})

    # --- headers and cookies ---------------------------------------------------------------
    def area_headers(self) -> None:
        c = self.as_user("boss")
        for url in ("/accounts/login/", "/", "/api/reports", "/dashboard"):
            h = (self.client() if url.startswith("/accounts") else c).get(url).headers
            csp = h.get("content-security-policy", "")
            script = re.search(r"script-src([^;]*)", csp)
            self.check("headers", f"{url}: CSP without inline script, frame-ancestors 'none'",
                       bool(script) and "unsafe" not in script.group(1) and "frame-ancestors 'none'" in csp, csp[:90])
            self.check("headers", f"{url}: X-Frame-Options DENY, nosniff, Referrer-Policy",
                       h.get("x-frame-options") == "DENY" and h.get("x-content-type-options") == "nosniff"
                       and h.get("referrer-policy", "") in ("same-origin", "strict-origin-when-cross-origin", "no-referrer"),
                       f"{h.get('x-frame-options')}/{h.get('x-content-type-options')}/{h.get('referrer-policy')}")
        r = self.login("boss")
        jar = {c.split("=", 1)[0]: c.lower() for c in r.headers.get_list("set-cookie")}
        session, token = jar.get("sessionid", ""), jar.get("csrftoken", "")
        self.check("headers", "session cookie HttpOnly and SameSite=Lax",
                   "httponly" in session and "samesite=lax" in session, session[:120])
        self.check("headers", "CSRF cookie HttpOnly and SameSite=Lax",
                   "httponly" in token and "samesite=lax" in token, token[:120])
        self._https_settings()

    def _https_settings(self) -> None:
        """Under ZFXXGK_HTTPS=1 (a production site): cookies Secure; HSTS is a note."""
        code = ("import django, json; from django.conf import settings as s; django.setup();"
                "print(json.dumps([s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS,"
                "s.DEBUG]))")
        env = {**_env(self.data), "ZFXXGK_HTTPS": "1", "DJANGO_SETTINGS_MODULE": "zfxxgk.web.settings"}
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        secure_s, secure_c, hsts, debug = json.loads(out.stdout or "[null, null, null, null]")
        self.check("headers", "ZFXXGK_HTTPS=1: session and CSRF cookies Secure", secure_s and secure_c,
                   out.stderr[-200:])
        self.check("headers", "DEBUG off by default", debug is False)
        print(f"NOTE  headers   HSTS under ZFXXGK_HTTPS=1: SECURE_HSTS_SECONDS={hsts}")

    # --- login and sessions --------------------------------------------------------------
    def area_login(self) -> None:
        for nxt in ("//evil.example/", "http://evil.example/", "/\\evil.example/", "\\\\evil.example",
                    "https:evil.example", "///evil.example", "/%2F%2Fevil.example", " //evil.example",
                    "javascript:alert(1)", "http://127.0.0.1@evil.example/"):
            c = self.client()
            token = TOKEN.search(c.get("/accounts/login/").text).group(1)
            r = c.post(f"/accounts/login/?next={httpx.QueryParams({'n': nxt})['n']}",
                       data={"username": "boss", "password": self.password, "csrfmiddlewaretoken": token,
                             "next": nxt})
            where = r.headers.get("location", "")
            self.check("login", f"next={nxt!r} stays on this site",
                       r.status_code == 302 and where.startswith("/") and not where.startswith(("//", "/\\")),
                       where)
        self._fixation_and_logout()
        self._lockout()
        self._sessions_follow_the_account()

    def _fixation_and_logout(self) -> None:
        c = self.client()
        c.cookies.set("sessionid", "attackerchosen0000000000000000000", domain="127.0.0.1")
        token = TOKEN.search(c.get("/accounts/login/").text).group(1)
        c.post("/accounts/login/", data={"username": "boss", "password": self.password,
                                         "csrfmiddlewaretoken": token})
        got = [v for k, v in c.cookies.items() if k == "sessionid"]
        self.check("login", "a session id chosen before login is not the one after",
                   got and "attackerchosen0000000000000000000" not in got, str(got)[:60])
        c = self.login("boss").client  # type: ignore[attr-defined]
        r = c.get("/accounts/logout/")
        self.check("login", "logout by GET is refused (405) and the session lives",
                   r.status_code == 405 and c.get("/").status_code == 200, str(r.status_code))
        r = c.post("/accounts/logout/", data={})
        self.check("login", "logout by POST without CSRF token refused", r.status_code == 403
                   and c.get("/").status_code == 200, str(r.status_code))

    def _lockout(self) -> None:
        """Ten wrong passwords, each claiming another client address: still locked."""
        for i in range(11):
            self.login("reader_t", "wrong-password", **{"X-Forwarded-For": f"203.0.113.{i}",
                                                        "X-Real-IP": f"198.51.100.{i}"})
        r = self.login("reader_t", None, **{"X-Forwarded-For": "203.0.113.99"})
        self.check("login", "lockout not lifted by X-Forwarded-For / X-Real-IP", r.status_code != 302,
                   str(r.status_code))
        r = self.login("reader_t")
        self.check("login", "the locked account stays locked at the real address", r.status_code != 302,
                   str(r.status_code))
        for name in ("reader_t ", "ｒｅａｄｅｒ＿ｔ", "READER_T", "reader_t\u200b"):
            r = self.login(name)
            self.check("login", f"locked account not opened as {name!r}", r.status_code != 302, str(r.status_code))
        self._cli("users", "unlock", "reader_t")
        self._spraying()

    def _spraying(self) -> None:
        """One guess for each of 30 accounts from one address (127.0.0.2, so that the
        probe's own address stays open): the address is locked, for every account,
        the right password included; another address still signs in."""
        codes = []
        for i in range(31):
            sprayer = httpx.HTTPTransport(local_address="127.0.0.2")
            with httpx.Client(base_url=self.base, transport=sprayer, timeout=60) as c:
                token = TOKEN.search(c.get("/accounts/login/").text).group(1)
                name = "boss" if i == 30 else f"user{i}"
                password = self.password if i == 30 else "Spring2026!"
                codes.append(c.post("/accounts/login/", data={
                    "username": name, "password": password, "csrfmiddlewaretoken": token}).status_code)
        self.check("login", "password spraying: 30 accounts from one address lock it (429)",
                   codes[:29] == [200] * 29 and codes[29] == 429, " ".join(map(str, codes[25:30])))
        self.check("login", "the sprayed address refuses the right password too", codes[30] == 429,
                   str(codes[30]))
        self.check("login", "another address still signs in", self.login("boss").status_code == 302)

    def _sessions_follow_the_account(self) -> None:
        """A new password or a deactivated account ends the sessions already open."""
        c = self.login("rev_y").client  # type: ignore[attr-defined]
        self._cli("users", "set", "rev_y", "--password-stdin", stdin=self.password[::-1] + "\n")
        self.check("login", "a new password (zfxxgk users set) ends open sessions",
                   c.get("/").status_code == 302)
        c = self.login("rev_y", self.password[::-1]).client  # type: ignore[attr-defined]
        self._cli("users", "set", "rev_y", "--inactive")
        self.check("login", "a deactivated account's open session ends", c.get("/").status_code == 302)
        self._cli("users", "set", "rev_y", "--active", "--password-stdin", stdin=self.password + "\n")

    def _cli(self, *args: str, stdin: str = "") -> None:
        subprocess.run([sys.executable, "-m", "zfxxgk", *args, "--data", str(self.data)], input=stdin,
                       env=_env(self.data), capture_output=True, text=True, check=True)

    # --- CSRF, hosts, paths --------------------------------------------------------------
    def area_csrf(self) -> None:
        c = self.as_user("clerk_w")
        posts = [("/reports/new", {"text": "x"}), ("/reports/import-url", {"url": "http://example.com"}),
                 ("/cases/new", {"number": "1"}), ("/batches/new", {}), ("/accounts/logout/", {}),
                 ("/cases/import", {}), ("/registers/", {}), ("/compile", {}), ("/cases/new/preview", {}),
                 ("/reports/1/edit/check", {}), ("/reports/1/edit/parts/1/check", {}), ("/calendar/", {})]
        for url, data in posts:
            r = c.post(url, data=data)
            self.check("csrf", f"POST {url} without token: 403", r.status_code == 403, str(r.status_code))
        for url, body in (("/api/cases", {}), ("/api/registers/litigation", {})):
            r = c.post(url, json=body)
            self.check("csrf", f"API POST {url} without X-CSRFToken: 403", r.status_code == 403, str(r.status_code))
            r = c.post(url, json=body, headers=self.csrf(c, Origin="http://evil.example"))
            self.check("csrf", f"API POST {url} from a foreign Origin: 403", r.status_code == 403, str(r.status_code))
        r = c.post("/reports/new", data={"text": "x", "csrfmiddlewaretoken": "A" * 64},
                   headers={"X-CSRFToken": "A" * 64})
        self.check("csrf", "a made-up token is refused", r.status_code == 403, str(r.status_code))

    def area_paths(self) -> None:
        c = self.as_user("boss")
        r = self.client().get("/", headers={"Host": "evil.example"})
        self.check("paths", "Host: evil.example refused (400)", r.status_code == 400, str(r.status_code))
        for url in ("/static/../settings.py", "/static/%2e%2e/%2e%2e/web/settings.py",
                    "/static/zfxxgk/..%2f..%2fsettings.py", "/reports/1/download.%2e%2e%2fsecret_key",
                    "/reports/1/crops/..%2f..%2f..%2fsecret_key.png", "/files/secret_key",
                    "/media/sources/", "/static/../../secret_key", "/zfxxgk.sqlite3"):
            r = c.get(url)
            body = r.content
            self.check("paths", f"GET {url}: nothing of the server's files",
                       r.status_code in (400, 404) and b"SECRET_KEY" not in body and b"SQLite format" not in body,
                       str(r.status_code))
        r = c.get("/no-such-page-<b>x</b>")
        self.check("paths", "404 page shows no debug information (URLconf, traceback)",
                   r.status_code == 404 and b"URLconf" not in r.content and b"Traceback" not in r.content
                   and b"<b>x</b>" not in r.content)
        for url in ("/?year=²", "/?agency=99999999999999999999999", "/?batch=x", "/reports/export.xlsx?year=x",
                    "/cases/?agency=99999999999999999999999", "/agencies/?year=①"):
            r = c.get(url)
            self.check("paths", f"GET {url}: no server error", r.status_code < 500, str(r.status_code))
        for url in ("/api/openapi.json", "/api/docs"):
            r = self.client().get(url)
            self.check("paths", f"anonymous GET {url}: sent to the login page", r.status_code == 302
                       and r.headers.get("location", "").startswith("/accounts/login/"), str(r.status_code))
            r = self.as_user("reader_t").get(url)
            self.check("paths", f"signed-in GET {url}: 200", r.status_code == 200, str(r.status_code))
        r = self.client().post("/accounts/login/", content=b"a=" + b"x" * 200_000,
                               headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.check("paths", "anonymous 200 KB body refused (413)", r.status_code == 413, str(r.status_code))

    # --- SSRF ----------------------------------------------------------------------------
    def area_ssrf(self) -> None:
        hits: list[bytes] = []
        port = free_port()
        listener = socket.socket()
        listener.bind(("127.0.0.1", port))
        listener.listen(8)
        listener.settimeout(0.5)
        stop = threading.Event()

        def accept() -> None:
            while not stop.is_set():
                try:
                    conn, _ = listener.accept()
                except OSError:
                    continue
                hits.append(conn.recv(200))
                conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nsecret")
                conn.close()

        threading.Thread(target=accept, daemon=True).start()
        urls = [f"http://127.0.0.1:{port}/", f"http://localhost:{port}/", f"http://[::ffff:127.0.0.1]:{port}/",
                f"http://0.0.0.0:{port}/", f"http://2130706433:{port}/", f"http://0x7f.1:{port}/",
                f"http://127.1:{port}/", f"http://localhost.:{port}/", f"http://user@127.0.0.1:{port}/",
                "http://169.254.169.254/latest/meta-data/", "file:///etc/passwd", "ftp://127.0.0.1/",
                "gopher://127.0.0.1:25/", f"http://[::1]:{port}/", f"HTTP://127.0.0.1:{port}/"]
        for url in urls:
            before = len(hits)
            r = self.form("clerk_w", "/reports/import-url", {"url": url})
            self.check("ssrf", f"import-url {url} refused, nothing fetched",
                       r.status_code in (400, 403) and len(hits) == before and "secret" not in r.text,
                       f"{r.status_code} {len(hits) - before} hits")
        stop.set()
        listener.close()


def _env(data: Path) -> dict:
    import os

    root = Path(__file__).resolve().parents[1]
    return {**os.environ, "PYTHONPATH": str(root / "src"), "ZFXXGK_DATA": str(data)}


def wait_batch(c: httpx.Client, pk: int, seconds: float = 240) -> dict:
    deadline = time.monotonic() + seconds
    while True:
        body = c.get(f"/api/batches/{pk}").json()
        if body.get("status") in ("done", "partial", "failed") or time.monotonic() > deadline:
            return body
        time.sleep(1)
