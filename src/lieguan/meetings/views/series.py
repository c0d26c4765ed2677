"""Series pages: the list, one series with its sessions, creating and editing a series, scheduling a session."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lieguan.core.decorators import public_or_login
from lieguan.core.submission import once_per_submission
from lieguan.meetings import access, actions
from lieguan.meetings.actions.schedule import ConfirmationRequired
from lieguan.meetings.actions.series import DEFAULT_TEMPLATE_TRACKING
from lieguan.meetings.forms import MeetingForm, SeriesForm, TemplateFormSet, template_initial
from lieguan.meetings.models import MeetingSeries
from lieguan.meetings.numbering import format_case_number, validate_case_number_pattern
from lieguan.meetings.views.meeting import default_cutoff, error_text, location_options
from lieguan.organisations.access import viewer_for


@public_or_login
@require_GET
def series_list(request: HttpRequest) -> HttpResponse:
    """Every series the user may see, with its latest meeting (for the public: the public series, if the portal is open)."""
    access.require_browse_series(request.user)
    viewer = viewer_for(request.user)
    series = (
        access.visible_series(request.user)
        .annotate(meeting_count=Count("meetings", filter=Q(meetings__cancelled=False)), last_start=Max("meetings__start"))
        .order_by("owner__sort_order", "name")
    )
    rows = [{"series": s, "runs": access.runs_series(viewer, s)} for s in series]
    context = {"rows": rows, "viewer": viewer, "may_create": access.may_create_series(viewer)}
    return render(request, "meetings/series_list.html", context)


@public_or_login
@require_GET
def series_detail(request: HttpRequest, series_id: int) -> HttpResponse:
    """The meetings of a series, newest first, with ROC dates and the state of their minutes."""
    series = access.access_series(request.user, series_id)
    viewer = viewer_for(request.user)
    meetings = access.visible_meetings(request.user).filter(series=series).order_by("-start")
    return render(
        request,
        "meetings/series_detail.html",
        # The public reads the minutes only, so their rows link straight to them.
        {"series": series, "meetings": meetings, "runs": access.runs_series(viewer, series), "minutes_only": not viewer.is_authenticated},
    )


def pattern_examples(pattern: str) -> list[tuple[str, str]]:
    """How cases of a session would be numbered: (第224次第1案, 224-1)…"""
    out = []
    for session, seq in ((224, 1), (224, 2), (101, 12)):
        label = _("第%(session)s次會議第%(seq)s案") % {"session": session, "seq": seq}
        out.append((label, format_case_number(pattern, session=session, seq=seq, year=115)))
    return out


@login_required
@require_GET
def pattern_preview(request: HttpRequest) -> HttpResponse:
    """The live preview beside the case-number pattern field (HTMX), or the reason the pattern is wrong."""
    pattern = request.GET.get("case_number_pattern", "")[:40]
    return render(request, "meetings/_pattern_preview.html", _preview_context(pattern))


def _preview_context(pattern: str) -> dict[str, Any]:
    try:
        validate_case_number_pattern(pattern)
    except ValidationError as error:
        return {"pattern_error": error_text(error)}
    return {"examples": pattern_examples(pattern)}


def _series_form_context(form: SeriesForm, formset: Any, **extra: Any) -> dict[str, Any]:
    pattern = form["case_number_pattern"].value() or ""
    return {"form": form, "formset": formset, **_preview_context(str(pattern)), **extra}


def _series_changes(form: SeriesForm, formset: Any) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data.pop("owner", None)
    data["agenda_template"] = formset.template()
    return data


@login_required
@require_http_methods(["GET", "POST"])
@once_per_submission
def series_create(request: HttpRequest) -> HttpResponse:
    """A new series of the body the user is the secretariat of; its agenda template is edited as a list."""
    access.require_create_series(request.user)
    viewer = viewer_for(request.user)
    owners = access.series_owners(viewer)
    form = SeriesForm(request.POST or None, owners=owners)
    formset = TemplateFormSet(request.POST or None, prefix="template", initial=template_initial(DEFAULT_TEMPLATE_TRACKING))
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            series = actions.do_create_series(request.user, owner=form.cleaned_data["owner"], **_series_changes(form, formset))
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("已新增「%(series)s」。") % {"series": series.full_name})
            return redirect("meetings:series", series.pk)
    return render(
        request,
        "meetings/series_form.html",
        _series_form_context(form, formset, heading=_("新增會議"), cancel_url=reverse("meetings:series_list")),
    )


@login_required
@require_http_methods(["GET", "POST"])
def series_edit(request: HttpRequest, series_id: int) -> HttpResponse:
    series = access.access_series(request.user, series_id, for_write=True)
    fields = [f for f in SeriesForm.base_fields if f != "owner"]
    initial = {name: getattr(series, name) for name in fields}
    form = SeriesForm(request.POST or None, initial=initial, editing=True)
    formset = TemplateFormSet(request.POST or None, prefix="template", initial=template_initial(series.agenda_template))
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            actions.do_update_series(request.user, series, **_series_changes(form, formset))
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("已更新會議設定。"))
            return redirect("meetings:series", series.pk)
    context = _series_form_context(
        form,
        formset,
        series=series,
        heading=_("編輯%(series)s") % {"series": series.name},
        cancel_url=reverse("meetings:series", args=[series.pk]),
    )
    return render(request, "meetings/series_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@once_per_submission
def schedule(request: HttpRequest, series_id: int) -> HttpResponse:
    """排定下次會議: the next number is filled in, the series' defaults too; all can be changed."""
    series: MeetingSeries = access.access_series(request.user, series_id, for_write=True)
    number, year = actions.next_number(series, timezone.now())
    initial = {
        "number": number,
        "location": series.default_location,
        "chair": series.default_chair,
        "recorder": series.default_recorder,
    }
    form = MeetingForm(request.POST or None, initial=initial, cutoff_days=series.material_cutoff_days)
    warnings: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = actions.do_schedule_meeting(
                request.user,
                series,
                confirm=data["confirm"],
                start=data["start"],
                number=data["number"],
                location=data["location"],
                chair=data["chair"],
                recorder=data["recorder"],
                materials_cutoff=data["materials_cutoff"] or default_cutoff(series, data["start"]),
            )
        except ConfirmationRequired as unusual:
            warnings = unusual.warnings
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("已排定%(meeting)s，請建立議程並邀請與會人員。") % {"meeting": meeting.ordinal})
            return redirect("meetings:meeting", meeting.pk)
    context = {
        "form": form,
        "series": series,
        "locations": location_options(series),
        "heading": _("排定下次會議"),
        "next_ordinal": f"{year}年第{number}次" if year else f"第{number}次",
        "cancel_url": reverse("meetings:series", args=[series.pk]),
        "warnings": warnings,
    }
    return render(request, "meetings/meeting_form.html", context)
