"""保存并提交审核 on the edit page: the submit is of the version the save produced, in
the save's transaction. Two clients: between one clerk's save and its submit, a
colleague submits and the reviewer sends the report back with a reason; the first
clerk's submit must not move it to 审核 over that return."""

from __future__ import annotations

import pytest
from django.test import Client

from zfxxgk.web.reports import editing, workflow
from zfxxgk.web.reports.models import Report, Status

from .conftest import current, make_user, step

pytestmark = pytest.mark.django_db

CELL = "applications.carried_in.natural_person"


def _as(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_return_between_save_and_submit_is_not_overwritten(users, stored, monkeypatch):
    row = stored("qinghe-city-2024.txt")
    first = _as(users["clerk"])
    colleague, reviewer = _as(make_user("clerk2", "录入员")), _as(users["reviewer"])
    opened = current(row.pk)  # the first clerk's form
    real = editing.save_cells
    interleaved = []

    def meanwhile(*args, **kwargs):
        """The first clerk's save; before its submit, the others act."""
        saved = real(*args, **kwargs)
        interleaved.append(True)
        assert step(colleague, row.pk, "submit").status_code == 302
        assert step(reviewer, row.pk, "return", reason="表三数字待核").status_code == 302
        assert Report.objects.get(pk=row.pk).status == Status.DRAFT
        return saved

    monkeypatch.setattr(editing, "save_cells", meanwhile)
    r = first.post(f"/reports/{row.pk}/edit", {"version": opened, f"cell:{CELL}": "7", "then": "submit"})
    assert interleaved and r.status_code == 302
    saved = Report.objects.get(pk=row.pk)
    assert saved.status == Status.DRAFT  # the return stands
    assert saved.data["applications"]["carried_in"]["natural_person"] == 7  # the save stands
    assert workflow.return_reason(saved)["reason"] == "表三数字待核"
    page = first.get(r.url).content.decode()
    assert "没有提交审核" in page


def test_save_then_submit_alone_submits(users, stored):
    row = stored("qinghe-city-2024.txt")
    r = _as(users["clerk"]).post(f"/reports/{row.pk}/edit",
                                 {"version": current(row.pk), f"cell:{CELL}": "7", "then": "submit"})
    assert r.status_code == 302 and r.url == f"/reports/{row.pk}"
    saved = Report.objects.get(pk=row.pk)
    assert saved.status == Status.REVIEW
    assert saved.data["applications"]["carried_in"]["natural_person"] == 7
