from django.urls import path

from lieguan.workreports import views

app_name = "workreports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_create, name="create"),
    path("import/", views.report_import, name="import"),
    path("work-report.css", views.report_stylesheet, name="stylesheet"),
    path("<int:report_id>/", views.report_detail, name="report"),
    path("<int:report_id>/edit/", views.report_edit, name="edit"),
    path("<int:report_id>/autosave/", views.report_autosave, name="autosave"),
    path("<int:report_id>/transition/", views.report_transition, name="transition"),
    path("<int:report_id>/revisions/", views.report_revisions, name="revisions"),
    path("<int:report_id>/download/<str:fmt>/", views.report_download, name="download"),
]
