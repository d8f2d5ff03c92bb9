"""Issue 14, finding 3 (the admin site goes round the rules): reports, versions,
cases and the audit log are read-only there; what the admin site may still write
is recorded in 操作记录; a 管理员 cannot make anyone a superuser nor change one."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_published_report_cannot_be_changed_or_deleted_in_admin(staff, stored, users):
    from zfxxgk.web.reports.models import Report

    row = stored()
    Report.objects.filter(pk=row.pk).update(status="published")
    url = f"/admin/reports/report/{row.pk}/change/"
    page = staff.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()  # view only
    r = staff.post(url, {"title": "改过的标题", "status": "draft", "year": 2023, "version": 1})
    assert r.status_code == 403
    assert staff.post(f"/admin/reports/report/{row.pk}/delete/", {"post": "yes"}).status_code == 403
    r = staff.post("/admin/reports/report/", {"action": "delete_selected", "_selected_action": [row.pk],
                                              "post": "yes"})
    row.refresh_from_db()
    assert (row.title, row.status) != ("改过的标题", "draft") and row.status == "published"
    assert Report.objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize("path", ["/admin/cases/caserecord/add/", "/admin/audit/auditentry/add/",
                                  "/admin/reports/report/add/", "/admin/reports/batch/add/"])
def test_no_adding_there_either(staff, path):
    assert staff.get(path).status_code == 403


def test_remaining_admin_writes_are_audited(staff, stored):
    from zfxxgk.web.audit.models import AuditEntry
    from zfxxgk.web.reports.models import Agency

    row = stored()
    agency = row.agency
    r = staff.post(f"/admin/reports/agency/{agency.pk}/change/",
                   {"key": agency.key, "name": agency.name, "region": "别的地区",
                    "level": agency.level, "parent": agency.parent_id or ""})
    assert r.status_code == 302, r.content.decode()[:2000]
    assert AuditEntry.objects.filter(object_type="agency", object_id=str(agency.pk),
                                     user__username="admin").exists()
    empty = Agency.objects.create(key="空机关", name="空机关")
    assert staff.post(f"/admin/reports/agency/{empty.pk}/delete/", {"post": "yes"}).status_code == 403
    from django.contrib.auth.models import User

    staff.force_login(User.objects.create_superuser("root", password="Root-password-2026"))
    r = staff.post(f"/admin/reports/agency/{empty.pk}/delete/", {"post": "yes"})
    assert r.status_code == 302 and not Agency.objects.filter(pk=empty.pk).exists()
    assert AuditEntry.objects.filter(action="管理后台删除", object_id=str(empty.pk)).exists()


def test_an_administrator_cannot_grant_superuser(staff, users):
    from django.contrib.auth.models import User

    from zfxxgk.web.audit.models import AuditEntry

    from .test_admin_user_races import _page_form

    me = users["admin"]
    form = staff.get(f"/admin/auth/user/{me.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in form
    sent = _page_form(staff, f"/admin/auth/user/{me.pk}/change/")
    sent["is_superuser"] = ["on"]  # added by hand to what the page sends
    r = staff.post(f"/admin/auth/user/{me.pk}/change/", sent)
    assert r.status_code == 302, r.content.decode()[:3000]
    me.refresh_from_db()
    assert not me.is_superuser
    assert AuditEntry.objects.filter(action="管理后台修改", object_type="user",
                                     object_id=str(me.pk)).exists()
    root = User.objects.create_superuser("root", password="Root-password-2026")
    assert staff.get(f"/admin/auth/user/{root.pk}/password/").status_code == 403
    r = staff.post(f"/admin/auth/user/{root.pk}/password/",
                   {"password1": "Taken-over-2026", "password2": "Taken-over-2026"})
    assert r.status_code == 403
    root.refresh_from_db()
    assert root.check_password("Root-password-2026")
    assert staff.post(f"/admin/auth/user/{root.pk}/delete/", {"post": "yes"}).status_code == 403


def test_an_agency_added_in_admin_is_the_one_its_clerk_uploads_to(staff, client, example_bytes):
    """The walk-through's administrator typed 机关标识 ``donghu`` for a new street office: its
    clerk's upload of the office's own report was refused (“您的账号属于“…东湖街道办事处”，
    不能处理“…东湖街道办事处”的数据”). The key is no longer asked for: it is the name's."""
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from zfxxgk.web.accounts.manage import add_user
    from zfxxgk.web.reports.models import Agency

    name = "青禾市云岭区东湖街道办事处"
    assert 'name="key"' not in staff.get("/admin/reports/agency/add/").content.decode()
    r = staff.post("/admin/reports/agency/add/", {"key": "donghu", "name": name, "region": "",
                                                   "level": "township", "parent": ""})
    assert r.status_code == 302, r.content.decode()[:2000]
    agency = Agency.objects.get(name=name)
    assert agency.key == name
    again = staff.post("/admin/reports/agency/add/", {"name": name, "region": "", "level": "", "parent": ""})
    assert again.status_code == 200 and f"已有这个机关：{name}" in again.content.decode()
    add_user("clerk_d", "录入员", "Donghu-lu-2026", agency=name)
    own = Client()
    own.force_login(User.objects.get(username="clerk_d"))
    text = example_bytes("wanghu-street-2023.txt").decode("utf-8").replace("望湖", "东湖")
    r = own.post("/api/reports", {"file": SimpleUploadedFile("donghu-2023.txt", text.encode("utf-8"))})
    assert r.status_code == 201, r.content.decode()
    assert Agency.objects.filter(name=name).count() == 1
    assert Agency.objects.get(name=name).reports.count() == 1


@pytest.mark.parametrize("role", ["clerk", "reviewer", "reader"])
def test_the_admin_site_is_the_administrators_alone(client, users, stored, role):
    """A 录入员 of 交通运输局 with the staff flag (ticked by hand, or kept when a
    管理员's role was changed in the admin site) read 望湖's draft, its data in full,
    and its cases in the admin site, whose lists are not cut to an agency."""
    from zfxxgk.web.accounts.manage import add_user
    from django.contrib.auth.models import User

    row = stored()
    add_user("t_user", {"clerk": "录入员", "reviewer": "审核员", "reader": "只读"}[role],
             "Transport-2026-pw", agency="青禾市交通运输局")
    user = User.objects.get(username="t_user")
    user.is_staff = True
    user.save()
    client.force_login(user)
    for url in ("/admin/", "/admin/reports/report/", f"/admin/reports/report/{row.pk}/change/",
                "/admin/cases/caserecord/", "/admin/reports/batch/"):
        r = client.get(url)
        assert r.status_code == 302 and r["Location"].startswith("/admin/login/"), url
        assert row.agency.name not in r.content.decode()
    client.force_login(users["admin"])  # the 管理员 has the staff flag: in
    users["admin"].is_staff = True
    users["admin"].save()
    assert client.get(f"/admin/reports/report/{row.pk}/change/").status_code == 200
