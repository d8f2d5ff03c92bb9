"""Issue 14, finding 12 and the smaller ones: only this machine's host names by
default, a Content-Security-Policy that the vendored htmx and ECharts live with,
no-store on clear personal data, HttpOnly and SameSite cookies (Secure only over
HTTPS)."""

from __future__ import annotations

import re

import pytest

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_host_names_default_to_this_machine():
    from zfxxgk.web import hosts

    assert hosts.parse(None) == hosts.parse(" ") == ["localhost", "127.0.0.1", "[::1]"]
    assert hosts.parse("nianbao.example.gov.cn, 10.1.2.3") == ["nianbao.example.gov.cn", "10.1.2.3"]
    assert hosts.for_bind("127.0.0.1") == ["localhost", "127.0.0.1", "[::1]"]
    assert hosts.for_bind("192.168.1.20")[-1] == "192.168.1.20"
    assert "*" not in hosts.for_bind("0.0.0.0")


def test_a_forged_host_is_refused_so_next_cannot_lead_off_site(client, users):
    r = client.get("/accounts/login/?next=http://evil.example/x", HTTP_HOST="evil.example")
    assert r.status_code == 400
    r = client.post("/accounts/login/?next=http://evil.example/x",
                    {"username": "clerk", "password": PASSWORD}, HTTP_HOST="evil.example")
    assert r.status_code == 400 and "evil.example" not in r.get("Location", "")
    r = client.post("/accounts/login/", {"username": "clerk", "password": PASSWORD,
                                         "next": "http://evil.example/x"}, HTTP_HOST="localhost")
    assert r.status_code == 302 and r["Location"] == "/"


def test_csp_on_every_page_and_no_inline_script(login, stored, users):
    stored()
    users["admin"].is_staff = True
    users["admin"].save()
    c = login("admin")
    for url in ("/", "/dashboard", "/agencies/", "/reports/1", "/reports/1/edit", "/cases/",
                "/admin/"):
        r = c.get(url)
        assert r.status_code == 200, url
        policy = r["Content-Security-Policy"]
        script = re.search(r"script-src ([^;]+)", policy).group(1)
        assert script.split() == ["'self'"], (url, policy)
        assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
        html = r.content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, (url, tag)
        assert not re.search(r"\son[a-z]+=\"", html), url  # no inline event handlers


def test_personal_data_reveal_is_not_stored_by_caches(login):
    from .test_cases_pages import INTAKE, intake

    c = login("clerk")
    pk = intake(c)
    r = c.post(f"/api/cases/{pk}/reveal", {"purpose": "电话联系申请人"},
               content_type="application/json")
    assert r.status_code == 200 and r["Cache-Control"] == "no-store"
    assert r.json()["applicant"]["id_number"] == INTAKE["id_number"]
    r = c.post(f"/cases/{pk}/reveal", {"purpose": "电话联系申请人"})
    assert r.status_code == 200 and r["Cache-Control"] == "no-store"


def test_cookies_httponly_samesite_and_not_secure_over_plain_http(client, users):
    client.get("/accounts/login/")
    r = client.post("/accounts/login/", {"username": "clerk", "password": PASSWORD})
    assert r.status_code == 302
    for name in ("sessionid", "csrftoken"):
        cookie = client.cookies[name]
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name
        assert not cookie["secure"], name  # plain-HTTP serve keeps working
