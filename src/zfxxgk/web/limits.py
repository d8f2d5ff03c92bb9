"""Request bodies bounded before they are read, whatever server runs the app.

Django bounds form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not uploaded files, and
a server may buffer a whole body to disk before Django sees it. This middleware
answers 413 from the Content-Length alone: at most REQUEST_MAX_BYTES for a
signed-in browser sending files (multipart/form-data: a batch, its files and zips
together), FORM_MAX_BYTES for any other body of a signed-in user (a JSON request,
a form: a report's cells and parts are tens of KB; a 49 MB JSON body was read
and parsed whole), ANONYMOUS_MAX_BYTES without a session (the login form needs a
few hundred bytes). A body without a length (chunked) is refused too: browsers and
the API clients send one. The fields of a multipart body are bounded by Django
(DATA_UPLOAD_MAX_MEMORY_SIZE = FORM_MAX_BYTES; its files do not count), whose
refusal `too_big` answers as this one (settings.handler400)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse

ANONYMOUS_MAX_BYTES = 64 * 1024


class RequestSizeLimit:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        if meta.get("HTTP_TRANSFER_ENCODING", "").lower() == "chunked":
            return HttpResponse("请求须注明长度（Content-Length）", status=411,
                                content_type="text/plain; charset=utf-8")
        try:
            length = int(meta.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = limit_for(request)
        if length > limit:
            return too_big(request, limit)
        return self.get_response(request)


def limit_for(request) -> int:
    """The body this request may send: files (multipart) up to the upload cap,
    anything else up to the form cap, less without a session."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return ANONYMOUS_MAX_BYTES
    if request.META.get("CONTENT_TYPE", "").lower().startswith("multipart/form-data"):
        return settings.REQUEST_MAX_BYTES
    return settings.FORM_MAX_BYTES


def too_big(request, limit: int):
    """413 in Chinese, in the API's one error shape for /api/."""
    size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
    message = f"请求太大：超过 {size}"
    if limit < settings.REQUEST_MAX_BYTES and limit != ANONYMOUS_MAX_BYTES:
        message += "（上传文件请用 multipart/form-data 表单）"
    if _is_api(request):
        return JsonResponse({"ok": False, "error": message, "status": 413}, status=413,
                            json_dumps_params={"ensure_ascii": False})
    return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")


def _is_api(request) -> bool:
    from django.urls import Resolver404, resolve

    try:
        return resolve(request.path_info).namespace == "api"
    except Resolver404:
        return False


def bad_request(request, exception=None):
    """Django's 400 handler: a form whose fields pass DATA_UPLOAD_MAX_MEMORY_SIZE
    (found only as the multipart body is read) is a 413 as any body too big."""
    if isinstance(exception, RequestDataTooBig):
        return too_big(request, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    from django.views.defaults import bad_request as django_400

    return django_400(request, exception)
