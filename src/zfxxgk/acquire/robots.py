"""robots.txt, read once per site through the polite client, and obeyed.

As RFC 9309 says: a robots.txt that is missing (4xx) allows everything; one the
server cannot give (5xx, network failure) forbids everything for this run — a
site that is down is not a site to crawl.
"""

from __future__ import annotations

from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from .client import PoliteClient

AGENT = "zfxxgk"
MAX_ROBOTS_BYTES = 512 * 1024


class Robots:
    def __init__(self, client: PoliteClient):
        self.client = client
        self._sites: dict[str, RobotFileParser | str | None] = {}

    def refusal(self, url: str) -> str | None:
        """None when robots.txt lets the tool fetch `url`, else why not (Chinese)."""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self._sites:
            self._sites[site] = self._load(site)
        rules = self._sites[site]
        if rules is None:
            return None
        if isinstance(rules, str):
            return rules
        return None if rules.can_fetch(AGENT, url) else "robots.txt 不允许下载"

    def _load(self, site: str) -> RobotFileParser | str | None:
        response = self.client.get(site + "/robots.txt")
        status = response.status
        if response.body is not None and status == 200:
            parser = RobotFileParser()
            text = response.body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
            parser.parse(text.splitlines())
            return parser
        if status is not None and 400 <= status < 500:
            return None
        return f"无法读取 {site}/robots.txt（{response.error or status}），按规定不下载这个网站"
