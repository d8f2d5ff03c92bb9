"""Register pages: 行政复议、行政诉讼 (table 四) entries and the proactive-disclosure
figures (table 二) of an agency and year. Read with the cases permission, written
by 录入员 and 管理员 (the `registers` action)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from ...app.years import default_report_year
from ..accounts.roles import can
from ..reports.models import Agency
from .. import params
from ..common import needs, page
from ..reports.querysets import scoped_agencies
from ..reports.services import ServiceError
from . import store
from .forms import litigation_from_form
from .querysets import litigation_for, own_agency
from .registers_data import (KINDS, OUTCOMES, active_data, active_from_form, letter_settings_data,
                             letter_settings_from_form, litigation_row, registers_data)
from .store import StoreError


def _agency_param(request) -> Agency | None:
    name = (request.GET.get("agency") or "").strip()
    if not name:
        return None
    try:
        return store.scoped_agency(name, request.user)
    except ServiceError:
        return None


def _may_write(request) -> None:
    if not can(request.user, "registers"):
        raise PermissionDenied("只有录入员和管理员可以登记")


@needs("cases")
@require_http_methods(["GET", "POST"])
def register_list(request):
    """The table 四 entries (and a form to add one) and the table 二 years entered."""
    agency = _agency_param(request)
    error, values, status = None, {}, 200
    if request.method == "POST":
        _may_write(request)
        values = request.POST
        try:
            target = store.scoped_agency(request.POST.get("agency", ""), request.user, create=True)
            entry = litigation_from_form(request.POST, target)  # a new entry: never over one
            store.save_litigation(entry, request.user, agency=target, version=store.NEW)
            messages.success(request, f"已登记{entry.kind.label}{entry.id}")
            return redirect(f"{request.path}?{urlencode({'agency': target.name})}")
        except ServiceError as e:  # 403 for another agency's register, as the API
            error, status = e.message, e.status
    ctx = {"d": registers_data(agency, request.user), "error": error, "values": values,
           "agencies": scoped_agencies(request.user).values_list("name", flat=True),
           "own_agency": own_agency(request.user)}
    query = f"?{urlencode({'agency': agency.name})}" if agency else ""
    return page(request, "caseregs/registers.html", ctx, reverse("api:list_registers") + query,
                status=status)


@needs("cases")
@require_http_methods(["GET", "POST"])
def litigation_detail(request, pk: int):
    row = litigation_for(request.user, pk)
    error, status = None, 200
    if request.method == "POST":
        _may_write(request)
        try:
            post = request.POST.copy()
            post["number"] = row.number  # the number names the entry; change it by a new one
            store.save_litigation(litigation_from_form(post, row.agency), request.user,
                                  agency=row.agency, version=_form_version(request))
            messages.success(request, f"已保存{row.number}")
            return redirect("caseregs:litigation", pk)
        except ServiceError as e:  # 412: saved by someone else since the form was opened
            error, status = e.message, (e.status if e.status in (412, 428) else 400)
        row.refresh_from_db()  # a refusal shows what is stored now, with its version
    e = litigation_row(row)
    form = {**e, "cases": "、".join(c["number"] for c in e["cases"])}  # as the clerk types them
    return page(request, "caseregs/litigation.html",
                {"e": e, "form": form, "error": error, "kinds": KINDS, "outcomes": OUTCOMES},
                reverse("api:get_litigation", args=[pk]), status=status)


def _form_version(request) -> str:
    """The hidden version of a register form; a post without one (a page older
    than the field) is refused rather than taken for the stored version."""
    version = (request.POST.get("version") or "").strip()
    if not version:
        raise StoreError("页面缺少所依据的版本（可能是更新前打开的页面），没有保存；请刷新页面后重新操作", 428)
    return version


@needs("cases")
@require_http_methods(["GET", "POST"])
def active_figures(request):
    """Table 二 of one agency and year: a form in the year's template."""
    name = (request.GET.get("agency") or request.POST.get("agency") or "").strip()
    raw_year = (request.GET.get("year") or request.POST.get("year") or "").strip()
    year = params.year(raw_year)
    if not name or year is None:
        return page(request, "caseregs/active_pick.html",
                    {"agencies": scoped_agencies(request.user).values_list("name", flat=True),
                     "year": default_report_year(store.today()), "agency": name or own_agency(request.user)},
                    reverse("api:list_registers"), status=400 if request.method == "POST" else 200)
    error, status = None, 200
    if request.method == "POST":
        _may_write(request)
        try:
            agency = store.scoped_agency(name, request.user, create=True)
            store.save_active(active_from_form(request.POST, agency, year), request.user,
                              agency=agency, version=_form_version(request))
            messages.success(request, f"已保存{agency.name}{year}年表二数据")
            return redirect(f"{request.path}?{urlencode({'agency': agency.name, 'year': year})}")
        except ServiceError as e:  # 412: saved by someone else since; a cell not a number
            error, status = e.message, (e.status if e.status in (412, 428) else 400)
    try:
        agency = store.scoped_agency(name, request.user)
    except ServiceError as e:
        if e.status == 403:
            raise PermissionDenied(e.message) from None
        agency = Agency(key=name, name=name)
    d = active_data(agency, year)
    if error:  # show what was typed, not what is stored
        for r in d["rows"]:
            for col in r["cells"]:
                r["cells"][col] = request.POST.get(f"cell:{r['code']}.{col}", "")
    return page(request, "caseregs/active.html", {"d": d, "error": error},
                reverse("api:get_active") + f"?{urlencode({'agency': name, 'year': year})}",
                status=status)


@needs("cases")
@require_http_methods(["GET", "POST"])
def letter_settings(request):
    """An agency's letter settings: the short name and format of its letters' numbers,
    its 复议机关 and 人民法院 (were only in a file on the server: letters said 某某 and
    left the remedies blank)."""
    name = (request.GET.get("agency") or request.POST.get("agency") or own_agency(request.user)).strip()
    error, status, values = None, 200, None
    if request.method == "POST":
        _may_write(request)
        values = request.POST
        try:
            agency = store.scoped_agency(name, request.user)
            store.save_letter_settings(letter_settings_from_form(request.POST), request.user,
                                       agency=agency, version=_form_version(request))
            messages.success(request, f"已保存{agency.name}的文书设置")
            return redirect(f"{request.path}?{urlencode({'agency': agency.name})}")
        except ServiceError as e:
            error, status = e.message, (e.status if e.status in (403, 412, 428) else 400)
    agency = _agency_param(request) if request.method == "GET" else None
    if agency is None and name:
        try:
            agency = store.scoped_agency(name, request.user)
        except ServiceError as e:
            if e.status == 403:
                raise PermissionDenied(e.message) from None
    ctx = {"d": letter_settings_data(agency), "error": error, "values": values,
           "agencies": scoped_agencies(request.user).values_list("name", flat=True)}
    query = f"?{urlencode({'agency': agency.name})}" if agency else ""
    return page(request, "caseregs/letters.html", ctx, reverse("api:list_registers") + query,
                status=status)
