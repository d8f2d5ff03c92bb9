"""The report list's bulk 标记为已审核 (the walk-through of December 2026: a reviewer
with 150 reports without errors opened each one to confirm its warnings). Each
report goes through the verdict's own function: scope, the version the list
showed, an audit entry per verdict; the refused ones are counted with why."""

from __future__ import annotations

import re

import pytest

from zfxxgk.web.audit.models import AuditEntry
from zfxxgk.web.reports import verdicts
from zfxxgk.web.reports.models import Agency, Finding, Report, Verdict

pytestmark = pytest.mark.django_db


def clean(n: int, agency: Agency, year: int = 2023, errors: int = 0) -> list[Report]:
    """n filed reports of `agency` with two warnings each (and `errors` errors)."""
    made = []
    for i in range(n):
        row = Report.objects.create(title=f"{agency.name}{year}年报告{i}", year=year, data={}, agency=agency,
                                    errors=errors, warnings=2, source_name=f"{i}.txt")
        kinds = ["warning", "warning"] + ["error"] * errors
        Finding.objects.bulk_create(Finding(report=row, position=p, rule=f"T{p}-1", severity=s,
                                            message="说明", cells=[f"c{p}"])
                                    for p, s in enumerate(kinds))
        verdicts.set_counts(row, row.findings.all())  # as storing a checked report counts them
        row.save()
        made.append(row)
    return made


def agency(name: str) -> Agency:
    return Agency.objects.create(key=name, name=name, region="青禾市云岭区")


def shown_versions(html: str) -> dict[str, str]:
    return {k: v.replace("&quot;", '"') for k, v in re.findall(r'name="version-(\d+)" value="([^"]*)"', html)}


def judged(row: Report) -> int:
    return Verdict.objects.filter(subject=f"agency:{row.agency_id}:{row.year}",
                                  verdict="confirmed").count()


def message(client, url: str = "/") -> str:
    return re.sub(r"\s+", " ", client.get(url).content.decode())


def test_ticked_rows_marked_each_through_the_verdict_with_skips_told(login):
    a, b, c, d = (agency(n) for n in ("甲街道", "乙街道", "丙街道", "丁街道"))
    ok, = clean(1, a)
    with_errors, = clean(1, b, errors=1)
    stale, = clean(1, c)
    done_before, = clean(1, d)
    reviewer = login("reviewer")
    page = reviewer.get("/?year=2023").content.decode()
    assert "将勾选的报告标记为已审核" in page
    versions = shown_versions(page)
    # after the list was shown: a colleague changes one report
    Report.objects.get(pk=stale.pk).save()
    form = {"scope": "selected", "comment": "已看过",
            "report": [str(r.pk) for r in (ok, with_errors, stale, done_before)],
            **{f"version-{k}": v for k, v in versions.items()}}
    r = reviewer.post("/reports/review?year=2023", form)
    assert r.status_code == 302 and r["Location"] == "/?year=2023"
    assert judged(ok) == 2 and judged(with_errors) == 0 and judged(stale) == 0
    assert judged(done_before) == 2
    assert Verdict.objects.filter(verdict="confirmed", comment="已看过").count() == 4
    assert AuditEntry.objects.filter(object_type="report", object_id=str(ok.pk), action="审核问题").count() == 2
    text = message(reviewer, "/?year=2023")
    assert "已标记为已审核 2 份报告（确认问题 4 项）" in text
    assert "跳过 2 份：" in text
    assert "有错误，须在报告页逐项审核 1 份" in text and "打开列表后已被修改 1 份" in text
    # a second time, as the list shows it now: nothing left open in the one done
    form["report"] = [str(done_before.pk)]
    reviewer.post("/reports/review", {**form, f"version-{done_before.pk}":
                                      shown_versions(reviewer.get("/").content.decode())[str(done_before.pk)]})
    assert "已标记为已审核 0 份报告（确认问题 0 项）；跳过 1 份：没有待审核的问题 1 份" in message(reviewer)
    # nothing ticked
    reviewer.post("/reports/review", {"scope": "selected"})
    assert "请先勾选要标记为已审核的报告" in message(reviewer)


def test_all_clean_in_the_filter(login):
    a = agency("甲街道")
    rows = clean(3, a) + clean(1, a, errors=1)
    other_year, = clean(1, agency("乙街道"), year=2024)
    reviewer = login("reviewer")
    listed = re.search(r'name="listed" value="(\d+)"', reviewer.get("/?year=2023").content.decode()).group(1)
    reviewer.post("/reports/review?year=2023", {"scope": "filter", "listed": listed})
    assert judged(rows[0]) == 2  # one subject, 甲街道 2023: the three share their findings' verdicts
    assert judged(other_year) == 0 and Verdict.objects.count() == 2
    assert "已标记为已审核 3 份报告（确认问题 2 项）" in message(reviewer)
    assert AuditEntry.objects.filter(action="审核问题").count() == 2
    # a report saved after the list was shown is not marked (nor those the first run renewed)
    late, = clean(1, agency("丙街道"))
    reviewer.post("/reports/review?year=2023", {"scope": "filter", "listed": listed})
    assert judged(late) == 0
    assert "已标记为已审核 0 份报告（确认问题 0 项）；跳过 4 份：打开列表后已被修改 4 份" in message(reviewer)


def test_only_reviewers_and_only_their_agencies(login, users):
    from zfxxgk.web.accounts.models import Membership

    mine, theirs = agency("甲街道"), agency("乙街道")
    own, = clean(1, mine)
    other, = clean(1, theirs)
    clerk = login("clerk")
    assert "标记为已审核" not in clerk.get("/").content.decode()
    assert clerk.post("/reports/review", {"scope": "filter", "listed": "9" * 17}).status_code == 403
    assert Verdict.objects.count() == 0
    Membership.objects.create(user=users["reviewer"], agency=mine)
    reviewer = login("reviewer")
    form = {"scope": "selected", "report": [str(own.pk), str(other.pk)],
            f"version-{own.pk}": shown_versions(reviewer.get("/").content.decode())[str(own.pk)],
            f"version-{other.pk}": '"x"'}
    reviewer.post("/reports/review", form)
    assert judged(own) == 2 and judged(other) == 0
    text = message(reviewer)
    assert "已标记为已审核 1 份报告" in text and ("不在您负责的机关 1 份" in text or "找不到或无权查看 1 份" in text)


def test_the_list_says_which_reports_are_judged_and_filters_them(login):
    """The list had no way to tell the reports whose findings have their verdicts
    from those still to judge: a 审核 column, and a filter its links keep."""
    done, still = clean(1, agency("甲街道")) + clean(1, agency("乙街道"))
    bare = Report.objects.create(title="丙街道2023年报告", year=2023, data={}, agency=agency("丙街道"))
    reviewer = login("reviewer")
    versions = shown_versions(reviewer.get("/").content.decode())
    reviewer.post("/reports/review", {"scope": "selected", "report": [str(done.pk)],
                                      f"version-{done.pk}": versions[str(done.pk)]})
    page = re.sub(r"\s+", " ", reviewer.get("/").content.decode())
    cell = lambda row: re.search(rf'href="/reports/{row.pk}">.*?<td class="review">(.*?)</td>', page).group(1)
    assert (cell(done), cell(still), cell(bare)) == ("已审核", "待审核 2 项", '<span class="meta">无问题</span>')
    listed = reviewer.get("/?reviewed=open").content.decode()
    assert f'href="/reports/{still.pk}"' in listed and f'href="/reports/{done.pk}"' not in listed
    assert f'href="/reports/{bare.pk}"' not in listed
    heads = re.findall(r'<th><a href="([^"]*)">', listed)
    assert heads and all("reviewed=open" in h for h in heads)
    judged_list = reviewer.get("/?reviewed=done").content.decode()
    assert f'href="/reports/{done.pk}"' in judged_list and f'href="/reports/{still.pk}"' not in judged_list
    api = reviewer.get("/api/reports?reviewed=open").json()
    assert [r["id"] for r in api["reports"]] == [still.pk] and api["reports"][0]["review"]["open"] == 2


# --- the same through the API -----------------------------------------------------------------

def post_review(client, body: dict, query: str = ""):
    import json

    return client.post(f"/api/reports/review{query}", json.dumps(body), content_type="application/json")


def test_the_api_marks_listed_reports_with_their_versions(login):
    a, b, c = agency("甲街道"), agency("乙街道"), agency("丙街道")
    ok, = clean(1, a)
    with_errors, = clean(1, b, errors=1)
    stale, = clean(1, c)
    reviewer = login("reviewer")
    tags = {r["id"]: r["etag"] for r in reviewer.get("/api/reports").json()["reports"]}
    Report.objects.get(pk=stale.pk).save()  # a colleague's change after the list was read
    r = post_review(reviewer, {"reports": [{"id": x.pk, "version": tags[x.pk]} for x in (ok, with_errors, stale)]
                               + [{"id": 999999, "version": '"x"'}], "comment": "已看过"})
    assert r.status_code == 200, r.content
    answer = r.json()
    assert {k: answer[k] for k in ("done", "confirmed", "skipped_total", "skipped")} == {
        "done": 1, "confirmed": 2, "skipped_total": 3,
        "skipped": {"有错误，须在报告页逐项审核": 1, "打开列表后已被修改": 1, "找不到或无权查看": 1}}
    assert answer["message"].startswith("已标记为已审核 1 份报告（确认问题 2 项）；跳过 3 份：")
    assert "打开列表后已被修改 1 份" in answer["message"]
    assert judged(ok) == 2 and judged(with_errors) == 0 and judged(stale) == 0
    assert AuditEntry.objects.filter(object_id=str(ok.pk), action="审核问题").count() == 2
    assert Verdict.objects.filter(comment="已看过").count() == 2
    assert post_review(reviewer, {}).status_code == 400
    assert post_review(reviewer, {"reports": [{"id": ok.pk}]}).status_code == 422  # no version


def test_the_api_marks_the_whole_filter_as_listed(login):
    rows = clean(2, agency("甲街道")) + clean(1, agency("乙街道"), errors=1)
    other_year, = clean(1, agency("丙街道"), year=2024)
    reviewer = login("reviewer")
    listed = reviewer.get("/api/reports?year=2023").json()["listed"]
    late, = clean(1, agency("丁街道"))  # stored after the list was read
    assert post_review(reviewer, {"all_without_errors": True}, "?year=2023").status_code == 400  # no listed
    r = post_review(reviewer, {"all_without_errors": True, "listed": listed}, "?year=2023")
    assert r.status_code == 200 and r.json()["done"] == 2 and r.json()["skipped"] == {"打开列表后已被修改": 1}
    assert judged(rows[0]) == 2 and judged(rows[2]) == 0 and judged(other_year) == 0 and judged(late) == 0


def test_the_api_refuses_other_roles_scopes_and_requests_without_csrf(login, users):
    from django.test import Client

    from zfxxgk.web.accounts.models import Membership

    mine, theirs = agency("甲街道"), agency("乙街道")
    own, = clean(1, mine)
    other, = clean(1, theirs)
    assert post_review(login("clerk"), {"reports": [{"id": own.pk, "version": "*"}]}).status_code == 403
    Membership.objects.create(user=users["reviewer"], agency=mine)
    reviewer = login("reviewer")
    r = post_review(reviewer, {"reports": [{"id": other.pk, "version": "*"}]})
    assert r.status_code == 403 and r.json()["ok"] is False and Verdict.objects.count() == 0
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(users["reviewer"])
    assert post_review(strict, {"reports": [{"id": own.pk, "version": "*"}]}).status_code == 403
    assert Verdict.objects.count() == 0
    assert post_review(reviewer, {"reports": [{"id": own.pk, "version": "*"}]}).json()["done"] == 1


def test_a_report_of_a_subject_already_marked_is_still_asked_for_itself(login):
    """Two reports of one body and year ticked: the second was counted 已审核 with the
    first, unchecked — its errors (left open) and a change since the list untold."""
    a = agency("甲街道")
    with_errors, = clean(1, a, errors=1)
    ok, = clean(1, a)  # newer: the list, and the bulk review, take it first
    reviewer = login("reviewer")
    versions = shown_versions(reviewer.get("/").content.decode())
    form = {"scope": "selected", "report": [str(ok.pk), str(with_errors.pk)],
            **{f"version-{k}": v for k, v in versions.items()}}
    assert reviewer.post("/reports/review", form).status_code == 302
    text = message(reviewer)
    assert "已标记为已审核 1 份报告（确认问题 2 项）；跳过 1 份：有错误，须在报告页逐项审核 1 份" in text
    assert Report.objects.get(pk=with_errors.pk).errors == 1


def test_a_report_confirmed_with_one_recount_stores_what_verdict_by_verdict_did(users, monkeypatch):
    """confirm_open took the subject's locks again and recounted every report of the
    subject after each verdict (300 verdicts: 3.7 s); it recounts once, at the end,
    and stores what `decide` one finding at a time stores: the same verdicts, the
    same totals on each report of the subject, an audit entry per verdict."""
    from zfxxgk.web.reports.versioning import etag

    def subject_of_two(name: str) -> tuple[Report, Report]:
        row, twin = clean(2, agency(name))  # one body and year: one subject
        Finding.objects.bulk_create(Finding(report=row, position=p, rule=f"T{p}-1", severity=s,
                                            message="说明", cells=[f"c{p}"])
                                    for p, s in ((2, "warning"), (3, "info"), (4, "info"), (5, "warning")))
        verdicts.set_counts(row, row.findings.all())
        row.save()
        return row, twin

    def stored(rows) -> list:
        kept = [Report.objects.filter(pk=r.pk).values("errors", "warnings", "infos", "findings_total",
                                                        "open_findings").get() for r in rows]
        judged = sorted(Verdict.objects.filter(subject=verdicts.subject(rows[0])).values_list(
            "fingerprint", "rule", "verdict", "comment", "decided_by"))
        logged = sorted(AuditEntry.objects.filter(object_id__in=[str(r.pk) for r in rows]).values_list(
            "object_id", "action", "summary", "before", "after"))
        return [kept, judged, [(rows.index(next(r for r in rows if str(r.pk) == e[0])), *e[1:]) for e in logged]]

    reviewer = users["reviewer"]
    one_by_one = subject_of_two("甲街道")
    for f in one_by_one[0].findings.all():
        verdicts.decide(one_by_one[0], f.position, "confirmed", "已看过", reviewer)
    at_once = subject_of_two("乙街道")
    recounted = []
    real = verdicts.recount
    monkeypatch.setattr(verdicts, "recount", lambda rows: recounted.append(sorted(r.pk for r in rows)) or real(rows))
    assert verdicts.confirm_open(at_once[0], reviewer, etag(Report.objects.get(pk=at_once[0].pk)), "已看过") == 6
    assert recounted == [sorted(r.pk for r in at_once)]
    done = stored(at_once)
    assert done == stored(one_by_one)
    assert [r["open_findings"] for r in done[0]] == [0, 0] and len(done[1]) == 6 and len(done[2]) == 6
