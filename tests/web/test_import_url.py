"""“从网址导入”: a report read from a web address, and the server never made to
reach loopback, private or link-local addresses (SSRF) unless an administrator
allows the host by name."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "acquire"))

from portal import Page, Portal, html_page  # noqa: E402

from zfxxgk.acquire.guard import AddressGuard, fetch_one, is_public  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def portal():
    from zfxxgk import api
    from zfxxgk.render import render

    report = api.parse_path(EXAMPLES / "wanghu-street-2023.txt")
    fragment = render(report, "html", fragment=True)
    site = Portal({
        "/t1.html": Page(html_page("望湖街道2023年政府信息公开工作年度报告", fragment)),
        "/t2.html": Page(html_page("年报", '<p>附件：<a href="/a.docx">望湖街道2023年度报告.docx</a></p>')),
        "/a.docx": Page(render(report, "docx"), "application/octet-stream"),
    }).start()
    yield site
    site.stop()


def test_loopback_is_refused_and_never_requested(login, portal):
    response = login("clerk").post("/reports/import-url", {"url": portal.base + "/t1.html"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "内网、本机或保留地址" in text and "ZFXXGK_FETCH_ALLOWED_HOSTS" in text
    assert portal.log == []


def test_an_allowed_host_imports_a_page_or_its_attachment(login, portal, settings):
    settings.FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    client = login("clerk")
    for path, fetched in (("/t1.html", "/t1.html"), ("/t2.html", "/a.docx")):
        response = client.post("/reports/import-url", {"url": portal.base + path})
        assert response.status_code == 302, response.content.decode()[:500]
        page = client.get(response["Location"]).content.decode()
        link = f'<a href="{portal.base}{fetched}" rel="noopener noreferrer nofollow">'
        assert link in page, path
    assert "/t2.html" in portal.paths() and "/a.docx" in portal.paths()


def test_a_redirect_to_a_private_address_is_refused_at_the_hop(login, portal, settings):
    settings.FETCH_ALLOWED_HOSTS = ["localhost"]
    target = portal.base + "/t1.html"  # 127.0.0.1: not allowed by name
    portal.pages["/go"] = Page(status=302, headers={"Location": target})
    response = login("clerk").post("/reports/import-url",
                                   {"url": portal.base.replace("127.0.0.1", "localhost") + "/go"})
    assert response.status_code == 400 and "内网、本机或保留地址" in response.content.decode()
    assert portal.paths() == ["/go"]


@pytest.mark.parametrize("address, public", [
    ("93.184.216.34", True), ("2606:2800:220:1::1", True), ("127.0.0.1", False),
    ("10.1.2.3", False), ("172.16.0.1", False), ("192.168.1.1", False), ("169.254.169.254", False),
    ("100.64.0.1", False), ("0.0.0.0", False), ("::1", False), ("fe80::1%eth0", False),
    ("fc00::1", False), ("::ffff:127.0.0.1", False), ("224.0.0.1", False),
    # IPv6 carrying an IPv4 address: the IPv4 one decides (64:ff9b::a00:1 is 10.0.0.1
    # through a NAT64 gateway); site-local and local-use NAT64 are never public
    ("64:ff9b::a00:1", False), ("64:ff9b::a9fe:a9fe", False), ("64:ff9b::5db8:d822", True),
    ("64:ff9b:1::a00:1", False), ("2002:a00:1::1", False), ("2002:5db8:d822::1", True),
    ("::127.0.0.1", False), ("::ffff:0:a00:1", False), ("fec0::1", False)])
def test_public_addresses(address, public):
    assert is_public(address) is public


def test_every_address_of_a_name_is_checked_and_again_at_connection(portal):
    two = AddressGuard(resolver=lambda host, port: ["93.184.216.34", "127.0.0.1"])
    assert "127.0.0.1" in two.refusal("http://portal.example.cn/")
    assert "http" in AddressGuard().refusal("file:///etc/passwd")
    calls = []

    def rebinding_dns(host, port):  # public when checked, loopback when connecting
        calls.append(host)
        return ["93.184.216.34"] if len(calls) == 1 else ["127.0.0.1"]

    rebinding = AddressGuard(resolver=rebinding_dns)
    response = fetch_one(portal.base.replace("127.0.0.1", "rebind.example.cn") + "/t1.html", rebinding)
    assert response.body is None and "拒绝连接" in (response.error or "")
    assert portal.log == []


def test_a_portal_that_keeps_the_page_waiting_is_given_up_in_time(login, portal, settings, monkeypatch):
    """The web import took the fetcher's bounds (15 minutes an address, a request
    thread held all that time); now MAX_SECONDS (2 minutes; 1 s here)."""
    import time

    from zfxxgk.web.reports import fetching

    settings.FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    monkeypatch.setattr(fetching, "MAX_SECONDS", 1)
    portal.pages["/slow.html"] = portal.pages["/t1.html"]
    portal.hold_path = "/slow.html"  # answers only when released
    started = time.monotonic()
    response = login("clerk").post("/reports/import-url", {"url": portal.base + "/slow.html"})
    took = time.monotonic() - started
    assert response.status_code == 400 and "无法导入" in response.content.decode()
    assert took < 5, f"{took:.1f} s"
