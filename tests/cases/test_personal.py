"""Applicants' personal data: masked for display, encrypted at rest with a key from
the settings, revealed only to roles that need it and always logged, anonymised
after the retention period."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from cryptography.fernet import Fernet

from zfxxgk.cases.personal import (
    ANONYMISED_NAME, AccessRecord, Applicant, PersonalDataCipher, PersonalDataError, Role,
    SealedApplicant, anonymise, display, mask, retention_expired, reveal,
)

KEY = Fernet.generate_key().decode()
APPLICANT = Applicant("张三", id_number="110101199003071234", phone="13812345678",
                      email="zhangsan@example.com", address="青禾市青禾区人民路1号")


def cipher() -> PersonalDataCipher:
    return PersonalDataCipher(KEY)


def test_masks():
    assert mask("id_number", "110101199003071234") == "1101**********1234"
    assert mask("phone", "13812345678") == "138****5678"
    assert mask("email", "zhangsan@example.com") == "z***@example.com"
    assert mask("address", "青禾市青禾区人民路1号") == "青禾市青禾区****"
    assert mask("phone", "") == ""


def test_sealed_form_holds_no_clear_value_and_no_key():
    sealed = cipher().seal(APPLICANT)
    stored = json.dumps(sealed.to_dict(), ensure_ascii=False)
    for secret in ("110101199003071234", "13812345678", "zhangsan@", "人民路1号", KEY):
        assert secret not in stored
    assert SealedApplicant.from_dict(json.loads(stored)) == sealed
    assert display(sealed)["phone"] == "138****5678"


def test_reveal_for_a_handler_is_logged():
    sealed, log = cipher().seal(APPLICANT), []
    now = datetime(2024, 10, 8, 9, 30)
    shown = reveal(sealed, cipher(), case_id="2024-001", user="李四", role="handler",
                   purpose="电话告知补正事项", log=log, fields=("phone",), now=now)
    assert shown["phone"] == "13812345678" and shown["id_number"] == "1101**********1234"
    assert log == [AccessRecord(now, "2024-001", "phone", "李四", Role.HANDLER, "电话告知补正事项")]


@pytest.mark.parametrize("role", [Role.STATISTICIAN, Role.REVIEWER, Role.ADMIN])
def test_other_roles_see_masks_only(role):
    log: list = []
    with pytest.raises(PersonalDataError, match="无权"):
        reveal(cipher().seal(APPLICANT), cipher(), case_id="x", user="u", role=role,
               purpose="查看", log=log)
    assert log == []


def test_reveal_needs_a_purpose():
    with pytest.raises(PersonalDataError, match="用途"):
        reveal(cipher().seal(APPLICANT), cipher(), case_id="x", user="u", role=Role.HANDLER,
               purpose=" ", log=[])


def test_missing_or_wrong_key():
    with pytest.raises(PersonalDataError, match="未配置"):
        PersonalDataCipher("")
    with pytest.raises(PersonalDataError, match="格式"):
        PersonalDataCipher("not-a-key")
    other = PersonalDataCipher(Fernet.generate_key().decode())
    with pytest.raises(PersonalDataError, match="解密"):
        other.open_field(cipher().seal(APPLICANT), "phone")


def test_key_rotation():
    new_key = Fernet.generate_key().decode()
    sealed = cipher().seal(APPLICANT)
    rotated = PersonalDataCipher(f"{new_key},{KEY}")
    assert rotated.open_field(sealed, "id_number") == APPLICANT.id_number


def test_retention_and_anonymisation():
    assert not retention_expired(None, date(2030, 1, 1), 365)
    assert not retention_expired(date(2024, 1, 1), date(2024, 12, 31), 365)
    assert retention_expired(date(2024, 1, 1), date(2025, 1, 2), 365)
    gone = anonymise(cipher().seal(APPLICANT), date(2025, 1, 2))
    assert gone.name == ANONYMISED_NAME and not gone.tokens and not gone.masked
    with pytest.raises(PersonalDataError, match="匿名化"):
        reveal(gone, cipher(), case_id="x", user="u", role=Role.HANDLER, purpose="p", log=[])


def test_apply_retention_on_cases():
    from zfxxgk.cases.model import ApplicantType, Case
    from zfxxgk.cases.retention import apply_retention, retention_days_from_settings

    sealed = cipher().seal(APPLICANT)
    old = Case("old", "机关", ApplicantType.NATURAL_PERSON, applicant=sealed, closed_on=date(2020, 5, 1))
    recent = Case("new", "机关", ApplicantType.NATURAL_PERSON, applicant=sealed, closed_on=date(2024, 5, 1))
    open_ = Case("open", "机关", ApplicantType.NATURAL_PERSON, applicant=sealed)
    days = retention_days_from_settings({"ZFXXGK_RETENTION_DAYS": "1095"})
    out, done = apply_retention([old, recent, open_], date(2025, 1, 1), days)
    assert done == ["old"]
    assert out[0].applicant.name == ANONYMISED_NAME and out[0].applicant_type is ApplicantType.NATURAL_PERSON
    assert out[1].applicant == sealed and out[2].applicant == sealed
    with pytest.raises(ValueError):
        retention_days_from_settings({"ZFXXGK_RETENTION_DAYS": "x"})
