"""The directory's pages, mounted at /directory/."""

from django.urls import path

from lieguan.organisations import views

app_name = "organisations"

urlpatterns = [
    path("stand-ins/", views.stand_ins, name="stand_ins"),
    path("stand-ins/<int:stand_in_id>/end/", views.stand_in_end, name="stand_in_end"),
    path("successions/", views.succession_new, name="succession_new"),
    path("successions/<int:succession_id>/", views.succession_detail, name="succession"),
    path("successions/<int:succession_id>/confirm/", views.succession_confirm, name="succession_confirm"),
    path("successions/<int:succession_id>/withdraw/", views.succession_withdraw, name="succession_withdraw"),
]
