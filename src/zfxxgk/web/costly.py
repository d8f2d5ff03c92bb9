"""One user cannot take every thread of the server with expensive requests.

`zfxxgk serve` answers from a fixed pool of threads (8 by default). Reading an
uploaded report, checking a zip, compiling a year, importing a 台账 or writing an
export takes a thread for seconds, a long scanned PDF for minutes: a clerk who sent
twelve slow uploads at once held every thread, and a colleague's page waited behind
them. Each signed-in user may have COSTLY_PER_USER of the requests named in COSTLY
running at once (per server process); one more is answered 429 at once, in
Chinese, with Retry-After, and the threads stay free for everyone else."""

from __future__ import annotations

import threading
from collections import Counter

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.urls import Resolver404, resolve

# URL names whose requests cost seconds or more, with the methods that do: reading
# a report (upload, URL), batches, 台账 imports, compiling, and the files written on
# demand (a page's GET is only its form). Not the edit page's checks as one types:
# they are quick, and come several at a time. django-ninja names a path of the API
# after its first operation: POST /api/reports (an upload) is "api:list_reports".
POST, GET = {"POST"}, {"GET", "HEAD"}
COSTLY = {
    "reports:new": POST, "reports:import_url": POST, "reports:batch_new": POST, "caseregs:import": POST,
    "reports:download": GET, "reports:export": GET, "reports:batch_export": GET,
    "reports:dashboard_cells": GET, "caseregs:compile": GET | POST,
    "api:list_reports": POST, "api:upload_batch": POST, "api:post_import": POST, "api:get_compile": GET | POST,
}

_lock = threading.Lock()
_running: Counter[int] = Counter()


class CostlyRequestLimit:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        name = _costly(request)
        if name is None or user is None or not user.is_authenticated:
            return self.get_response(request)
        with _lock:
            if _running[user.pk] >= settings.COSTLY_PER_USER:
                return _busy(name.startswith("api:"))
            _running[user.pk] += 1
        try:
            return self.get_response(request)
        finally:
            with _lock:
                _running[user.pk] -= 1
                if not _running[user.pk]:
                    del _running[user.pk]


def _costly(request) -> str | None:
    """The request's URL name when it is one of COSTLY."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    name = f"{match.namespace}:{match.url_name}"
    return name if request.method in COSTLY.get(name, ()) else None


def _busy(api: bool):
    message = (f"您已有 {settings.COSTLY_PER_USER} 个上传、导出或编制正在处理，请等它们完成后再试"
               "（为免一个账号占满服务器，其他用户仍可正常使用）")
    if api:
        response = JsonResponse({"ok": False, "error": message, "status": 429}, status=429,
                                json_dumps_params={"ensure_ascii": False})
    else:
        response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = "10"
    return response
