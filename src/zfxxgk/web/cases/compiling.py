"""The compile button: a year's report from the registers, stored as a draft
(录入) report, which then goes through the reports app's 审核 → 发布 workflow like
an uploaded one. The counting policy sentence is kept with it (as its source
description and in the audit entry) so a reviewer knows how the figures were
counted."""

from __future__ import annotations

from typing import Any

from collections import Counter

from django.urls import reverse

from ...cases.compile import Compilation
from ...cases.model import ApplicantType, CaseStatus
from ...cases.policy import CountingPolicy
from ...check.labels import describe_row
from ...model import report_to_dict
from ..reports import services
from ..reports.models import Agency, Report
from . import store
from .models import CaseRecord


def compile_data(agency: Agency, year: int, policy: CountingPolicy,
                 no_litigation: bool = False) -> dict[str, Any]:
    """What the compile page shows before a draft is made (and the API returns)."""
    comp = store.compile(agency.key, year, policy, no_litigation=no_litigation)
    r = comp.report
    t3 = r.applications or {}
    lit = r.review_litigation or {}
    return {
        "agency": agency.name, "year": year, "template": r.template,
        "policy": comp.policy.unit.value, "policy_note": comp.policy_note,
        "cases_counted": comp.cases_counted,
        "applications": {k: t3.get(k, {}).get("total") for k in
                         ("received", "carried_in", "total", "carried_forward")},
        "review_litigation_blank": all(v is None for row in lit.values() for v in row.values()),
        "no_litigation": no_litigation,
        "active_blank": all(v is None for row in (r.active or {}).values() for v in row.values()),
        "report": report_to_dict(r),
        "rows": traced_rows(agency, comp),
        "not_received": not_received(agency),
    }


def not_received(agency: Agency) -> list[dict[str, Any]]:
    """The agency's registered applications that table 三 cannot count: never received
    (平常信函、网络、传真 not yet confirmed, or withdrawn before). The clerk's own count
    of the register is that many more than the preview's; the page says which."""
    rows = CaseRecord.objects.filter(agency=agency, received_on=None).order_by("number")[:50]
    return [{"number": r.number, "url": reverse("cases:detail", args=[r.pk]),
             "status": CaseStatus(r.status).label} for r in rows]


def traced_rows(agency: Agency, comp: Compilation) -> list[dict[str, Any]]:
    """Each non-empty row of table 三 with the cases counted in it, so that a clerk
    can go from a figure of the draft to its applications (and find the one entered
    wrongly). （七）总计 is left out: it is the outcome rows together."""
    records = {r.number: r for r in CaseRecord.objects.filter(
        agency=agency, number__in={n for ids in comp.cases_by_row.values() for n in ids})}
    rows = []
    for code, ids in comp.cases_by_row.items():
        if not ids or code == "total":
            continue
        cases = []
        for number, times in Counter(ids).items():  # by item: one case, several items
            rec = records.get(number)
            cases.append({"number": number, "times": times,
                          "url": reverse("cases:detail", args=[rec.pk]) if rec else None,
                          "applicant": ApplicantType(rec.applicant_type).label if rec else ""})
        rows.append({"code": code, "label": describe_row("applications", code, comp.report.template),
                     "count": len(ids), "cases": cases})
    return rows


def policy_for(unit: str) -> CountingPolicy:
    """The counting unit a form or an API call names (application or item)."""
    try:
        return CountingPolicy.resolve(unit)
    except ValueError:
        raise store.StoreError(f"没有这种统计口径：{unit}（application 或 item）") from None


def create_draft(agency: Agency, year: int, user, policy: CountingPolicy | None = None,
                 no_litigation: bool = False) -> tuple[Report, Compilation]:
    """Compile, check and store the year's report as a draft (stored in one transaction)."""
    from ..reports.querysets import require_agency

    require_agency(user, agency.pk, agency.name)
    comp = store.compile(agency.key, year, policy, no_litigation=no_litigation)
    lib = comp.report
    found = services.check_report(lib, agency)
    row = services.add_report(lib, found, user, "编制", f"：由案件和登记编制。{comp.policy_note}", agency=agency,
                              source_name=f"由依申请公开案件和登记编制。{comp.policy_note}"[:300])
    services.recheck_next_year(agency, year)  # as after an upload: next year's carry-over
    return row, comp


def reports_of_year(agency: Agency, year: int, user) -> list[Report]:
    """The agency's reports of that year the user may see: compiling again makes
    another draft beside them (a published one is corrected by a new version on its
    own page), which the compile page says before the button is pressed."""
    from ..reports.querysets import visible_reports

    return list(visible_reports(user).filter(agency=agency, year=year, filed=True).order_by("-pk"))
