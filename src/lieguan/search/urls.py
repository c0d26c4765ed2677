"""The search pages."""

from django.urls import path

from lieguan.search import views

app_name = "search"

urlpatterns = [
    path("", views.search_page, name="search"),
    path("related/conclusion/<int:conclusion_id>/", views.related_to_conclusion, name="related_conclusion"),
    path("related/case/<int:case_id>/", views.related_to_case, name="related_case"),
]
