"""Case pages and their API twins: intake, deadline with explanation, actions of the
state machine, letters, masking and reveal, 暂定, work lists and reminders, roles."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.test import Client

from zfxxgk.cases.calendar import WorkdayCalendar
from zfxxgk.cases.deadlines import answer_deadline

pytestmark = pytest.mark.django_db


def docx_text(data: bytes) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)

ID_NUMBER = "110101199003071234"
INTAKE = {"agency": "青禾市人民政府", "number": "2025-0001", "applicant_type": "natural_person",
          "name": "张三", "id_number": ID_NUMBER, "phone": "13812345678",
          "subject": "某路段拓宽工程的立项批复", "channel": "in_person",
          "arrived_on": "2025-09-26"}


def intake(client, **changes):
    r = client.post("/cases/new", {**INTAKE, **changes})
    assert r.status_code == 302, r.content.decode()[:2000]
    return int(r["Location"].rstrip("/").rsplit("/", 1)[1])


def test_intake_shows_deadline_with_explanation_and_json_twin(login):
    client = login("clerk")
    pk = intake(client)
    expected = answer_deadline(WorkdayCalendar.bundled(), date(2025, 9, 26)).answer
    page = client.get(f"/cases/{pk}")
    html = page.content.decode()
    assert page.status_code == 200
    assert page["Link"] == f'</api/cases/{pk}>; rel="alternate"; type="application/json"'
    assert expected.explanation in html  # days counted, holidays skipped, make-up days
    assert "国庆节" in html and "调休" in html
    # the calendar in a clerk's words; the version hash only in the markup, for support
    assert "日历版本" not in html and "所用节假日安排：2025年按国务院办公厅通知（随软件提供）" in html
    assert f'data-calendar-version="{expected.calendar_version}"' in html
    assert "暂定" not in html
    twin = client.get(f"/api/cases/{pk}").json()
    answer = next(d for d in twin["deadlines"] if d["kind"] == "answer")
    assert answer["due"] == expected.due.isoformat() and answer["provisional"] is False
    assert answer["explanation"] == expected.explanation
    assert twin["applicant"]["id_number"] != ID_NUMBER and twin["applicant"]["masked"] is True


def test_intake_errors_in_chinese_and_nothing_stored(login):
    from zfxxgk.web.cases.models import CaseRecord

    client = login("clerk")
    r = client.post("/cases/new", {**INTAKE, "name": ""})
    assert r.status_code == 400 and "请填写申请人姓名或名称" in r.content.decode()
    r = client.post("/cases/new", {**INTAKE, "arrived_on": "2025-13-01"})
    assert r.status_code == 400 and "不是有效日期" in r.content.decode()
    assert not CaseRecord.objects.exists()
    intake(client)
    r = client.post("/cases/new", INTAKE)
    assert r.status_code == 409 and "已有编号为2025-0001的申请" in r.content.decode()


def test_roles(login, users):
    clerk = login("clerk")
    pk = intake(clerk)
    reader = Client()
    reader.force_login(users["reader"])
    assert reader.get(f"/cases/{pk}").status_code == 200
    assert ID_NUMBER not in reader.get(f"/cases/{pk}").content.decode()
    assert reader.post("/cases/new", {**INTAKE, "number": "x"}).status_code == 403
    assert reader.post(f"/cases/{pk}/reveal", {"purpose": "好奇"}).status_code == 403
    assert reader.post(f"/cases/{pk}/events/answered",
                       {"on": "2025-10-10", "outcome": "granted"}).status_code == 403
    nobody = Client()
    nobody.force_login(users["nobody"])
    assert nobody.get("/cases/").status_code == 403
    assert Client().get("/cases/").status_code == 302  # to the login page
    assert Client().get(f"/api/cases/{pk}").status_code == 401


def test_reveal_logged_and_shown_once(login, users):
    from zfxxgk.web.audit.models import AuditEntry
    from zfxxgk.web.cases.models import PersonalAccess

    client = login("clerk")
    pk = intake(client)
    assert ID_NUMBER not in client.get(f"/cases/{pk}").content.decode()
    r = client.post(f"/cases/{pk}/reveal", {"purpose": ""})
    assert r.status_code == 403 and "须注明用途" in r.content.decode()
    r = client.post(f"/cases/{pk}/reveal", {"purpose": "电话联系申请人"})
    assert r.status_code == 200 and ID_NUMBER in r.content.decode() and r["Cache-Control"] == "no-store"
    rows = PersonalAccess.objects.filter(case_id=pk)
    assert {a.field for a in rows} == {"id_number", "phone"}
    assert {a.role for a in rows} == {"录入员"} and {a.purpose for a in rows} == {"电话联系申请人"}
    assert AuditEntry.objects.filter(action="reveal", object_id=str(pk)).count() == 1
    assert ID_NUMBER not in client.get(f"/cases/{pk}").content.decode()


def test_extension_needs_an_approver_and_answer_gives_letter(login, users):
    client = login("clerk")
    pk = intake(client)
    r = client.post(f"/cases/{pk}/events/extended",
                    {"on": "2025-10-20", "days": "20", "notice_on": "2025-10-20", "approver": ""})
    assert r.status_code == 400 and "请选择批准人" in r.content.decode()
    r = client.post(f"/cases/{pk}/events/extended", {"on": "2025-10-20", "days": "20",
                                                      "notice_on": "2025-10-20", "approver": "clerk"})
    assert r.status_code == 400 and "不是有批准延期权限的用户" in r.content.decode()
    r = client.post(f"/cases/{pk}/events/extended", {"on": "2025-10-20", "days": "20",
                                                      "notice_on": "2025-10-20",
                                                      "approver": "reviewer"})
    assert r.status_code == 302  # a request: it takes effect when the reviewer approves
    from zfxxgk.web.cases.models import ApprovalRequest

    row = ApprovalRequest.objects.get(case_id=pk)
    assert login("reviewer").post(f"/cases/approvals/{row.pk}/decide",
                                  {"decision": "approve"}).status_code == 302
    client = login("clerk")
    detail = client.get(f"/api/cases/{pk}").json()
    answer = next(d for d in detail["deadlines"] if d["kind"] == "answer")
    extended = answer_deadline(WorkdayCalendar.bundled(), date(2025, 9, 26), extension=20).answer
    assert answer["due"] == extended.due.isoformat() and "延长答复期限20个工作日" in answer["explanation"]
    assert "延期答复告知书" in detail["letters"]
    # refused by the state machine: paid before any fee notice
    r = client.post(f"/cases/{pk}/events/fee_paid", {"on": "2025-10-21"})
    assert r.status_code == 400 and "不能记录" in r.content.decode()
    r = client.post(f"/cases/{pk}/events/answered", {"on": "2025-10-30", "outcome": "granted"})
    assert r.status_code == 302
    page = client.get(f"/cases/{pk}").content.decode()
    assert "已办结" in page and "予以公开" in page
    letter = client.get(f"/cases/{pk}/letters/答复书.docx")
    assert letter.status_code == 200 and letter["Content-Type"].endswith("document")
    text = docx_text(letter.content)
    assert "张三" in text and ID_NUMBER not in text and ID_NUMBER[-4:] in text
    missing = client.get(f"/cases/{pk}/letters/补正告知书.docx")
    assert missing.status_code == 400 and "不能生成补正告知书" in missing.content.decode()


def test_provisional_year_marked_everywhere(login):
    client = login("clerk")
    pk = intake(client, number="2030-0001", arrived_on="2030-01-04")
    assert "暂定" in client.get(f"/cases/{pk}").content.decode()
    assert "【暂定】" in client.get(f"/cases/{pk}").content.decode()
    assert "暂定" in client.get("/cases/").content.decode()
    work = client.get("/cases/work?today=2030-01-28")
    assert "2030-0001" in work.content.decode() and "暂定" in work.content.decode()
    twin = client.get("/api/cases/work?today=2030-01-28").json()
    assert twin["due_soon"][0]["provisional"] is True
    assert "2030:law2025" in twin["due_soon"][0]["calendar_version"]


def test_work_lists_and_reminders(login):
    client = login("clerk")
    late = intake(client, number="A-1", arrived_on="2025-03-03")
    soon = intake(client, number="A-2", arrived_on="2025-03-10")
    waiting = intake(client, number="A-3", arrived_on="2025-03-10")
    client.post(f"/cases/{waiting}/events/correction_requested", {"on": "2025-03-11", "days": "5"})
    online = intake(client, number="A-4", arrived_on="2025-03-10", channel="online")
    lists = client.get("/api/cases/work?today=2025-04-03").json()
    assert [i["number"] for i in lists["overdue"]] == ["A-1"]
    assert lists["overdue"][0]["case"] == late
    assert [i["number"] for i in lists["due_soon"]] == ["A-2"]
    assert lists["due_soon"][0]["case"] == soon
    assert [(i["number"], i["expired"]) for i in lists["waiting_for_applicant"]] == [("A-3", True)]
    assert [i["case"] for i in lists["awaiting_confirmation"]] == [online]
    rem = client.get("/api/cases/reminders?today=2025-04-03").json()
    levels = {(r["number"], r["level"]) for r in rem["reminders"]}
    assert levels == {("A-1", "overdue"), ("A-2", "soon"), ("A-3", "expired"), ("A-4", "confirm")}
    page = client.get("/cases/reminders?today=2025-04-03").content.decode()
    assert "已超期" in page and "请记录逾期未补正" in page
    # the badge counts today's reminders on every page
    assert 'class="badge"' in client.get("/").content.decode()


def test_api_intake_and_events_with_csrf(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["clerk"])
    body = json.dumps({**INTAKE, "items": ["立项批复", "环评批复"]})
    assert client.post("/api/cases", body, content_type="application/json").status_code == 403
    client.get("/cases/new")  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    r = client.post("/api/cases", body, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert r.status_code == 201, r.content
    pk = r.json()["id"]
    assert r.json()["items"] == ["立项批复", "环评批复"]
    bad = client.post(f"/api/cases/{pk}/events/answered", json.dumps({"on": "2025-10-09"}),
                      content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert bad.status_code == 400 and bad.json()["error"] == "请选择办理结果"
    ok = client.post(f"/api/cases/{pk}/events/answered",
                     json.dumps({"on": "2025-10-09", "item_outcomes": ["granted", "withheld.state_secret"]}),
                     content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert ok.status_code == 200 and ok.json()["outcome"]["code"] == "partly_granted"


def test_intake_preview_and_access_log_for_reviewers(login, users):
    client = login("clerk")
    preview = client.post("/cases/new/preview", {"arrived_on": "2025-09-26", "channel": "in_person"})
    expected = answer_deadline(WorkdayCalendar.bundled(), date(2025, 9, 26)).answer
    assert preview.status_code == 200 and expected.explanation in preview.content.decode()
    waiting = client.post("/cases/new/preview", {"arrived_on": "2025-09-26", "channel": "online"})
    assert "待确认收到" in waiting.content.decode() and "答复期限" not in waiting.content.decode()
    empty = client.post("/cases/new/preview", {"arrived_on": ""})
    assert "填写申请到达日期后显示答复期限" in empty.content.decode()
    pk = intake(client)
    client.post(f"/cases/{pk}/reveal", {"purpose": "电话联系申请人"})
    assert "accesses" not in client.get(f"/api/cases/{pk}").json()  # the clerk's own view
    reviewer = Client()
    reviewer.force_login(users["reviewer"])
    log = reviewer.get(f"/api/cases/{pk}").json()["accesses"]
    assert {(a["user"], a["field"], a["purpose"]) for a in log} == {
        ("clerk", "id_number", "电话联系申请人"), ("clerk", "phone", "电话联系申请人")}
    assert "个人信息查看记录" in reviewer.get(f"/cases/{pk}").content.decode()
    assert ID_NUMBER not in reviewer.get(f"/cases/{pk}").content.decode()


def test_a_closed_case_is_no_longer_marked_provisional(login):
    """期限暂定 beside 已办结 in the heading: the deadline no longer runs once answered."""
    import re

    client = login("clerk")
    pk = intake(client, number="2030-0002", arrived_on="2030-01-04")
    heading = re.compile(r"<h1>.*?</h1>", re.S)
    assert "期限暂定" in heading.search(client.get(f"/cases/{pk}").content.decode()).group(0)
    r = client.post(f"/cases/{pk}/events/answered", {"on": "2030-01-10", "outcome": "granted"})
    assert r.status_code == 302
    h1 = heading.search(client.get(f"/cases/{pk}").content.decode()).group(0)
    assert "已办结" in h1 and "期限暂定" not in h1


def test_fee_amount_written_as_its_explanation_writes_it(login):
    """The case page said 1500元 beside its own explanation's 1,500元."""
    c = login("clerk")
    pk = intake(c)
    r = c.post(f"/cases/{pk}/events/fee_notice", {"on": "2025-09-29", "fee_method": "pieces", "quantity": "25"})
    assert r.status_code == 302
    page = c.get(f"/cases/{pk}").content.decode()
    assert "<dd>1,500元（" in page and "合计 15×100 = 1,500元。" in page
    assert c.get(f"/api/cases/{pk}").json()["fee"]["amount"] == 1500


@pytest.mark.parametrize("key, value", [("status", "closed"), ("id", 999), ("created_by", 1),
                                        ("agency_id", 1)])
def test_api_intake_refuses_keys_it_does_not_know(login, key, value):
    """status, id and created_by in a new case were dropped without a word (201, the
    case saved as if they were not there) where other endpoints answered 422."""
    from zfxxgk.web.cases.models import CaseRecord

    r = login("clerk").post("/api/cases", {**INTAKE, key: value}, content_type="application/json")
    assert r.status_code == 422 and r.json()["error"] == f"请求数据有误：没有{key}这一项", r.content
    assert not CaseRecord.objects.exists()


def test_api_event_refuses_another_events_fields(login):
    """A field of another kind of event (`party` on an answer) is refused, not dropped;
    the case is unchanged."""
    client = login("clerk")
    pk = client.post("/api/cases", INTAKE, content_type="application/json").json()["id"]
    before = client.get(f"/api/cases/{pk}").json()["events"]
    for body in ({"on": "2025-10-09", "outcome": "granted", "party": "third_party"},
                 {"on": "2025-10-09", "outcome": "granted", "status": "closed"}):
        r = client.post(f"/api/cases/{pk}/events/answered", body, content_type="application/json")
        assert r.status_code == 422 and r.json()["error"].startswith("请求数据有误：没有"), r.content
    assert client.get(f"/api/cases/{pk}").json()["events"] == before
    r = client.post(f"/api/cases/{pk}/reveal", {"purpose": "核对", "why": "x"}, content_type="application/json")
    assert r.status_code == 422 and r.json()["error"] == "请求数据有误：没有why这一项"


def test_a_letter_name_keeps_no_folder_or_control_character(login):
    """A case number with a slash, a backslash and a tab named the letter's download
    with them (a path to a saving program)."""
    client = login("clerk")
    number = '2025/"x";filename=a.exe\\b\tc'
    pk = client.post("/api/cases", {**INTAKE, "number": number}, content_type="application/json").json()["id"]
    header = client.get(f"/cases/{pk}/letters/受理回执.docx")["Content-Disposition"]
    assert header.startswith("attachment; filename*=utf-8''2025_%22x%22%3Bfilename%3Da.exe_b_c-"), header


def _form(page: str, kind: str) -> str:
    """The case page's form for one action."""
    start = page.index(f'id="action-{kind}"')
    return page[start:page.index("</details>", start)]


def test_a_refused_action_shows_what_was_typed_again(login):
    """The state machine refuses an answer dated before receipt: the clerk's outcome
    and note (often the reasons for withholding) are shown again, not lost."""
    client = login("clerk")
    pk = intake(client)
    note = "第2、3页涉及第三方商业秘密，不予公开"
    r = client.post(f"/cases/{pk}/events/answered",
                    {"on": "2025-09-20", "outcome": "partly_granted", "note": note})
    assert r.status_code == 400
    form = _form(r.content.decode(), "answered")
    assert "open" in form.split(">", 1)[0]
    assert 'value="2025-09-20"' in form and f'value="{note}"' in form
    assert '<option value="partly_granted" selected>' in form
    fee = _form(client.post(f"/cases/{pk}/events/fee_notice",
                            {"on": "2025-09-20", "fee_method": "pages", "quantity": "120",
                             "already": "3", "notice_on": "2025-09-22"}).content.decode(),
                "fee_notice")
    assert '<option value="pages" selected>' in fee
    assert all(f'value="{v}"' in fee for v in ("120", "3", "2025-09-22"))
    # the other forms, and the page opened afresh, start empty
    fresh = client.get(f"/cases/{pk}").content.decode()
    assert note not in fresh and "selected>" not in _form(fresh, "answered")


def test_a_refused_answer_keeps_each_items_outcome(login):
    client = login("clerk")
    pk = intake(client, items="地块红线图\n征收补偿方案")
    r = client.post(f"/cases/{pk}/events/answered",
                    {"on": "2025-09-20", "item_outcomes": ["unavailable.not_held", "granted"]})
    assert r.status_code == 400
    selects = _form(r.content.decode(), "answered").split('name="item_outcomes"')[1:]
    assert '<option value="unavailable.not_held" selected>' in selects[0]
    assert '<option value="granted" selected>' in selects[1]
    assert '"granted" selected' not in selects[0]
