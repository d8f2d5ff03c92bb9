"""Before publishing, the reviewer sees what the submitted version changed against
the last published one: cells as the printed form names them (表三 第24行 总计：10 → 13),
parts' sentences taken out and put in."""

from __future__ import annotations

import re

import pytest

from zfxxgk.web.reports.diffing import changes
from zfxxgk.web.reports.models import Report, Status

from .conftest import current, step


def test_changes_name_cells_parts_and_facts():
    old = {"agency": "某局", "year": 2025, "template": "2021",
           "applications": {"received": {"natural_person": 12, "total": 12}},
           "sections": {"3": "本年收到申请12件。\n均已办结。"}}
    new = {"agency": "某局", "year": 2025, "template": "2021", "published_on": "2026-01-20",
           "applications": {"received": {"natural_person": 13, "total": None}},
           "sections": {"3": "本年收到申请13件。\n均已办结。", "5": "无。"}}
    found = changes(old, new)
    assert [(c["place"], c["old"], c["new"]) for c in found["cells"]] == [
        ("表三 第1行 自然人", "12", "13"), ("表三 第1行 总计", "12", "空")]
    assert found["meta"] == [{"what": "落款日期", "old": "空", "new": "2026-01-20"}]
    assert [(p["part"][:2], p["removed"], p["added"]) for p in found["parts"]] == [
        ("三、", ["本年收到申请12件。"], ["本年收到申请13件。"]), ("五、", [], ["无。"])]
    assert changes(new, new) == {"meta": [], "cells": [], "parts": []}


@pytest.mark.django_db
def test_reviewer_sees_the_changes_against_the_published_version(login, stored):
    row = stored("wanghu-street-2023.txt")
    clerk = login("clerk")
    first = clerk.get(f"/reports/{row.pk}").content.decode()
    assert 'id="changes"' not in first  # a first version has nothing to compare with
    step(clerk, row.pk, "submit")
    assert step(login("reviewer"), row.pk, "publish").status_code == 302
    clerk = login("clerk")
    clerk.post(f"/reports/{row.pk}/versions/new")
    new = Report.objects.get(previous_version=row)
    part = (new.data.get("sections") or {}).get("5", "")
    r = clerk.post(f"/reports/{new.pk}/edit", {"version": current(new.pk), "cell:applications.total.total": "13",
                                                "section:5": part + "\n新增一句改进措施。"})
    assert r.status_code == 302
    assert step(clerk, new.pk, "submit").status_code == 302
    assert Report.objects.get(pk=new.pk).status == Status.REVIEW
    reviewer = login("reviewer")
    page = reviewer.get(f"/reports/{new.pk}").content.decode()
    block = page[page.index('id="changes"'):page.index("</section>", page.index('id="changes"'))]
    assert "与第1版（发布）相比的改动：2 处" in block
    row_html = re.search(r'<tr data-cell="applications.total.total">(.*?)</tr>', block).group(1)
    assert re.sub(r"<[^>]+>", " ", row_html).split() == ["表三", "第24行", "总计", "10", "13"]
    assert "五、存在的主要问题及改进情况" in block and "<ins>新增一句改进措施。</ins>" in block
    published = reviewer.get(f"/reports/{row.pk}").content.decode()
    assert 'id="changes"' not in published  # the published version itself: nothing pending


@pytest.mark.django_db
def test_the_diff_is_computed_once_per_pair_of_versions(login, stored, monkeypatch):
    """A second view of the pending version takes the changes from the cache (keyed
    on both versions' ETags); an edit makes a new pair, computed afresh."""
    from django.core.cache import cache

    from zfxxgk.web.reports import diffing

    cache.clear()
    computed = []
    real = diffing.changes
    monkeypatch.setattr(diffing, "changes", lambda old, new: computed.append(1) or real(old, new))
    row = stored("wanghu-street-2023.txt")
    step(login("clerk"), row.pk, "submit")
    assert step(login("reviewer"), row.pk, "publish").status_code == 302
    clerk = login("clerk")
    clerk.post(f"/reports/{row.pk}/versions/new")
    new = Report.objects.get(previous_version=row)
    for _ in range(2):
        page = clerk.get(f"/reports/{new.pk}").content.decode()
        assert "与第1版（发布）相比的改动" in page and "没有改动" in page
    assert len(computed) == 1
    r = clerk.post(f"/reports/{new.pk}/edit", {"version": current(new.pk), "cell:applications.total.total": "13"})
    assert r.status_code == 302
    for _ in range(2):
        page = clerk.get(f"/reports/{new.pk}").content.decode()
        assert "相比的改动：1 处" in page and '<tr data-cell="applications.total.total">' in page
    assert len(computed) == 2
