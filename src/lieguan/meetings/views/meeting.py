"""Thin views of the meetings app: read through ``access``, write through ``actions``, render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lieguan.core.decorators import public_or_login
from lieguan.core.downloads import attachment
from lieguan.core.uploads import ALLOWED, ALLOWED_EXTENSIONS
from lieguan.meetings import access, actions
from lieguan.meetings.actions.attendance import sign_in_open
from lieguan.meetings.actions.schedule import ConfirmationRequired, default_materials_cutoff
from lieguan.meetings.document import load_tree
from lieguan.meetings.forms import ItemForm, MeetingForm
from lieguan.meetings.models import AgendaSection, Invitation, Meeting, MeetingSeries
from lieguan.meetings.notice import build_ics, ics_filename, notices_sent
from lieguan.organisations.access import Viewer, viewer_for


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def error_text(error: ValidationError) -> str:
    return _("；").join(error.messages)


def base_url(request: HttpRequest) -> str:
    """The site's public address (LIEGUAN_BASE_URL) for links in e-mails, calendars and QR codes.

    Not the address of this request: behind a proxy or on another port that is not where recipients reach us.
    """
    return settings.LIEGUAN_BASE_URL


def agenda_context(request: HttpRequest, meeting: Meeting, viewer: Viewer | None = None) -> dict[str, Any]:
    """What the agenda (and its builder) needs: the tree, with who may do what on each item."""
    viewer = viewer or viewer_for(request.user)
    runs = access.runs_series(viewer, meeting.series)
    sections = load_tree(meeting, viewer)
    closed = access.materials_closed_for(viewer, meeting)
    any_upload = False
    # The presenter picker of each section's add form: the directory tree is read once for all of them.
    presenters = list(ItemForm.base_fields["presenter"].choices) if runs else []  # type: ignore[attr-defined]
    for section in sections:
        if runs:
            form = ItemForm(auto_id=f"new-item-%s-{section.pk}")
            form.fields["presenter"].choices = presenters  # type: ignore[attr-defined]
            setattr(section, "presenter_field", form["presenter"])  # noqa: B010
        for item in section.items.all():
            # Per-object permissions for the template, which cannot call functions with arguments.
            may_upload = access.can_upload_material(viewer, item)
            setattr(item, "may_upload", may_upload)  # noqa: B010
            any_upload = any_upload or may_upload
            for material in item.materials.all():
                setattr(material, "may_delete", access.can_delete_material(viewer, material))  # noqa: B010
    return {
        "meeting": meeting,
        "sections": sections,
        "accept": ",".join(ALLOWED_EXTENSIONS),
        "accept_labels": _("、").join(_(k.label) for k in ALLOWED),
        "upload_limit_mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024),
        "builds": runs and meeting.minutes_state not in access.PUBLISHED_STATES and not meeting.cancelled,
        "materials_closed": closed,
        "upload_offered": any_upload and not closed and not meeting.cancelled,
        "kinds": [(value, _(label)) for value, label in AgendaSection.Kind.choices],
    }


@public_or_login
@require_GET
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """One meeting: when and where, the agenda with its materials, who is invited, and what each user may do."""
    meeting = access.access_meeting(request.user, meeting_id)
    viewer = viewer_for(request.user)
    # The public reads the agenda; the attendees it reads in the published minutes.
    shows_invitations = access.can_read_invitations(viewer, meeting)
    invitations = list(meeting.invitations.select_related("person", "person__organisation")) if shows_invitations else []
    counts = {
        "members": sum(1 for i in invitations if i.capacity == Invitation.Capacity.MEMBER),
        "observers": sum(1 for i in invitations if i.capacity == Invitation.Capacity.OBSERVER),
        "signed": sum(1 for i in invitations if i.attendance in ("present", "substituted")),
    }
    context = {
        **agenda_context(request, meeting, viewer),
        "series": meeting.series,
        "invitations": invitations,
        "shows_invitations": shows_invitations,
        "counts": counts,
        "runs": access.runs_series(viewer, meeting.series),
        "marks": access.can_mark_attendance(viewer, meeting),
        "can_read_minutes": access.can_read_minutes(viewer, meeting),
        "my_invitation": access.invitation_of(viewer, meeting),
        "sign_in_open": sign_in_open(meeting),
    }
    return render(request, "meetings/meeting_detail.html", context)


def _meeting_initial(meeting: Meeting) -> dict[str, Any]:
    start = timezone.localtime(meeting.start)
    cutoff = timezone.localtime(meeting.materials_cutoff) if meeting.materials_cutoff else None
    return {
        "number": meeting.number,
        "date": start.date(),
        "time": start.time(),
        "location": meeting.location,
        "chair": meeting.chair,
        "recorder": meeting.recorder,
        "cutoff_date": cutoff.date() if cutoff else None,
        "cutoff_time": cutoff.time() if cutoff else None,
    }


def location_options(meeting_or_series: Any) -> list[str]:
    """Rooms this series met in, its default room, and 視訊會議, offered as the user types a location."""
    series = getattr(meeting_or_series, "series", meeting_or_series)
    rooms = [series.default_location, *series.meetings.exclude(location="").values_list("location", flat=True)]
    rooms.append("視訊會議")
    return list(dict.fromkeys(r for r in rooms if r))[:20]


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Change the time, place, chair, recorder, number or materials cut-off of a meeting."""
    meeting = access.access_meeting(request.user, meeting_id, for_write=True)
    form = MeetingForm(request.POST or None, initial=_meeting_initial(meeting), cutoff_days=meeting.series.material_cutoff_days)
    warnings: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        cutoff = data["materials_cutoff"] or default_cutoff(meeting.series, data["start"])
        try:
            actions.do_update_meeting(
                request.user,
                meeting,
                confirm=data["confirm"],
                number=data["number"],
                start=data["start"],
                location=data["location"],
                chair=data["chair"],
                recorder=data["recorder"],
                materials_cutoff=cutoff,
            )
        except ConfirmationRequired as unusual:
            warnings = unusual.warnings
            meeting.refresh_from_db()
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            done = _("已更新會次資料；時間或地點有變更，請重新寄送開會通知。") if meeting.notice_sent_at else _("已更新會次資料")
            messages.success(request, done)
            return redirect("meetings:meeting", meeting.pk)
    context = {
        "form": form,
        "meeting": meeting,
        "series": meeting.series,
        "locations": location_options(meeting),
        "heading": _("編輯%(meeting)s") % {"meeting": meeting.ordinal},
        "cancel_url": reverse("meetings:meeting", args=[meeting.pk]),
        "warnings": warnings,
    }
    return render(request, "meetings/meeting_form.html", context)


def default_cutoff(series: MeetingSeries, start: dt.datetime) -> dt.datetime:
    return default_materials_cutoff(series, start)


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id, for_write=True)
    try:
        actions.do_cancel_meeting(request.user, meeting)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        done = _("已取消%(meeting)s。請寄送取消通知，讓與會人員的行事曆一併更新。") if meeting.notice_sent_at else _("已取消%(meeting)s。")
        messages.success(request, done % {"meeting": meeting.ordinal})
    return redirect("meetings:meeting", meeting.pk)


@login_required
@require_GET
def meeting_ics(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The meeting as a calendar entry, with the same UID as the e-mailed notices."""
    meeting = access.access_meeting(request.user, meeting_id)
    data = build_ics(meeting, base_url=base_url(request), sequence=max(notices_sent(meeting) - 1, 0), reader=viewer_for(request.user))
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = attachment(ics_filename(meeting), f"meeting-{meeting.pk}.ics")
    return response
