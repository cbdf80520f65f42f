from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from okr_tracker import views as okr_views
from reports import views as report_views

admin.site.site_header = _("BMA KPI Tracker: administration")
admin.site.site_title = _("BMA KPI Tracker")

urlpatterns = [
    path("", report_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("logout/everywhere/", okr_views.logout_everywhere, name="logout_everywhere"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("account/", include("accounts.urls")),
    path("healthz", okr_views.healthz, name="healthz"),
    path("indicators/", include("indicators.urls")),
    path("reports/", include("reports.urls")),
    path("api/v1/", include("indicators.api_urls")),
    path("admin/", admin.site.urls),
]

handler500 = "okr_tracker.views.server_error"
