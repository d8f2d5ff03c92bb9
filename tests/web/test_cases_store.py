"""The cases store: replay and indexed copies, calendar rows, sealed personal data,
reveal log, audit, compile — against the test database."""

from __future__ import annotations

import json
from datetime import date

import pytest

from zfxxgk.cases.calendar import WorkdayCalendar
from zfxxgk.cases.deadlines import answer_deadline
from zfxxgk.cases.model import ApplicantType, Case, Channel, Event, EventKind, Outcome
from zfxxgk.cases.personal import Applicant

pytestmark = pytest.mark.django_db

ID_NUMBER = "110101199003071234"


@pytest.fixture
def agency(db):
    from zfxxgk.web.reports.models import Agency

    return Agency.objects.create(key="qinghe-gov", name="青禾市人民政府")


def new_case(number: str, received: date, with_applicant: bool = True) -> Case:
    from zfxxgk.web.cases import store

    applicant = store.cipher().seal(Applicant("张三", id_number=ID_NUMBER, phone="13812345678")) \
        if with_applicant else None
    return Case(id=number, agency="青禾市人民政府", applicant_type=ApplicantType.NATURAL_PERSON,
                applicant=applicant, subject="某路段拓宽工程的立项批复",
                events=[Event(EventKind.RECEIVED, received, channel=Channel.IN_PERSON)])


def test_saved_case_is_replayed_and_indexed(users, agency):
    from zfxxgk.web.audit.models import AuditEntry
    from zfxxgk.web.cases import store

    rec = store.create_case(new_case("2025-001", date(2025, 9, 26)), users["clerk"], agency=agency)
    expected = answer_deadline(WorkdayCalendar.bundled(), date(2025, 9, 26))
    assert rec.status == "in_progress"
    assert rec.due_on == expected.answer.due
    assert rec.due_on > date(2025, 10, 8)  # the National Day week is skipped
    assert rec.provisional is False
    assert rec.calendar_version == expected.answer.calendar_version
    assert "2025:" in rec.calendar_version and "none" not in rec.calendar_version
    answer = rec.data["deadlines"]["answer"]
    assert "国庆节" in answer["explanation"] and answer["calendar_version"] == rec.calendar_version
    entry = AuditEntry.objects.get(object_type="caserecord", object_id=str(rec.pk))
    assert entry.action == "create" and entry.user == users["clerk"]


def test_year_without_calendar_is_provisional_until_a_year_is_entered(users, agency):
    from zfxxgk.web.cases import store
    from zfxxgk.web.cases.models import CalendarYear

    rec = store.create_case(new_case("2030-001", date(2030, 1, 4)), users["clerk"], agency=agency)
    assert rec.provisional is True and "2030:law2025" in rec.calendar_version
    assert "【暂定】" in rec.data["deadlines"]["answer"]["explanation"]
    text = ('year = 2030\nsource = "测试通知"\n[[festival]]\nname = "春节"\n'
            'from = 2030-01-05\nto = 2030-01-08\n')
    CalendarYear.objects.create(year=2030, data=text, version="x", source="测试通知")
    assert store.calendar().has_year(2030)
    again = store.save_case(store.case_of(rec), users["clerk"], agency=agency)
    assert again.provisional is False and "2030:law2025" not in again.calendar_version
    assert again.due_on > rec.due_on  # four holidays skipped now


def test_transition_refused_in_chinese_and_nothing_changes(users, agency):
    from zfxxgk.web.cases import store
    from zfxxgk.web.cases.models import CaseRecord

    rec = store.create_case(new_case("2025-002", date(2025, 3, 3)), users["clerk"], agency=agency)
    with pytest.raises(store.StoreError, match="不能记录"):
        store.record_event(rec, Event(EventKind.FEE_PAID, date(2025, 3, 5)), users["clerk"])
    assert CaseRecord.objects.get(pk=rec.pk).data == rec.data
    done = store.record_event(rec, Event(EventKind.ANSWERED, date(2025, 3, 20),
                                         outcome=Outcome.GRANTED), users["clerk"])
    assert (done.status, done.outcome, done.closed_on) == ("closed", "granted", date(2025, 3, 20))


def test_number_unique_per_agency(users, agency):
    from zfxxgk.web.cases import store

    store.create_case(new_case("2025-003", date(2025, 3, 3)), users["clerk"], agency=agency)
    with pytest.raises(store.StoreError, match="已有编号"):
        store.create_case(new_case("2025-003", date(2025, 3, 4)), users["clerk"], agency=agency)


def test_personal_data_sealed_and_every_reveal_logged(users, agency):
    from zfxxgk.web.cases import store
    from zfxxgk.web.cases.models import PersonalAccess

    rec = store.create_case(new_case("2025-004", date(2025, 3, 3)), users["clerk"], agency=agency)
    stored = json.dumps(rec.data, ensure_ascii=False)
    assert ID_NUMBER not in stored and "13812345678" not in stored
    assert rec.data["applicant"]["masked"]["id_number"].endswith("1234")
    with pytest.raises(store.StoreError, match="无权"):
        store.reveal(rec, users["reader"], "核实身份", "只读")
    assert not PersonalAccess.objects.exists()
    values = store.reveal(rec, users["clerk"], "电话联系申请人", "录入员")
    assert values["id_number"] == ID_NUMBER and values["phone"] == "13812345678"
    log = PersonalAccess.objects.filter(case=rec)
    assert sorted(log.values_list("field", flat=True)) == ["id_number", "phone"]
    assert {a.user for a in log} == {users["clerk"]}


def test_compile_counts_stored_cases(users, agency):
    from zfxxgk.web.cases import store

    a = store.create_case(new_case("2025-010", date(2025, 2, 3)), users["clerk"], agency=agency)
    store.record_event(a, Event(EventKind.ANSWERED, date(2025, 2, 20), outcome=Outcome.GRANTED),
                       users["clerk"])
    store.create_case(new_case("2025-011", date(2025, 12, 29)), users["clerk"], agency=agency)
    comp = store.compile("青禾市人民政府", 2025)
    t = comp.report.applications
    assert t["received"]["natural_person"] == 2
    assert t["granted"]["natural_person"] == 1
    assert t["carried_forward"]["natural_person"] == 1
    assert comp.cases_by_row["carried_forward"] == ["2025-011"]


def test_retention_anonymises_closed_cases_only(users, agency):
    from zfxxgk.web.audit.models import AuditEntry
    from zfxxgk.web.cases import store
    from zfxxgk.web.cases.models import CaseRecord

    old = store.create_case(new_case("2021-001", date(2021, 3, 1)), users["clerk"], agency=agency)
    store.record_event(old, Event(EventKind.ANSWERED, date(2021, 3, 15), outcome=Outcome.GRANTED),
                       users["clerk"])
    store.create_case(new_case("2021-002", date(2021, 3, 2)), users["clerk"], agency=agency)  # open
    assert store.apply_retention(None, date(2024, 3, 16), dry_run=True) == ["2021-001"]
    assert CaseRecord.objects.get(number="2021-001").data["applicant"]["name"] == "张三"
    assert store.apply_retention(None, date(2024, 3, 16)) == ["2021-001"]
    done = CaseRecord.objects.get(number="2021-001")
    assert done.data["applicant"]["tokens"] == {} and done.data["applicant"]["name"] == "（已匿名化）"
    assert (done.status, done.outcome, done.applicant_type) == ("closed", "granted", "natural_person")
    assert CaseRecord.objects.get(number="2021-002").data["applicant"]["name"] == "张三"
    assert AuditEntry.objects.filter(object_id=str(done.pk), summary__contains="匿名化").count() == 1
    assert store.apply_retention(None, date(2024, 3, 16)) == []  # once only
    with pytest.raises(store.StoreError, match="无法|已按保存期限匿名化"):
        store.reveal(done, users["clerk"], "核实", "录入员")
