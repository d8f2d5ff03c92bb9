"""Agencies placed in the tree when reports are stored; hand corrections kept."""

from __future__ import annotations

import pytest

from zfxxgk.web.audit.models import AuditEntry
from zfxxgk.web.reports import placing
from zfxxgk.web.reports.models import Agency
from zfxxgk.web.reports.services import ServiceError, create_report



def _tree() -> dict[str, tuple[str, str | None]]:
    return {a.name: (a.level, a.parent.name if a.parent_id else None)
            for a in Agency.objects.select_related("parent")}


def test_examples_placed_with_empty_ancestors(stored):
    stored("wanghu-street-2023.txt")
    stored("yunling-district-2022.txt")
    stored("qinghe-city-2024.txt")
    stored("transport-bureau-2024.md")
    assert _tree() == {
        "青禾市人民政府": ("city", None),  # a city because a district stands under it
        "青禾市云岭区人民政府": ("county", "青禾市人民政府"),
        "青禾市云岭区望湖街道办事处": ("township", "青禾市云岭区人民政府"),
        "青禾市交通运输局": ("department", "青禾市人民政府"),
    }
    # the district's node was made by the street's report, then got its own report
    district = Agency.objects.get(name="青禾市云岭区人民政府")
    assert district.reports.count() == 1
    assert AuditEntry.objects.filter(action="建立机关").count() == 2


def test_real_hongze_under_huaian(users, samples):
    for name in ("hongze-district-2023.txt", "hongze-district-2024.txt", "huaian-city-2024.txt"):
        create_report((samples / "real" / name).read_bytes(), name, users["clerk"])
    assert _tree() == {"淮安市人民政府": ("city", None),
                       "淮安市洪泽区人民政府": ("county", "淮安市人民政府")}
    assert Agency.objects.get(name="淮安市洪泽区人民政府").reports.count() == 2


def test_shorter_name_node_takes_fuller_name(db):
    short = Agency.objects.create(key="洪泽区教育局", name="洪泽区教育局")
    placing.place_agency(short)
    assert _tree() == {"洪泽区教育局": ("department", "洪泽区人民政府"),
                       "洪泽区人民政府": ("county", None)}
    full = placing.agency_for("淮安市洪泽区人民政府", "淮安市洪泽区人民政府", "淮安市洪泽区")
    assert _tree() == {"洪泽区教育局": ("department", "淮安市洪泽区人民政府"),
                       "淮安市洪泽区人民政府": ("county", "淮安市人民政府"),
                       "淮安市人民政府": ("city", None)}
    assert full.key == "淮安市洪泽区人民政府"


def test_ambiguous_short_name_not_linked(db):
    for key in ("南京市鼓楼区人民政府", "福州市鼓楼区人民政府"):
        placing.agency_for(key, key, "")
    bureau = placing.agency_for("鼓楼区教育局", "鼓楼区教育局", "鼓楼区")
    assert (bureau.level, bureau.parent) == ("department", None)


def test_unknown_stays_unplaced(db):
    a = placing.agency_for("淮安经济技术开发区管理委员会", "淮安经济技术开发区管理委员会", "")
    assert (a.level, a.parent) == ("", None) and Agency.objects.count() == 1


def test_hand_correction_kept_and_audited(stored, users):
    row = stored("wanghu-street-2023.txt")
    street = row.agency
    city = Agency.objects.get(name="青禾市人民政府")
    placing.set_placement(street, "department", city, users["admin"])
    stored("wanghu-street-2020.txt")  # a later upload does not move it back
    street.refresh_from_db()
    assert (street.level, street.parent, street.placed_by_hand) == ("department", city, True)
    entry = AuditEntry.objects.get(action="更正机关层级")
    assert entry.before["level"] == "township" and entry.after["parent"] == "青禾市人民政府"
    with pytest.raises(ServiceError):  # no cycles
        placing.set_placement(city, "city", street, users["admin"])
    placing.set_placement(street, "", None, users["admin"], automatic=True)
    street.refresh_from_db()
    assert (street.level, street.parent.name, street.placed_by_hand) == (
        "township", "青禾市云岭区人民政府", False)


def test_place_all_command(db):
    from django.core.management import call_command

    Agency.objects.create(key="淮安市洪泽区人民政府", name="淮安市洪泽区人民政府")
    call_command("place_agencies", stdout=open("/dev/null", "w"))
    assert _tree()["淮安市洪泽区人民政府"] == ("county", "淮安市人民政府")


def test_admin_correction_marked_and_logged(client, db):
    from django.contrib.auth.models import User

    admin = User.objects.create_superuser("root", password="x-123456789")
    client.force_login(admin)
    city = placing.agency_for("淮安市人民政府", "淮安市人民政府", "淮安市")
    street = placing.agency_for("井口街道办事处", "井口街道办事处", "")
    r = client.post(f"/admin/reports/agency/{street.pk}/change/",
                    {"key": street.key, "name": street.name, "region": "", "level": "township",
                     "parent": city.pk})
    assert r.status_code == 302
    street.refresh_from_db()
    assert (street.parent, street.placed_by_hand) == (city, True)
    assert AuditEntry.objects.get(action="更正机关层级").after["parent"] == "淮安市人民政府"
    r = client.post(f"/admin/reports/agency/{city.pk}/change/",
                    {"key": city.key, "name": city.name, "region": "", "level": "city",
                     "parent": street.pk})
    assert r.status_code == 200 and "上级不能是本机关或它的下级" in r.content.decode()


def test_a_placement_by_hand_meanwhile_is_not_overwritten(users):
    """An upload (or `place_agencies`) read the agency, an administrator placed it by
    hand, then the automatic placement was saved over the administrator's."""
    city = placing.agency_for("淮安市人民政府", "淮安市人民政府", "淮安市")
    read_earlier = Agency.objects.create(key="淮安市洪泽区人民政府", name="淮安市洪泽区人民政府")
    placing.set_placement(Agency.objects.get(pk=read_earlier.pk), "department", city, users["admin"])
    assert placing.place_agency(read_earlier) is False
    assert _tree()["淮安市洪泽区人民政府"] == ("department", "淮安市人民政府")
    assert (read_earlier.level, read_earlier.placed_by_hand) == ("department", True)
