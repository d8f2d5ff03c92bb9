"""A 台账 import and a clerk's event on the same case at the same moment, on
PostgreSQL (SQLite's import transaction takes the write lock when it starts, so
the event waits there anyway).

The interleaving is made, not timed: the import stops right after reading the
stored cases; the clerk's event is then recorded in another thread, and the
import goes on once that event is stored or is seen waiting for a row lock
(pg_stat_activity). Before the import locked the rows it read, the event was
stored, then overwritten by the import: lost with no word to anyone.
"""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest

from cases.ledger_books import AGENCY, ROWS, register

from .test_postgresql import INNER

pytestmark = [pytest.mark.skipif(not INNER, reason="runs inside the PostgreSQL run only"),
              pytest.mark.django_db(transaction=True)]

TIMEOUT = 60  # seconds: only a broken run waits this long


def _waiting_on_a_lock() -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                       " AND wait_event_type = 'Lock'")
        return cursor.fetchone()[0] > 0


def _thread(target, out: dict, key: str) -> threading.Thread:
    def run():
        from django.db import connection

        try:
            out[key] = target()
        except Exception as e:  # noqa: BLE001 - the test reads what happened
            out[key] = e
        finally:
            connection.close()

    t = threading.Thread(target=run, daemon=True)
    t.start()
    return t


def test_an_event_recorded_during_an_import_is_not_overwritten(monkeypatch):
    from zfxxgk.cases.model import Event, EventKind
    from zfxxgk.web.accounts.roles import ensure_roles
    from zfxxgk.web.cases import importing, store
    from zfxxgk.web.cases.models import CaseRecord
    from zfxxgk.web.cases.store import StoreError

    from .conftest import make_user

    ensure_roles()
    clerk, clerk2 = make_user("clerk", "录入员"), make_user("clerk2", "录入员")
    agency = importing.agency_named(AGENCY, create=True, user=make_user("admin", "管理员"))
    assert importing.commit(importing.make_preview(register(), agency), agency, clerk,
                            "台账.xlsx").created
    # the register now has QH-2025-005 answered: the import will bring it up to date
    rows = list(ROWS)
    rows[4] = ROWS[4][:6] + ("2026.1.5", "予以公开")
    later = importing.make_preview(register(rows), agency)

    has_read, go_on = threading.Event(), threading.Event()
    importer = None
    case_of = store.case_of

    def read_then_wait(record):
        if threading.current_thread() is importer and not has_read.is_set():
            has_read.set()
            assert go_on.wait(TIMEOUT)
        return case_of(record)

    monkeypatch.setattr(store, "case_of", read_then_wait)
    out: dict = {}
    importer = _thread(lambda: importing.commit(later, agency, clerk, "台账.xlsx"), out, "import")
    assert has_read.wait(TIMEOUT)

    five = CaseRecord.objects.get(agency=agency, number="QH-2025-005")
    extension = Event(kind=EventKind.EXTENDED, on=date(2026, 1, 6), days=20, approver="赵主任",
                      notice_on=date(2026, 1, 6))
    clerk_thread = _thread(lambda: store.record_event(five, extension, clerk2), out, "event")
    deadline = time.monotonic() + TIMEOUT
    while clerk_thread.is_alive() and not _waiting_on_a_lock():
        assert time.monotonic() < deadline, "the event neither finished nor waited for a lock"
        clerk_thread.join(0.01)
    go_on.set()
    importer.join(TIMEOUT)
    clerk_thread.join(TIMEOUT)

    assert not isinstance(out["import"], Exception), out["import"]
    assert out["import"].updated == ["QH-2025-005"]
    stored = [e["kind"] for e in CaseRecord.objects.get(pk=five.pk).data["events"]]
    # the event waited for the import and was refused on the answered case, with the reason
    assert isinstance(out["event"], StoreError), out["event"]
    assert str(out["event"]) == "案件状态为“已办结”，不能记录“延期答复”"
    assert stored == ["received", "answered"]
