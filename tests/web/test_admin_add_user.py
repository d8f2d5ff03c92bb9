"""Walk-through leftover: the admin's add-user page set a user's role only on a
second page, after a first save (Django's “After you've created a user…”); an
administrator who pressed 保存 once left a user with no role. Now the one page asks
for name, password, role and agency (or region), and one 保存 makes the whole account."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def _form(**extra) -> dict:
    return {"username": "wanghu_reviewer", "usable_password": "true",
            "password1": "Wanghu-shen-2026", "password2": "Wanghu-shen-2026",
            "membership-TOTAL_FORMS": "1", "membership-INITIAL_FORMS": "0",
            "membership-MIN_NUM_FORMS": "0", "membership-MAX_NUM_FORMS": "1", **extra}


def test_the_add_page_asks_for_role_and_agency(staff):
    page = staff.get("/admin/auth/user/add/").content.decode()
    assert 'name="groups"' in page and 'data-field-name="角色"' in page
    assert 'name="membership-0-agency"' in page and 'name="membership-0-region"' in page
    assert "保存一次即可" in page and "After you" not in page


def test_one_save_makes_a_reviewer_of_a_region(staff):
    from django.contrib.auth.models import Group, User

    reviewer = Group.objects.get(name="审核员")
    r = staff.post("/admin/auth/user/add/", _form(groups=[reviewer.pk],
                                                  **{"membership-0-region": "青禾市云岭区"}))
    assert r.status_code == 302, r.content.decode()[:3000]
    assert r["Location"] == "/admin/auth/user/"  # the list: nothing left to fill in
    user = User.objects.get(username="wanghu_reviewer")
    assert list(user.groups.values_list("name", flat=True)) == ["审核员"]
    assert user.membership.region == "青禾市云岭区" and user.check_password("Wanghu-shen-2026")
    assert not user.is_staff


def test_an_administrator_made_there_may_use_the_admin_site(staff):
    from django.contrib.auth.models import Group, User

    r = staff.post("/admin/auth/user/add/", _form(groups=[Group.objects.get(name="管理员").pk]))
    assert r.status_code == 302, r.content.decode()[:3000]
    assert User.objects.get(username="wanghu_reviewer").is_staff


def test_one_save_makes_a_clerk_of_an_agency(staff):
    from django.contrib.auth.models import Group, User

    from zfxxgk.web.reports.models import Agency

    office = Agency.objects.create(key="青禾市云岭区望湖街道办事处", name="青禾市云岭区望湖街道办事处")
    r = staff.post("/admin/auth/user/add/", _form(groups=[Group.objects.get(name="录入员").pk],
                                                  **{"membership-0-agency": office.pk}))
    assert r.status_code == 302, r.content.decode()[:3000]
    assert User.objects.get(username="wanghu_reviewer").membership.agency == office


def test_the_user_list_shows_each_users_role_and_agency(staff, django_assert_max_num_queries):
    """The list showed names and Django's staff flag only: which account was the
    望湖 clerk, which the district's reviewer, meant opening each one."""
    import re

    from django.contrib.auth.models import Group, User

    from zfxxgk.web.accounts.models import Membership
    from zfxxgk.web.reports.models import Agency

    wanghu = Agency.objects.create(key="望湖街道", name="青禾市云岭区望湖街道办事处")
    for i in range(5):
        clerk = User.objects.create_user(f"clerk{i}", password="x-Wanghu-2026")
        clerk.groups.add(Group.objects.get(name="录入员"))
        Membership.objects.create(user=clerk, agency=wanghu)
    reviewer = User.objects.create_user("district", password="x-Wanghu-2026")
    reviewer.groups.add(Group.objects.get(name="审核员"))
    Membership.objects.create(user=reviewer, region="青禾市云岭区")
    User.objects.create_user("no_role", password="x-Wanghu-2026")
    page = staff.get("/admin/auth/user/").content.decode()
    assert "<span>角色</span>" in page or ">角色<" in page
    cells = lambda name: re.search(rf">{name}</a></th>(.*?)</tr>", page, re.S).group(1)  # noqa: E731
    assert "录入员" in cells("clerk3") and "青禾市云岭区望湖街道办事处" in cells("clerk3")
    assert "审核员" in cells("district") and "青禾市云岭区" in cells("district")
    assert "（无角色）" in cells("no_role") and "未分配机关" in cells("nobody")
    with django_assert_max_num_queries(20):  # not one query per user for role and agency
        staff.get("/admin/auth/user/")
