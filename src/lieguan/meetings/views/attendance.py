"""Invitations, online sign-in, the recorder's attendance table and the printable sign-in sheet (簽到表)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lieguan.core.submission import once_per_submission
from lieguan.meetings import access, actions
from lieguan.meetings.actions.attendance import sign_in_open
from lieguan.meetings.forms import AttendanceForm, InviteForm, InviteGroupForm, PersonSearchForm
from lieguan.meetings.models import Invitation, Meeting
from lieguan.meetings.views.meeting import base_url, error_text, is_htmx
from lieguan.organisations.access import viewer_for
from lieguan.organisations.models import Person

A = Invitation.Attendance
# The choices of the recorder's table, in the order a recorder thinks of them.
MARKS = [
    (A.PRESENT, gettext_lazy("出席")),
    (A.EXCUSED, gettext_lazy("請假")),
    (A.SUBSTITUTED, gettext_lazy("代理")),
    (A.ABSENT, gettext_lazy("缺席")),
    (A.UNKNOWN, gettext_lazy("未登記")),
]
# The headings of the attendance table's two groups (the printed sign-in sheet writes its own, in Chinese).
GROUP_LABELS: dict[str, Any] = {
    Invitation.Capacity.MEMBER: gettext_lazy("出席人員"),
    Invitation.Capacity.OBSERVER: gettext_lazy("列席人員"),
}


def search_people(query: str, meeting: Meeting, limit: int = 20) -> list[Person]:
    """People of the directory whose name, title or agency contains every word typed, not yet invited."""
    words = query.split()
    if not words:
        return []
    people: QuerySet[Person] = Person.objects.filter(active=True).select_related("organisation")
    for word in words[:5]:
        people = people.filter(
            Q(name__icontains=word)
            | Q(title__icontains=word)
            | Q(organisation__name__icontains=word)
            | Q(organisation__short_name__icontains=word)
            | Q(organisation__parent__short_name__icontains=word)
        )
    invited = meeting.invitations.values("person_id")
    return list(people.exclude(pk__in=invited).order_by("organisation__sort_order", "name")[:limit])


def grouped(invitations: list[Invitation]) -> list[dict[str, Any]]:
    out = []
    for capacity, _label in Invitation.Capacity.choices:
        rows = [i for i in invitations if i.capacity == capacity]
        out.append({"capacity": capacity, "label": GROUP_LABELS[capacity], "rows": rows})
    return out


def _invitations(meeting: Meeting) -> list[Invitation]:
    return list(
        meeting.invitations.select_related("person", "person__organisation").order_by(
            "capacity", "person__organisation__sort_order", "person__organisation__code", "id"
        )
    )


@login_required
@require_GET
def attendance(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """與會人員: who is invited and who came; the secretariat invites, the recorder marks attendance."""
    meeting = access.access_meeting(request.user, meeting_id)
    viewer = viewer_for(request.user)
    runs = access.runs_series(viewer, meeting.series)
    search = PersonSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    invitations = _invitations(meeting)
    context = {
        "meeting": meeting,
        "series": meeting.series,
        "runs": runs and not meeting.cancelled,
        "marks": access.can_mark_attendance(viewer, meeting) and not meeting.cancelled,
        "groups": grouped(invitations),
        "total": len(invitations),
        "signed": sum(1 for i in invitations if i.attendance in (A.PRESENT, A.SUBSTITUTED)),
        "search": search,
        "query": query,
        "results": search_people(query, meeting) if runs and query else [],
        "group_form": InviteGroupForm(),
        "choices": MARKS,
    }
    return render(request, "meetings/attendance.html", context)


@login_required
@require_GET
def person_search(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The results under the search field, as the secretariat types (HTMX)."""
    meeting = access.access_meeting(request.user, meeting_id, for_write=True)
    search = PersonSearchForm(request.GET)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    if not is_htmx(request):
        return redirect(reverse("meetings:attendance", args=[meeting.pk]) + f"?{urlencode({'q': query})}#invite")
    results = search_people(query, meeting)
    return render(request, "meetings/_person_results.html", {"meeting": meeting, "results": results, "query": query})


def _back(meeting: Meeting, anchor: str = "") -> HttpResponse:
    return redirect(reverse("meetings:attendance", args=[meeting.pk]) + (f"#{anchor}" if anchor else ""))


@login_required
@require_POST
@once_per_submission
def invite(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id, for_write=True)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("找不到要邀請的人員。"))
        return _back(meeting, "invite")
    person = form.cleaned_data["person"]
    capacity = form.cleaned_data["capacity"]
    try:
        actions.do_invite(request.user, meeting, person, capacity=capacity)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        label = _(Invitation.Capacity(capacity).label)
        messages.success(request, _("已邀請%(name)s（%(capacity)s）。") % {"name": f"{person.name}{person.title}", "capacity": label})
    query = request.POST.get("q", "")[:50]
    search = f"?{urlencode({'q': query})}" if query else ""
    return redirect(reverse("meetings:attendance", args=[meeting.pk]) + search + "#invite")


@login_required
@require_POST
@once_per_submission
def invite_group(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Invite every head, or every liaison, of one agency."""
    meeting = access.access_meeting(request.user, meeting_id, for_write=True)
    form = InviteGroupForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("請選擇機關、對象與身分。"))
        return _back(meeting, "invite")
    data = form.cleaned_data
    try:
        invited = actions.do_invite_group(request.user, meeting, data["organisation"], data["group"], capacity=data["capacity"])
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        names = _("、").join(i.person.name for i in invited)
        if invited:
            messages.success(request, _("已邀請 %(n)s 人：%(names)s。") % {"n": len(invited), "names": names})
        else:
            messages.info(request, _("這些人員都已在與會名單中。"))
    return _back(meeting, "invite")


@login_required
@require_POST
def uninvite(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = access.access_invitation(request.user, invitation_id, for_write=True)
    meeting = invitation.meeting
    try:
        actions.do_uninvite(request.user, invitation)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("已將%(name)s移出與會名單。") % {"name": invitation.person.name})
    return _back(meeting, "attendance")


@login_required
@require_POST
def mark(request: HttpRequest, invitation_id: int) -> HttpResponse:
    """The recorder's table: one row at a time, swapped in place with HTMX."""
    invitation = access.access_invitation(request.user, invitation_id)
    meeting = access.access_attendance(request.user, invitation.meeting_id)
    form = AttendanceForm(request.POST)
    error = ""
    if form.is_valid():
        data = form.cleaned_data
        try:
            invitation = actions.do_mark_attendance(
                request.user,
                invitation,
                data["attendance"],
                substitute_name=data["substitute_name"],
                substitute_title=data["substitute_title"],
            )
        except ValidationError as exc:
            error = error_text(exc)
    else:
        error = _("；").join(str(e) for errs in form.errors.values() for e in errs)
    if is_htmx(request):
        viewer = viewer_for(request.user)
        context = {
            "invitation": invitation,
            "marks": True,
            "runs": access.runs_series(viewer, meeting.series),
            "choices": MARKS,
            "row_error": error,
            "row_saved": not error,
        }
        if error:
            # Keep what the recorder chose and typed, so that adding the missing name is all that is left.
            context["chosen"] = {
                "attendance": request.POST.get("attendance", ""),
                "substitute_name": request.POST.get("substitute_name", "")[:50],
                "substitute_title": request.POST.get("substitute_title", "")[:50],
            }
        return render(request, "meetings/_attendance_row.html", context)
    if error:
        messages.error(request, f"{invitation.person.name}{_('：')}{error}")
    else:
        attendance = _(invitation.get_attendance_display())
        messages.success(request, _("已登記%(name)s：%(attendance)s。") % {"name": invitation.person.name, "attendance": attendance})
    return _back(meeting, f"invitation-{invitation.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """簽到 on the attendee's own device: the page the QR code of the sign-in sheet points at."""
    meeting = access.access_meeting(request.user, meeting_id)
    viewer = viewer_for(request.user)
    if request.method == "POST":
        try:
            actions.do_sign_in(request.user, meeting)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("簽到完成，謝謝。"))
        return redirect("meetings:sign_in", meeting.pk)
    context = {
        "meeting": meeting,
        "series": meeting.series,
        "invitation": access.invitation_of(viewer, meeting),
        "open": sign_in_open(meeting),
    }
    return render(request, "meetings/sign_in.html", context)


@login_required
@require_GET
def sign_in_sheet(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """簽到表: a clean A4 page to print and sign by hand, showing the online sign-ins already made."""
    meeting = access.access_attendance(request.user, meeting_id)
    sign_in_url = base_url(request) + reverse("meetings:sign_in", args=[meeting.pk])
    context = {
        "meeting": meeting,
        "series": meeting.series,
        "groups": grouped(_invitations(meeting)),
        "sign_in_url": sign_in_url,
        "qr_svg": qr_svg(sign_in_url),
    }
    return render(request, "meetings/sign_in_sheet.html", context)


def qr_svg(url: str) -> str:
    """The sign-in address as an inline SVG QR code, made here: no outside service sees the address."""
    import io

    import segno

    out = io.BytesIO()
    code = segno.make(url, error="m")
    code.save(out, kind="svg", scale=4, border=2, xmldecl=False, svgns=True, svgclass="qr-code", title=_("簽到網址"), nl=False)
    return out.getvalue().decode("utf-8")
