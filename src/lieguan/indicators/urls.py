from django.urls import path

from lieguan.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.register, name="register"),
    path("new", views.indicator_create, name="indicator_create"),
    path("<int:indicator_id>/", views.indicator_detail, name="indicator"),
    path("<int:indicator_id>/target", views.target, name="target"),
    path("agencies/<int:organisation_id>/", views.agency, name="agency"),
    path("agencies/<int:organisation_id>/enter", views.enter, name="enter"),
    path("import", views.import_values, name="import"),
    path("rules/", views.rules, name="rules"),
    path("rules/new", views.rule_form, name="rule_create"),
    path("rules/<int:rule_id>/edit", views.rule_form, name="rule_edit"),
    path("alerts/", views.alerts, name="alerts"),
    path("alerts/<int:alert_id>/track", views.alert_track, name="alert_track"),
    path("meetings/<int:meeting_id>/report", views.report_page, name="report"),
    path("meetings/<int:meeting_id>/report.<str:fmt>", views.report_download, name="report_download"),
    path("meetings/<int:meeting_id>/report/attach", views.report_attach, name="report_attach"),
]
