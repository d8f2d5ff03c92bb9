"""The working-day calendar page: the years in use, and for administrators a
form to enter a new year (or correct one) from the State Council notice."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods

from ..accounts.roles import can
from ..common import needs, page
from .calendar_entry import calendar_data, enter_year
from .store import StoreError

API_URL = reverse_lazy("api:get_calendar")

EXAMPLE = """year = {year}
source = "国务院办公厅关于{year}年部分节假日安排的通知（国办发明电〔{prev}〕××号）"

[[festival]]
name = "元旦"
from = {year}-01-01
to = {year}-01-01
workdays = []

[[festival]]
name = "春节"
from = {year}-02-10
to = {year}-02-17
workdays = [{year}-02-08]
"""


@needs("cases")
@require_http_methods(["GET", "POST"])
def calendar_page(request):
    error, changes, entered, text = None, None, None, ""
    if request.method == "POST":
        if not can(request.user, "calendar"):
            raise PermissionDenied("只有管理员可以录入节假日安排")
        upload = request.FILES.get("file")
        text = request.POST.get("text", "")
        try:
            raw = upload.read() if upload is not None else text
            entered, changes = enter_year(raw, request.user)
        except StoreError as e:
            error = e.message
    ctx = calendar_data(changes)
    nxt = ctx["next_year"] or 2027
    return page(request, "caseregs/calendar.html",
                {"c": ctx, "error": error, "entered": entered,
                 "text": text if error else "",
                 "example": EXAMPLE.format(year=nxt, prev=nxt - 1)},
                API_URL, status=400 if error else 200)
