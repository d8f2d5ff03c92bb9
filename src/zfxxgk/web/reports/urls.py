from django.urls import path

from . import authoring, fetching, views, views_review

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("reports/new", views.report_new, name="new"),
    path("reports/review", views_review.bulk_review, name="bulk_review"),
    path("reports/import-url", fetching.report_import_url, name="import_url"),
    path("reports/export.xlsx", views.reports_export, name="export"),
    path("reports/<int:pk>", views.report_detail, name="detail"),
    path("reports/<int:pk>/download.<str:fmt>", views.report_download, name="download"),
    path("reports/<int:pk>/edit", views.report_edit, name="edit"),
    path("reports/<int:pk>/edit/check", views.report_edit_check, name="edit_check"),
    path("reports/<int:pk>/edit/parts/<str:key>/check", authoring.part_check, name="edit_part_check"),
    path("reports/<int:pk>/edit/parts/<str:key>/draft", authoring.part_draft, name="edit_part_draft"),
    path("reports/<int:pk>/crops/<str:code>.png", views.report_crop, name="crop"),
    path("reports/<int:pk>/file", views_review.report_file, name="file"),
    path("reports/<int:pk>/findings/<int:position>/verdict", views_review.finding_verdict,
         name="verdict"),
    path("reports/<int:pk>/<str:action>", views.report_transition, name="transition"),
    path("reports/<int:pk>/versions/new", views.report_new_version, name="new_version"),
    path("batches/new", views.batch_new, name="batch_new"),
    path("batches/<int:pk>", views.batch_detail, name="batch"),
    path("batches/<int:pk>/progress", views.batch_progress, name="batch_progress"),
    path("batches/<int:pk>/file", views_review.batch_file, name="batch_file"),
    path("batches/<int:pk>/export.xlsx", views.batch_export, name="batch_export"),
    path("agencies/", views.agency_list, name="agencies"),
    path("agencies/<int:pk>", views.agency_detail, name="agency"),
    path("agencies/<int:pk>/place", views.agency_place, name="agency_place"),
    path("agencies/<int:pk>/years", views.agency_years, name="agency_years"),
    path("dashboard", views.dashboard, name="dashboard"),
    path("dashboard/cells.csv", views.dashboard_cells, name="dashboard_cells"),
]
