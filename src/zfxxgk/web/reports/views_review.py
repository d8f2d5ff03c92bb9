"""Review without filing: 入库 of a batch's reports (all, or one), and reviewers'
verdicts on findings. Kept apart from views.py: these are the reviewer's actions
on top of the pages, each a POST that redirects back."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from ..common import needs
from ..params import whole
from . import bulkreview, querysets, services, verdicts, versioning


@needs("upload")
@require_POST
def report_file(request, pk: int):
    """入库 one report of a batch review; back to the batch it was filed from."""
    row = querysets.report_for(request.user, pk, change=True)
    services.file_report(row, request.user)
    messages.success(request, f"已入库：{row.title}")
    back = whole(request.POST.get("batch", ""))
    return redirect("reports:batch", back) if back is not None else redirect("reports:detail", pk)


@needs("upload")
@require_POST
def batch_file(request, pk: int):
    """入库 every report of a batch review that is not filed yet."""
    batch = querysets.batch_for(request.user, pk)
    n = services.file_reports(querysets.unfiled_in_batch(request.user, batch), request.user)
    messages.success(request, f"已入库 {n} 份报告")
    return redirect("reports:batch", pk)


@needs("publish")
@require_POST
def finding_verdict(request, pk: int, position: int):
    """A 审核员 confirms or dismisses a finding, with a comment."""
    row = querysets.report_for(request.user, pk, change=True)
    try:  # the page's version: positions are the findings of the report as it was shown
        verdicts.decide(row, position, request.POST.get("verdict", ""),
                        request.POST.get("comment", "")[:500], request.user,
                        if_match=versioning.from_form(request.POST))
    except services.ServiceError as e:  # stale page, the finding gone, an unknown verdict
        messages.error(request, e.message)
    return redirect(reverse("reports:detail", args=[pk]) + "#verdicts")


@needs("publish")
@require_POST
def bulk_review(request):
    """标记为已审核 on the report list: the rows ticked (each against the version its
    row showed), or every report without errors in the list's filter (the address's
    query, as the list read it) as it was when the list was shown."""
    comment, missing = request.POST.get("comment", "")[:500], 0
    if request.POST.get("scope") == "filter":
        result = bulkreview.review_filter(request.user, request.GET, whole(request.POST.get("listed")) or 0,
                                          comment)
    else:
        ids = {i for i in map(whole, request.POST.getlist("report")) if i is not None}
        if not ids:
            messages.error(request, "请先勾选要标记为已审核的报告")
            return _back_to_list(request)
        result, missing = bulkreview.review_ids(request.user, {i: request.POST.get(f"version-{i}", "")
                                                               for i in ids}, comment)
    text = bulkreview.summary(result, missing)
    if bulkreview.all_refused_by_scope(result, missing):  # as the one report's verdict: 403
        raise PermissionDenied(text)
    (messages.success if result["done"] else messages.warning)(request, text)
    return _back_to_list(request)


def _back_to_list(request):
    query = request.GET.urlencode()
    return redirect(reverse("reports:list") + (f"?{query}" if query else ""))
