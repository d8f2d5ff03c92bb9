"""What retention and a calendar entry hold up while they run, on PostgreSQL: they
lock the agencies of the cases they change against a merge of those agencies
(test_case_locks.py, test_report_locks.py). Held as NO KEY UPDATE, that lock also
stopped every upload of a report of such an agency (its placement in the agency
tree locks the agency) and every new case of it until the whole recomputation had
committed. Each test stops the writer right after its read and runs the other side,
which must now end without waiting for a lock."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest

from .conftest import EXAMPLES
from .test_case_calendar import YEAR_2027
from .test_cases_store import new_case
from .test_import_lock import TIMEOUT, _thread, _waiting_on_a_lock
from .test_postgresql import INNER

pytestmark = [pytest.mark.skipif(not INNER, reason="runs inside the PostgreSQL run only"),
              pytest.mark.django_db(transaction=True)]
FIRST, SECOND = "wanghu-street-2020.txt", "wanghu-street-2023.txt"  # one agency, two years


def _meanwhile(monkeypatch, writer, *others) -> dict:
    """`writer` stopped after its first `store.case_of`; each of `others` in turn must
    end while it is stopped (a lock wait fails the test, with how long it had run);
    then the writer goes on. Their results (or errors), the writer's as "writer"."""
    from zfxxgk.web.cases import store

    has_read, go_on = threading.Event(), threading.Event()
    first, holder = store.case_of, []

    def read_then_wait(*args, **kwargs):
        out = first(*args, **kwargs)
        if holder and threading.current_thread() is holder[0] and not has_read.is_set():
            has_read.set()
            assert go_on.wait(TIMEOUT)
        return out

    monkeypatch.setattr(store, "case_of", read_then_wait)
    out: dict = {}
    holder.append(_thread(writer, out, "writer"))
    try:
        assert has_read.wait(TIMEOUT)
        for i, other in enumerate(others):
            started = time.monotonic()
            t = _thread(other, out, i)
            while t.is_alive():
                t.join(0.02)
                assert not (t.is_alive() and _waiting_on_a_lock()), \
                    f"step {i} waited for the writer's lock ({time.monotonic() - started:.2f} s in)"
            assert not isinstance(out[i], Exception), out[i]
    finally:
        go_on.set()
        holder[0].join(TIMEOUT)
    assert not isinstance(out["writer"], Exception), out["writer"]
    return out


def _agency(users):
    from zfxxgk.web.reports.services import create_report

    return create_report((EXAMPLES / FIRST).read_bytes(), FIRST, users["clerk"]).agency


def _upload(users):
    from zfxxgk.web.reports.services import create_report

    return lambda: create_report((EXAMPLES / SECOND).read_bytes(), SECOND, users["clerk"]).pk


def test_retention_holds_up_neither_uploads_nor_new_cases_of_its_agencies(monkeypatch, users):
    from zfxxgk.cases.model import Event, EventKind, Outcome
    from zfxxgk.web.cases import store
    from zfxxgk.web.cases.models import CaseRecord

    agency, admin = _agency(users), users["admin"]
    old = store.create_case(new_case("2021-001", date(2021, 3, 1)), admin, agency=agency)
    store.record_event(old, Event(EventKind.ANSWERED, date(2021, 3, 15), outcome=Outcome.GRANTED), admin)
    out = _meanwhile(monkeypatch, lambda: store.apply_retention(None, date(2024, 3, 16)), _upload(users),
                     lambda: store.create_case(new_case("2024-009", date(2024, 3, 15)), admin,
                                               agency=agency).pk)
    assert out["writer"] == ["2021-001"]
    assert CaseRecord.objects.filter(agency=agency).count() == 2


def test_a_calendar_entry_does_not_hold_up_uploads_of_its_agencies(monkeypatch, users):
    from zfxxgk.cases.calendar import parse_year
    from zfxxgk.web.cases import store
    from zfxxgk.web.cases.calendar_entry import enter_year
    from zfxxgk.web.cases.models import CaseRecord
    from zfxxgk.web.reports.models import Report

    agency, admin = _agency(users), users["admin"]
    record = store.create_case(new_case("2027-001", date(2027, 2, 1)), admin, agency=agency)
    out = _meanwhile(monkeypatch, lambda: enter_year(YEAR_2027, admin), _upload(users))
    assert Report.objects.get(pk=out[0]).agency_id == agency.pk
    version = parse_year(YEAR_2027.encode()).version
    assert f"2027:{version}" in CaseRecord.objects.get(pk=record.pk).calendar_version
