"""Issue 14, finding 2 (lost update): the report carries a version — a strong ETag on
its JSON, a hidden field in its edit form. A save from a stale copy is refused
(412) with nothing stored; an API change without If-Match is refused (428: it
overwrote whatever was saved in between); scope refusals come first."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db
CELL, OTHER = "applications.received.natural_person", "applications.received.commercial"


def _version(html: str) -> str:
    """The edit form's hidden version, as a browser would send it."""
    import html as entities

    return entities.unescape(re.search(r'name="version" value="([^"]+)"', html).group(1))


def _patch(c, pk, cells, if_match=None):
    headers = {"HTTP_IF_MATCH": if_match} if if_match is not None else {}
    return c.patch(f"/api/reports/{pk}/cells", {"cells": cells},
                   content_type="application/json", **headers)


def test_etag_if_match_200_then_412_and_nothing_stored(login, stored):
    row = stored()
    c = login("clerk")
    r = c.get(f"/api/reports/{row.pk}")
    tag = r["ETag"]
    assert re.fullmatch(r'"\d+-\d+-\d+"', tag)  # strong: no W/
    assert c.get(f"/api/reports/{row.pk}")["ETag"] == tag  # stable while unchanged
    r = _patch(c, row.pk, {CELL: "41"}, tag)
    assert r.status_code == 200 and r["ETag"] != tag
    assert r.json()["report"]["applications"]["received"]["natural_person"] == 41
    new = r["ETag"]
    assert c.get(f"/api/reports/{row.pk}")["ETag"] == new
    r = _patch(c, row.pk, {CELL: "7", OTHER: "9"}, tag)  # the old version
    assert r.status_code == 412 and "已被他人修改" in r.json()["error"]
    row.refresh_from_db()
    assert row.data["applications"]["received"]["natural_person"] == 41
    assert c.get(f"/api/reports/{row.pk}")["ETag"] == new
    assert _patch(c, row.pk, {OTHER: "8"}, "*").status_code == 200  # any version, on purpose
    new = c.get(f"/api/reports/{row.pk}")["ETag"]
    assert _patch(c, row.pk, {OTHER: "7"}, f'W/{new}').status_code == 412  # weak never matches


@pytest.mark.parametrize("if_match", [None, "", "  "])
def test_a_change_without_its_version_is_refused_428_saying_where_it_is(login, stored, if_match):
    """Without If-Match the change was made as sent: a client that never sends one
    overwrote whatever was saved in between (a lost update nobody saw)."""
    row = stored()
    c = login("clerk")
    r = _patch(c, row.pk, {CELL: "41"}, if_match)
    assert r.status_code == 428
    error = r.json()["error"]
    assert "If-Match" in error and f"GET /api/reports/{row.pk}" in error and "ETag" in error
    row.refresh_from_db()
    assert row.data["applications"]["received"]["natural_person"] != 41
    assert c.get(f"/api/reports/{row.pk}")["ETag"] == versioning_tag(row)


def versioning_tag(row) -> str:
    from zfxxgk.web.reports.versioning import etag

    return etag(row)


def test_two_api_clients_edit_one_report_nothing_is_lost(login, stored, client):
    """Both read version 1; the first saves; the second's change is refused (412), it
    reads the report again (with the first's change) and saves on top of it."""
    from django.test import Client

    row = stored()
    first, second = login("clerk"), Client()
    second.force_login(row.created_by)
    tag1 = first.get(f"/api/reports/{row.pk}")["ETag"]
    tag2 = second.get(f"/api/reports/{row.pk}")["ETag"]
    assert tag1 == tag2
    assert _patch(first, row.pk, {CELL: "41"}, tag1).status_code == 200
    r = _patch(second, row.pk, {OTHER: "5"}, tag2)
    assert r.status_code == 412
    again = second.get(f"/api/reports/{row.pk}")
    assert again.json()["report"]["applications"]["received"]["natural_person"] == 41
    r = _patch(second, row.pk, {OTHER: "5"}, again["ETag"])
    assert r.status_code == 200
    received = r.json()["report"]["applications"]["received"]
    assert received["natural_person"] == 41 and received["commercial"] == 5  # both changes kept


def test_workflow_writes_check_the_version_too(login, stored):
    row = stored()
    c = login("clerk")
    tag = c.get(f"/api/reports/{row.pk}")["ETag"]
    assert _patch(c, row.pk, {CELL: "40"}, tag).status_code == 200
    r = c.post(f"/api/reports/{row.pk}/submit", HTTP_IF_MATCH=tag)
    assert r.status_code == 412
    row.refresh_from_db()
    assert row.status == "draft"


def test_scope_refusal_before_the_version_check(client, users, stored):
    from django.test import Client

    from zfxxgk.web.accounts.manage import add_user

    row = stored()
    add_user("other", "录入员", "测试-password-123", agency="青禾市交通运输局")
    from django.contrib.auth.models import User

    c = Client()
    c.force_login(User.objects.get(username="other"))
    assert _patch(c, row.pk, {CELL: "1"}, '"stale"').status_code == 404


def test_two_edit_forms_second_save_refused_showing_the_first(login, stored, client):
    from django.test import Client

    row = stored()
    first, second = login("clerk"), Client()
    second.force_login(row.created_by)
    page1 = first.get(f"/reports/{row.pk}/edit").content.decode()
    page2 = second.get(f"/reports/{row.pk}/edit").content.decode()
    version = _version(page1)
    assert _version(page2) == version == first.get(f"/api/reports/{row.pk}")["ETag"]
    r = first.post(f"/reports/{row.pk}/edit", {"version": version, f"cell:{CELL}": "41"})
    assert r.status_code == 302
    r = second.post(f"/reports/{row.pk}/edit", {"version": version, f"cell:{CELL}": "39",
                                                 f"cell:{OTHER}": "5"})
    assert r.status_code == 412
    html = r.content.decode()
    assert "已被他人修改" in html and "其他人做了这些修改" in html
    assert html.count("已被他人修改") == 1  # once, above the form, not in each part and the findings
    assert "修改单元格" in html and CELL in html and "41" in html  # what the first one did
    assert "您填写的数字中与现在不同的" in html and "39" in html
    row.refresh_from_db()
    assert row.data["applications"]["received"]["natural_person"] == 41
    new = _version(html)
    assert new != version
    r = second.post(f"/reports/{row.pk}/edit", {"version": new, f"cell:{CELL}": "39"})
    assert r.status_code == 302
    row.refresh_from_db()
    assert row.data["applications"]["received"]["natural_person"] == 39
