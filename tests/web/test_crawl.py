"""Every page as each role: no template syntax, Python repr or English word in the
text a person reads (format names, rule ids, file names and user names aside).

The crawler starts at / and follows the links of each page (same site, GET, pages
only: downloads, the API and logout are left out), with a seeded report, batch and
case so that the detail pages exist."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlparse

import pytest

pytestmark = pytest.mark.django_db

ROLES = ("clerk", "reviewer", "reader", "admin")
SKIP = re.compile(r"^/(api/|accounts/logout|admin/|static/|media/)|/download/|\.(docx|pdf|xlsx|csv|md|html|json|zip)$|/letters/")
TEMPLATE = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
REPR = re.compile(r"dict_items|dict_keys|dict_values|\{'|'\}|': |\[\]|\bNone\b|\bTrue\b|\bFalse\b"
                  r"|<[A-Za-z_.]+ object at 0x|\bQuerySet\b")
ALLOWED = {"PDF", "DOCX", "XLSX", "HTML", "JSON", "CSV", "API", "TXT", "DOC", "WPS", "RTF", "XLS",
           "ODT", "ODS", "YAML", "TOML", "UTF", "GBK", "Excel", "Word", "Markdown", "ZIP", "URL",
           "zfxxgk", "YYYY", "MM", "DD", "ID", "DuckDB", "Parquet", "ISO", "LibreOffice", "PNG",
           "htmx", "JavaScript", "Office", "zip", "OpenDocument"}
# not inside a file name or URL, nor a masked value (a password's salt shown as dbafde****)
WORD = re.compile(r"(?<![\w.\-/@:?&=])[A-Za-z]{3,}(?![\w.\-/@=*])")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "code", "pre", "kbd", "samp"):
            self._skip += 1
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "code", "pre", "kbd", "samp") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def problems(text: str, users: set[str]) -> list[str]:
    """Each offending piece with a little of the text around it."""
    text = " ".join(text.split())
    hits = [*TEMPLATE.finditer(text), *REPR.finditer(text)]
    hits += [m for m in WORD.finditer(text) if m.group(0) not in ALLOWED
             and m.group(0) not in users and not re.fullmatch(r"[A-Z]+", m.group(0))]
    return [f"{m.group(0)}: …{text[max(0, m.start() - 15):m.end() + 15]}…" for m in hits]


def crawl(client, start: str, limit: int, names: set[str], follow) -> tuple[set[str], dict]:
    """Visit pages breadth-first from `start` (at most `limit`); `follow(link, seen)`
    gives the address to visit for a link (urlparse'd, fragment dropped) or None.
    Returns the addresses visited and, per page, the problems of its text."""
    seen, todo, bad = set(), [start], {}
    while todo and len(seen) < limit:
        url = todo.pop(0)
        if url in seen:
            continue
        seen.add(url)
        r = client.get(url)
        if r.status_code != 200 or "text/html" not in r.get("Content-Type", ""):
            continue
        page = _Page()
        page.feed(r.content.decode())
        found = problems(" ".join(page.text), names)
        if found:
            bad[url] = sorted(set(found))[:12]
        for href in page.links:
            target = follow(urlparse(urldefrag(href)[0]), seen)
            if target and target not in seen:
                todo.append(target)
    return seen, bad


@pytest.fixture
def seeded(stored, users):
    from datetime import date

    from zfxxgk.cases.model import ApplicantType, Case, Channel, Event, EventKind
    from zfxxgk.web.cases import store

    row = stored("qinghe-city-2024.txt")
    case = Case("2026-0001", row.agency.name, ApplicantType.NATURAL_PERSON, subject="道路规划",
                events=[Event(EventKind.RECEIVED, date(2026, 12, 1), channel=Channel.IN_PERSON)])
    store.save_case(case, users["clerk"], agency=row.agency)
    return row


@pytest.mark.parametrize("role", ROLES)
def test_every_page_reads_as_chinese(login, users, seeded, role):
    def follow(parts, seen):
        if parts.netloc or not parts.path.startswith("/") or SKIP.search(parts.path):
            return None
        return parts.path + (f"?{parts.query}" if parts.query and len(seen) < 60 else "")

    names = {u.get_username() for u in users.values()}
    seen, bad = crawl(login(role), "/", 120, names, follow)
    assert len(seen) > 8, seen
    assert bad == {}, bad


# the libraries' own pages (login throttling, the task queue) are named in Chinese in
# the menus, their inner pages are theirs
ADMIN_SKIP = re.compile(r"^/admin/(logout|jsi18n|r/|axes/|django_tasks_database/)|/password/$|/delete/$")


@pytest.mark.parametrize("superuser", [False, True], ids=["admin-role", "superuser"])
def test_the_admin_site_reads_as_chinese(login, users, seeded, superuser):
    """The admin role's /admin/ pages, and a superuser's (who also sees groups and
    permissions): Django's own words come from its zh-hans catalogue and the
    project's (src/zfxxgk/web/locale), ours (models, fields, codes, permissions)
    are written in Chinese. Every list, add and change page reachable from the
    index is visited."""
    users["admin"].is_staff = True  # as `zfxxgk users add --role 管理员` makes them
    users["admin"].is_superuser = superuser
    users["admin"].save()
    client = login("admin")
    assert client.get("/admin/").status_code == 200, "the admin role uses the admin site"
    # key names in Django's own Chinese: 按住 Control 键或 Mac 上的 Command 键来选择多项
    names = {u.get_username() for u in users.values()} | {"Control", "Command", "Mac"}

    def follow(parts, seen):  # no filters and sortings: the same words again
        if parts.netloc or not parts.path.startswith("/admin/") or ADMIN_SKIP.search(parts.path):
            return None
        return parts.path

    seen, bad = crawl(client, "/admin/", 200, names, follow)
    assert len(seen) > 20, seen
    assert bad == {}, bad
