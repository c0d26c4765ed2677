"""Routes for importing minutes files (mounted at /meetings/import/); see urls.py."""

from django.urls import path

from lieguan.meetings.views import imports

urlpatterns = [
    path("", imports.import_start, name="import"),
    path("<int:batch_id>/", imports.import_batch, name="import_batch"),
    path("<int:batch_id>/step/", imports.import_step, name="import_step"),
    path("<int:batch_id>/import-ready/", imports.import_ready, name="import_ready"),
    path("file/<int:file_id>/", imports.import_file, name="import_file"),
]
