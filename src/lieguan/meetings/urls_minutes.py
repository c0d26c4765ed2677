"""Routes for writing, reviewing, publishing, confirming and downloading minutes."""

from django.urls import path

from lieguan.meetings.views import minutes, minutes_editor, minutes_review, minutes_revisions

urlpatterns = [
    path("minutes.css", minutes.minutes_stylesheet, name="minutes_stylesheet"),
    path("<int:meeting_id>/minutes/", minutes.minutes_view, name="minutes"),
    path("<int:meeting_id>/minutes.<str:fmt>", minutes.minutes_download, name="minutes_download"),
    path("<int:meeting_id>/minutes.<str:fmt>/progress/", minutes.minutes_file, name="minutes_file"),
    path("<int:meeting_id>/minutes/comments/", minutes.minutes_comment, name="minutes_comment"),
    path(
        "<int:meeting_id>/minutes/comments/<int:comment_id>/resolve/",
        minutes_review.minutes_comment_resolve,
        name="minutes_comment_resolve",
    ),
    path("<int:meeting_id>/minutes/state/", minutes_review.minutes_transition, name="minutes_transition"),
    path("<int:meeting_id>/minutes/edit/", minutes_editor.minutes_editor, name="minutes_edit"),
    path("<int:meeting_id>/minutes/autosave/", minutes_editor.minutes_autosave, name="minutes_autosave"),
    path("<int:meeting_id>/minutes/confirm-previous/", minutes_editor.confirm_previous, name="minutes_confirm_previous"),
    path("<int:meeting_id>/minutes/revisions/", minutes_revisions.minutes_revisions, name="minutes_revisions"),
    path("<int:meeting_id>/minutes/revisions/<int:number>/", minutes_revisions.minutes_revision, name="minutes_revision"),
    path("<int:meeting_id>/minutes/compare/", minutes_revisions.minutes_compare, name="minutes_compare"),
]
