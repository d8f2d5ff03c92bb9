"""The cached part of report pages (`{% cache %}` in reports/detail.html, keyed on
the report's updated_at): a cached page is never older than the database, and
nothing of one viewer reaches another."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache

from zfxxgk.web.reports import data
from zfxxgk.web.reports.models import Report

from .conftest import current, step

pytestmark = pytest.mark.django_db
CODE = "applications.received.natural_person"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def _cell(html: str, code: str) -> str:
    start = html.index(f'data-cell="{code}"')
    return html[html.index(">", start) + 1:html.index("</td>", start)]


def _rendered_review(response) -> bool:
    return any(t.name == "reports/_review.html" for t in response.templates)


def test_second_view_uses_cache_and_edit_shows_at_once(login, stored):
    row = stored("qinghe-city-2024.txt")
    c = login("clerk")
    first = c.get(f"/reports/{row.pk}")
    assert _rendered_review(first) and _cell(first.content.decode(), CODE) == "766"
    again = c.get(f"/reports/{row.pk}")
    assert not _rendered_review(again)  # served from the cache
    assert again.content.decode().count('<table class="official"') == 3
    api = c.get(f"/api/reports/{row.pk}").json()
    assert api["report"]["applications"]["received"]["natural_person"] == 766

    assert c.post(f"/reports/{row.pk}/edit", {"version": current(row.pk), f"cell:{CODE}": "999"}).status_code == 302
    after = c.get(f"/reports/{row.pk}")
    html = after.content.decode()
    assert _rendered_review(after) and _cell(html, CODE) == "999"
    assert "错误 0 项" not in html  # the new findings, not the cached ones
    api = c.get(f"/api/reports/{row.pk}").json()
    assert api["report"]["applications"]["received"]["natural_person"] == 999
    assert api["counts"]["error"] > 0 and api["findings"]["findings"]


def test_api_twin_is_the_builders_object(login, stored):
    row = stored()
    c = login("reader")
    for _ in range(2):  # built, then from the cache
        r = c.get(f"/api/reports/{row.pk}")
        assert r["Content-Type"].startswith("application/json")
        expected = json.loads(json.dumps(data.report_detail(Report.objects.get(pk=row.pk))))
        assert json.loads(r.content) == expected


def test_agency_rename_is_not_cached(login, stored):
    row = stored()
    c = login("reader")
    assert c.get(f"/api/reports/{row.pk}").json()["agency"] == row.agency.name
    c.get(f"/reports/{row.pk}")
    row.agency.name = "改名后的机关"
    row.agency.save()
    assert c.get(f"/api/reports/{row.pk}").json()["agency"] == "改名后的机关"
    assert "改名后的机关" in c.get(f"/reports/{row.pk}").content.decode()


def test_reader_never_sees_editor_buttons_from_cache(login, stored):
    row = stored("qinghe-city-2024.txt")
    clerk_page = login("clerk").get(f"/reports/{row.pk}").content.decode()
    assert "修改表格" in clerk_page and "提交审核" in clerk_page
    reader = login("reader").get(f"/reports/{row.pk}")
    html = reader.content.decode()
    assert not _rendered_review(reader)  # the tables did come from the cache
    assert "修改表格" not in html and "提交审核" not in html and "<input" not in html.split("<main>")[1]
    assert "clerk" not in html
    assert _cell(html, CODE) == "766"


def test_transitions_change_buttons_at_once(login, stored):
    row = stored("qinghe-city-2024.txt")
    reviewer = login("reviewer")
    assert f"/reports/{row.pk}/publish" not in reviewer.get(f"/reports/{row.pk}").content.decode()
    step(login("clerk"), row.pk, "submit")
    reviewer = login("reviewer")
    html = reviewer.get(f"/reports/{row.pk}").content.decode()
    assert f"/reports/{row.pk}/publish" in html and f"/reports/{row.pk}/return" in html
    step(reviewer, row.pk, "publish")
    html = reviewer.get(f"/reports/{row.pk}").content.decode()
    assert f"/reports/{row.pk}/publish" not in html and "第1版" in html
    assert reviewer.get(f"/api/reports/{row.pk}").json()["status"] == "published"


def test_every_write_moves_the_cache_key(users, stored):
    """The cache keys hold updated_at: each service that changes a report must move it."""
    from zfxxgk.web.reports import editing, workflow

    row = stored("qinghe-city-2024.txt")
    seen = {row.updated_at}
    editing.save_cells(row, {CODE: "1"}, users["clerk"])
    row.refresh_from_db()
    seen.add(row.updated_at)
    for action, who in (("submit", "clerk"), ("return", "reviewer"), ("submit", "clerk"),
                        ("publish", "reviewer")):
        row = workflow.transition(row, action, users[who])
        row.refresh_from_db()
        assert row.updated_at not in seen, action
        seen.add(row.updated_at)


def test_report_row_reads_the_large_columns_only_when_asked(stored):
    row = stored()
    light = data.report_row(row.pk)
    full = Report.objects.select_related("agency").get(pk=row.pk)
    assert light.get_deferred_fields() == {"data", "notes", "source_lines"}
    assert data.report_summary(light) == data.report_summary(full)
    assert light.data == full.data and light.source_lines == full.source_lines  # read when asked
    with pytest.raises(Exception) as e:
        data.report_row(row.pk + 1000)
    assert e.type.__name__ == "Http404"


def test_cached_page_reads_no_large_column(login, stored):
    """A cache hit builds nothing: the tables, findings and the report's JSON
    column are not read (the queries are the session, user, permissions, row)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    row = stored("qinghe-city-2024.txt")
    c = login("reader")
    c.get(f"/reports/{row.pk}")
    with CaptureQueriesContext(connection) as seen:
        assert c.get(f"/reports/{row.pk}").status_code == 200
    sql = " ".join(q["sql"] for q in seen.captured_queries)
    assert '"source_lines"' not in sql and '"reports_finding"' not in sql


def test_cached_buttons_carry_each_viewers_own_csrf_token(users, stored):
    """The top of the page is cached with its forms; the token in them is put in per
    request, so a second clerk (own session, CSRF enforced) can press the button."""
    import re
    from html import unescape

    from django.test import Client

    row = stored("qinghe-city-2024.txt")
    first = Client(enforce_csrf_checks=True)
    first.force_login(users["clerk"])
    first.get(f"/reports/{row.pk}")  # fills the cache
    second = Client(enforce_csrf_checks=True)
    second.force_login(users["clerk"])
    html = second.get(f"/reports/{row.pk}").content.decode()
    token = re.search(rf'action="/reports/{row.pk}/submit".*?name="csrfmiddlewaretoken" value="([^"]+)"',
                      html, re.S).group(1)
    version = unescape(re.search(rf'action="/reports/{row.pk}/submit".*?name="version" value="([^"]+)"',
                                 html, re.S).group(1))
    r = second.post(f"/reports/{row.pk}/submit", {"csrfmiddlewaretoken": token, "version": version})
    assert r.status_code == 302
    assert Report.objects.get(pk=row.pk).status == "review"
    forged = Client(enforce_csrf_checks=True)
    forged.force_login(users["reviewer"])
    forged.get(f"/reports/{row.pk}")
    assert forged.post(f"/reports/{row.pk}/return", {"csrfmiddlewaretoken": token,
                                                     "version": version}).status_code == 403
