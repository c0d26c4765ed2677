from django.urls import path

from lieguan.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:notification_id>/read", views.mark_read, name="mark_read"),
    path("<int:notification_id>/open", views.open_link, name="open"),
    path("read-all", views.mark_all_read, name="mark_all_read"),
    path("preferences/", views.preferences, name="preferences"),
]
