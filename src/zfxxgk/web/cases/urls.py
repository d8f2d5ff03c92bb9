from django.urls import path

from ...cases.model import EventKind
from . import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("export.xlsx", views.case_export, name="export"),
    path("new", views.case_new, name="new"),
    path("new/preview", views.intake_preview, name="preview"),
    path("work", views.work_lists, name="work"),
    path("reminders", views.reminders, name="reminders"),
    path("<int:pk>", views.case_detail, name="detail"),
    path("<int:pk>/events/<str:kind>", views.case_event, name="event"),
    # the form of 延期答复 posts here: `case_event` with that kind
    path("<int:pk>/extension-request", views.case_event, {"kind": EventKind.EXTENDED.value},
         name="extension_request"),
    path("approvals", views.approvals, name="approvals"),
    path("approvals/<int:pk>/decide", views.approval_decide, name="approval_decide"),
    path("<int:pk>/reveal", views.case_reveal, name="reveal"),
    path("<int:pk>/letters/<str:kind>.docx", views.case_letter, name="letter"),
]
