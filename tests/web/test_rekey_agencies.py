"""Walk-through leftover: agencies made before the admin site stopped asking for the
机关标识 kept the key typed by hand (``donghu``). Their reports key on the name's key,
so the office stood twice in the tree: its clerk and cases with ``donghu``, its reports
with the other, and the clerk's uploads were refused. 核对机关标识 (admin) and
`rekey_agencies` show what would move, then merge, on a data folder made that way."""

from __future__ import annotations

from datetime import date

import pytest

pytestmark = pytest.mark.django_db
NAME = "青禾市云岭区东湖街道办事处"


def _case(agency, number="2026-0001"):
    from zfxxgk.web.cases.models import CaseRecord

    return CaseRecord.objects.create(agency=agency, number=number, data={}, status="registered",
                                     applicant_type="natural_person", received_on=date(2026, 3, 2))


def _donghu_text(example_bytes) -> bytes:
    return example_bytes("wanghu-street-2023.txt").decode("utf-8").replace("望湖", "东湖").encode("utf-8")


@pytest.fixture
def old_folder(users, example_bytes):
    """What an older version left: ``donghu`` typed in the admin site, its clerk and a
    case there, and the office's report stored (by the administrator) under its name."""
    from zfxxgk.web.accounts.manage import add_user
    from zfxxgk.web.reports.models import Agency
    from zfxxgk.web.reports.services import create_report

    typed = Agency.objects.create(key="donghu", name=NAME, level="township")
    add_user("clerk_d", "录入员", "Donghu-lu-2026", agency="donghu")
    _case(typed)
    report = create_report(_donghu_text(example_bytes), "donghu-2023.txt", users["admin"])
    assert report.agency.key == NAME and report.agency.pk != typed.pk  # the twin
    return typed, report


def test_the_admin_previews_then_merges(staff, old_folder, example_bytes):
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from zfxxgk.web.audit.models import AuditEntry
    from zfxxgk.web.reports.models import Agency

    typed, report = old_folder
    listing = staff.get("/admin/reports/agency/").content.decode()
    assert "核对机关标识（1）" in listing
    preview = staff.get("/admin/reports/agency/rekey/").content.decode()
    assert f"{NAME}：机关标识为“donghu”的机关并入机关标识“{NAME}”的机关" in preview
    assert "用户1" in preview and "依申请公开案件1" in preview
    assert Agency.objects.filter(name=NAME).count() == 2  # a preview changes nothing
    r = staff.post("/admin/reports/agency/rekey/")
    assert r.status_code == 302
    merged = Agency.objects.get(name=NAME)
    assert merged.key == NAME and merged.pk == report.agency_id
    assert merged.cases.count() == 1 and merged.reports.count() == 1 and merged.level == "township"
    assert User.objects.get(username="clerk_d").membership.agency == merged
    assert AuditEntry.objects.filter(action="合并机关", object_id=str(merged.pk)).exists()
    clerk = Client()
    clerk.force_login(User.objects.get(username="clerk_d"))
    text = _donghu_text(example_bytes).replace("2023年".encode(), "2024年".encode())
    up = clerk.post("/api/reports", {"file": SimpleUploadedFile("donghu-2024.txt", text)})
    assert up.status_code == 201, up.content.decode()
    assert Agency.objects.filter(name=NAME).count() == 1
    assert "核对机关标识" not in staff.get("/admin/reports/agency/").content.decode()


def test_two_cases_of_one_number_stop_the_merge(staff, old_folder):
    from zfxxgk.web.reports.models import Agency

    typed, report = old_folder
    _case(report.agency)  # the same number in both
    preview = staff.get("/admin/reports/agency/rekey/").content.decode()
    assert "不能合并：两个机关都有案件编号2026-0001" in preview
    staff.post("/admin/reports/agency/rekey/")
    assert Agency.objects.filter(name=NAME).count() == 2
    assert Agency.objects.filter(key="donghu").exists()


def test_a_lone_typed_key_becomes_the_names(users):
    from io import StringIO

    from django.core.management import call_command

    from zfxxgk.web.reports.models import Agency

    Agency.objects.create(key="donghu", name=NAME)
    out = StringIO()
    call_command("rekey_agencies", stdout=out)
    assert f"机关标识“donghu”改为“{NAME}”" in out.getvalue()
    assert Agency.objects.filter(key="donghu").exists()
    call_command("rekey_agencies", "--apply", stdout=out)
    assert Agency.objects.get(name=NAME).key == NAME
