from django.urls import path

from lieguan.kpis import views

app_name = "kpis"

urlpatterns = [
    path("", views.goal_list, name="list"),
    path("goals/new", views.goal_create, name="goal_create"),
    path("goals/<int:goal_id>/edit", views.goal_edit, name="goal_edit"),
    path("goals/<int:goal_id>/kpis/new", views.kpi_create, name="kpi_create"),
    path("<int:kpi_id>/", views.kpi_detail, name="kpi"),
    path("<int:kpi_id>/edit", views.kpi_edit, name="kpi_edit"),
    path("<int:kpi_id>/target", views.target_form, name="target"),
    path("<int:kpi_id>/actual", views.actual_form, name="actual"),
    path("<int:kpi_id>/compute", views.compute, name="compute"),
    path("actuals/<int:actual_id>/sentence", views.sentence_form, name="sentence"),
    path("evidence/<int:evidence_id>", views.evidence_download, name="evidence"),
]
