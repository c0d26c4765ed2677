from django.urls import path

from lieguan.live import stream, views

app_name = "live"

urlpatterns = [
    path("sw.js", views.service_worker, name="service_worker"),
    path("<int:meeting_id>/", views.room, name="room"),
    path("<int:meeting_id>/projector/", views.projector, name="projector"),
    path("<int:meeting_id>/events", stream.events, name="events"),
    path("<int:meeting_id>/move/", views.move, name="move"),
    path("<int:meeting_id>/offline.json", views.offline_manifest, name="offline_manifest"),
    path("<int:meeting_id>/items/<int:item_id>/", views.item_panel, name="item_panel"),
    path("<int:meeting_id>/projector/items/<int:item_id>/", views.projector_panel, name="projector_panel"),
    path("<int:meeting_id>/items/<int:item_id>/note/", views.note, name="note"),
    path("materials/<int:material_id>/", views.material, name="material"),
]
