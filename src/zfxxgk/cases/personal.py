"""Applicants' personal data: encrypted at rest, masked on screen, logged when shown.

An application carries the applicant's identity number and contacts (第二十九条), which
most people who see a case — statisticians, reviewers, the public report — never need.
So the stored form (`SealedApplicant`) holds those fields only as Fernet tokens plus a
masked copy for display; the key comes from the settings (`ZFXXGK_PERSONAL_DATA_KEY`)
and never sits beside the data. Revealing a field is a deliberate act by a role that
needs it and always leaves an `AccessRecord`. After the retention period a closed case
is anonymised: the tokens are dropped, only the applicant type (needed for table 三)
stays.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from .records import Record

KEY_SETTING = "ZFXXGK_PERSONAL_DATA_KEY"
SENSITIVE_FIELDS = ("id_number", "phone", "email", "address")
FIELD_LABELS = {"id_number": "证件号码", "phone": "联系电话", "email": "电子邮箱", "address": "通信地址"}
ANONYMISED_NAME = "（已匿名化）"


class Role(enum.StrEnum):
    REGISTRAR = "registrar"  # 登记人员: confirms identity at intake
    HANDLER = "handler"  # 承办人员: contacts the applicant, sends letters
    REVIEWER = "reviewer"  # 审核人员
    STATISTICIAN = "statistician"  # 统计、年报人员
    ADMIN = "admin"  # 系统管理员: manages accounts, not cases


# Only the people who must contact or identify the applicant see the clear values.
ROLES_SEEING_PERSONAL_DATA = frozenset({Role.REGISTRAR, Role.HANDLER})


class PersonalDataError(Exception):
    """Missing key, wrong key, or a role that may not see the data."""


@dataclass
class Applicant:
    """The applicant as entered at intake (clear values; never stored like this)."""

    name: str
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""


@dataclass
class SealedApplicant(Record):
    """The stored form: name in clear (it heads every letter), sensitive fields as
    tokens and masked copies."""

    name: str
    tokens: dict[str, str] = field(default_factory=dict)
    masked: dict[str, str] = field(default_factory=dict)
    anonymised_on: date | None = None


def mask(field_name: str, value: str) -> str:
    """Enough to recognise ("尾号5678"), not enough to use."""
    v = value.strip()
    if not v:
        return ""
    if field_name == "email" and "@" in v:
        user, _, domain = v.partition("@")
        return f"{user[:1]}***@{domain}"
    if field_name == "address":
        return v[:6] + "****" if len(v) > 6 else "****"
    if len(v) <= 4:
        return "*" * len(v)
    keep_head = 3 if field_name == "phone" else min(4, len(v) - 4)
    return v[:keep_head] + "*" * (len(v) - keep_head - 4) + v[-4:]


class PersonalDataCipher:
    """Fernet with the key(s) from the settings. Several keys (comma-separated) allow
    rotation: the first encrypts, all decrypt."""

    def __init__(self, keys: str | bytes):
        raw = keys.decode() if isinstance(keys, bytes) else keys
        parts = [k.strip() for k in raw.split(",") if k.strip()]
        if not parts:
            raise PersonalDataError(f"未配置个人信息加密密钥（{KEY_SETTING}）")
        try:
            self._fernet = MultiFernet([Fernet(k.encode()) for k in parts])
        except ValueError:
            raise PersonalDataError(f"个人信息加密密钥格式不正确（{KEY_SETTING}）") from None

    def seal(self, applicant: Applicant) -> SealedApplicant:
        tokens, masked = {}, {}
        for f in SENSITIVE_FIELDS:
            value = getattr(applicant, f)
            if value:
                tokens[f] = self._fernet.encrypt(value.encode()).decode()
                masked[f] = mask(f, value)
        return SealedApplicant(applicant.name, tokens, masked)

    def open_field(self, sealed: SealedApplicant, field_name: str) -> str:
        token = sealed.tokens.get(field_name)
        if not token:
            return ""
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken:
            raise PersonalDataError("无法解密个人信息：密钥不匹配或数据已损坏") from None


@dataclass(frozen=True)
class AccessRecord:
    """One reveal of one field: who, in which role, why, when."""

    at: datetime
    case_id: str
    field: str
    user: str
    role: Role
    purpose: str


def display(sealed: SealedApplicant) -> dict[str, str]:
    """What any role sees: the name and the masked fields. No key needed, no log."""
    return {"name": sealed.name, **{f: sealed.masked.get(f, "") for f in SENSITIVE_FIELDS}}


def reveal(
    sealed: SealedApplicant,
    cipher: PersonalDataCipher,
    *,
    case_id: str,
    user: str,
    role: Role | str,
    purpose: str,
    log: list[AccessRecord],
    fields: tuple[str, ...] = SENSITIVE_FIELDS,
    now: datetime | None = None,
) -> dict[str, str]:
    """The clear values, for a role that needs them; one log record per field shown.
    The record is written before the value is returned, so no reveal goes unlogged."""
    role = Role(role)
    if role not in ROLES_SEEING_PERSONAL_DATA:
        raise PersonalDataError(f"角色“{role.value}”无权查看申请人的证件号码和联系方式")
    if not purpose.strip():
        raise PersonalDataError("查看个人信息须注明用途")
    if sealed.anonymised_on:
        raise PersonalDataError("该申请人的个人信息已按保存期限匿名化")
    out = display(sealed)
    stamp = now or datetime.now()
    for f in fields:
        if f not in SENSITIVE_FIELDS:
            raise PersonalDataError(f"未知字段：{f}")
        if f in sealed.tokens:
            log.append(AccessRecord(stamp, case_id, f, user, role, purpose))
            out[f] = cipher.open_field(sealed, f)
    return out


def anonymise(sealed: SealedApplicant, on: date) -> SealedApplicant:
    """Drop everything that identifies the applicant; keep that it was anonymised."""
    return replace(sealed, name=ANONYMISED_NAME, tokens={}, masked={}, anonymised_on=on)


def retention_expired(closed_on: date | None, today: date, retention_days: int) -> bool:
    """A case's personal data may go once it has been closed for the retention period."""
    return closed_on is not None and today > closed_on + timedelta(days=retention_days)
