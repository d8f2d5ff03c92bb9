"""One user cannot take every thread of the server with expensive requests.

`zfxxgk serve` answers from a fixed pool of threads (8 by default). Reading an
uploaded report, checking a zip, compiling a year, importing a 台账 or writing an
export takes a thread for seconds, a long scanned PDF for minutes: a clerk who sent
twelve slow uploads at once held every thread, and a colleague's page waited behind
them. Each signed-in user may have COSTLY_PER_USER of the requests named in COSTLY
running at once, across all the processes of `zfxxgk serve --workers N` (a count
in each process let a user hold 3 × N); one more is answered 429 at once, in
Chinese, with Retry-After, and the threads stay free for everyone else.

The places are locks on files in the data folder (cache/costly/USER-PLACE), which
every process of the machine shares: a request takes a place by locking its file
without waiting (flock; on Windows, one process, msvcrt.locking), and gives it back
by closing it. The system drops the locks of a process that ends, however it ends
(a worker's kill -9, a crash): no place is left held, and nothing is written to the
database (rows written there made every export wait behind any write transaction)."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.urls import Resolver404, resolve

if os.name == "nt":
    import msvcrt
else:
    import fcntl

# URL names whose requests cost seconds or more, with the methods that do: reading
# a report (upload, URL), batches, 台账 imports, compiling, and the files written on
# demand (a page's GET is only its form). Not the edit page's checks as one types:
# they are quick, and come several at a time. django-ninja names a path of the API
# after its first operation: POST /api/reports (an upload) is "api:list_reports".
POST, GET = {"POST"}, {"GET", "HEAD"}
COSTLY = {
    "reports:new": POST, "reports:import_url": POST, "reports:batch_new": POST, "caseregs:import": POST,
    "reports:download": GET, "reports:export": GET, "reports:batch_export": GET, "cases:export": GET,
    "reports:dashboard_cells": GET, "caseregs:compile": GET | POST,
    "api:list_reports": POST, "api:upload_batch": POST, "api:post_import": POST, "api:get_compile": GET | POST,
}


class CostlyRequestLimit:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        name = _costly(request)
        if name is None or user is None or not user.is_authenticated:
            return self.get_response(request)
        place = take(user.pk)
        if place is None:
            return _busy(name.startswith("api:"))
        try:
            response = self.get_response(request)
        except BaseException:
            os.close(place)
            raise
        if response.streaming and not getattr(response, "is_async", False):
            # written while the server sends it: the place is held until then
            response.streaming_content = HeldWhileSent(response.streaming_content, place)
        else:
            os.close(place)
        return response


class HeldWhileSent:
    """A streamed response's content, holding the request's place until the server
    closes the response: when all is sent, or when the client went away (WSGI
    servers close the response either way; Django closes what its content's
    `close` is). Released at the end of the view, a user's exports written as
    they are sent took no place."""

    def __init__(self, content, place: int):
        self._content, self._place = iter(content), place

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._content)

    def close(self) -> None:
        if self._place is not None:
            os.close(self._place)
            self._place = None


def take(user_id: int) -> int | None:
    """A free place of the user's (an open, locked file: close it to give the place
    back), or None when all are held."""
    folder = Path(settings.DATA_DIR) / "cache" / "costly"
    folder.mkdir(parents=True, exist_ok=True)
    for place in range(settings.COSTLY_PER_USER):
        fd = os.open(folder / f"{user_id}-{place}", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if os.name == "nt":
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except OSError:  # held by another request
            os.close(fd)
    return None


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
