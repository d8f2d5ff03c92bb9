"""Request bodies bounded before they are read, whatever server runs the app.

Django bounds form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not uploaded files, and
a server may buffer a whole body to disk before Django sees it. This middleware
answers 413 from the Content-Length alone: at most REQUEST_MAX_BYTES for a
signed-in browser (a batch: its files and zips together), ANONYMOUS_MAX_BYTES
without a session (the login form needs a few hundred bytes). A body without a
length (chunked) is refused too: browsers and the API clients send one."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse

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
        signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES
        limit = settings.REQUEST_MAX_BYTES if signed_in else ANONYMOUS_MAX_BYTES
        if length > limit:
            size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
            return HttpResponse(f"请求太大：超过 {size}", status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
