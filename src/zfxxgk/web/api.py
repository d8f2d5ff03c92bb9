"""The JSON API (django-ninja): OpenAPI at /api/openapi.json, docs at /api/docs.

Every endpoint returns what `reports/data.py` builds, the same data the HTML page
of that resource shows. Login is the session's (the browser's cookie and CSRF
token); a missing login is 401, a missing permission 403, a refused change 409,
a change made from a stale version 412 (without its version 428), a bad upload
400 or 413, all in one error shape: {"ok": false, "error", "status"}.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import orjson
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.http import Http404, HttpResponse
from ninja import File, Form, NinjaAPI, Query, Router, Schema, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.files import UploadedFile
from ninja.parser import Parser
from ninja.renderers import BaseRenderer
from ninja.responses import NinjaJSONEncoder
from ninja.security import SessionAuth
from pydantic import field_validator

from ..model import json_data
from .common import BodyIn, form_text, require
from .cases.api import router as cases_router
from .cases.api_registers import router as registers_router
from .audit import data as audit_data
from .reports import (authoring, batchjobs, bulkreview, data, editing, querysets, services, tree,
                      verdicts, versioning, workflow, years)
from .reports.models import Agency, Batch


class Session(SessionAuth):
    """Django's session login; CSRF is enforced for writes (cookie auth)."""


class Renderer(BaseRenderer):
    """ninja's JSON, encoded by orjson (a report is ~25 KB of JSON: the standard
    encoder took longer than the rest of the request). A Decimal (a report's money)
    is the number as written; dates and what orjson does not know go to ninja's own
    encoder, so the output is the same."""

    media_type = "application/json"

    def render(self, request, data, *, response_status):
        return orjson.dumps(data, default=_json_default,
                            option=orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS)


def _json_default(o: Any) -> Any:
    if isinstance(o, Decimal):  # ninja's encoder writes it as a string
        return orjson.Fragment(format(o, "f"))
    return NinjaJSONEncoder().default(o)


class JsonBody(Parser):
    """Request bodies read as report files are (model.json_data): a lone UTF-16
    surrogate got past json.loads into a stored text and failed the response with a
    500; a too deep or too long body is refused with its reason (`_http_error`).
    Every body the API takes is an object: any other JSON is refused, not read as
    an empty change. A number with a point is a Decimal (`_as_written`)."""

    def parse_body(self, request):
        data = json_data(request.body, parse_float=_as_written)
        if not isinstance(data, dict):  # ninja took `[]`, `null` or `1` for an empty object: 200
            raise NotAnObject(f"请求内容应为 JSON 对象（{{…}}），不是{_JSON_KINDS.get(type(data), '单个值')}")
        return data


def _as_written(literal: str) -> Decimal | str:
    """A JSON number with a point keeps its digits (Decimal); one with an exponent
    stays the text it was, refused as a cell's `1e3` is. A float made `8235.4200`
    8235.42 and `1e1` a count of 10.0: money lost digits, an exponent passed."""
    return literal if "e" in literal or "E" in literal else Decimal(literal)


class NotAnObject(ValueError):
    """A body that is JSON, but not the object every endpoint takes."""


_JSON_KINDS = {list: "数组", type(None): " null", str: "字符串", int: "数字", Decimal: "数字"}


# The docs page and the OpenAPI document too are for signed-in users (login page
# first): they list every route, parameter and role name of the installation.
api = NinjaAPI(title="zfxxgk API", version="1", auth=Session(),
               description="政府信息公开工作年度报告：上传、核查、修改、审核发布（需要登录）。",
               urls_namespace="api", renderer=Renderer(), parser=JsonBody(),
               docs_decorator=login_required)


def _error(request, status: int, message: str):
    return api.create_response(request, {"ok": False, "error": message, "status": status},
                               status=status)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return _error(request, 401, "需要登录")


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    """Request data that does not fit the endpoint: the one error shape too, with a
    Chinese sentence naming the fields, and the details for programs. An empty
    body is no JSON object, as `[]` is not (it was "缺少payload", ninja's name)."""
    if any(e.get("type") == "missing" and tuple(e["loc"]) == ("body", "payload") for e in exc.errors):
        return _error(request, 400, "请求内容为空：应为 JSON 对象（{…}）；不作修改时为 {}")
    said = {"missing": "缺少{}", "extra_forbidden": "没有{}这一项", "": "{}的格式不对"}
    fields: dict[str, list[str]] = {kind: [] for kind in said}
    for e in exc.errors:
        named = fields.get(e.get("type"), fields[""])
        name = _field_name(e["loc"])
        if name not in named:  # a union's members each refuse the one value
            named.append(name)
    parts = [said[kind].format("、".join(names)) for kind, names in fields.items() if names]
    body = {"ok": False, "error": "请求数据有误：" + "；".join(parts or ["无法读取"]), "status": 422,
            "details": [{"field": ".".join(map(str, e.get("loc", ()))), "message": e.get("msg", "")}
                        for e in exc.errors]}
    return api.create_response(request, body, status=422)


# The names pydantic gives a union's members in an error's place: no field of a body.
_UNION_MEMBERS = {"str", "int", "float", "decimal", "bool", "none", "list", "dict"}


def _field_name(loc: tuple) -> str:
    """The field an error is about: a cell refused by `str | int | Decimal` was
    named "str、int、decimal" instead of its code."""
    names = [str(x) for x in loc]
    while len(names) > 1 and names[-1] in _UNION_MEMBERS:
        names.pop()
    return names[-1] if names else ""


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, 404, "找不到")


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    """ninja's own refusals in English are given in Chinese: a body that is no JSON
    ("Cannot parse request body") with the reason json_data gave."""
    if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        why = exc.__cause__
        if isinstance(why, NotAnObject):
            return _error(request, 400, str(why))
        reason = f"：{why}" if isinstance(why, ValueError) and not str(why).isascii() else ""
        return _error(request, 400, f"请求内容不是有效的 JSON{reason}")
    return _error(request, exc.status_code, str(exc))


@api.exception_handler(services.ServiceError)
def _refused(request, exc: services.ServiceError):
    return _error(request, exc.status, exc.message)


# --- reports ------------------------------------------------------------------------------

reports = Router(tags=["reports"])


class ListFilters(Schema):
    """The report list's filters (the page's form fields), for GET /api/reports and
    for POST /api/reports/review with all_without_errors."""

    year: int | None = None
    status: str | None = None  # draft, review, published, or returned (已退回修改)
    agency: int | None = None
    subtree: bool = False  # with agency: its subordinate bodies too (those in the user's scope)
    level: str | None = None  # province, city, county, township, department (the user's agencies)
    batch: int | None = None
    q: str | None = None
    problems: str | None = None  # errors: only reports with errors
    reviewed: str | None = None  # open | done
    sort: str | None = None

    def params(self) -> dict[str, Any]:
        return {k: v for k, v in self.model_dump().items() if v is not None and v is not False}


@reports.get("", summary="报告列表（可按 year、status（draft、review、published，"
                       "或 returned：已退回修改）、agency（机关编号；subtree=true 含下属机关）、"
                       "level（层级：county 区县、township 乡镇街道、department 部门等；与 subtree 一样只在"
                       "本人负责的机关中选）、batch、q、problems=errors（只看有错误的）、"
                       "reviewed（open：有尚无审核结论的问题，done：问题均已审核）筛选，"
                       "sort 排序；每页 500 份，page 翻页）")
def list_reports(request, filters: Query[ListFilters], page: int | None = None) -> dict[str, Any]:
    require(request, "view")
    return data.report_list({**filters.params(), "page": page}, user=request.user)


class Shown(BodyIn):
    id: int
    version: str  # the report's etag as the list (or GET /api/reports/N) gave it


class BulkReviewIn(BodyIn):
    reports: list[Shown] = []
    all_without_errors: bool = False  # every report without errors the query's filters find
    listed: int | None = None  # with all_without_errors: `listed` of the GET /api/reports answer
    comment: str = ""


@reports.post("/review", summary="批量标记为已审核：所列报告（reports：id 与列表所得的 version），"
                                 "或 all_without_errors=true 时按查询参数（与报告列表相同）筛选出的所有无错误的报告"
                                 "（须带列表答复中的 listed：其后修改过的报告跳过）；尚无审核结论的警告和提示逐项确认，"
                                 "有错误的报告跳过；答复标记数和跳过的原因，全部不在本人负责范围内时答复 403")
def bulk_review(request, payload: BulkReviewIn, filters: Query[ListFilters]) -> dict[str, Any]:
    """The list page's 标记为已审核 (bulkreview.py: verdicts.confirm_open per report,
    each against its version, in its own transaction)."""
    require(request, "publish")
    comment, missing = payload.comment[:500], 0
    if payload.all_without_errors:
        if payload.reports or payload.listed is None:
            raise services.ServiceError("all_without_errors 须带 listed（GET /api/reports 答复中的 listed），"
                                        "且不与 reports 同用")
        result = bulkreview.review_filter(request.user, filters.params(), payload.listed, comment)
    elif payload.reports:
        result, missing = bulkreview.review_ids(request.user, {r.id: r.version for r in payload.reports},
                                                comment)
    else:
        raise services.ServiceError("请列出要标记为已审核的报告（reports），或用 all_without_errors")
    if bulkreview.all_refused_by_scope(result, missing):  # as the one report's verdict
        raise services.ServiceError(bulkreview.summary(result, missing), 403)
    return bulkreview.answer(result, missing)


class BatchQueued(Schema):
    # the docstring is the OpenAPI document's description, read by people: Chinese
    """上传的 zip 压缩包已作为批量核查排队：批次编号、状态、页面地址 url 和 API 地址 api_url
    （批次的报告和无法读取的文件见 GET api_url，与 POST /api/batches 的回答相同）。"""

    id: int
    name: str
    status: str
    status_label: str
    url: str  # the batch's page
    api_url: str  # GET: progress, reports, refused files
    progress: dict[str, Any]
    totals: dict[str, int]


@reports.post("", response={201: dict, 202: BatchQueued},
              summary="上传一份报告（文件 file，或文本 text），返回报告和核查结果；"
                      "zip 压缩包作为批量核查排队，返回 202 和批次（id、url、api_url）")
def upload_report(request, response: HttpResponse, file: File[UploadedFile] = None,
                  text: Form[str] = ""):
    """Files are read by content, as the upload page reads them (one function,
    batchjobs.accept_upload): a zip starts a batch of the reports in it, as
    `zfxxgk check a.zip` checks each, and is answered 202 with the batch."""
    require(request, "upload")
    row = batchjobs.accept_upload(file, request.user, text, "请上传文件（file）或提供报告全文（text）")
    if isinstance(row, Batch):
        body = data.batch_data(row, None, request.user)
        response["Location"] = body["api_url"]
        return Status(202, body)
    return Status(201, data.report_detail(row))


@reports.get("/{int:pk}", summary="一份报告：zfxxgk.report/1 数据和核查结果")
def get_report(request, pk: int, response: HttpResponse) -> dict[str, Any]:
    require(request, "view")
    row = data.report_row(pk, request.user)
    response["ETag"] = versioning.etag(row)
    return data.report_detail(row)


@reports.get("/{int:pk}/findings", summary="一份报告的核查结果（zfxxgk.findings/1）")
def get_findings(request, pk: int) -> dict[str, Any]:
    require(request, "view")
    return data.findings_document(querysets.report_for(request.user, pk))


class CellsIn(BodyIn):
    cells: dict[str, str | int | Decimal | None] = {}  # Decimal: as written, never a float
    sections: dict[str, str] | None = None  # parts "1".."6"; an empty text removes the part

    @field_validator("cells", mode="before")
    @classmethod
    def _no_flags(cls, value: Any) -> Any:
        """`true` is no count: the union's lax int made it 1 (and `false` a typed 0)."""
        if isinstance(value, dict) and any(isinstance(v, bool) for v in value.values()):
            raise ValueError("单元格的值应为数字、文字或 null，不是 true/false")
        return value


def _texts(payload: CellsIn) -> dict[str, str]:
    return {k: form_text(v) for k, v in payload.cells.items()}


@reports.patch("/{int:pk}/cells", summary="修改单元格（录入状态的报告），重新核查；须带请求头 If-Match（GET 报告所得的 ETag），缺少时答复 428，报告已被他人修改时答复 412、不保存")
def patch_cells(request, pk: int, payload: CellsIn, response: HttpResponse) -> dict[str, Any]:
    """`If-Match` (the ETag of GET /api/reports/N) is required (428 without it): a
    report changed since is refused with 412 and nothing stored."""
    require(request, "edit")
    row = querysets.report_for(request.user, pk, change=True)
    editing.save_cells(row, _texts(payload), request.user, sections=payload.sections,
                        if_match=versioning.required(request.headers.get("If-Match"), row))
    row.refresh_from_db()
    response["ETag"] = versioning.etag(row)
    return data.report_detail(row)


@reports.post("/{int:pk}/check-cells", summary="试算：填入这些数字后的核查结果（不保存）")
def check_cells(request, pk: int, payload: CellsIn) -> dict[str, Any]:
    require(request, "edit")
    row = querysets.report_for(request.user, pk, change=True)
    return {"findings": [f.to_dict() for f in editing.preview_cells(row, _texts(payload),
                                                                             payload.sections)]}


@reports.get("/{int:pk}/narrative", summary="正文六个部分：应引用的数字、核对结果和按表格生成的草稿")
def get_narrative(request, pk: int) -> dict[str, Any]:
    require(request, "view")
    return authoring.narrative_data(services.library_report(querysets.report_for(request.user, pk)))


@reports.post("/{int:pk}/file", summary="入库：把批量核查中的一份报告收入本单位的报告列表")
def file_report(request, pk: int) -> dict[str, Any]:
    require(request, "upload")
    return data.report_detail(services.file_report(querysets.report_for(request.user, pk, change=True),
                                                   request.user))


class VerdictIn(BodyIn):
    verdict: str = ""  # confirmed | dismissed | "" (withdraw)
    comment: str = ""


@reports.post("/{int:pk}/findings/{int:position}/verdict",
              summary="审核结论：确认（confirmed）或排除（dismissed）一项问题并写明意见；空值撤销；"
                      "须带请求头 If-Match（GET 报告所得的 ETag），缺少时答复 428，报告已被他人修改时答复 412、不保存")
def finding_verdict(request, pk: int, position: int, payload: VerdictIn,
                    response: HttpResponse) -> dict[str, Any]:
    """Positions are those of the report's version named by `If-Match`: a verdict
    sent on an older one (another verdict since, a re-check) is refused with 412."""
    require(request, "publish")
    row = querysets.report_for(request.user, pk, change=True)
    verdicts.decide(row, position, payload.verdict, payload.comment[:500], request.user,
                    if_match=versioning.required(request.headers.get("If-Match"), row))
    row = data.report_row(pk)
    response["ETag"] = versioning.etag(row)
    return data.report_detail(row)


@reports.post("/{int:pk}/{action}", summary="流程操作：submit（提交审核）、return（退回）、publish（发布）；"
              "须带请求头 If-Match（GET 报告所得的 ETag），缺少时答复 428，报告已被他人修改时答复 412")
def transition(request, pk: int, action: str, response: HttpResponse) -> dict[str, Any]:
    """A step taken on a report changed since the caller read it (a reviewer
    publishing figures a clerk edited a moment before) is refused with 412."""
    require(request, "view")
    row = querysets.report_for(request.user, pk, change=True)
    workflow.may_take(action, request.user)
    row = workflow.transition(row, action, request.user,
                              if_match=versioning.required(request.headers.get("If-Match"), row))
    response["ETag"] = versioning.etag(row)
    return data.report_detail(row)


# --- batches, agencies, dashboard ----------------------------------------------------------

batches = Router(tags=["batches"])


@batches.post("", response={202: dict},
              summary="批量上传（多个文件 files，或 zip 压缩包）：立即返回排队的批次，后台逐个核查")
def upload_batch(request, files: File[list[UploadedFile]], name: Form[str] = ""):
    require(request, "upload")
    return Status(202, data.batch_data(batchjobs.stage_uploads(files, request.user, name)))


@batches.post("/{int:pk}/file", summary="入库：把批次中尚未入库的报告（用户所属范围内的）全部收入报告列表")
def file_batch(request, pk: int) -> dict[str, Any]:
    require(request, "upload")
    batch = querysets.batch_for(request.user, pk)
    services.file_reports(querysets.unfiled_in_batch(request.user, batch), request.user)
    return data.batch_data(batch, None, request.user)


@batches.get("", summary="最近的批次及其处理进度")
def list_batches(request) -> dict[str, Any]:
    require(request, "view")
    return data.batch_list(user=request.user)


@batches.get("/{int:pk}", summary="一个批次：处理进度、报告表（错误、警告数，可按 q、problems、sort 筛选排序）和无法读取的文件")
def get_batch(request, pk: int, q: str | None = None, problems: str | None = None,
              sort: str | None = None) -> dict[str, Any]:
    require(request, "view")
    params = {"q": q, "problems": problems, "sort": sort}
    return data.batch_data(querysets.batch_for(request.user, pk), params, request.user)


agencies = Router(tags=["agencies"])


@agencies.get("", summary="机关树：各机关最近几个年度的报告（状态、错误和警告数），各层未报送 year 年度报告的机关")
def list_agencies(request, year: int | None = None) -> dict[str, Any]:
    require(request, "view")
    return tree.agency_tree(request.user, year)


@agencies.get("/{int:pk}/years", summary="逐年对比：两个年度的三张表逐格对比（上年、本年、变化）和跨年度核查结果")
def agency_years(request, pk: int, current: int | None = None,
                 previous: int | None = None) -> dict[str, Any]:
    require(request, "view")
    return years.year_comparison(request.user, get_object_or_404(Agency, pk=pk), current, previous)


@agencies.get("/{int:pk}", summary="一个机关及其各年度报告")
def get_agency(request, pk: int) -> dict[str, Any]:
    require(request, "view")
    return data.agency_data(get_object_or_404(Agency, pk=pk), request.user)


@api.get("/dashboard", tags=["dashboard"], summary="统计：申请办理结果、申请人类型、问题规则、年度趋势")
def dashboard(request, year: int | None = None, level: str | None = None) -> dict[str, Any]:
    """`level`: province, city, county, township or department (the agency tree's)."""
    require(request, "view")
    from .reports.dashboard import dashboard_data

    return dashboard_data(year, request.user, level)


@api.get("/audit", tags=["audit"], summary="操作记录（谁、何时、改了什么、改前改后）")
def audit_log(request, object_type: str | None = None, object_id: str | None = None) -> dict[str, Any]:
    require(request, "audit")
    return audit_data.audit_log(object_type=object_type, object_id=object_id, user=request.user)


api.add_router("/reports", reports)
api.add_router("/batches", batches)
api.add_router("/agencies", agencies)
api.add_router("/cases", cases_router)
api.add_router("/registers", registers_router)
