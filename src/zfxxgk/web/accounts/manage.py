"""Accounts managed from the command line (`zfxxgk users`), the same rules as the
admin site: a role is one of the four groups, a password passes Django's
validators, an agency not yet known is created and placed in the agency tree.
Every change is one audit entry."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction

from .. import audit
from .models import Membership
from .roles import ROLE_PERMISSIONS, ensure_roles

ROLES = tuple(ROLE_PERMISSIONS)


class AccountError(Exception):
    """A refused account change, in Chinese."""


@dataclass(frozen=True)
class Account:
    name: str
    roles: list[str]
    agency: str | None
    region: str | None
    active: bool
    superuser: bool

    @property
    def unassigned(self) -> bool:
        """Users from before scopes (no agency, no region) that are not administrators."""
        return not (self.agency or self.region or self.superuser or "管理员" in self.roles)


def _user(name: str):
    user = get_user_model().objects.filter(username=name).first()
    if user is None:
        raise AccountError(f"没有用户“{name}”")
    return user


# Django's Chinese catalogue misses some of these (the length one is a plural form).
PASSWORD_RULES = {"password_too_short": "密码长度太短，至少要 8 个字符",
                  "password_too_common": "这个密码太常见了",
                  "password_entirely_numeric": "密码只包含数字",
                  "password_too_similar": "密码与用户名太相似"}


def password_problems(password: str, user) -> list[str]:
    """What the project's validators (AUTH_PASSWORD_VALIDATORS) find wrong, in the
    same Chinese words wherever a password is set (here and the 修改密码 page)."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as e:
        return [PASSWORD_RULES.get(x.code, "；".join(x.messages).rstrip("。")) for x in e.error_list]
    return []


def _check_password(password: str, user) -> None:
    said = password_problems(password, user)
    if said:
        raise AccountError("密码不符合要求：" + "；".join(said))


def _role(role: str) -> Group:
    if role not in ROLES:
        raise AccountError(f"没有角色“{role}”（可用：{'、'.join(ROLES)}）")
    ensure_roles()
    return Group.objects.get(name=role)


def _agency(name: str):
    """The agency with this name or key; made and placed in the tree when new."""
    from ..reports.models import Agency
    from ..reports.placing import agency_for, find_body

    name = name.strip()
    found = find_body(name)
    if found is False:
        raise AccountError(f"有多个机关可能是“{name}”，请写全称")
    if found is None:
        found = Agency.objects.filter(name=name).first()
    return found or agency_for(name, name, "", None)


def _scope(user, agency: str | None, region: str | None, role: str) -> None:
    if role == "录入员" and region and not agency:
        raise AccountError("录入员属于一个机关：请用 --agency 指定，不能只指定地区")
    m, _ = Membership.objects.get_or_create(user=user)
    if agency is not None:
        m.agency = _agency(agency) if agency.strip() else None
    if region is not None:
        m.region = region.strip()
    m.save()


@transaction.atomic
def add_user(name: str, role: str, password: str, agency: str | None = None,
             region: str | None = None) -> Account:
    User = get_user_model()
    name = name.strip()
    if not name:
        raise AccountError("请填写用户名")
    if User.objects.filter(username=name).exists():
        raise AccountError(f"已有用户“{name}”；修改请用 zfxxgk users set")
    group = _role(role)
    user = User(username=name, is_staff=(role == "管理员"))
    _check_password(password, user)
    user.set_password(password)
    user.save()
    user.groups.add(group)
    _scope(user, agency, region, role)
    account = describe(user)
    audit.record(None, "建立用户", user, f"{name}（{role}，{account.agency or account.region or '未分配机关'}）",
                 after=_snapshot(account))
    return account


@transaction.atomic
def set_user(name: str, role: str | None = None, password: str | None = None,
             agency: str | None = None, region: str | None = None,
             active: bool | None = None) -> Account:
    user = _user(name)
    before = describe(user)
    changed = []  # only these saved: a password the user changed meanwhile is not set back
    if role is not None:
        user.groups.remove(*Group.objects.filter(name__in=ROLES))
        user.groups.add(_role(role))
        user.is_staff = role == "管理员" or user.is_superuser
        changed.append("is_staff")
    if password is not None:
        _check_password(password, user)
        user.set_password(password)
        changed.append("password")
    if active is not None:
        user.is_active = active
        changed.append("is_active")
    if changed:
        user.save(update_fields=changed)
    if agency is not None or region is not None:
        _scope(user, agency, region, role or (before.roles[0] if before.roles else ""))
    after = describe(get_user_model().objects.get(pk=user.pk))
    audit.record(None, "修改用户", user, name + ("（改了密码）" if password else ""),
                 before=_snapshot(before), after=_snapshot(after))
    return after


@transaction.atomic
def remove_user(name: str) -> None:
    """Delete the account; what it did stays in 操作记录 (without the link)."""
    user = _user(name)
    audit.record(None, "删除用户", user, name, before=_snapshot(describe(user)))
    user.delete()


def describe(user) -> Account:
    m = Membership.objects.select_related("agency").filter(user=user).first()
    return Account(name=user.username, roles=sorted(user.groups.values_list("name", flat=True)),
                   agency=m.agency.name if m and m.agency_id else None,
                   region=(m.region or None) if m else None,
                   active=user.is_active, superuser=user.is_superuser)


def accounts() -> list[Account]:
    return [describe(u) for u in get_user_model().objects.order_by("username")]


def _snapshot(a: Account) -> dict:
    return {"roles": a.roles, "agency": a.agency, "region": a.region, "active": a.active}
