"""The four roles (Django groups) and what each may do.

Roles are groups holding model permissions, created by a data migration, so an
administrator can still give one person an extra permission in the admin site.
The views and the API ask for permissions (`can(user, "publish")`), never for a
group's name: the role table below is the one place that maps the two.
"""

from __future__ import annotations

ADMIN, REVIEWER, CLERK, READER = "管理员", "审核员", "录入员", "只读"

# What each role may do -> the permissions it holds (app_label.codename).
ROLE_PERMISSIONS: dict[str, list[str]] = {
    ADMIN: ["reports.view_report", "reports.add_report", "reports.change_report",
            "reports.delete_report", "reports.publish_report",
            "reports.view_agency", "reports.add_agency", "reports.change_agency",
            "reports.view_batch", "reports.view_finding", "audit.view_auditentry",
            "auth.view_user", "auth.add_user", "auth.change_user"],
    REVIEWER: ["reports.view_report", "reports.add_report", "reports.publish_report",
               "reports.view_agency", "reports.view_batch", "reports.view_finding",
               "audit.view_auditentry"],
    CLERK: ["reports.view_report", "reports.add_report", "reports.change_report",
            "reports.view_agency", "reports.view_batch", "reports.view_finding"],
    READER: ["reports.view_report", "reports.view_agency", "reports.view_batch",
             "reports.view_finding"],
}

# The cases app (依申请公开) adds its own permissions in its own migration, so they
# live in a dict of their own (the accounts migration predates the app).
_CASE_READ = ["cases.view_caserecord", "cases.view_litigationrecord",
              "cases.view_activefiguresrecord", "cases.view_calendaryear"]
_CASE_WORK = ["cases.add_caserecord", "cases.change_caserecord", "cases.reveal_personal",
              "cases.add_litigationrecord", "cases.change_litigationrecord",
              "cases.add_activefiguresrecord", "cases.change_activefiguresrecord"]
CASE_ROLE_PERMISSIONS: dict[str, list[str]] = {
    ADMIN: [*_CASE_READ, *_CASE_WORK, "cases.approve_caserecord", "cases.view_personalaccess",
            "cases.add_calendaryear", "cases.change_calendaryear"],
    REVIEWER: [*_CASE_READ, "cases.approve_caserecord", "cases.view_personalaccess"],
    CLERK: [*_CASE_READ, *_CASE_WORK],
    READER: list(_CASE_READ),
}

# Actions the faces check -> the permission each needs.
ACTIONS = {
    "view": "reports.view_report",
    "upload": "reports.add_report",
    "edit": "reports.change_report",
    "publish": "reports.publish_report",
    "audit": "audit.view_auditentry",
    "place": "reports.change_agency",
    "cases": "cases.view_caserecord",
    "case_add": "cases.add_caserecord",
    "case_work": "cases.change_caserecord",
    "case_approve": "cases.approve_caserecord",
    "personal": "cases.reveal_personal",
    "calendar": "cases.change_calendaryear",
    "registers": "cases.change_litigationrecord",
}


def can(user, action: str) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(ACTIONS[action]))


def role_names(user) -> list[str]:
    if not user.is_authenticated:
        return []
    names = [g.name for g in user.groups.all()]  # a list that prefetched the groups asks nothing
    if user.is_superuser and ADMIN not in names:
        names.insert(0, ADMIN)
    return names


class Abilities(dict):
    """`can.publish` in a template: asked of Django when a page first needs it (a
    page shows a few of the thirteen actions)."""

    def __init__(self, user):
        super().__init__()
        self.user = user

    def __missing__(self, action: str) -> bool:
        if action == "admin_site":  # the header's 管理后台 link
            from .scope import admin_site_user

            self[action] = answer = admin_site_user(self.user)
            return answer
        self[action] = answer = action in ACTIONS and can(self.user, action)
        return answer


def context(request) -> dict:
    """Template context: what the current user may do (menus show only those)."""
    user = getattr(request, "user", None)
    return {"can": Abilities(user) if user is not None else {}}


def ensure_roles() -> None:
    """Create the role groups with their permissions if they are missing (the data
    migration does this on a new database; tests that flush tables call it again)."""
    from django.contrib.auth.models import Group, Permission

    by_name = {f"{p.content_type.app_label}.{p.codename}": p
               for p in Permission.objects.select_related("content_type")}
    for name in ROLE_PERMISSIONS:
        group, _ = Group.objects.get_or_create(name=name)
        wanted = [by_name[perm] for perm in ROLE_PERMISSIONS[name] + CASE_ROLE_PERMISSIONS[name]]
        held = set(group.permissions.values_list("pk", flat=True))
        missing = [perm for perm in wanted if perm.pk not in held]
        if missing:  # one change (and one renewal of the kept users), not one per permission
            group.permissions.add(*missing)
