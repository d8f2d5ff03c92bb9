"""The 台账 import page: upload, column mapping with a preview, per-row errors,
then one all-or-nothing import. The page and `POST /api/registers/imports` build
their answer with `import_data`."""

from __future__ import annotations

from typing import Any

from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods

from ...cases.ledger import FIELDS
from ...cases.model import Channel
from ..reports.querysets import scoped_agencies
from ..reports.services import ServiceError
from ..reports.uploads import uploaded_bytes
from .importing import agency_named, import_data
from .querysets import own_agency
from ..common import needs, page
from ..params import whole
from . import importing
from .store import StoreError

API_URL = reverse_lazy("api:get_imports")


def options(post) -> dict[str, Any]:
    """The mapping form -> preview options (mapping None: detect it again)."""
    def number(key: str) -> int | None:
        return whole(post.get(key) or "")

    line, before = number("header_line"), number("prev_header_line")
    mapping = None
    if any(k.startswith("map:") for k in post) and line == before:
        mapping = {f.code: number(f"map:{f.code}") for f in FIELDS}
    channel = post.get("default_channel") or ""
    if channel and channel not in {c.value for c in Channel}:
        raise StoreError(f"没有这种申请方式：{channel}")
    return {"sheet": post.get("sheet") or None, "header_line": line, "mapping": mapping,
            "default_channel": Channel(channel) if channel else None}


@needs("case_add")
@require_http_methods(["GET", "POST"])
def ledger_import(request):
    ctx: dict[str, Any] = {"agencies": scoped_agencies(request.user).values_list("name", flat=True),
                           "agency": request.POST.get("agency", "").strip(), "error": None}
    if request.method == "GET":
        ctx["agency"] = own_agency(request.user)
    p, planned, done, status = None, None, None, 200
    if request.method == "POST":
        try:
            agency = agency_named(ctx["agency"], create=False, user=request.user)
            sha, name = _file(request)
            ctx.update(sha=sha, file_name=name)
            data = importing.kept_upload(sha)
            opts = options(request.POST) if request.POST.get("action") != "upload" else {}
            p = importing.make_preview(data, agency, **opts)
            if request.POST.get("action") == "import":
                agency = agency_named(ctx["agency"], create=True, user=request.user)
                done = importing.commit(p, agency, request.user, name)
                ctx["agency_id"] = agency.pk
                importing.drop_upload(sha)
            else:
                planned = importing.plan(p, agency)[0] if agency.pk and p.ok else None
        except ServiceError as e:  # StoreError, or the file past the size limit (413)
            ctx["error"], status = e.message, e.status
    ctx.update(p=p, planned=planned, done=done, data=import_data(p, planned, done))
    if p is not None:
        ctx["mapping_rows"] = [(f, p.mapping.get(f.code)) for f in FIELDS]
        ctx["row_errors"] = [r for r in p.rows if r.errors]
    return page(request, "caseregs/import.html", ctx, API_URL, status=status)


def _file(request) -> tuple[str, str]:
    if not request.POST.get("agency", "").strip():
        raise StoreError("请填写机关名称")
    upload = request.FILES.get("file")
    if upload is not None:
        return importing.keep_upload(uploaded_bytes(upload)), upload.name
    sha = request.POST.get("sha", "")
    if not sha:
        raise StoreError("请选择台账文件（.xlsx、.xls 或 .et）")
    return sha, request.POST.get("file_name", "台账.xlsx")
