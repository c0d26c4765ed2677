"""Routes for series, meetings, agenda, attendance, materials and the notice."""

from django.urls import path

from lieguan.meetings.views import agenda, attendance, confidential, materials, meeting, notice, series

urlpatterns = [
    path("", series.series_list, name="series_list"),
    path("series/new/", series.series_create, name="series_create"),
    path("series/pattern-preview/", series.pattern_preview, name="pattern_preview"),
    path("series/<int:series_id>/", series.series_detail, name="series"),
    path("series/<int:series_id>/edit/", series.series_edit, name="series_edit"),
    path("series/<int:series_id>/schedule/", series.schedule, name="schedule"),
    path("<int:meeting_id>/", meeting.meeting_detail, name="meeting"),
    path("<int:meeting_id>/edit/", meeting.meeting_edit, name="meeting_edit"),
    path("<int:meeting_id>/cancel/", meeting.meeting_cancel, name="meeting_cancel"),
    path("<int:meeting_id>/meeting.ics", meeting.meeting_ics, name="meeting_ics"),
    path("<int:meeting_id>/notice/", notice.notice, name="notice"),
    # Agenda builder
    path("<int:meeting_id>/agenda/", agenda.agenda_fragment, name="agenda"),
    path("<int:meeting_id>/agenda/sections/", agenda.section_add, name="section_add"),
    path("agenda/sections/<int:section_id>/edit/", agenda.section_edit, name="section_edit"),
    path("agenda/sections/<int:section_id>/delete/", agenda.section_delete, name="section_delete"),
    path("agenda/sections/<int:section_id>/move/", agenda.section_move, name="section_move"),
    path("agenda/sections/<int:section_id>/items/", agenda.item_add, name="item_add"),
    path("agenda/items/<int:item_id>/edit/", agenda.item_edit, name="item_edit"),
    path("agenda/items/<int:item_id>/delete/", agenda.item_delete, name="item_delete"),
    path("agenda/items/<int:item_id>/move/", agenda.item_move, name="item_move"),
    path("agenda/items/<int:item_id>/confidential/", confidential.item_confidential, name="item_confidential"),
    # Materials
    path("agenda/items/<int:item_id>/materials/", materials.material_upload, name="material_upload"),
    path("materials/<int:material_id>/", materials.material_download, name="material"),
    path("materials/<int:material_id>/delete/", materials.material_delete, name="material_delete"),
    # Invitations and attendance
    path("<int:meeting_id>/attendance/", attendance.attendance, name="attendance"),
    path("<int:meeting_id>/attendance/search/", attendance.person_search, name="person_search"),
    path("<int:meeting_id>/invitations/", attendance.invite, name="invite"),
    path("<int:meeting_id>/invitations/group/", attendance.invite_group, name="invite_group"),
    path("invitations/<int:invitation_id>/delete/", attendance.uninvite, name="uninvite"),
    path("invitations/<int:invitation_id>/attendance/", attendance.mark, name="mark_attendance"),
    path("<int:meeting_id>/sign-in/", attendance.sign_in, name="sign_in"),
    path("<int:meeting_id>/sign-in-sheet/", attendance.sign_in_sheet, name="sign_in_sheet"),
]
