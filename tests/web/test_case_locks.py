"""Writers that read cases and save them later, each against a clerk or another
writer at the same moment, on PostgreSQL (SQLite's write transaction takes the
whole database when it starts, so the other side waits there anyway): entering a
calendar year (every open case recomputed), retention (closed cases anonymised)
and the JSON import (`zfxxgk cases import-json`, with and without --replace).

Each interleaving is made, not timed, as tests/web/test_import_lock.py makes it:
the writer stops right after reading; the other side runs in another thread; the
writer goes on once that has finished or is seen waiting for a row lock."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest

from .test_case_calendar import YEAR_2027
from .test_cases_store import new_case
from .test_import_lock import TIMEOUT, _thread, _waiting_on_a_lock
from .test_postgresql import INNER

pytestmark = [pytest.mark.skipif(not INNER, reason="runs inside the PostgreSQL run only"),
              pytest.mark.django_db(transaction=True)]


def _interleave(monkeypatch, writer, other, module=None, name: str = "case_of",
                when=lambda *args: True) -> dict:
    """Run `writer` until its first call of `module.name` (its read: store.case_of
    unless said) for which `when(*args)` holds has returned, then `other` until it
    ends or waits for a lock, then the rest of `writer`. Their results (or errors)."""
    from zfxxgk.web.cases import store

    module = module or store
    has_read, go_on = threading.Event(), threading.Event()
    first = getattr(module, name)
    holder: list = []

    def read_then_wait(*args, **kwargs):
        out = first(*args, **kwargs)
        if holder and threading.current_thread() is holder[0] and not has_read.is_set() \
                and when(*args):
            has_read.set()
            assert go_on.wait(TIMEOUT)
        return out

    monkeypatch.setattr(module, name, read_then_wait)
    out: dict = {}
    holder.append(_thread(writer, out, "writer"))
    assert has_read.wait(TIMEOUT)
    second = _thread(other, out, "other")
    deadline = time.monotonic() + TIMEOUT
    while second.is_alive() and not _waiting_on_a_lock():
        assert time.monotonic() < deadline, "the other side neither finished nor waited for a lock"
        second.join(0.01)
    go_on.set()
    holder[0].join(TIMEOUT)
    second.join(TIMEOUT)
    return out


@pytest.fixture
def people():
    from zfxxgk.web.accounts.roles import ensure_roles
    from zfxxgk.web.reports.models import Agency

    from .conftest import make_user

    ensure_roles()
    Agency.objects.create(key="qinghe-gov", name="青禾市人民政府")
    return make_user("admin", "管理员"), make_user("clerk", "录入员")


def test_an_event_during_a_calendar_entry_is_kept_and_counted_on_the_new_year(monkeypatch, people):
    """Before: the recomputation saved the case as it read it, and the clerk's
    extension recorded meanwhile was gone; the event, once it waited for the lock,
    was still counted on the calendar it read before waiting."""
    from zfxxgk.cases.calendar import parse_year
    from zfxxgk.cases.model import Event, EventKind
    from zfxxgk.web.cases import store
    from zfxxgk.web.cases.calendar_entry import enter_year
    from zfxxgk.web.cases.models import CaseRecord

    admin, clerk = people
    record = store.create_case(new_case("2027-001", date(2027, 2, 1)), clerk)
    assert record.provisional
    extension = Event(kind=EventKind.EXTENDED, on=date(2027, 2, 20), days=20, approver="赵主任",
                      notice_on=date(2027, 2, 20))
    out = _interleave(monkeypatch, lambda: enter_year(YEAR_2027, admin),
                      lambda: store.record_event(record, extension, clerk))
    assert not isinstance(out["writer"], Exception), out["writer"]
    assert not isinstance(out["other"], Exception), out["other"]
    stored = CaseRecord.objects.get(pk=record.pk)
    assert [e["kind"] for e in stored.data["events"]] == ["received", "extended"]
    version = parse_year(YEAR_2027.encode()).version
    assert not stored.provisional and f"2027:{version}" in stored.calendar_version
    assert all(f"2027:{version}" in d["calendar_version"] for d in stored.data["deadlines"].values())


def test_a_replacement_during_retention_is_not_undone(monkeypatch, people):
    """Before: retention saved the closed case it read, anonymised, over the
    replacement `import-json --replace` stored meanwhile."""
    from zfxxgk.cases.model import Event, EventKind, Outcome
    from zfxxgk.cases.registers import Registers
    from zfxxgk.web.cases import store
    from zfxxgk.web.cases.exchange import import_exchange
    from zfxxgk.web.cases.models import CaseRecord

    _, clerk = people
    old = store.create_case(new_case("2021-001", date(2021, 3, 1)), clerk)
    store.record_event(old, Event(EventKind.ANSWERED, date(2021, 3, 15), outcome=Outcome.GRANTED), clerk)
    corrected = new_case("2021-001", date(2021, 3, 1))
    corrected.subject = "更正后的申请内容"
    corrected.events.append(Event(EventKind.ANSWERED, date(2021, 3, 15), outcome=Outcome.GRANTED))
    out = _interleave(monkeypatch, lambda: store.apply_retention(None, date(2024, 3, 16)),
                      lambda: import_exchange([corrected], Registers(), replace=True))
    assert out["writer"] == ["2021-001"] and out["other"] is None, out
    stored = CaseRecord.objects.get(pk=old.pk)
    assert stored.subject == "更正后的申请内容"  # the file won, as --replace says
    assert store.apply_retention(None, date(2024, 3, 16)) == ["2021-001"]  # and is anonymised next run


def test_a_case_registered_during_a_json_import_is_not_overwritten(monkeypatch, people):
    """Without --replace: the import checked the number was free, a clerk registered
    it, and the import overwrote the clerk's case. Now it is refused (nothing imported)."""
    from zfxxgk.cases.registers import Registers
    from zfxxgk.web.cases import store
    from zfxxgk.web.cases.exchange import import_exchange
    from zfxxgk.web.cases.models import CaseRecord
    from zfxxgk.web.cases.store import StoreError

    _, clerk = people
    imported = new_case("2025-001", date(2025, 3, 1))
    imported.subject = "文件里的申请"
    checked, go_on = threading.Event(), threading.Event()
    save = store.save_case

    def check_then_wait(*args, **kwargs):
        checked.set()
        assert go_on.wait(TIMEOUT)
        return save(*args, **kwargs)

    monkeypatch.setattr(store, "save_case", check_then_wait)
    out: dict = {}
    importer = _thread(lambda: import_exchange([imported], Registers()), out, "import")
    assert checked.wait(TIMEOUT)
    monkeypatch.setattr(store, "save_case", save)  # the clerk's own save goes straight on
    clerk_thread = _thread(lambda: store.create_case(new_case("2025-001", date(2025, 3, 2)), clerk),
                           out, "clerk")
    clerk_thread.join(TIMEOUT)
    go_on.set()
    importer.join(TIMEOUT)
    assert not isinstance(out["clerk"], Exception), out["clerk"]
    assert isinstance(out["import"], StoreError) and out["import"].status == 409, out["import"]
    assert CaseRecord.objects.get(number="2025-001").subject == "某路段拓宽工程的立项批复"


def test_a_case_registered_while_a_year_is_entered_gets_the_new_year(monkeypatch, people):
    """Before: the clerk's registration read the calendar, the year was entered (its
    recomputation listed the open cases: not this one, not stored yet), then the case
    was stored with the deadline of the calendar it had read: provisional, and no
    later entry of that year would come to correct it."""
    from zfxxgk.cases.calendar import parse_year
    from zfxxgk.web.cases import store
    from zfxxgk.web.cases.calendar_entry import enter_year
    from zfxxgk.web.cases.models import CaseRecord

    admin, clerk = people
    out = _interleave(monkeypatch, lambda: store.create_case(new_case("2027-002", date(2027, 2, 1)), clerk),
                      lambda: enter_year(YEAR_2027, admin), name="calendar")
    assert not isinstance(out["writer"], Exception), out["writer"]
    assert not isinstance(out["other"], Exception), out["other"]
    stored = CaseRecord.objects.get(number="2027-002")
    version = parse_year(YEAR_2027.encode()).version
    assert not stored.provisional and f"2027:{version}" in stored.calendar_version
