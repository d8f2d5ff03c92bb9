"""The crawl: from start URLs (a column's list page, or one report page) to every
annual report of the column saved under DIR, with `fetched.jsonl` saying where
each file came from.

Roles: a start URL is judged by its content (a report, a list, or a page with
attachments); a list's paging links are lists; a list's items are report pages
(or attachments when they link straight to a file); a page's attachments are
attachments. One URL is visited once per run, in the order found (breadth first:
all pages of a list before the reports, as a reader would).

Resuming: `DIR/fetch-run.json` says whether the last run finished. If it did
not, what that run already fetched is done and not requested again (a saved list
page is read from disk for its links). Otherwise every saved file is revalidated
with If-None-Match/If-Modified-Since, and a 304 downloads nothing.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import orjson

from ..errors import ZfxxgkError
from ..files import write_atomic
from ..ingest.walk import FETCHED_INPUTS
from . import links as L
from .client import PoliteClient, Response, conditional_headers
from .journal import Entry, Journal
from .names import file_name, saved_path
from .reading import read
from .robots import Robots

RUN_STATE = "fetch-run.json"
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(slots=True)
class Task:
    url: str
    role: str  # start, list, item, attachment
    referer: str | None
    origin: int  # index of the start URL it came from


@dataclass
class Options:
    follow_external: bool = False
    max_pages: int = 100  # list pages per start URL
    max_requests: int | None = None  # stop (as if killed) after this many requests; tests


@dataclass
class Outcome:
    """What a run did, for the closing message, the exit status and the tests."""

    visited: int = 0
    downloaded: int = 0
    not_modified: int = 0
    already_done: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    failures: list[Entry] = field(default_factory=list)
    skips: list[Entry] = field(default_factory=list)
    stopped: bool = False

    @property
    def failed(self) -> int:
        return len(self.failures)


class StopRequested(Exception):
    """`Options.max_requests` reached: the run ends as if killed."""


def site_of(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    host = host[4:] if host.startswith("www.") else host
    return f"{host}:{parts.port or ''}"


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


class Crawl:
    def __init__(self, out: str | os.PathLike[str], client: PoliteClient,
                 options: Options | None = None,
                 progress: Callable[["Crawl", str], None] | None = None):
        self.out = Path(out)
        self.client = client
        self.options = options or Options()
        self.progress = progress
        self.robots = Robots(client)
        self.outcome = Outcome()
        self.queue: deque[Task] = deque()
        self.seen: set[str] = set()
        self.sites: list[str] = []
        self.list_pages: Counter[int] = Counter()  # list pages queued per start URL
        self.by_sha: dict[str, Entry] = {}
        self.by_key: dict[str, Entry] = {}
        self.since: str | None = None
        self.journal = Journal(self.out)

    # --- the run -----------------------------------------------------------------------

    def run(self, start_urls: list[str]) -> Outcome:
        with self.journal:
            try:
                self._begin()
                self._index_journal()
                for i, url in enumerate(start_urls):
                    self.sites.append(site_of(url))
                    self._push(Task(url, "start", None, i))
                while self.queue:
                    task = self.queue.popleft()
                    self._visit(task)
                    if self.progress is not None:
                        self.progress(self, task.url)
                self._finish()
            except StopRequested:
                self.outcome.stopped = True
        return self.outcome

    def _begin(self) -> None:
        state_path = self.out / RUN_STATE
        try:
            state = orjson.loads(state_path.read_bytes())
        except (FileNotFoundError, orjson.JSONDecodeError):
            state = {}
        if state.get("started_at") and not state.get("finished"):
            self.since = state["started_at"]  # resuming a run that did not finish
        else:
            write_atomic(state_path, orjson.dumps({"started_at": now_iso(), "finished": False}))

    def _finish(self) -> None:
        state_path = self.out / RUN_STATE
        state = orjson.loads(state_path.read_bytes())
        state.update(finished=True, finished_at=now_iso())
        write_atomic(state_path, orjson.dumps(state))

    def _index_journal(self) -> None:
        for entry in self.journal.state.values():
            if entry.sha256 and entry.path and entry.sha256 not in self.by_sha:
                self.by_sha[entry.sha256] = entry
            if entry.report_key and entry.kind in FETCHED_INPUTS:
                self.by_key.setdefault(entry.report_key, entry)

    def _push(self, task: Task) -> None:
        if task.url in self.seen:
            return
        self.seen.add(task.url)
        self.queue.append(task)
        if task.role in ("start", "list"):
            self.list_pages[task.origin] += 1

    # --- one URL -----------------------------------------------------------------------

    def _visit(self, task: Task) -> None:
        self.outcome.visited += 1
        prior = self.journal.state.get(task.url)
        if self._done_before(prior):
            self.outcome.already_done += 1
            self._follow(task, prior, self._saved(prior))
            return
        saved = self._saved(prior)
        revalidate = prior is not None and prior.error is None and (
            saved is not None or (prior.sha256 is not None and prior.kind in ("skipped", "attachment")))
        headers = conditional_headers(prior.etag, prior.last_modified) if revalidate else {}
        if (self.options.max_requests is not None
                and self.client.requests >= self.options.max_requests):
            raise StopRequested()
        response = self.client.get(task.url, headers, allow=self._allow)
        if response.refused:
            self._record(Entry(task.url, "skipped", final_url=response.final_url,
                               referer=task.referer, reason=response.refused,
                               fetched_at=now_iso()))
        elif response.status == 304 and revalidate and prior is not None:
            self.outcome.not_modified += 1
            self.outcome.kinds[prior.kind] += 1
            if prior.kind == "skipped":
                self.outcome.skips.append(prior)
            self._follow(task, prior, saved)
        elif response.status == 200 and response.body is not None and response.error is None:
            self._fetched(task, response)
        else:
            self._failed(task, response, prior)

    def _done_before(self, prior: Entry | None) -> bool:
        return (prior is not None and self.since is not None and prior.error is None
                and (prior.fetched_at or "") >= self.since
                and (prior.path is None or (self.out / prior.path).exists()))

    def _saved(self, entry: Entry | None) -> bytes | None:
        if entry is None or not entry.path:
            return None
        try:
            return (self.out / entry.path).read_bytes()
        except OSError:
            return None

    def _allow(self, url: str) -> str | None:
        if urlsplit(url).scheme not in ("http", "https"):
            return "只下载 http 和 https 网址"
        if not self.options.follow_external and site_of(url) not in self.sites:
            return f"不在起始网站内（{urlsplit(url).netloc}），未加 --follow-external"
        return self.robots.refusal(url)

    def _fetched(self, task: Task, response: Response) -> None:
        body = response.body or b""
        self.outcome.downloaded += 1
        sha = hashlib.sha256(body).hexdigest()
        content_type = response.header("content-type")
        entry = Entry(task.url, "attachment", final_url=response.final_url, status=200,
                      sha256=sha, content_type=content_type, etag=response.header("etag"),
                      last_modified=response.header("last-modified"), fetched_at=now_iso(),
                      referer=task.referer)
        entry.kind, page_links = self._judge(task, response, body, entry)
        self._place(entry, body, response)
        self._record(entry)
        if page_links is not None:
            self._enqueue(task, entry.kind, page_links)

    def _judge(self, task: Task, response: Response, body: bytes,
               entry: Entry) -> tuple[str, L.PageLinks | None]:
        """The kind of a downloaded file, and the links of an HTML page."""
        is_html = (task.role != "attachment" and not L.is_file_url(response.final_url)
                   and _looks_html(response.header("content-type"), body))
        if not is_html:
            entry.report_key = read(body, task.url).key
            return "attachment", None
        page_links = self._links(body, response.final_url, entry)
        if page_links is None:  # saved as it came (the reader may make more of it), not followed
            return ("list" if task.role == "list" else "page"), None
        if task.role == "list":
            return "list", page_links
        reading = read(body, task.url)
        if reading.is_report:
            entry.report_key = reading.key
            return "report", page_links
        if task.role == "start" and page_links.is_list:
            return "list", page_links
        return "page", page_links

    @staticmethod
    def _links(body: bytes, base: str, entry: Entry | None = None) -> L.PageLinks | None:
        """A page's links, or None for a page whose text cannot be decoded (a damaged
        page ended the whole run, the URLs after it never fetched); `entry` notes why."""
        try:
            return L.extract(body, base)
        except ZfxxgkError as e:
            if entry is not None:
                entry.reason = f"网页无法读取，其中的链接未跟进（{e.message}）"
            return None

    def _place(self, entry: Entry, body: bytes, response: Response) -> None:
        """Save the file once: the same bytes or the same report from another URL
        are noted as duplicates of the first (kind `skipped`), not stored again."""
        twin = self.by_sha.get(entry.sha256 or "")
        if twin is not None and twin.url != entry.url:
            entry.path = twin.path
            if entry.kind in FETCHED_INPUTS and twin.kind in FETCHED_INPUTS:
                entry.kind, entry.reason = "skipped", f"与已下载的文件内容相同（{twin.url}，只保存一份）"
            return
        same = self.by_key.get(entry.report_key or "")
        if entry.kind in FETCHED_INPUTS and same is not None and same.url != entry.url:
            entry.kind = "skipped"
            entry.reason = f"与已下载的报告是同一份（{same.url}：机关、年度和数字相同，只保存一份）"
            return
        name = file_name(response.final_url, response.header("content-disposition"),
                         entry.content_type)
        entry.path = saved_path(entry.url, name)
        (self.out / entry.path).parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.out / entry.path, body)
        self.by_sha[entry.sha256 or ""] = entry
        if entry.report_key and entry.kind in FETCHED_INPUTS:
            self.by_key[entry.report_key] = entry

    def _failed(self, task: Task, response: Response, prior: Entry | None) -> None:
        message = response.error or f"服务器答复 {response.status}"
        kind = (prior.kind if prior and prior.kind != "skipped"
                else task.role if task.role in ("list", "attachment") else "page")
        entry = Entry(task.url, kind, final_url=response.final_url, status=response.status,
                      fetched_at=now_iso(), referer=task.referer, error=message)
        self.outcome.failures.append(entry)
        if prior is not None and prior.path and prior.error is None:
            return  # the copy saved by an earlier run stays the URL's state
        self._record(entry)

    def _record(self, entry: Entry) -> None:
        self.journal.record(entry)
        self.outcome.kinds[entry.kind] += 1
        if entry.kind == "skipped":
            self.outcome.skips.append(entry)

    # --- what to visit next ------------------------------------------------------------

    def _follow(self, task: Task, entry: Entry, body: bytes | None) -> None:
        """Links of a page already fetched (by an earlier run, or unchanged: 304)."""
        if body is None or entry.kind not in ("list", "page", "report"):
            return
        links = self._links(body, entry.final_url or task.url)
        if links is not None:
            self._enqueue(task, entry.kind, links)

    def _enqueue(self, task: Task, kind: str, page: L.PageLinks) -> None:
        if kind == "list":
            for link in page.items:
                role = "attachment" if link.file else "item"
                self._push(Task(link.url, role, task.url, task.origin))
            for url in page.paging:
                if self.list_pages[task.origin] < self.options.max_pages:
                    self._push(Task(url, "list", task.url, task.origin))
        elif kind == "page":
            for link in page.attachments + [i for i in page.items if i.file]:
                self._push(Task(link.url, "attachment", task.url, task.origin))


def _looks_html(content_type: str | None, body: bytes) -> bool:
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind in HTML_TYPES:
        return True
    if kind and not kind.startswith("text/") and kind != "application/octet-stream":
        return False
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<meta", b"<!--"))
