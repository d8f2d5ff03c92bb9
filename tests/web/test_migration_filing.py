"""The 0004 upgrade in place: copies a repeated batch upload stored before reviews
stopped filing go back to their batch; everything else stays filed."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from zfxxgk.web.reports.models import Batch, Report, Status

pytestmark = pytest.mark.django_db
upgrade = importlib.import_module("zfxxgk.web.reports.migrations.0004_review_without_filing")


def _row(sha: str, batch=None, **kw) -> Report:
    return Report.objects.create(title=sha, data={}, sha256=sha, batch=batch, **kw)


def test_repeated_batch_drafts_are_unfiled(users):
    first, second = Batch.objects.create(name="一"), Batch.objects.create(name="二")
    a1, b1 = _row("a", first), _row("b", first)
    a2 = _row("a", second)                                  # the same file again: unfiled
    b2 = _row("b", second, status=Status.REVIEW)            # worked on since: kept
    c2 = _row("c", second)                                  # new in the second batch: kept
    single = _row("a")                                      # a single upload: kept
    upgrade.unfile_repeated_batch_drafts(apps, None)
    filed = dict(Report.objects.values_list("pk", "filed"))
    assert filed == {a1.pk: True, b1.pk: True, a2.pk: False, b2.pk: True, c2.pk: True,
                     single.pk: True}
