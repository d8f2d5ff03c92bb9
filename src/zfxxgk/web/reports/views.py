"""HTML views for reports, batches, agencies and the dashboard.

Each view gets its facts from `data.py` (the function its API twin returns) and
sends `Link: <api url>; rel="alternate"; type="application/json"`. Writes go
through `services.py`, `editing.py` and `workflow.py`; views only translate between forms and those calls.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ...outputs import cells_csv
from ...standard.placeholders import placeholders_left
from ..accounts.roles import can
from ..accounts.rules import allowed
from ..common import DOWNLOADS, alternate, download, needs, page, query_string as _query
from ..params import whole
from . import (authoring, batchjobs, bodies, crops, data, diffing, editing, exports, presentation,
               querysets, services, tree, verdicts, versioning, workflow, years)
from .models import Agency, Batch, Report, Status

# --- reports -----------------------------------------------------------------------------

@needs("view")
def report_list(request):
    ctx = data.report_list(request.GET, per_page=data.PER_PAGE, user=request.user)
    ctx.update(params=request.GET, statuses=data.STATUS_FILTERS, query=_query(request),
               years=tree.report_years(request.user), select=can(request.user, "publish"),
               reviewed=list(data.REVIEWED.items()), reviewing=True,
               agencies=bodies.agency_options(request.user), levels=bodies.level_options(request.user))
    ctx["agency_shown"] = bodies.chosen_elsewhere(request.GET, ctx["agencies"], ctx["reports"])
    ctx["agency_chosen"] = whole(request.GET.get("agency"))  # the option selected
    return page(request, "reports/list.html", ctx, reverse("api:list_reports") + _query(request))


@needs("upload")
@require_http_methods(["GET", "POST"])
def report_new(request):
    error, status = None, 200
    if request.method == "POST":
        try:  # a zip, as `zfxxgk check a.zip`: every report in it (a batch)
            row = batchjobs.accept_upload(request.FILES.get("file"), request.user,
                                          request.POST.get("text", ""), "请选择文件，或粘贴报告全文")
            return redirect("reports:batch" if isinstance(row, Batch) else "reports:detail", row.pk)
        except services.ServiceError as e:  # 403 for another agency's report, as the API
            error, status = e.message, e.status
    return page(request, "reports/new.html", {"error": error}, reverse("api:list_reports"),
                status=status)


def _shown(row: Report, findings: list[dict]) -> list[dict]:
    """The findings as a page shows them, each with its reviewer's verdict."""
    return presentation.findings_for_page(findings, row.template or None, verdicts.verdicts_for(row),
                                          source=row.source_name)


def report_context(row: Report) -> dict:
    detail = data.report_detail(row)
    findings = detail["findings"]["findings"]
    lib = services.library_report(row)
    shown = _shown(row, findings)
    grids = presentation.grids(lib, findings)
    crops.attach(row, grids, shown)  # a scan: the picture of each flagged cell
    return {"r": detail, "row": row, "grids": grids,
            "findings": shown, "dismissed": sum(1 for f in shown if f["dismissed"]),
            "counts": presentation.counts(shown), "downloads": list(DOWNLOADS),
            "sections": lib.sections or {}, "text_parts": authoring.reading_parts(lib, grids)}


@needs("view")
def report_detail(request, pk: int):
    row = data.report_row(pk, request.user)
    may_change = allowed("zfxxgk.change_report", request.user, row)
    judge = can(request.user, "publish")
    return page(request, "reports/detail.html", {
        "r": data.report_summary(row), "row": row, "downloads": list(DOWNLOADS),
        "actions": workflow.actions(row, request.user) if may_change else [],
        "version": versioning.etag(row),  # the workflow and verdict forms' hidden field
        "may": {"edit": can(request.user, "edit") and may_change, "verdict": judge and may_change,
                "file": can(request.user, "upload") and may_change},
        "verdict_rows": (_shown(row, [f.to_dict() for f in row.findings.all()])  # now, not cached
                         if judge and may_change else []),
        "diff": diffing.for_page(row),
        # for the clerk who fixes it, and the reviewer who sent it back (whose page said
        # only 录入 once the flash was gone); a reader's page stays one query
        "returned": (workflow.return_reason(row) if may_change and (judge or can(request.user, "edit"))
                     else None),
        # said before publishing is refused, not only then; called in the template
        # only when its fragment is not cached (the page does not read `data`)
        "todo": lambda: placeholders_left(row.data.get("sections")) if row.status != Status.PUBLISHED else "",
        # publishing a report of a year not yet over: asked with the year said
        "year_open": row.year is not None and row.year >= timezone.localdate().year},
        reverse("api:get_report", args=[pk]))


@needs("view")
def report_download(request, pk: int, fmt: str):
    row = querysets.report_for(request.user, pk)
    if fmt not in DOWNLOADS:
        raise Http404("没有这种格式")
    if fmt == "json":
        from ...model import dumps

        body: bytes | str = dumps(row.data, indent=1)
    elif fmt == "csv":  # the long table `zfxxgk parse --format csv` writes: a cell a line
        body = cells_csv(services.library_report(row), source=row.title)
    else:
        from ...render import render as render_report
        from .rendered import rendered

        lib = services.library_report(row)
        if lib.published_on is None and row.status == Status.PUBLISHED and row.published_at:
            # the signature's date: a report compiled or typed here has none of its own,
            # and the published document ended with the agency's name alone
            lib.published_on = timezone.localdate(row.published_at)
        try:
            body = rendered(lib, fmt, render_report)
        except Exception as e:  # a format the renderer cannot make yet must not be a 500
            return HttpResponse(f"暂时无法生成 {fmt.upper()}：{type(e).__name__}",
                                status=503, content_type="text/plain; charset=utf-8")
    return download(body, fmt, f"{row.title or 'report'}-v{row.version}{DOWNLOADS[fmt][1]}",
                    attachment=fmt != "html")


@needs("view")
def report_crop(request, pk: int, code: str):
    """The picture of one cell of a scan (crops.py), for whoever may see the report:
    404 otherwise, as for the report. Private: no shared cache keeps it."""
    row = querysets.report_for(request.user, pk)
    body = crops.crop_png(row, code)
    if body is None:
        raise Http404("这个单元格没有原件截图")
    response = HttpResponse(body, content_type="image/png")
    response["ETag"] = crops.etag(row, code)
    response["Cache-Control"] = "private, max-age=3600"
    return get_conditional_response(request, etag=response["ETag"], response=response)  # or 304


@needs("edit")
@require_http_methods(["GET", "POST"])
def report_edit(request, pk: int):
    row = querysets.report_for(request.user, pk, change=True)
    if row.status != Status.DRAFT:
        return page(request, "reports/frozen.html", {"row": row}, reverse("api:get_report", args=[pk]), status=409)
    error, typed = None, None
    cells, sections = authoring.cell_values(request), authoring.section_values(request)
    if request.method == "POST" and request.POST.get("draft"):  # 插入草稿 without JavaScript
        ctx = report_context(row)
        try:
            ctx.update(authoring.typed_context(row, cells, sections, insert=request.POST["draft"]))
        except services.ServiceError as e:
            error, typed = e.message, sections
        except KeyError:
            error, typed = "没有这个部分", sections
        if error is None:  # the version the typing started from travels on
            ctx["version"] = request.POST.get("version", "")
            return page(request, "reports/edit.html", ctx, reverse("api:get_report", args=[pk]))
    elif request.method == "POST":
        try:
            changed, not_submitted = _save_then(request, row, cells, sections)
        except (versioning.VersionConflict, versioning.VersionRequired) as e:  # stale, or no version
            return _conflict_page(request, row, e.message, cells, sections, e.status)
        except services.ServiceError as e:
            error, typed = e.message, sections
        else:
            submitted = request.POST.get("then") == "submit" and not not_submitted
            messages.success(request, _saved_text(changed) + ("，已提交审核" if submitted else ""))
            if not_submitted:  # saved, but not submitted
                messages.error(request, not_submitted)
                return redirect("reports:edit", row.pk)
            return redirect("reports:detail", row.pk)
    return _edit_page(request, row, typed, error,
                      request.POST.get("version") if error else versioning.etag(row),
                      400 if error else 200)


def _save_then(request, row: Report, cells: dict[str, str],
               sections: dict[str, str]) -> tuple[list[str], str | None]:
    """保存, and for 保存并提交审核 the submit of the very version that save produced,
    in one transaction holding the report's lock: a separate submit after the save's
    commit, carrying no version, moved to 审核 whatever had happened in between (a
    reviewer's 退回修改 of a colleague's submit was overwritten unseen). Returns the
    changed cells and why the report, saved, was not submitted (None when it was)."""
    with transaction.atomic():
        changed = editing.save_cells(row, cells, request.user, sections=sections,
                                      if_match=versioning.from_form(request.POST))
        if request.POST.get("then") != "submit":
            return changed, None
        try:
            with transaction.atomic():  # a refused submit keeps the save
                workflow.transition(row, "submit", request.user, if_match=changed.version)
        except versioning.VersionConflict:
            return changed, "已保存，但报告在保存之后被他人改动（例如审核员退回），没有提交审核；请查看后再提交"
        except services.ServiceError as e:  # not ready for review
            return changed, e.message
    return changed, None


def _edit_page(request, row: Report, typed: dict[str, str] | None, error: str | None,
               version: str | None, status: int, **extra) -> HttpResponse:
    """The edit form over the stored report, with the parts as typed (they win)."""
    ctx = report_context(row)
    ctx.update(parts=authoring.parts_context(services.library_report(row), typed), error=error,
               version=version, **extra)
    return page(request, "reports/edit.html", ctx, reverse("api:get_report", args=[row.pk]),
                status=status)


def _conflict_page(request, row: Report, message: str, cells: dict[str, str],
                   sections: dict[str, str], status: int = 412) -> HttpResponse:
    """412: the form was opened on an older version. The page shows the current
    report (with the other person's changes), what they changed since, and which of
    the values typed here differ from it, so nothing is lost by retyping them."""
    row.refresh_from_db()
    conflict = {"theirs": versioning.changed_since(row, request.POST.get("version")),
                "mine": _typed_differences(row, cells)}
    return _edit_page(request, row, sections, message, versioning.etag(row), status, conflict=conflict)


def _typed_differences(row: Report, cells: dict[str, str]) -> list[dict[str, str]]:
    """Cells typed in the stale form whose value differs from the stored one."""
    from ...model import cell_text

    out = []
    for code, typed in cells.items():
        stored = cell_text(editing.row_cell(row.data, code))
        if typed.strip() != stored:
            out.append({"cell": code, "typed": typed.strip(), "stored": stored})
    return out


def _saved_text(changed: list[str]) -> str:
    parts = sum(1 for c in changed if c.startswith("section."))
    cells = len(changed) - parts
    said = "、".join(x for x in (f"{cells} 个单元格" if cells else "",
                                 f"{parts} 个部分的正文" if parts else "") if x)
    return f"已保存 {said}" if said else "没有改动"


@needs("edit")
@require_POST
def report_edit_check(request, pk: int):
    """htmx: the findings the report would have with the typed values (not saved)."""
    row = querysets.report_for(request.user, pk, change=True)
    try:
        found = [f.to_dict() for f in editing.preview_cells(row, authoring.cell_values(request),
                                                             authoring.section_values(request))]
        error = None
    except services.ServiceError as e:
        found, error = [], e.message
    ctx = {"findings": presentation.findings_for_page(found, row.template or None),
           "counts": presentation.counts(found), "error": error, "live": True,
           "flags": presentation.worst_by_cell(found)}
    return render(request, "reports/_findings.html", ctx)


DONE = {"submit": "已提交审核。", "return": "已退回修改：录入员在报告页上看到退回理由。",
        "publish": "已发布。更正须建立新版本。"}


@login_required
@require_POST
def report_transition(request, pk: int, action: str):
    row = querysets.report_for(request.user, pk, change=True)
    try:  # the version the page showed: a step on a report changed since is refused
        workflow.may_take(action, request.user)
        workflow.transition(row, action, request.user, if_match=versioning.from_form(request.POST),
                            reason=request.POST.get("reason", ""))
        messages.success(request, DONE[action])  # the page looked the same after each step
    except services.ServiceError as e:
        if e.status == 403:
            raise PermissionDenied(e.message)
        messages.error(request, e.message)
    return redirect("reports:detail", row.pk)


@needs("edit")
@require_POST
def report_new_version(request, pk: int):
    row = querysets.report_for(request.user, pk, change=True)
    try:
        copy = workflow.new_version(row, request.user)
    except services.ServiceError as e:
        messages.error(request, e.message)
        return redirect("reports:detail", row.pk)
    return redirect("reports:edit", copy.pk)


@needs("view")
def reports_export(request):
    return download(exports.reports_xlsx(data.filtered_reports(request.GET, request.user)), "xlsx",
                    "年度报告核查结果.xlsx")


# --- batches -----------------------------------------------------------------------------

@needs("upload")
@require_http_methods(["GET", "POST"])
def batch_new(request):
    error = None
    if request.method == "POST":
        try:
            uploads = request.FILES.getlist("files")
            if not uploads:
                raise services.ServiceError("请选择文件（可以多选，或上传一个 zip 压缩包）")
            batch = batchjobs.stage_uploads(uploads, request.user, request.POST.get("name", "").strip())
            return redirect("reports:batch", batch.pk)
        except services.ServiceError as e:
            error = e.message
    batches = data.batch_list(user=request.user)["batches"]
    for b in batches:
        b["created"] = parse_datetime(b["created_at"])
    return page(request, "reports/batch_new.html", {"error": error, "batches": batches},
                reverse("api:list_batches"), status=400 if error else 200)


@needs("view")
def batch_detail(request, pk: int):
    batch = querysets.batch_for(request.user, pk)
    ctx = data.batch_data(batch, request.GET, request.user, per_page=data.PER_PAGE)
    return page(request, "reports/batch.html",
                {"b": ctx, "p": _with_eta(ctx["progress"]), "params": request.GET,
                 "query": _query(request), "can_file": can(request.user, "upload")},
                reverse("api:get_batch", args=[pk]) + _query(request))


@needs("view")
def batch_progress(request, pk: int):
    """htmx: the progress box, polled while the worker runs; once the batch is
    finished the whole page is reloaded to show the final table. The heading's
    status badge comes along out of band: it said 排队 under a box saying 处理中."""
    batch = querysets.batch_for(request.user, pk)
    ctx = {"b": {"id": batch.pk, "rejected": data.batch_failures(batch)},
           "p": _with_eta(data.batch_progress(batch)), "poll": True}
    response = render(request, "reports/_batch_progress.html", ctx)
    if batch.finished and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    response["Link"] = alternate(reverse("api:get_batch", args=[pk]))
    return response


def _with_eta(progress: dict) -> dict:
    return {**progress, "eta_text": presentation.duration(progress["eta_seconds"])}


@needs("view")
def batch_export(request, pk: int):
    batch = querysets.batch_for(request.user, pk)
    return download(exports.reports_xlsx(data.batch_listed(batch, request.GET, request.user),
                                         unreadable=data.batch_failures(batch)), "xlsx",
                    f"{batch.name}.xlsx")


# --- agencies and dashboard ---------------------------------------------------------------

def _year(request, name: str) -> int | None:
    return whole(request.GET.get(name, ""))


@needs("view")
def agency_list(request):
    t = tree.agency_tree(request.user, _year(request, "year"))
    return page(request, "reports/agencies.html", {"t": t}, t["api_url"])


@needs("view")
@require_GET  # a page to read: a POST (with its token) was answered as a GET
def agency_detail(request, pk: int):
    agency = get_object_or_404(Agency, pk=pk)
    ctx = {"a": data.agency_data(agency, request.user), "levels": Agency.Level.choices}
    if can(request.user, "place"):
        ctx["parents"] = Agency.objects.exclude(pk=pk).only("id", "name")
    return page(request, "reports/agency.html", ctx, reverse("api:get_agency", args=[pk]))


@needs("place")
@require_POST
def agency_place(request, pk: int):
    """An administrator's correction of an agency's level and parent (or a return
    to what its name proves)."""
    from .placing import set_placement

    agency = get_object_or_404(Agency, pk=pk)
    parent_id = whole(request.POST.get("parent", ""))
    parent = get_object_or_404(Agency, pk=parent_id) if parent_id is not None else None
    try:
        set_placement(agency, request.POST.get("level", ""), parent, request.user,
                      automatic=request.POST.get("automatic") == "1")
        messages.success(request, "已保存机关的层级和上级")
    except services.ServiceError as e:
        messages.error(request, e.message)
    return redirect("reports:agency", pk)


@needs("view")
def agency_years(request, pk: int):
    agency = get_object_or_404(Agency, pk=pk)
    current, previous = _year(request, "current"), _year(request, "previous")
    api_url = reverse("api:agency_years", args=[pk]) + _query(request)
    try:
        ctx = {"y": years.year_comparison(request.user, agency, current, previous)}
    except services.ServiceError as e:
        return page(request, "reports/years.html", {"error": e.message, "agency": agency},
                    api_url, status=e.status)
    ctx["grids"] = presentation.year_grids(ctx["y"])
    ctx["findings"] = presentation.findings_for_page(ctx["y"]["findings"],
                                                     ctx["y"]["templates"]["current"])
    return page(request, "reports/years.html", ctx, ctx["y"]["api_url"])


@needs("view")
def dashboard(request):
    from .dashboard import dashboard_data

    ctx = dashboard_data(_year(request, "year"), request.user, request.GET.get("level"))
    return page(request, "reports/dashboard.html", {"d": ctx}, ctx["api_url"])


@needs("view")
def dashboard_cells(request):
    """Every cell of the reports the dashboard counts, as CSV (dashboard_cells.py)."""
    from .dashboard import level_of
    from .dashboard_cells import LEVELS, REFRESHING_HEADER, counted_cells_csv

    year, level = _year(request, "year"), level_of(request.GET.get("level"))
    scope = (f"{year}年度" if year else "全部年度") + (f"，{LEVELS[level]}" if level else "")
    text, refreshing = counted_cells_csv(year, request.user, level)
    response = download(text, "csv", f"统计的报告数据（{scope}）.csv")
    response[REFRESHING_HEADER] = str(refreshing)  # left out while their summaries are made again
    return response
