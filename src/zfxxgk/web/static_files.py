"""Static files served by the application itself.

An office machine runs `zfxxgk serve` with nothing in front of it, so there is no
web server to hand out CSS and JavaScript; Django's own static view only works
with DEBUG. This view looks files up with the staticfiles finders (our vendored
htmx and ECharts, the admin's CSS) and lets browsers cache them for a day."""

import mimetypes
import posixpath

from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe


@require_safe
def serve(request, path: str):
    path = posixpath.normpath(path).lstrip("/")
    if path.startswith("..") or "\\" in path:
        raise Http404()
    found = finders.find(path)
    if not found:
        raise Http404()
    content_type, _ = mimetypes.guess_type(found)
    response = FileResponse(open(found, "rb"), content_type=content_type or "application/octet-stream")
    response["Cache-Control"] = "public, max-age=86400"
    return response
