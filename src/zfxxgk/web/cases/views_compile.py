"""The compile page: pick an agency and a year, see what the registers give and
the counting policy, then make a draft report for review."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from ...app.years import RULE, default_report_year, unfinished_year_note
from ...cases.policy import CountingPolicy, CountingUnit
from .. import params
from ..common import needs, page
from . import store
from .querysets import agencies_with_cases, own_agency
from .compiling import compile_data, create_draft, policy_for, reports_of_year
from ..reports.services import ServiceError
from .store import StoreError


@needs("cases")
@require_http_methods(["GET", "POST"])
def compile_page(request):
    from django.core.exceptions import PermissionDenied

    from ..accounts.roles import can

    src = request.POST if request.method == "POST" else request.GET
    name = (src.get("agency") or "").strip()
    raw_year = (src.get("year") or "").strip()
    unit = src.get("unit") or CountingUnit.APPLICATION.value
    no_litigation = src.get("no_litigation") in ("1", "on", "true")
    today = store.today()
    ctx = {"agencies": agencies_with_cases(request.user).values_list("name", flat=True),
           "agency": name or own_agency(request.user), "year": raw_year or default_report_year(today),
           "year_rule": RULE, "c": None, "error": None, "unfinished": None,
           "unit": unit, "no_litigation": no_litigation, "units": [(u.value, CountingPolicy(u).describe()) for u in CountingUnit]}
    api_url = reverse("api:get_compile")
    status = 200
    if name or raw_year:
        try:
            if params.year(raw_year) is None:
                raise StoreError("请填写年度（如2025）")
            policy = policy_for(unit)
            agency = store.scoped_agency(name, request.user)
            year = params.year(raw_year)
            query = {"agency": agency.name, "year": year, "unit": unit}
            if no_litigation:
                query["no_litigation"] = "true"
            api_url += "?" + urlencode(query)
            if request.method == "POST":
                if not (can(request.user, "upload") and can(request.user, "cases")):
                    raise PermissionDenied("没有权限编制年度报告")
                row, comp = create_draft(agency, year, request.user, policy, no_litigation)
                messages.success(request, f"已编制{row.title}（录入状态），请核对后提交审核。{comp.policy_note}")
                return redirect("reports:detail", row.pk)
            ctx["c"] = compile_data(agency, year, policy, no_litigation)
            ctx["existing"] = reports_of_year(agency, year, request.user)
            ctx["unfinished"] = unfinished_year_note(year, today)
        except ServiceError as e:
            ctx["error"], status = e.message, e.status
    return page(request, "caseregs/compile.html", ctx, api_url, status=status)
