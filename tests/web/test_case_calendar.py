"""Calendar entry: administrators only; open cases recomputed, provisional -> final,
the new calendar version recorded on each deadline."""

from __future__ import annotations

from datetime import date

import pytest
from calendar_notices import complete

pytestmark = pytest.mark.django_db

YEAR_2027 = complete("""year = 2027
source = "国务院办公厅关于2027年部分节假日安排的通知（测试数据）"

[[festival]]
name = "元旦"
from = 2027-01-01
to = 2027-01-03
workdays = []

[[festival]]
name = "春节"
from = 2027-02-05
to = 2027-02-13
workdays = [2027-01-31, 2027-02-20]
""")


@pytest.fixture
def open_case(users):
    """Received 1 Feb 2027, a year without its notice yet: its 20 working days run
    over 春节, assumed by law (除夕 5 Feb to 初三 8 Feb, 初一 and 初二 on the weekend
    made up 9 and 10 Feb); and a case closed in the same days, which must be left alone."""
    from zfxxgk.cases.model import ApplicantType, Case, Channel, Event, EventKind, Outcome
    from zfxxgk.web.cases import store
    from zfxxgk.web.reports.models import Agency

    agency = Agency.objects.create(key="青禾市人民政府", name="青禾市人民政府")
    case = Case("2026-0099", agency.name, ApplicantType.NATURAL_PERSON,
                events=[Event(EventKind.RECEIVED, date(2027, 2, 1), channel=Channel.IN_PERSON)])
    closed = Case("2026-0100", agency.name, ApplicantType.NATURAL_PERSON,
                  events=[Event(EventKind.RECEIVED, date(2027, 2, 1), channel=Channel.IN_PERSON),
                          Event(EventKind.ANSWERED, date(2027, 2, 3), outcome=Outcome.GRANTED)])
    store.save_case(closed, users["clerk"], agency=agency)
    return store.save_case(case, users["clerk"], agency=agency)


def test_only_admins_enter_a_year(login, open_case):
    for role in ("clerk", "reviewer", "reader"):
        c = login(role)
        assert c.get("/calendar/").status_code == 200
        assert c.post("/calendar/", {"text": YEAR_2027}).status_code == 403
        assert c.post("/api/registers/calendar", {"text": YEAR_2027},
                      content_type="application/json").status_code == 403
    assert login("nobody").get("/calendar/").status_code == 403
    page = login("reader").get("/calendar/").content.decode()
    assert "录入一年的节假日安排" not in page and "1件未办结申请的期限为暂定" in page


def test_entering_the_year_makes_the_open_deadline_final(login, open_case):
    from django.utils import timezone

    from zfxxgk.cases.calendar import parse_year
    from zfxxgk.cases.counting import zh_date
    from zfxxgk.web.audit.models import AuditEntry
    from zfxxgk.web.cases.models import CalendarYear, CaseRecord

    assert open_case.provisional and "2027:law2025" in open_case.calendar_version
    old_due = open_case.due_on
    closed_before = CaseRecord.objects.get(number="2026-0100").data
    before = login("admin").get(f"/cases/{open_case.pk}").content.decode()
    assert "2027年的节假日安排尚未录入，按法定节假日推定" in before and "日历版本" not in before
    r = login("admin").post("/calendar/", {"text": YEAR_2027})
    page = r.content.decode()
    assert r.status_code == 200 and "已录入2027年节假日安排" in page
    version = parse_year(YEAR_2027.encode()).version
    rec = CaseRecord.objects.get(pk=open_case.pk)
    assert not rec.provisional
    assert f"2027:{version}" in rec.calendar_version
    answer = rec.data["deadlines"]["answer"]
    assert answer["calendar_version"] == rec.calendar_version and answer["provisional"] is False
    # the notice's 春节 is 5-13 Feb (11 and 12 Feb off too) with Saturday 20 Feb
    # worked: one working day later, over a weekend
    assert (old_due, rec.due_on) == (date(2027, 3, 5), date(2027, 3, 8))
    assert "2026-0099 答复期限：2027年3月5日 → 2027年3月8日" in page
    entered_on = zh_date(timezone.localdate(CalendarYear.objects.get(year=2027).entered_at))
    after = login("admin").get(f"/cases/{open_case.pk}").content.decode()
    assert f"2027年按国务院办公厅通知（管理员于{entered_on}录入）" in after
    assert CaseRecord.objects.get(number="2026-0100").data == closed_before
    assert CalendarYear.objects.get(year=2027).version == version
    assert AuditEntry.objects.filter(object_type="calendaryear").count() == 1
    assert AuditEntry.objects.filter(summary__contains="按2027年节假日安排重新计算期限").count() == 1
    # the same text again is refused; the JSON twin lists the entered year
    again = login("admin").post("/calendar/", {"text": YEAR_2027})
    assert again.status_code == 400 and "与已录入的版本相同" in again.content.decode()
    body = login("reader").get("/api/registers/calendar").json()
    y = next(y for y in body["years"] if y["year"] == 2027)
    assert (y["origin"], y["version"]) == ("entered", version)
    assert body["open_provisional_cases"] == 0


@pytest.mark.parametrize("text, message", [
    ("year = 2027\n", "缺少字段 source"),
    ("year = 2027\nsource = \"x\"\n[[festival]]\nname = \"春节\"\nfrom = 2027-02-13\nto = 2027-02-05\n",
     "节假日安排有误"),
    ("year = 2027\nsource = \"x\"\n[[festival]]\nname = \"春节\"\nfrom = 2027-02-05\nto = 2027-02-13\n"
     "workdays = [2027-02-08]\n", "不是周末"),
    ("year = = 2027", "格式有误（TOML）"),
    ("", "请填写或上传"),
])
def test_bad_years_are_refused_in_chinese(login, open_case, text, message):
    from zfxxgk.web.cases.models import CalendarYear, CaseRecord

    r = login("admin").post("/calendar/", {"text": text})
    assert r.status_code == 400 and message in r.content.decode()
    assert not CalendarYear.objects.exists()
    assert CaseRecord.objects.get(pk=open_case.pk).provisional


def test_a_year_without_all_the_law_holidays_is_refused(login, open_case):
    """Walk-through: a notice typed with only 元旦 and 春节 was stored, and deadlines over
    清明 or 国庆 of that year then counted those days as working days, no longer marked
    暂定. The year must give off every day the law does; the refusal names the gaps."""
    from zfxxgk.web.cases.models import CalendarYear, CaseRecord

    partial = YEAR_2027.split("[[festival]]\nname = \"清明节\"")[0]
    assert "清明节" not in partial and "春节" in partial
    for r in (login("admin").post("/calendar/", {"text": partial}),
              login("admin").post("/api/registers/calendar", {"text": partial},
                                  content_type="application/json")):
        body = r.content.decode()
        assert r.status_code == 400, body
        assert "没有包含法定节假日：清明节（2027年4月5日）；劳动节（2027年5月1日、2027年5月2日）" in body
        assert "国庆节（2027年10月1日、2027年10月2日、2027年10月3日）" in body
    assert not CalendarYear.objects.exists()
    assert CaseRecord.objects.get(pk=open_case.pk).provisional
    # a festival's dates mistyped (春节 a week late) is a gap as well
    late = YEAR_2027.replace("from = 2027-02-05\nto = 2027-02-13", "from = 2027-02-12\nto = 2027-02-20")
    r = login("admin").post("/calendar/", {"text": late})
    assert r.status_code == 400 and "春节（2027年2月5日、2027年2月6日、2027年2月7日、2027年2月8日）" in r.content.decode()


def test_api_entry(login, open_case):
    from zfxxgk.web.cases.models import CaseRecord

    r = login("admin").post("/api/registers/calendar", {"text": YEAR_2027},
                            content_type="application/json")
    assert r.status_code == 201
    body = r.json()
    assert body["year"] == 2027 and body["changes"][0]["case"] == "2026-0099"
    assert not CaseRecord.objects.get(pk=open_case.pk).provisional


def test_uploaded_file_with_a_byte_order_mark(login, open_case):
    import io

    from zfxxgk.web.cases import store
    from zfxxgk.web.cases.models import CalendarYear

    f = io.BytesIO(b"\xef\xbb\xbf" + YEAR_2027.encode("utf-8"))
    f.name = "2027.toml"
    r = login("admin").post("/calendar/", {"file": f})
    assert r.status_code == 200 and "已录入2027年节假日安排" in r.content.decode()
    row = CalendarYear.objects.get(year=2027)
    assert store.calendar().year_version(2027) == row.version  # stored text parses to the same version


def test_a_case_the_new_year_makes_invalid_blocks_the_entry(login, users):
    """An extension decided on the last day of the provisional deadline is late once
    the new year moves that deadline earlier: the year is refused, nothing changes."""
    from zfxxgk.cases.model import ApplicantType, Case, Channel, Event, EventKind
    from zfxxgk.web.cases import store
    from zfxxgk.web.cases.models import CalendarYear, CaseRecord
    from zfxxgk.web.reports.models import Agency

    agency = Agency.objects.create(key="甲", name="甲")
    case = Case("X-1", "甲", ApplicantType.NATURAL_PERSON,
                events=[Event(EventKind.RECEIVED, date(2026, 12, 24), channel=Channel.IN_PERSON)])
    rec = store.save_case(case, users["clerk"], agency=agency)
    due = rec.due_on  # 2027-01-22 while 2027 has no notice (元旦 assumed by law)
    # a make-up working day on Saturday 2 Jan 2027 brings the deadline one day earlier
    year = complete('year = 2027\nsource = "测试"\n[[festival]]\nname = "春节"\n'
                    'from = 2027-02-05\nto = 2027-02-13\nworkdays = [2027-01-02]\n')
    store.record_event(rec, Event(EventKind.EXTENDED, due, days=5, approver="主任", notice_on=due),
                       users["admin"])
    before = CaseRecord.objects.get(pk=rec.pk).data
    r = login("admin").post("/calendar/", {"text": year})
    page = r.content.decode()
    assert r.status_code == 400 and "甲的申请X-1的办理记录不再成立" in page
    assert "延期须在答复期限（2027年1月21日）届满前决定" in page
    assert not CalendarYear.objects.exists()
    assert CaseRecord.objects.get(pk=rec.pk).data == before
