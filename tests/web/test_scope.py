"""Issue 14, finding 9 (no per-agency separation): a 录入员 sees and changes only
their agency's drafts, batches, cases and registers; a 审核员 their region's;
published reports stay readable by everyone signed in; users without an agency
keep working as before. Refusals come before any status check."""

from __future__ import annotations

import json

import pytest

from .conftest import EXAMPLES, PASSWORD, step

pytestmark = pytest.mark.django_db

WANGHU = "青禾市云岭区望湖街道办事处"
TRANSPORT = "青禾市交通运输局"


@pytest.fixture
def team(users):
    """clerk_w (望湖街道), clerk_t (交通运输局), rev_y (审核员 of 云岭区), reader_t."""
    from django.contrib.auth.models import User

    from zfxxgk.web.accounts.manage import add_user

    add_user("clerk_w", "录入员", PASSWORD, agency=WANGHU)
    add_user("clerk_t", "录入员", PASSWORD, agency=TRANSPORT)
    add_user("rev_y", "审核员", PASSWORD, region="云岭区")
    add_user("reader_t", "只读", PASSWORD, agency=TRANSPORT)
    return {u.username: u for u in User.objects.all()}


def _as(client, user):
    """A client of its own, logged in as `user` (`client` stays as it was)."""
    from django.test import Client

    own = Client()
    own.force_login(user)
    return own


def _upload(client, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    f = SimpleUploadedFile(name, (EXAMPLES / name).read_bytes())
    return client.post("/api/reports", {"file": f})


def _counts():
    from zfxxgk.web.reports.models import Agency, Finding, Report

    return Report.objects.count(), Agency.objects.count(), Finding.objects.count()


def test_clerk_uploads_own_agency_and_is_refused_another(client, team):
    before = _counts()
    r = _upload(_as(client, team["clerk_t"]), "wanghu-street-2023.txt")
    assert r.status_code == 403
    assert r.json()["error"] == (f"您的账号属于“{TRANSPORT}”，不能处理“{WANGHU}”的数据；如需调整，请联系管理员")
    assert _counts() == before
    r = _upload(_as(client, team["clerk_w"]), "wanghu-street-2023.txt")
    assert r.status_code == 201 and r.json()["id"] and r.json()["agency"] == WANGHU


def test_other_agency_draft_is_invisible_and_unchangeable(client, team):
    from zfxxgk.web.reports.models import Report

    pk = _upload(_as(client, team["clerk_w"]), "wanghu-street-2023.txt").json()["id"]
    own = _upload(_as(client, team["clerk_t"]), "transport-bureau-2024.md").json()["id"]
    c = _as(client, team["clerk_t"])
    data_before = Report.objects.get(pk=pk).data
    for url in (f"/api/reports/{pk}", f"/api/reports/{pk}/findings", f"/reports/{pk}",
                f"/reports/{pk}/edit", f"/reports/{pk}/download.json"):
        assert c.get(url).status_code == 404, url
    r = c.patch(f"/api/reports/{pk}/cells", {"cells": {"applications.received.total": "1"}},
                content_type="application/json")
    assert r.status_code == 404  # out of scope: not found, before the missing If-Match
    assert step(c, pk, "submit", api=True).status_code == 404
    assert step(c, pk, "submit").status_code == 404
    assert Report.objects.get(pk=pk).data == data_before and Report.objects.get(pk=pk).status == "draft"
    listed = [x["id"] for x in c.get("/api/reports").json()["reports"]]
    assert listed == [own]
    assert c.get("/api/dashboard").json()["reports"] == 1
    assert WANGHU not in c.get("/").content.decode()
    import io

    import openpyxl

    rows = list(openpyxl.load_workbook(io.BytesIO(c.get("/reports/export.xlsx").content))["报告"].values)
    assert [row[0] for row in rows[1:]] == [own]
    # the reader of the same agency sees the transport draft, the reviewer of 云岭区 the 望湖 one
    assert _as(client, team["reader_t"]).get(f"/api/reports/{own}").status_code == 200
    assert _as(client, team["rev_y"]).get(f"/api/reports/{pk}").status_code == 200
    assert _as(client, team["rev_y"]).get(f"/api/reports/{own}").status_code == 404


def test_published_report_readable_by_all_but_changed_only_in_scope(client, team):
    from zfxxgk.web.reports.models import Report

    pk = _upload(_as(client, team["clerk_w"]), "wanghu-street-2023.txt").json()["id"]
    assert step(_as(client, team["clerk_w"]), pk, "submit", api=True).status_code == 200
    rev = _as(client, team["rev_y"])
    assert step(rev, pk, "publish", api=True).status_code == 200
    c = _as(client, team["clerk_t"])
    assert c.get(f"/api/reports/{pk}").status_code == 200
    assert c.get(f"/reports/{pk}").status_code == 200
    r = c.patch(f"/api/reports/{pk}/cells", {"cells": {}}, content_type="application/json")
    assert r.status_code == 403 and "不能处理" in r.json()["error"]  # scope before the 428 and 409
    versions = Report.objects.count()
    assert c.post(f"/reports/{pk}/versions/new").status_code == 403
    assert Report.objects.count() == versions
    # the reviewer of 云岭区 cannot publish the transport bureau's report
    own = _upload(_as(client, team["clerk_t"]), "transport-bureau-2024.md").json()["id"]
    assert step(_as(client, team["clerk_t"]), own, "submit", api=True).status_code == 200
    r = step(_as(client, team["rev_y"]), own, "publish", api=True)
    assert r.status_code == 404 and Report.objects.get(pk=own).status == "review"


def test_users_without_agency_keep_working(client, team, stored):
    """Users from before the upgrade (conftest's role users) still see everything."""
    pk = _upload(_as(client, team["clerk_w"]), "wanghu-street-2023.txt").json()["id"]
    c = _as(client, team["clerk"])
    assert c.get(f"/api/reports/{pk}").status_code == 200
    r = c.patch(f"/api/reports/{pk}/cells", {"cells": {}}, content_type="application/json",
                HTTP_IF_MATCH=c.get(f"/api/reports/{pk}")["ETag"])
    assert r.status_code == 200


INTAKE = {"number": "2025-0001", "applicant_type": "natural_person", "name": "张三",
          "id_number": "110101199003071234", "phone": "13812345678", "subject": "立项批复",
          "channel": "in_person", "arrived_on": "2025-09-26"}


def test_one_scope_check_for_reports_and_cases(client, team):
    """Reports refused another agency with ScopeRefused (a PermissionDenied), the
    cases store with a StoreError of status 403: two checks, two types, and a page
    that did not catch the cases' one answered 500. Now one check, one type."""
    from zfxxgk.web.cases import store
    from zfxxgk.web.reports.querysets import ScopeRefused, require_agency

    _as(client, team["clerk_w"]).post("/api/cases", {**INTAKE, "agency": WANGHU},
                                      content_type="application/json")
    wanghu = store.agency_for(WANGHU)
    with pytest.raises(ScopeRefused) as reports_side:
        require_agency(team["clerk_t"], wanghu.pk, wanghu.name)
    for make in (lambda: store.scoped_agency(WANGHU, team["clerk_t"]),
                 lambda: store.agency_for("青禾市新设的局", create=True, user=team["clerk_t"])):
        with pytest.raises(ScopeRefused) as cases_side:
            make()
        assert cases_side.value.status == 403
    assert str(reports_side.value) == f"您的账号属于“{TRANSPORT}”，不能处理“{WANGHU}”的数据；如需调整，请联系管理员"


def test_cases_are_separated_by_agency(client, team):
    from zfxxgk.web.cases.models import CaseRecord, PersonalAccess

    w = _as(client, team["clerk_w"])
    r = w.post("/api/cases", {**INTAKE, "agency": WANGHU}, content_type="application/json")
    assert r.status_code == 201
    pk = r.json()["id"]
    t = _as(client, team["clerk_t"])
    before = CaseRecord.objects.get(pk=pk).data
    r = t.post("/api/cases", {**INTAKE, "number": "2025-0002", "agency": WANGHU},
               content_type="application/json")
    assert r.status_code == 403 and "不能处理" in r.json()["error"]
    r = t.post("/cases/new", {**INTAKE, "number": "2025-0003", "agency": WANGHU})
    assert r.status_code == 403 and "不能处理" in r.content.decode()
    assert CaseRecord.objects.count() == 1
    assert t.get(f"/api/cases/{pk}").status_code == 404
    assert t.get(f"/cases/{pk}").status_code == 404
    ext = {"on": "2025-10-20", "days": 20, "notice_on": "2025-10-20", "approver": "rev_y"}
    assert t.post(f"/api/cases/{pk}/events/extended", ext,
                  content_type="application/json").status_code == 404
    assert t.post(f"/api/cases/{pk}/reveal", {"purpose": "核对"},
                  content_type="application/json").status_code == 404
    assert t.post(f"/cases/{pk}/reveal", {"purpose": "核对"}).status_code == 404
    assert CaseRecord.objects.get(pk=pk).data == before and not PersonalAccess.objects.exists()
    assert t.get("/api/cases").json()["count"] == 0
    assert w.get("/api/cases").json()["count"] == 1
    assert t.get("/api/cases/work").json()["awaiting_confirmation"] == []
    # registers: another agency's table 四 is refused, reading and writing
    lit = {"agency": WANGHU, "number": "复议2025-1", "kind": "review",
           "received_on": "2025-03-01"}
    r = t.post("/api/registers/litigation", lit, content_type="application/json")
    assert r.status_code == 403
    assert t.get("/api/registers", {"agency": WANGHU}).status_code == 403
    assert w.post("/api/registers/litigation", lit, content_type="application/json").status_code == 201


def test_a_batch_file_of_another_agency_fails_and_is_not_kept(client, team, run_batches,
                                                               django_capture_on_commit_callbacks):
    import io
    import zipfile

    from django.core.files.storage import default_storage

    from zfxxgk.web.reports.models import Batch, BatchItem, Report

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name in ("wanghu-street-2023.txt", "transport-bureau-2024.md"):
            z.writestr(name, (EXAMPLES / name).read_bytes())
    buf.seek(0)
    buf.name = "两份.zip"
    c = _as(client, team["clerk_t"])
    assert c.post("/batches/new", {"files": [buf], "name": "混合"}).status_code == 302
    batch = Batch.objects.get()
    paths = list(batch.items.values_list("path", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        run_batches()
    failed = BatchItem.objects.get(batch=batch, state="failed")
    assert failed.name.endswith("wanghu-street-2023.txt") and "不能处理" in failed.error
    assert failed.path == "" and not any(default_storage.exists(p) for p in paths)
    assert list(Report.objects.values_list("agency__name", flat=True)) == [TRANSPORT]
    assert _as(client, team["clerk_w"]).get(f"/batches/{batch.pk}").status_code == 404
    assert _as(client, team["clerk_t"]).get(f"/batches/{batch.pk}").status_code == 200


def test_rules_and_querysets_agree(team, client):
    """The predicate (one object) and the queryset (the database) give one answer."""
    from zfxxgk.web.accounts.rules import allowed
    from zfxxgk.web.reports.models import Report
    from zfxxgk.web.reports.querysets import changeable_reports, visible_reports

    _upload(_as(client, team["clerk_w"]), "wanghu-street-2023.txt")
    _upload(_as(client, team["clerk_t"]), "transport-bureau-2024.md")
    for user in team.values():
        for row in Report.objects.all():
            assert allowed("zfxxgk.view_report", user, row) == \
                visible_reports(user).filter(pk=row.pk).exists(), (user, row)
            assert allowed("zfxxgk.change_report", user, row) == \
                changeable_reports(user).filter(pk=row.pk).exists(), (user, row)


def test_a_kept_user_follows_a_change_of_agency_at_once(client, team):
    """The signed-in user and their scope are kept between requests (accounts/backends.py);
    moving them to another agency, or their agency elsewhere in the tree, is seen by the
    next request."""
    from zfxxgk.web.accounts.manage import set_user
    from zfxxgk.web.reports.models import Agency

    pk = _upload(_as(client, team["clerk_w"]), "wanghu-street-2023.txt").json()["id"]
    reader = _as(client, team["reader_t"])
    assert reader.get(f"/reports/{pk}").status_code == 404
    assert reader.get(f"/reports/{pk}").status_code == 404  # answered from the kept user
    set_user("reader_t", agency=WANGHU)
    assert reader.get(f"/reports/{pk}").status_code == 200
    set_user("reader_t", agency=TRANSPORT)
    assert reader.get(f"/api/reports/{pk}").status_code == 404
    wanghu, transport = Agency.objects.get(name=WANGHU), Agency.objects.get(name=TRANSPORT)
    wanghu.parent = transport  # the tree moved by hand: 望湖 now under the reader's agency
    wanghu.save(update_fields=["parent"])
    assert reader.get(f"/api/reports/{pk}").status_code == 200


def test_region_reviewer_checks_a_zip_of_the_regions_new_offices(client, team, run_batches):
    """The walk-through's district reviewer (审核员 of 云岭区) uploaded a zip of the street
    offices' reports: 26 of 28 were refused (您的账号属于“云岭区”，不能处理“…南湖街道办事处”
    的数据), the offices having no agency yet, and the refusals named no file. Offices
    the name places in the region are the reviewer's, two years of one office
    included; a body outside it is still refused, by its file's name."""
    import io
    import zipfile

    from zfxxgk.web.reports.models import Agency, Batch

    text = (EXAMPLES / "wanghu-street-2023.txt").read_text("utf-8")
    files = {"南湖2023.txt": text.replace("望湖", "南湖"),
             "南湖2022.txt": text.replace("望湖", "南湖").replace("2023", "2022"),
             "北湖2023.txt": text.replace("望湖", "北湖"),
             "交通局.md": (EXAMPLES / "transport-bureau-2024.md").read_text("utf-8")}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, body in files.items():
            z.writestr(name, body.encode("utf-8"))
    buf.seek(0)
    buf.name = "云岭区.zip"
    rev = _as(client, team["rev_y"])
    assert rev.post("/batches/new", {"files": [buf], "name": "云岭区"}).status_code == 302
    run_batches()
    batch = Batch.objects.get()
    assert batch.failed == 1, [i.error for i in batch.items.all()]
    [refused] = [i.error for i in batch.items.exclude(error="")]
    assert refused.startswith("云岭区.zip!/交通局.md：您的账号属于“云岭区”，不能处理“青禾市交通运输局”")
    assert Agency.objects.filter(name__in=["青禾市云岭区南湖街道办事处", "青禾市云岭区北湖街道办事处"]).count() == 2
    page = _as(client, team["rev_y"]).get(f"/batches/{batch.pk}").content.decode()
    assert page.count("南湖街道办事处") >= 2 and "北湖街道办事处" in page


def test_region_reviewer_cannot_store_a_known_body_outside_by_the_region_it_states(client, team):
    """A report states its region (part 一, or the JSON's `region`): a region's
    reviewer must not store a report of a known body outside the region by a report
    that claims the region (青禾市交通运输局 said to be of 青禾市云岭区)."""
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile

    from zfxxgk.api import parse_path
    from zfxxgk.model import report_to_json

    data = json.loads(report_to_json(parse_path(EXAMPLES / "transport-bureau-2024.md")))
    data["region"] = "青禾市云岭区"
    owner = _upload(_as(client, team["clerk_t"]), "transport-bureau-2024.md")
    assert owner.status_code in (200, 201), owner.content
    before = _counts()
    f = SimpleUploadedFile("交通局.json", json.dumps(data, ensure_ascii=False).encode())
    r = _as(client, team["rev_y"]).post("/api/reports", {"file": f})
    assert r.status_code == 403, r.content
    assert "青禾市交通运输局" in r.json()["error"]
    assert _counts() == before
