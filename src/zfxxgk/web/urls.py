from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from .accounts import password
from .api import api
from .audit import views as audit_views

handler400 = "zfxxgk.web.limits.bad_request"  # a form's fields too big: 413, as any body
urlpatterns = [
    path("", include("zfxxgk.web.reports.urls")),
    path("", include("zfxxgk.web.cases.urls_registers")),
    path("cases/", include("zfxxgk.web.cases.urls")),
    path("api/", api.urls),
    path("audit/", audit_views.log, name="audit"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", password.OwnPasswordView.as_view(), name="password_change"),
    path("accounts/password/done/", password.OwnPasswordDoneView.as_view(), name="password_change_done"),
    path("admin/", admin.site.urls),
]
