"""Deleting applicants' personal data after a configurable retention period.

Only what identifies the applicant goes; the case itself (type of applicant, dates,
outcome) stays, because the annual reports of past years must remain reproducible.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any, Iterable, Mapping

from .model import Case
from .personal import anonymise, retention_expired

RETENTION_SETTING = "ZFXXGK_RETENTION_DAYS"
DEFAULT_RETENTION_DAYS = 365 * 3


def retention_days_from_settings(settings: Mapping[str, Any]) -> int:
    raw = settings.get(RETENTION_SETTING, DEFAULT_RETENTION_DAYS)
    try:
        days = int(raw)
    except (TypeError, ValueError):
        raise ValueError(f"{RETENTION_SETTING}: 须为天数（整数）") from None
    if days < 1:
        raise ValueError(f"{RETENTION_SETTING}: 须大于0")
    return days


def apply_retention(cases: Iterable[Case], today: date,
                    retention_days: int = DEFAULT_RETENTION_DAYS) -> tuple[list[Case], list[str]]:
    """(all cases, anonymised where due; ids of the cases anonymised now)."""
    out, done = [], []
    for c in cases:
        sealed = c.applicant
        if (sealed is not None and sealed.anonymised_on is None
                and retention_expired(c.closed_on, today, retention_days)):
            c = dataclasses.replace(c, applicant=anonymise(sealed, today))
            done.append(c.id)
        out.append(c)
    return out, done
