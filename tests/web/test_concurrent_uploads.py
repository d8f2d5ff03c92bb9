"""Two uploads of one file at the same moment store one report: both looked for a
stored copy before either had read the file (a PDF may take a minute), found none,
and each stored its own — the same report twice, counted twice until someone
noticed. The second now looks again, under a lock, before it stores."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db(transaction=True)
def test_two_uploads_of_one_file_at_once_store_one_report(users, monkeypatch):
    from django.db import connection

    from zfxxgk.web.reports import services
    from zfxxgk.web.reports.models import Report

    data = (ROOT / "examples" / "wanghu-street-2023.txt").read_bytes()
    both_read = threading.Barrier(2, timeout=30)
    read = services.read_and_check

    def slow_read(*args, **kwargs):  # each has looked for a copy and read the file
        result = read(*args, **kwargs)
        both_read.wait()
        return result

    monkeypatch.setattr(services, "read_and_check", slow_read)
    rows, errors = [], []

    def upload(name: str) -> None:
        try:
            rows.append(services.create_report(data, name, users["clerk"]).pk)
        except Exception as e:  # noqa: BLE001 - reported by the assertion below
            errors.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=upload, args=(f"{i}.txt",)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert Report.objects.count() == 1 and rows[0] == rows[1]
