"""Pages of the registers side of the cases app: 台账 import, the working-day
calendar, the table 四 / 二 registers and the compile button (namespace
`caseregs`; the case pages themselves are `cases`)."""

from django.urls import path

from . import views_calendar, views_compile, views_import, views_registers

app_name = "caseregs"
urlpatterns = [
    path("cases/import", views_import.ledger_import, name="import"),
    path("calendar/", views_calendar.calendar_page, name="calendar"),
    path("registers/", views_registers.register_list, name="registers"),
    path("registers/litigation/<int:pk>", views_registers.litigation_detail, name="litigation"),
    path("registers/active", views_registers.active_figures, name="active"),
    path("compile", views_compile.compile_page, name="compile"),
    path("registers/letters", views_registers.letter_settings, name="letters"),
]
