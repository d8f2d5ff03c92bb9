"""JSON twins of the register pages (mounted at /api/registers): the same
builders as the pages, the same permissions, store refusals as the API's one
error shape."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.http import HttpResponse
from ninja import File, Form, Router, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from ...cases.policy import CountingPolicy
from ..common import BodyIn, form_text, require
from ..reports.services import ServiceError
from ..reports.uploads import uploaded_bytes
from . import importing, store
from .calendar_entry import calendar_data, enter_year
from .compiling import compile_data, create_draft, policy_for
from .forms import litigation_from_form
from .models import LitigationRecord
from .querysets import litigation_for
from .registers_data import active_data, active_from_form, active_grid, litigation_row, registers_data
from .store import StoreError
from .importing import agency_named, import_data

router = Router(tags=["registers"])


@router.get("", summary="表四（复议、诉讼）登记和已登记表二的年度（可按 agency 筛选）")
def list_registers(request, agency: str | None = None) -> dict[str, Any]:
    require(request, "cases")
    return registers_data(store.scoped_agency(agency, request.user) if agency else None,
                          request.user)


class LitigationIn(BodyIn):
    agency: str
    number: str
    kind: str
    received_on: str
    outcome: str = "pending"
    concluded_on: str = ""
    cases: list[str] = []  # the numbers of the agency's applications it concerns
    case_ref: str = ""  # earlier: those numbers in one text
    note: str = ""


@router.post("/litigation", response={201: dict},
             summary="登记或修改一件行政复议、行政诉讼（按编号）；修改已有的登记须带请求头 If-Match"
                     "（GET 该登记所得的 ETag），缺少时答复 428，已被他人修改时答复 412、不保存")
def post_litigation(request, payload: LitigationIn, response: HttpResponse):
    """A new number is added as it is; an entry already there is changed only from
    the version named by `If-Match`: two clerks saving one entry each overwrote the
    other's outcome."""
    require(request, "registers")
    agency = store.scoped_agency(payload.agency, request.user, create=True)
    entry = litigation_from_form(payload.dict(), agency)
    version = (request.headers.get("If-Match") or "").strip()
    if not version:
        known = agency.pk and LitigationRecord.objects.filter(agency=agency, number=entry.id).first()
        if known:
            raise StoreError(f"编号{entry.id}已经登记；修改须在请求头 If-Match 中写明所依据的版本：先 GET "
                             f"{reverse('api:get_litigation', args=[known.pk])}，"
                             "把响应头 ETag 的值原样放入 If-Match；"
                             "登记在此期间被他人修改时答复 412，您的改动不会覆盖对方的改动", 428)
        version = store.NEW  # a number nobody had: one entered meanwhile is not overwritten
    row = store.save_litigation(entry, request.user, agency=agency, version=version)
    response["ETag"] = store.register_version(row)
    return Status(201, litigation_row(row))


@router.get("/litigation/{int:pk}", summary="一件行政复议、行政诉讼登记；响应头 ETag 是修改时 If-Match 所需的版本")
def get_litigation(request, pk: int, response: HttpResponse) -> dict[str, Any]:
    require(request, "cases")
    row = litigation_for(request.user, pk)
    response["ETag"] = store.register_version(row)
    return litigation_row(row)


@router.get("/active", summary="某机关某年度的表二数据（未填的格为 null）；响应头 ETag 是保存时 If-Match 所需的版本")
def get_active(request, agency: str, year: int, response: HttpResponse) -> dict[str, Any]:
    require(request, "cases")
    body = active_data(store.scoped_agency(agency, request.user), year)
    response["ETag"] = body["version"]
    return body


class ActiveIn(BodyIn):
    agency: str
    year: int
    cells: dict[str, dict[str, str | int | Decimal | None]]  # the body's numbers are Decimals


@router.put("/active", summary="保存某机关某年度的表二数据（cells: {行: {栏: 数}}，留空为 null）；"
                               "须带请求头 If-Match（GET 所得的 ETag），缺少时答复 428，已被他人修改时答复 412、不保存")
def put_active(request, payload: ActiveIn, response: HttpResponse) -> dict[str, Any]:
    """The whole table is replaced, so the version it was typed on is required:
    two people entering one agency's table 二 each overwrote the other's figures."""
    require(request, "registers")
    version = request.headers.get("If-Match")
    if not (version or "").strip():
        raise StoreError("保存表二须在请求头 If-Match 中写明所依据的版本：先 GET /api/registers/active"
                         "（agency、year 同此次保存），把响应头 ETag 的值原样放入 If-Match；"
                         "表二在此期间被他人修改时答复 412，您的改动不会覆盖对方的改动", 428)
    form = {f"cell:{r}.{c}": form_text(v) for r, cols in payload.cells.items() for c, v in cols.items()}
    agency = store.scoped_agency(payload.agency, request.user, create=True)
    codes = {f"cell:{r['code']}.{c}" for r in active_grid(payload.year, None)["rows"] for c in r["cells"]}
    unknown = sorted(set(form) - codes)
    if unknown:
        raise StoreError(f"表二没有这些格：{'、'.join(k[5:] for k in unknown)}")
    store.save_active(active_from_form(form, agency, payload.year), request.user, agency=agency,
                      version=version)
    body = active_data(agency, payload.year)
    response["ETag"] = body["version"]
    return body


@router.get("/calendar", summary="计算期限所用的工作日日历（各年依据和版本）")
def get_calendar(request) -> dict[str, Any]:
    require(request, "cases")
    return calendar_data()


class CalendarIn(BodyIn):
    text: str


@router.post("/calendar", response={201: dict},
             summary="录入一年的节假日安排（日历文件格式），并重新计算未办结申请的期限（管理员）")
def post_calendar(request, payload: CalendarIn):
    require(request, "calendar")
    row, changes = enter_year(payload.text, request.user)
    return Status(201, {"year": row.year, "version": row.version, **calendar_data(changes)})


@router.post("/imports", summary="导入台账（.xlsx）：dry_run 只预览；有一行出错则不导入任何申请")
def post_import(request, file: File[UploadedFile], agency: Form[str],
                mapping: Form[str] = "", header_line: Form[int | None] = None,
                sheet: Form[str] = "", default_channel: Form[str] = "",
                dry_run: Form[bool] = False) -> dict[str, Any]:
    require(request, "case_add")
    from ...cases.model import Channel

    data = uploaded_bytes(file)
    try:
        chosen = json.loads(mapping) if mapping.strip() else None
        if chosen is not None and not isinstance(chosen, dict):
            raise ValueError
        channel = Channel(default_channel) if default_channel else None
    except ValueError:
        raise ServiceError("mapping 须为 JSON 对象（字段 → 列序号，从0起），"
                           "default_channel 须为申请方式代码") from None
    target = agency_named(agency, create=False, user=request.user)
    p = importing.make_preview(data, target, sheet=sheet or None,
                               header_line=header_line, mapping=chosen,
                               default_channel=channel)
    if dry_run:
        return import_data(p, importing.plan(p, target)[0] if target.pk and p.ok else None)
    if not p.ok:
        raise HttpError(400, "台账有错误，未导入任何申请：" + "；".join((p.errors + p.row_errors)[:5]))
    done = importing.commit(p, agency_named(agency, create=True, user=request.user), request.user, file.name)
    return import_data(p, done=done)


@router.get("/imports", summary="台账导入可映射的字段和申请方式（导入用 POST）")
def get_imports(request) -> dict[str, Any]:
    require(request, "case_add")
    return import_data(None)


@router.get("/compile", summary="预览：由案件和登记编制的年度报告（zfxxgk.report/1）及统计口径；"
                                "不带 agency、year 时列出有案件的机关")
def get_compile(request, agency: str | None = None, year: int | None = None,
                unit: str = "application", no_litigation: bool = False) -> dict[str, Any]:
    require(request, "cases")
    if not agency or year is None:
        from .querysets import agencies_with_cases

        return {"agencies": list(agencies_with_cases(request.user).values_list("name", flat=True)),
                "policy_note": CountingPolicy().describe()}
    a = store.scoped_agency(agency, request.user)
    return compile_data(a, year, policy_for(unit), no_litigation)


@router.post("/compile", response={201: dict}, summary="编制为“录入”状态的报告草稿，进入审核发布流程")
def post_compile(request, agency: Form[str], year: Form[int], unit: Form[str] = "application",
                 no_litigation: Form[bool] = False):
    require(request, "cases", "upload")
    row, comp = create_draft(store.scoped_agency(agency, request.user), year, request.user, policy_for(unit),
                             no_litigation)
    return Status(201, {"report": row.pk, "url": reverse("reports:detail", args=[row.pk]), "status": row.status,
                        "policy_note": comp.policy_note})
