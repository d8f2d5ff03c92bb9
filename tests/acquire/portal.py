"""A look-alike government portal on 127.0.0.1 for the fetch tests and bench.

Routes are plain data (path -> Page); the server adds what real portals do:
ETag/Last-Modified with 304 answers, a 429 or 500 on the first request of chosen
paths, redirects, and a log of every request (path, headers) for the assertions.
`hold` makes one path block until released, so a test can kill a fetch at a
known point without sleeping.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LAST_MODIFIED = "Mon, 08 Jan 2024 02:00:00 GMT"


@dataclass
class Page:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    fail_first: int | None = None  # answer this status to the first request only
    retry_after: str | None = None


class Portal:
    def __init__(self, pages: dict[str, Page] | None = None):
        self.pages: dict[str, Page] = dict(pages or {})
        self.log: list[tuple[str, dict[str, str]]] = []
        self.failed_once: set[str] = set()
        self.hold_path: str | None = None
        self.reached = threading.Event()
        self.release = threading.Event()
        self._lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def paths(self) -> list[str]:
        with self._lock:
            return [p for p, _ in self.log]

    def start(self) -> "Portal":
        portal = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output quiet
                pass

            def do_GET(self):
                portal.answer(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.release.set()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def answer(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path
        with self._lock:
            self.log.append((path, {k.lower(): v for k, v in h.headers.items()}))
        if path == self.hold_path:
            self.reached.set()
            self.release.wait(30)
        page = self.pages.get(path)
        if page is None:
            return self._send(h, 404, b"not found", {"Content-Type": "text/plain"})
        if page.fail_first and path not in self.failed_once:
            self.failed_once.add(path)
            extra = {"Retry-After": page.retry_after} if page.retry_after else {}
            return self._send(h, page.fail_first, b"busy", {"Content-Type": "text/plain", **extra})
        if page.status != 200:
            return self._send(h, page.status, b"", dict(page.headers))
        etag = '"' + hashlib.sha256(page.body).hexdigest()[:16] + '"'
        headers = {"Content-Type": page.content_type, "ETag": etag, "Last-Modified": LAST_MODIFIED,
                   **page.headers}
        if h.headers.get("If-None-Match") == etag:
            return self._send(h, 304, b"", {"ETag": etag})
        self._send(h, 200, page.body, headers)

    @staticmethod
    def _send(h: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str]) -> None:
        h.send_response(status)
        for k, v in headers.items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        if status != 304:
            h.wfile.write(body)


def html_page(title: str, body: str, charset: str = "utf-8") -> bytes:
    """A page in a portal's clothes: navigation, breadcrumbs, footer around the content."""
    text = (f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; '
            f'charset={charset}"><title>{title}</title></head><body>'
            '<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>'
            f'<div class="main">{body}</div>'
            '<div class="footer">主办单位：青禾市人民政府办公室</div></body></html>')
    return text.encode("gb18030" if charset.lower() in ("gbk", "gb2312") else charset)


def fetch_column(pages: dict[str, Page], out) -> dict[str, dict]:
    """One `fetch` of a portal serving `pages` plus an open robots.txt, started at
    its 年报 column /ndbg/index.html: the journal's entries by path on the portal."""
    import json

    from zfxxgk.acquire import Options, Policy, fetch

    portal = Portal({"/robots.txt": Page(b"User-agent: *\nAllow: /\n", "text/plain"), **pages}).start()
    try:
        fetch([portal.base + "/ndbg/index.html"], out, Policy(delay=0), Options(), sleep=[].append)
    finally:
        portal.stop()
    lines = (out / "fetched.jsonl").read_text("utf-8").splitlines()
    return {e["url"].removeprefix(portal.base): e for e in map(json.loads, lines)}
