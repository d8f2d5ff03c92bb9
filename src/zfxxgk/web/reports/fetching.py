"""“从网址导入”: one report read from a web address instead of an upload.

The address is fetched through `acquire.guard` (only http/https, every hop's
addresses public unless an administrator allows the host by name in
ZFXXGK_FETCH_ALLOWED_HOSTS; the upload size limit; the sandbox reads it as it
reads an upload). A portal page that only links to its report is followed to the
attachment that names one. The stored report keeps the address as `source_url`.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from ...acquire import links as L
from ...acquire.client import Policy, Response
from ...acquire.guard import AddressGuard, fetch_one
from ...acquire.names import file_name
from ...acquire.reading import read
from ..common import needs, page
from . import services


# Seconds one address (its retry and redirect hops included) may take: the page waits
# meanwhile and the request holds one of the server's few threads. The fetcher's own
# bounds are for a researcher's run (10 minutes a download, 15 an address): three
# slow portals held three threads for a quarter of an hour each.
MAX_SECONDS = 120


def _get(url: str) -> Response:
    policy = Policy(delay=0, retries=1, timeout=20, max_bytes=settings.MAX_UPLOAD_BYTES,
                    max_seconds=MAX_SECONDS, max_url_seconds=MAX_SECONDS)
    response = fetch_one(url, AddressGuard(settings.FETCH_ALLOWED_HOSTS), policy)
    if response.refused or response.error or response.status != 200 or response.body is None:
        reason = response.refused or response.error or f"服务器答复 {response.status}"
        raise services.ServiceError(f"无法导入 {url}：{reason}")
    return response


def import_from_url(url: str, user):
    """Fetch, read, check and store the report at `url` (or its page's attachment)."""
    response = _get(url)
    attachment = _report_attachment(response)
    return _store(_get(attachment) if attachment else response, user)


def _report_attachment(response: Response) -> str | None:
    """A portal page that does not hold a report itself: its attachment naming one
    (or its only document attachment)."""
    body = response.body or b""
    if not (response.header("content-type") or "").startswith("text/html") or read(body, "page").is_report:
        return None
    found = L.extract(body, response.final_url)
    files = [a for a in found.items + found.attachments if a.file and L.suffix_of(a.url) in L.DOC_SUFFIXES]
    named = [a for a in files if L.names_a_report(a.text)]
    return (named or files)[0].url if (named or len(files) == 1) else None


def _store(response: Response, user):
    name = file_name(response.final_url, response.header("content-disposition"),
                     response.header("content-type"))
    lib, found, pages = services.read_and_check(response.body or b"", name)
    lib.source_url = response.final_url
    return services.store_report(lib, found, response.body or b"", name, user, pages=pages)


@needs("upload")
@require_POST
def report_import_url(request):
    url = request.POST.get("url", "").strip()
    try:
        if not url:
            raise services.ServiceError("请填写报告的网址")
        row = import_from_url(url, request.user)
        return redirect("reports:detail", row.pk)
    except services.ServiceError as e:
        return page(request, "reports/new.html", {"error": e.message, "url": url},
                    reverse("api:list_reports"),
                    status=e.status)
