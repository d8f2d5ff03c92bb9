"""A reviewer's verdict on a finding: kept by the finding's fingerprint across an
edit, a re-check and a new version; a dismissed finding stays visible but stops
counting; the exports show the verdict."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest

from zfxxgk.app.finding_table import fingerprint
from zfxxgk.web.reports.models import Report

from .conftest import current, judge, step


def _position(row: Report, rule: str) -> int:
    return row.findings.get(rule=rule).position


def _errors(row: Report) -> int:
    return Report.objects.get(pk=row.pk).errors


def test_fingerprint_ignores_message_and_spacing_not_cells():
    a = fingerprint("T3-3", ["b", "a"], "（七）总计 10 1")
    assert a == fingerprint("T3-3", ["a", "b"], "（七）总计  10 1 ")
    assert a != fingerprint("T3-3", ["a"], "（七）总计 10 1")
    assert a != fingerprint("T3-2", ["a", "b"], "（七）总计 10 1")


@pytest.mark.django_db
def test_dismissed_verdict_survives_edit_recheck_and_new_version(login, stored):
    row = stored("wanghu-street-2023.txt")
    assert row.errors == 3
    reviewer = login("reviewer")
    r = judge(reviewer, row.pk, _position(row, 'T3-3'), verdict="dismissed", comment="原表总计列按合并口径填写")
    assert r.status_code == 302 and r["Location"].endswith("#verdicts")
    assert _errors(row) == 2  # dismissed: no longer counted
    page = reviewer.get(f"/reports/{row.pk}").content.decode()
    assert 'data-verdict="dismissed"' in page and "审核结论：排除（原表总计列按合并口径填写）" in page
    assert "另有 1 项已由审核员排除" in page
    # the clerk edits the checked cell: the finding's figures change, the verdict stays
    clerk = login("clerk")
    code = "applications.total.total"
    assert clerk.post(f"/reports/{row.pk}/edit", {"version": current(row.pk), f"cell:{code}": "13"}).status_code == 302
    t33 = Report.objects.get(pk=row.pk).findings.get(rule="T3-3")
    assert "13" in t33.message  # the figures changed: the message is not the finding's identity
    errors = Report.objects.get(pk=row.pk).findings.filter(severity="error").count()
    assert errors > 3 and _errors(row) == errors - 1
    # export: the verdict and comment beside the finding
    x = clerk.get("/reports/export.xlsx")
    sheet = list(openpyxl.load_workbook(io.BytesIO(x.content))["问题"].values)
    problems = [dict(zip(sheet[0], r)) for r in sheet[1:]]
    mine = next(p for p in problems if p["规则"] == "T3-3")
    assert (mine["审核结论"], mine["审核意见"]) == ("排除", "原表总计列按合并口径填写")
    assert next(p for p in problems if p["规则"] == "T3-2")["审核结论"] in (None, "")
    # submitted, published, corrected: the new version keeps the verdict
    assert step(clerk, row.pk, "submit").status_code == 302
    assert step(login("reviewer"), row.pk, "publish").status_code == 302
    r = login("clerk").post(f"/reports/{row.pk}/versions/new")
    new = Report.objects.get(previous_version=row)
    clerk.post(f"/reports/{new.pk}/edit", {"version": current(new.pk), "cell:applications.total.total": "14"})
    assert "14" in new.findings.get(rule="T3-3").message and _errors(new) == errors - 1
    # withdrawn: counted again, in every version
    reviewer = login("reviewer")
    judge(reviewer, new.pk, _position(new, 'T3-3'), verdict="")
    assert _errors(new) == errors and _errors(row) == errors


@pytest.mark.django_db
def test_only_reviewers_judge(login, stored):
    row = stored("wanghu-street-2023.txt")
    r = judge(login("clerk"), row.pk, 0, verdict="dismissed")
    assert r.status_code == 403
    assert "审核结论" not in login("clerk").get(f"/reports/{row.pk}").content.decode().split("</aside>")[-1]


@pytest.mark.django_db
def test_live_check_quotes_the_typed_value_and_verdicts_survive_the_edit(login, stored):
    """Typed 13 into （七）总计: the live check quotes the value on screen, never the
    source line “（七）总计 10 1 …”; saved, the findings quote it too, and the verdicts
    given before the edit (one on the edited line, one elsewhere) still apply."""
    row = stored("wanghu-street-2023.txt")
    reviewer = login("reviewer")
    for rule in ("T3-3", "F-META"):
        judge(reviewer, row.pk, _position(row, rule), verdict="dismissed", comment=f"{rule} 已核实")
    clerk = login("clerk")
    code = "applications.total.total"
    html = clerk.post(f"/reports/{row.pk}/edit/check", {f"cell:{code}": "13"}).content.decode()
    quotes = re.findall(r"<blockquote>(.*?)</blockquote>", html, re.S)
    assert "表三 第24行 自然人：10，商业企业：1，科研机构：0，社会公益组织：0，法律服务机构：0，其他：0，总计：13" in quotes
    assert not any("（七）总计 10" in q for q in quotes), quotes
    assert clerk.post(f"/reports/{row.pk}/edit", {"version": current(row.pk), f"cell:{code}": "13"}).status_code == 302
    page = clerk.get(f"/reports/{row.pk}").content.decode()
    assert "（七）总计 10 1" not in page and "总计：13" in page
    for rule in ("T3-3", "F-META"):
        block = re.search(rf'data-rule="{rule}" data-verdict="dismissed">(.*?)</div>\s*</div>', page, re.S)
        assert block and f"{rule} 已核实" in block.group(1), rule
    assert "另有 2 项已由审核员排除" in page


@pytest.mark.django_db
def test_verdicts_are_shown_in_the_admin_site_never_changed_there(login, stored, users):
    """A verdict's change must store its subject's totals again (verdicts.decide):
    the admin site shows verdicts, and refuses even a superuser's change, deletion
    or addition (a default admin page would let one through, the totals unchanged)."""
    from django.contrib import admin as django_admin
    from django.contrib.auth.models import User

    from zfxxgk.web.reports.models import Verdict

    row = stored("wanghu-street-2023.txt")
    judge(login("reviewer"), row.pk, _position(row, "T3-3"), verdict="dismissed", comment="按合并口径")
    verdict = Verdict.objects.get()
    errors = _errors(row)
    root = User.objects.create_superuser("root", password="Root-password-2026")
    client = login("admin")
    client.force_login(root)
    page = client.get("/admin/reports/verdict/")
    shown = page.content.decode()
    assert page.status_code == 200 and "按合并口径" in shown and f"{row.agency.name}2023年" in shown
    url = f"/admin/reports/verdict/{verdict.pk}/"
    assert client.get(url + "change/").status_code == 200
    assert client.post(url + "change/", {"subject": verdict.subject, "fingerprint": verdict.fingerprint,
                                         "rule": "T3-3", "verdict": "confirmed"}).status_code == 403
    assert client.post(url + "delete/", {"post": "yes"}).status_code == 403
    assert client.post("/admin/reports/verdict/", {"action": "delete_selected",
                                                   "_selected_action": [verdict.pk]}).status_code in (200, 302)
    assert client.post("/admin/reports/verdict/add/", {"verdict": "dismissed"}).status_code == 403
    assert Verdict.objects.get().verdict == "dismissed" and _errors(row) == errors
    model_admin = django_admin.site._registry[Verdict]
    assert not (model_admin.has_change_permission(page.wsgi_request)
                or model_admin.has_delete_permission(page.wsgi_request))
