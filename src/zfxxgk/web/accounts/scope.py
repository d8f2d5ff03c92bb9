"""Whose data a user may see and change: one answer for pages, API, exports and
the dashboard.

`agency_ids(user)` is the set of agencies in the user's scope, or None for
everything (管理员, superusers, and users not yet assigned an agency, who keep
working as before the upgrade). The predicates in rules.py and the querysets in
querysets.py are built on it."""

from __future__ import annotations

from django.db.models import Q

from .roles import ADMIN, CLERK

UNASSIGNED = "未分配机关"


def _kept(user, name: str, compute):
    """`compute()` asked once per user object and kept on it (and with it in the
    shared cache, backends.py)."""
    if not hasattr(user, name):
        setattr(user, name, compute())
    return getattr(user, name)


def membership(user):
    if not getattr(user, "is_authenticated", False):
        return None
    from .models import Membership

    return _kept(user, "_zfxxgk_membership",
                 lambda: Membership.objects.select_related("agency").filter(user=user).first())


def is_admin(user) -> bool:
    return bool(user.is_superuser or ADMIN in _groups(user))


def admin_site_user(user) -> bool:
    """Who may enter the admin site (accounts.admin.administrators_only) and so is
    shown its link: an active 管理员 with the staff flag."""
    return bool(user.is_authenticated and user.is_active and user.is_staff and is_admin(user))


def _groups(user) -> set[str]:
    return _kept(user, "_zfxxgk_groups", lambda: set(user.groups.values_list("name", flat=True)))


def subtree(roots: set[int]) -> set[int]:
    """The agencies `roots` with every agency below them in the tree."""
    from ..reports.models import Agency

    children: dict[int, list[int]] = {}
    for pk, parent in Agency.objects.values_list("id", "parent_id"):
        if parent is not None and parent != pk:
            children.setdefault(parent, []).append(pk)
    found, todo = set(), list(roots)
    while todo:
        pk = todo.pop()
        if pk not in found:
            found.add(pk)
            todo.extend(children.get(pk, ()))
    return found


def region_roots(region: str) -> set[int]:
    """The agencies of a region: those whose region names it (淮安市洪泽区 for 洪泽区)
    or whose name is the region's own."""
    from ..reports.models import Agency

    return set(Agency.objects.filter(Q(region__contains=region) | Q(name__startswith=region))
               .values_list("id", flat=True))


def agency_ids(user) -> set[int] | None:
    """The agencies in `user`'s scope; None means all of them. A 录入员 has their own
    agency only; anyone else their agency's subtree or their region's."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if is_admin(user):
        return None
    return _kept(user, "_zfxxgk_scope", lambda: _scope(user))


def _scope(user) -> set[int] | None:
    m = membership(user)
    if m is None or (m.agency_id is None and not m.region):
        return None
    if CLERK in _groups(user) and m.agency_id is not None:
        return {m.agency_id}
    roots = ({m.agency_id} if m.agency_id else set()) | (region_roots(m.region) if m.region else set())
    return subtree(roots)


def forget(user) -> None:
    """Drops the scope kept on the user object: read again at the next question
    (agencies made since, e.g. by an earlier file of the same batch)."""
    user.__dict__.pop("_zfxxgk_scope", None)


def covers(user, agency_id: int | None) -> bool:
    """Whether `user` may work on data of this agency. No user at all is the system
    itself (the command line, the batch worker acting for nobody)."""
    if user is None:
        return True
    scope = agency_ids(user)
    return scope is None or agency_id in scope


def in_region(user, agency_name: str | None, region: str | None = None) -> bool:
    """Whether an agency as a report names it (known or not yet) falls in the region
    of a user who reviews a region: the district's 审核员 checking a zip of its street
    offices' reports had 26 of 28 refused, the offices having no agency yet. The
    name (or the region the report states) must place it in that region; a 录入员,
    and a user scoped by agency, still meet only known agencies."""
    m = membership(user)
    if not agency_name or m is None or not m.region or CLERK in _groups(user):
        return False
    from ...parse.agency import region_of

    return (agency_name.startswith(m.region) or m.region in (region or "")
            or m.region in (region_of(agency_name) or ""))


def refusal(user, agency_name: str | None) -> str:
    """The Chinese reason given when a user acts outside their scope."""
    return (f"您的账号属于“{scope_label(user)}”，不能处理“{agency_name or '未识别机关'}”的数据；"
            "如需调整，请联系管理员")


def scope_label(user) -> str:
    """For refusals: 「望湖街道办事处」 or 「洪泽区」."""
    return membership_label(membership(user))


def membership_label(m) -> str:
    """A membership's agency or region in words (`未分配机关` for none)."""
    if m is None:
        return UNASSIGNED
    return m.agency.name if m.agency_id else (m.region or UNASSIGNED)
