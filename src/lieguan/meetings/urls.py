"""The meetings pages. Each part of the app keeps its routes in its own module."""

from django.urls import include, path

app_name = "meetings"

urlpatterns = [
    path("", include("lieguan.meetings.urls_schedule")),
    path("", include("lieguan.meetings.urls_minutes")),
    path("import/", include("lieguan.meetings.urls_import")),
]
