from django.urls import path, re_path

from lieguan.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.statistics_page, name="statistics"),
    re_path(r"^statistics\.(?P<fmt>[a-z]+)$", views.statistics_download, name="statistics_download"),
    path("agencies/", views.agencies_page, name="agencies"),
    re_path(r"^agencies\.(?P<fmt>[a-z]+)$", views.agencies_download, name="agencies_download"),
    path("notifications/", views.inbox, name="inbox"),
]
