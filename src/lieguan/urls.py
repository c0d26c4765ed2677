from django.contrib import admin
from django.urls import include, path

from lieguan import views
from lieguan.core import views as core_views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon),
    path("accounts/", include("lieguan.core.account_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("meetings/", include("lieguan.meetings.urls")),
    path("cases/", include("lieguan.tracking.urls")),
    path("directory/", include("lieguan.organisations.urls")),
    path("", include("lieguan.api.urls")),
    path("reports/", include("lieguan.reports.urls")),
    path("notifications/", include("lieguan.notifications.urls")),
    path("kpis/", include("lieguan.kpis.urls")),
    path("indicators/", include("lieguan.indicators.urls")),
    path("work-reports/", include("lieguan.workreports.urls")),
    path("search/", include("lieguan.search.urls")),
    path("live/", include("lieguan.live.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "lieguan.core.views.bad_request"
handler403 = "lieguan.core.views.permission_denied"
handler404 = "lieguan.core.views.page_not_found"
handler500 = "lieguan.core.views.server_error"
