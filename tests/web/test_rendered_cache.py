"""A report's PDF/Word/Excel download is rendered once per content: WeasyPrint spent
1-2 s (5-7 s under load) on every download of the same report. Another download of
unchanged content comes from the data folder's cache; a saved change, a publication
date or a changed renderer renders again; access is checked before the cache."""

from __future__ import annotations

import uuid

import pytest

import zfxxgk.render
from zfxxgk.web.reports import rendered
from zfxxgk.web.reports.models import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    """The renderer, counting its calls by format."""
    calls: list[str] = []
    real = zfxxgk.render.render

    def counting(report, fmt, *a, **kw):
        calls.append(fmt)
        return real(report, fmt, *a, **kw)
    monkeypatch.setattr(zfxxgk.render, "render", counting)
    return calls


def _unique(stored):
    """A report whose content no other test rendered (the cache outlives a test)."""
    row = stored("qinghe-city-2024.txt")
    row.data = {**row.data, "sections": {**(row.data.get("sections") or {}), "6": f"{uuid.uuid4()}。"}}
    row.save()
    return row


def test_an_unchanged_report_is_rendered_once(login, stored, renders, monkeypatch):
    from django.utils import timezone

    row = _unique(stored)
    row.data = {**row.data, "published_on": None}
    row.save()
    c = login("reader")
    first = c.get(f"/reports/{row.pk}/download.docx")
    again = c.get(f"/reports/{row.pk}/download.docx")
    assert first.status_code == again.status_code == 200 and first.content == again.content
    assert renders == ["docx"]
    c.get(f"/reports/{row.pk}/download.html")
    c.get(f"/reports/{row.pk}/download.html")
    assert renders == ["docx", "html", "html"]  # made in milliseconds: not kept
    row.data = {**row.data, "sections": {**row.data["sections"], "6": f"已修改{uuid.uuid4()}。"}}
    row.save()
    assert c.get(f"/reports/{row.pk}/download.docx").status_code == 200
    assert renders.count("docx") == 2  # a saved change: rendered again
    row.status, row.published_at = Status.PUBLISHED, timezone.now()
    row.save()
    c.get(f"/reports/{row.pk}/download.docx")
    assert renders.count("docx") == 3  # signed with its publication day now
    monkeypatch.setattr(rendered, "renderer_fingerprint", lambda: "another-version")
    c.get(f"/reports/{row.pk}/download.docx")
    assert renders.count("docx") == 4  # the renderer changed


def test_the_cache_serves_no_one_the_report_itself_refuses(login, stored, renders):
    row = _unique(stored)
    assert login("reader").get(f"/reports/{row.pk}/download.docx").status_code == 200
    assert login("nobody").get(f"/reports/{row.pk}/download.docx").status_code == 403
    assert renders == ["docx"]


def test_the_fingerprint_follows_the_renderers_code():
    assert rendered.renderer_fingerprint() == rendered.renderer_fingerprint()
    assert len(rendered.renderer_fingerprint()) == 16


def test_a_data_file_of_the_standard_changes_the_fingerprint(tmp_path):
    """Not only the .py files: a label table kept as data under standard/ renders
    differently, so a change to it must not serve the downloads kept before."""
    from zfxxgk.web.reports import rendered

    (tmp_path / "render").mkdir()
    (tmp_path / "standard").mkdir()
    (tmp_path / "model.py").write_text("x = 1\n")
    (tmp_path / "render" / "html.py").write_text("y = 2\n")
    labels = tmp_path / "standard" / "labels.json"
    labels.write_text('{"a": "予以公开"}')
    before = rendered.fingerprint(tmp_path)
    labels.write_text('{"a": "予以公开（含部分）"}')
    assert rendered.fingerprint(tmp_path) != before
    cache = tmp_path / "standard" / "__pycache__"
    cache.mkdir()
    (cache / "labels.cpython-311.pyc").write_bytes(b"\0compiled")
    labels.write_text('{"a": "予以公开"}')
    assert rendered.fingerprint(tmp_path) == before  # compiled copies are no input
