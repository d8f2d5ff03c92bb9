"""Writers of reports and agencies that read rows and save them later, each against
another writer at the same moment, on PostgreSQL (SQLite's write transaction takes
the whole database when it starts): merging agencies (`rekey_agencies`), a verdict
storing the totals of its subject's reports, and the next year's re-check after an
edit. Each interleaving is made, not timed (test_case_locks._interleave): the writer
stops right after its read, the other side runs until it ends or waits for a lock."""

from __future__ import annotations

import pytest

from .conftest import EXAMPLES
from .test_case_locks import _interleave
from .test_postgresql import INNER

pytestmark = [pytest.mark.skipif(not INNER, reason="runs inside the PostgreSQL run only"),
              pytest.mark.django_db(transaction=True)]
NAME = "青禾市云岭区东湖街道办事处"
WANGHU = (EXAMPLES / "wanghu-street-2023.txt").read_bytes()


def _ok(out: dict, *keys: str) -> None:
    for key in keys:
        assert not isinstance(out[key], Exception), (key, out[key])


def _totals(row) -> tuple[int, int, int]:
    return row.errors, row.warnings, row.infos


def _counted_again(pk: int) -> tuple[int, int, int]:
    """The report's totals as its stored findings and verdicts give them now."""
    from zfxxgk.web.reports.models import Report
    from zfxxgk.web.reports.verdicts import set_counts

    fresh = Report.objects.get(pk=pk)
    set_counts(fresh, fresh.findings.all())
    return _totals(fresh)


def test_a_hand_placement_during_a_merge_is_kept_or_refused(monkeypatch, users):
    """Before: the merge used the typed agency as read before the administrator
    placed it by hand; the merged agency kept the automatic level, the placement
    was gone and nobody was told."""
    from zfxxgk.web.reports import rekeying
    from zfxxgk.web.reports.models import Agency
    from zfxxgk.web.reports.placing import set_placement

    into = Agency.objects.create(key=NAME, name=NAME, level="township")
    typed = Agency.objects.create(key="donghu", name=NAME, level="township")
    out = _interleave(monkeypatch, lambda: rekeying.carry_out(users["admin"]),
                      lambda: set_placement(typed, "department", None, users["admin"]),
                      module=rekeying, name="plans")
    _ok(out, "writer")
    merged = Agency.objects.get(name=NAME)
    assert merged.pk == into.pk and not Agency.objects.filter(pk=typed.pk).exists()
    if isinstance(out["other"], Agency.DoesNotExist):  # it waited for the merge: the agency is gone
        assert (merged.level, merged.placed_by_hand) == ("township", False)
    else:  # it was stored first: the merge carries it
        _ok(out, "other")
        assert (merged.level, merged.placed_by_hand) == ("department", True)


@pytest.mark.parametrize("bulk", [False, True], ids=["decide", "confirm_open"])
def test_an_edit_while_a_verdict_recounts_its_subject_keeps_its_totals(monkeypatch, users, bulk):
    """Before: a verdict on one report stored the totals of every report of its
    subject from findings read before an edit of one of them; that report's totals
    no longer matched its findings until its next change. The list's bulk review
    (confirm_open: its verdicts given under one hold of the locks, one recount at
    the end) is held to the same."""
    from zfxxgk.web.reports import verdicts
    from zfxxgk.web.reports.editing import save_cells
    from zfxxgk.web.reports.services import create_report

    first = create_report(WANGHU, "wanghu-2023.txt", users["clerk"])
    second = create_report(WANGHU + b"\n", "wanghu-2023-again.txt", users["clerk"])
    assert (first.agency_id, first.year) == (second.agency_id, second.year)
    t33 = first.findings.get(rule="T3-3").position
    if bulk:  # a report with errors is not confirmed in bulk: its errors judged first
        for f in first.findings.filter(severity="error"):
            verdicts.decide(first, f.position, "dismissed", "按合并口径", users["reviewer"])
        first.refresh_from_db()
        assert first.errors == 0 and first.open_findings
    writer = (lambda: verdicts.confirm_open(first, users["reviewer"], None)) if bulk else \
        (lambda: verdicts.decide(first, t33, "dismissed", "按合并口径", users["reviewer"]))
    out = _interleave(monkeypatch, writer,
                      lambda: save_cells(second, {"applications.total.total": "13"}, users["clerk"]),
                      module=verdicts, name="set_counts", when=lambda row, *_: row.pk == second.pk)
    _ok(out, "writer", "other")
    second.refresh_from_db()
    assert _totals(second) == _counted_again(second.pk)
    first.refresh_from_db()
    assert first.open_findings == (0 if bulk else first.findings.count() - 1)  # all, or T3-3, judged


def test_an_edit_during_the_next_years_recheck_keeps_its_findings(monkeypatch, users):
    """Before: an edit of the 2023 report re-checked the 2024 one from its data as
    read, and stored those findings and totals over the ones of an edit of the 2024
    report saved meanwhile."""
    from zfxxgk.web.reports import services
    from zfxxgk.web.reports.editing import row_cell, save_cells
    from zfxxgk.web.reports.services import check_report, create_report, library_report

    this = create_report(WANGHU, "wanghu-2023.txt", users["clerk"])
    text = WANGHU.decode("utf-8").replace("2023年", "2024年").replace("2022年", "2023年")
    following = create_report(text.encode("utf-8"), "wanghu-2024.txt", users["clerk"])
    assert following.year == 2024 and following.agency_id == this.agency_id
    out = _interleave(monkeypatch,
                      lambda: save_cells(this, {"applications.total.total": "12"}, users["clerk"]),
                      lambda: save_cells(following, {"applications.total.total": "13"}, users["clerk"]),
                      module=services, name="library_report", when=lambda row: row.pk == following.pk)
    _ok(out, "writer", "other")
    following.refresh_from_db()
    assert str(row_cell(following.data, "applications.total.total")) == "13"
    expected = [(f.rule, sorted(f.cells)) for f in check_report(library_report(following), following.agency)]
    assert [(f.rule, sorted(f.cells)) for f in following.findings.order_by("position")] == expected
    assert _totals(following) == _counted_again(following.pk)


def test_a_case_registered_during_a_merge_is_refused_or_carried(monkeypatch, users):
    """Before: a case registered for the typed agency after the merge had moved its
    rows was stored; the merge then failed deleting the agency (a database error
    for the administrator, nothing merged), or the case failed at commit. Now the
    registration waits for the merge and is refused in Chinese (409)."""
    from datetime import date

    from zfxxgk.web.cases import store
    from zfxxgk.web.cases.models import CaseRecord
    from zfxxgk.web.reports import rekeying, verdicts
    from zfxxgk.web.reports.models import Agency

    from .test_cases_store import new_case

    into = Agency.objects.create(key=NAME, name=NAME, level="township")
    typed = Agency.objects.create(key="donghu", name=NAME, level="township")
    out = _interleave(monkeypatch, lambda: rekeying.carry_out(users["admin"]),
                      lambda: store.create_case(new_case("2027-009", date(2027, 3, 1)),
                                                users["admin"], agency=typed),
                      module=verdicts, name="recount")  # the merge has moved the rows
    _ok(out, "writer")
    assert isinstance(out["other"], store.StoreError) and out["other"].status == 409, out["other"]
    assert "已并入其他机关" in str(out["other"])
    assert not Agency.objects.filter(pk=typed.pk).exists()
    assert not CaseRecord.objects.filter(number="2027-009").exists()
    assert Agency.objects.get(pk=into.pk).name == NAME


def test_a_ledger_import_during_a_merge_waits_for_it_or_goes_first(monkeypatch, users):
    """Before: the import locked the agency's stored cases, then a new case of it
    waited for the agency the merge held, while the merge waited to move those
    cases: PostgreSQL broke the deadlock by failing one of them (a database error).
    Now the import takes the agency first, as the merge does."""
    from cases.ledger_books import AGENCY, ROWS, register

    from zfxxgk.parse.agency import agency_key
    from zfxxgk.web.cases import importing, store
    from zfxxgk.web.cases.models import CaseRecord
    from zfxxgk.web.reports import rekeying
    from zfxxgk.web.reports.models import Agency

    into = Agency.objects.create(key=agency_key(AGENCY), name=AGENCY)
    typed = Agency.objects.create(key="ziranziyuan", name=AGENCY)
    admin = users["admin"]
    assert importing.commit(importing.make_preview(register(ROWS[:3]), typed), typed, admin,
                            "台账.xlsx").created == ["QH-2025-001", "QH-2025-002", "QH-2025-003"]
    out = _interleave(monkeypatch,  # stops after reading the stored cases, with the new ones to save
                      lambda: importing.commit(importing.make_preview(register(), typed), typed, admin,
                                               "台账.xlsx"),
                      lambda: rekeying.carry_out(admin), module=store, name="case_of")
    _ok(out, "writer", "other")
    assert out["writer"].created == ["QH-2025-004", "QH-2025-005"]
    assert not Agency.objects.filter(pk=typed.pk).exists()
    assert set(CaseRecord.objects.values_list("agency_id", flat=True)) == {into.pk}
    assert CaseRecord.objects.count() == 5


def test_a_calendar_entry_during_a_merge_of_two_agencies_waits_for_it(monkeypatch, users):
    """Before: the merge moved the first typed agency's case and stopped for the
    second's, which the entry (locking every open case in key order) held while it
    waited for the first's: a deadlock, one of them failed. Now the entry takes the
    agencies of the open cases first, as the merge does, and waits for the merge."""
    from datetime import date

    from zfxxgk.cases.calendar import parse_year
    from zfxxgk.web.cases import store
    from zfxxgk.web.cases.calendar_entry import enter_year
    from zfxxgk.web.cases.models import CaseRecord
    from zfxxgk.web.reports import rekeying, verdicts
    from zfxxgk.web.reports.models import Agency

    from .test_case_calendar import YEAR_2027
    from .test_cases_store import new_case

    into = Agency.objects.create(key=NAME, name=NAME, level="township")
    first = Agency.objects.create(key="donghu", name=NAME, level="township")
    second = Agency.objects.create(key="donghu-jd", name=NAME, level="township")
    admin = users["admin"]
    store.create_case(new_case("2027-011", date(2027, 2, 1)), admin, agency=second)  # the lower key
    store.create_case(new_case("2027-012", date(2027, 2, 2)), admin, agency=first)
    out = _interleave(monkeypatch, lambda: rekeying.carry_out(admin), lambda: enter_year(YEAR_2027, admin),
                      module=verdicts, name="recount")  # the first agency's rows moved
    _ok(out, "writer", "other")
    assert not Agency.objects.filter(pk__in=[first.pk, second.pk]).exists()
    version = parse_year(YEAR_2027.encode()).version
    for stored in CaseRecord.objects.all():
        assert stored.agency_id == into.pk and not stored.provisional
        assert f"2027:{version}" in stored.calendar_version


def test_a_register_entry_linked_to_cases_during_a_merge_waits_for_it(monkeypatch, users):
    """Before: saving a 复议 entry held its row, then linking its applications waited
    for their rows, which the merge had just moved, while the merge waited to move
    the entry: a deadlock, one of them failed with a database error. Now the entry's
    agency is taken first, as the merge takes it."""
    from datetime import date

    from zfxxgk import web
    from zfxxgk.cases.registers import LitigationCase, LitigationKind
    from zfxxgk.web.cases import store
    from zfxxgk.web.cases.models import LitigationRecord
    from zfxxgk.web.reports import rekeying
    from zfxxgk.web.reports.models import Agency

    from .test_cases_store import new_case

    into = Agency.objects.create(key=NAME, name=NAME, level="township")
    typed = Agency.objects.create(key="donghu", name=NAME, level="township")
    admin = users["admin"]
    store.create_case(new_case("2027-021", date(2027, 2, 1)), admin, agency=typed)
    entry = LitigationCase("复议-21", NAME, LitigationKind.REVIEW, date(2027, 3, 1))
    store.save_litigation(entry, admin, agency=typed)
    linked = LitigationCase("复议-21", NAME, LitigationKind.REVIEW, date(2027, 3, 1), cases=("2027-021",))
    out = _interleave(monkeypatch, lambda: store.save_litigation(linked, admin, agency=typed),
                      lambda: rekeying.carry_out(admin), module=web.audit, name="record")  # row saved
    _ok(out, "writer", "other")
    assert not Agency.objects.filter(pk=typed.pk).exists()
    row = LitigationRecord.objects.get(number="复议-21")
    assert row.agency_id == into.pk and [c.number for c in row.cases.all()] == ["2027-021"]
