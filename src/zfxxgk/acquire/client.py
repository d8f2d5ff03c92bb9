"""A polite HTTP client: one request at a time per host, a delay between them,
back-off on 429 and 5xx (Retry-After honoured), time-outs and a size cap.

Government portals are small servers run by small offices; a researcher's tool
that hammers one gets the whole research community blocked. So requests to a
host are spaced by `delay` seconds (counted from the end of the previous one),
an overloaded answer makes the client wait longer each time, and the
User-Agent names the tool so a webmaster knows who is calling.

Redirects are followed here, hop by hop, so that every hop is judged by the
caller's `allow` (scheme, site, robots.txt, private addresses) before it is
requested. `sleep` and `clock` are injectable: tests run the back-off without
waiting for it.
"""

from __future__ import annotations

import email.utils
import time
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import urljoin, urlsplit

import httpx

from .. import __version__
from .deadline import Until, bound
from .decoding import ACCEPTED, Decoder, EncodingRefused
from ..ingest.text import MAX_BYTES

# ASCII only: HTTP headers are Latin-1.
USER_AGENT = (f"zfxxgk/{__version__} (government information disclosure annual report "
              "research fetcher; robots.txt obeyed; one request at a time)")
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

# Judges a URL before it is requested: None to go ahead, else why not (Chinese).
Allow = Callable[[str], "str | None"]


@dataclass(frozen=True)
class Policy:
    delay: float = 1.0  # seconds between two requests to one host
    user_agent: str = USER_AGENT
    timeout: float = 30.0  # seconds of silence (connecting, or between two reads)
    max_seconds: float = 600.0  # one download in all: a server dripping bytes is cut off
    max_url_seconds: float = 900.0  # one URL in all: every try, back-off and redirect hop
    max_bytes: int = MAX_BYTES
    retries: int = 4  # further tries after a 429/5xx or a network error
    cut_retries: int = 1  # of those, after a body cut off midway (a server that went silent)
    backoff: float = 2.0  # the first wait when the server names none; doubled each try
    max_wait: float = 300.0  # a longer Retry-After is not waited for
    max_redirects: int = 5


@dataclass
class Response:
    url: str
    final_url: str
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    error: str | None = None  # it failed (network, size, too many retries)
    refused: str | None = None  # a hop was not allowed: why
    cut: bool = False  # the answer began but its body broke off (timed out, closed)

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


class PoliteClient:
    """Sequential GETs with the politeness of `Policy`."""

    def __init__(self, policy: Policy | None = None, *, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic,
                 transport: httpx.BaseTransport | None = None,
                 on_request: Callable[[str], None] | None = None):
        self.policy = policy or Policy()
        self.sleep, self.clock = sleep, clock
        self.requests = 0  # made so far (the crawl's `max_requests`)
        self.on_request = on_request
        self._last: dict[str, float] = {}
        transport = transport or httpx.HTTPTransport(retries=0, trust_env=False)
        self._until = Until(clock)
        bound(transport, self._until)
        self._http = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(self.policy.timeout), follow_redirects=False, trust_env=False,
            headers={"User-Agent": self.policy.user_agent,
                     "Accept-Language": "zh-CN,zh;q=0.9", "Accept-Encoding": ACCEPTED})

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "PoliteClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, headers: dict[str, str] | None = None,
            allow: Allow | None = None) -> Response:
        """GET `url`, following redirects that `allow` accepts."""
        current = url
        deadline = self.clock() + self.policy.max_url_seconds
        for _hop in range(self.policy.max_redirects + 1):
            refused = allow(current) if allow else None
            if refused:
                return Response(url, current, refused=refused)
            response = self._with_retries(current, headers or {}, deadline)
            response.url = url
            if response.status not in REDIRECT_STATUSES or response.error:
                return response
            target = response.header("location")
            if not target:
                return response
            current = urljoin(current, target.strip())
            if urlsplit(current).scheme not in ("http", "https"):
                return Response(url, current, refused="只下载 http 和 https 网址")
        return Response(url, current, error=f"重定向超过 {self.policy.max_redirects} 次")

    def _with_retries(self, url: str, headers: dict[str, str], deadline: float) -> Response:
        """Tries until an answer, or the retries, or the URL's time is spent. A body
        cut off midway is tried again `cut_retries` times only: a server that sends
        part of a file and goes silent does so again, and each try may take
        `max_seconds` (five tries held `zfxxgk fetch` for 19 minutes per URL)."""
        attempt = cuts = 0
        while True:
            response = self._once(url, headers, deadline)
            retry = response.status in RETRY_STATUSES or (
                response.status is None and response.error is not None
                and not response.error.startswith(("文件超过", "下载超过", "此网址")))
            if not retry:
                return response
            cuts += response.cut
            if attempt >= self.policy.retries or cuts > self.policy.cut_retries:
                response.error = (f"{response.error}，重试 {attempt} 次后仍未成功，已跳过"
                                  if response.error else
                                  f"服务器答复 {response.status}，重试 {attempt} 次后仍未成功")
                return response
            wait = self._retry_wait(response, attempt)
            if wait is None:
                response.error = (f"服务器答复 {response.status}，要求等待的时间超过 "
                                  f"{self.policy.max_wait:.0f} 秒，未再重试")
                return response
            if self.clock() + wait >= deadline:
                response.error = (f"{response.error or f'服务器答复 {response.status}'}；"
                                  f"{self._over_time()}，未再重试")
                return response
            self.sleep(wait)
            attempt += 1

    def _over_time(self) -> str:
        return f"此网址用时超过 {_secs(self.policy.max_url_seconds)} 秒（含重试），已跳过"

    def _too_slow(self) -> str:
        return f"下载超过 {self.policy.max_seconds:.0f} 秒仍未完成，已放弃"

    def _retry_wait(self, response: Response, attempt: int) -> float | None:
        after = retry_after(response.header("retry-after"), time.time())
        wait = after if after is not None else self.policy.backoff * (2 ** attempt)
        return None if wait > self.policy.max_wait else max(wait, self.policy.delay)

    def _once(self, url: str, headers: dict[str, str], deadline: float) -> Response:
        if self.clock() >= deadline:  # (a redirect's hops share the URL's time)
            return Response(url, url, error=self._over_time())
        host = urlsplit(url).netloc.lower()
        last = self._last.get(host)
        if last is not None:
            left = self.policy.delay - (self.clock() - last)
            if left > 0:
                self.sleep(left)
        self.requests += 1
        if self.on_request is not None:
            self.on_request(url)
        try:
            return self._download(url, headers, deadline)
        finally:
            self._last[host] = self.clock()

    def _download(self, url: str, headers: dict[str, str], deadline: float) -> Response:
        """One request; no read waits past the URL's deadline or the download's
        `max_seconds` (deadline.py), nor longer than `timeout` of silence."""
        self._until.at = min(deadline, self.clock() + self.policy.max_seconds)
        try:
            return self._stream(url, headers, deadline)
        finally:
            self._until.at = None

    def _stream(self, url: str, headers: dict[str, str], deadline: float) -> Response:
        cap, out = self.policy.max_bytes, None
        silence = max(0.1, min(self.policy.timeout, deadline - self.clock()))
        began = self.clock()
        try:
            with self._http.stream("GET", url, headers=headers, timeout=silence) as r:
                out = Response(url, str(r.url), status=r.status_code,
                               headers={k.lower(): v for k, v in r.headers.items()})
                if r.status_code != 200:
                    return out
                declared = r.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > cap:
                    out.error = _too_large(cap)
                    return out
                out.error, out.body = self._body(r, deadline, began)
                return out
        except httpx.TimeoutException:
            if self._until.at is not None and self.clock() >= self._until.at - _MOMENT:
                # the read was cut at the URL's or the download's time, not by silence
                error = self._over_time() if self.clock() >= deadline - _MOMENT else self._too_slow()
                return Response(url, url, error=error, cut=out is not None)
            if out is not None:
                return Response(url, url, error=f"已开始接收内容，之后 {_secs(silence)} 秒没有新数据（超时）",
                                cut=True)
            return Response(url, url, error=f"{_secs(silence)} 秒内没有答复（超时）")
        except httpx.HTTPError as e:
            if out is not None:
                return Response(url, url, error=f"内容接收到一半中断（{type(e).__name__}: {e}）", cut=True)
            return Response(url, url, error=f"无法连接（{type(e).__name__}: {e}）")
        except OSError as e:  # a refused address from a guarded transport
            return Response(url, url, error=f"无法连接（{e}）")


    def _body(self, r: httpx.Response, deadline: float, began: float) -> tuple[str | None, bytes | None]:
        """(why not, None) or (None, the content), decoded here (decoding.py): at most
        `max_bytes` of it is ever made, however small the compressed answer."""
        cap, size, chunks = self.policy.max_bytes, 0, []
        try:
            decoder = Decoder(r.headers.get("content-encoding"))
            for raw in r.iter_raw():
                for chunk in decoder.feed(raw):
                    size += len(chunk)
                    if size > cap:
                        return _too_large(cap), None
                    chunks.append(chunk)
                if self.clock() >= deadline:
                    return self._over_time(), None
                if self.clock() - began > self.policy.max_seconds:
                    return self._too_slow(), None
        except EncodingRefused as e:
            return str(e), None
        return None, b"".join(chunks)


# How early a read cut at a deadline may end (a socket's clock is not the client's).
_MOMENT = 0.02


def _secs(seconds: float) -> str:
    return f"{round(seconds, 1):g}"


def _too_large(cap: int) -> str:
    return f"文件超过 {cap // (1024 * 1024)} MB，未下载"


def retry_after(value: str | None, now: float) -> float | None:
    """Seconds a `Retry-After` header asks for (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:  # (Python 3.10 on: a date it cannot read is a ValueError, never None)
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)


def conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, Any]:
    """Headers that let the server answer 304 when a saved file is still current."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers
