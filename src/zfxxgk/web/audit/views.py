"""The audit log page, for roles that may read it."""

from django.urls import reverse

from ..common import needs, page
from .data import audit_log


@needs("audit")
def log(request):
    return page(request, "audit/log.html", audit_log(user=request.user), reverse("api:audit_log"))
