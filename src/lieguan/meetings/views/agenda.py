"""The agenda builder: sections and items added, edited, removed and reordered.

Every form here is an ordinary POST that redirects back to the meeting page;
with HTMX the same request answers with the agenda alone, swapped in place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lieguan.core.submission import once_per_submission
from lieguan.meetings import access, actions
from lieguan.meetings.forms import ItemForm, MoveForm, SectionForm
from lieguan.meetings.models import AgendaItem, Meeting
from lieguan.meetings.views.meeting import agenda_context, error_text, is_htmx


def _answer(request: HttpRequest, meeting: Meeting, *, done: str = "", error: str = "", anchor: str = "agenda") -> HttpResponse:
    if is_htmx(request):
        context = {**agenda_context(request, meeting), "agenda_message": done, "agenda_error": error}
        return render(request, "meetings/_agenda.html", context)
    if error:
        messages.error(request, error)
    elif done:
        messages.success(request, done)
    return redirect(reverse("meetings:meeting", args=[meeting.pk]) + f"#{anchor}")


def _form_error(form: Any) -> str:
    colon = _("：")
    return _("；").join(f"{form.fields[name].label or ''}{colon}{_('、').join(errs)}".lstrip(colon) for name, errs in form.errors.items())


def _run(request: HttpRequest, meeting: Meeting, write: Callable[[], Any], done: str, anchor: str = "agenda") -> HttpResponse:
    try:
        write()
    except ValidationError as error:
        return _answer(request, meeting, error=error_text(error), anchor=anchor)
    return _answer(request, meeting, done=done, anchor=anchor)


@login_required
@require_GET
def agenda_fragment(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The agenda alone: what an inline editor's 取消 brings back."""
    meeting = access.access_meeting(request.user, meeting_id)
    if not is_htmx(request):
        return redirect(reverse("meetings:meeting", args=[meeting.pk]) + "#agenda")
    return render(request, "meetings/_agenda.html", agenda_context(request, meeting))


@login_required
@require_POST
@once_per_submission
def section_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id, for_write=True)
    form = SectionForm(request.POST)
    if not form.is_valid():
        return _answer(request, meeting, error=_form_error(form))
    data = form.cleaned_data
    return _run(
        request,
        meeting,
        lambda: actions.do_add_section(request.user, meeting, kind=data["kind"], heading=data["heading"]),
        _("已新增段落「%(heading)s」。") % {"heading": data["heading"]},
    )


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, section_id: int) -> HttpResponse:
    section = access.access_section(request.user, section_id)
    meeting = section.meeting
    form = SectionForm(request.POST or None, initial={"kind": section.kind, "heading": section.heading})
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            return _run(
                request,
                meeting,
                lambda: actions.do_update_section(request.user, section, heading=data["heading"], kind=data["kind"]),
                _("已更新段落「%(heading)s」。") % {"heading": data["heading"]},
                anchor=f"section-{section.pk}",
            )
        if is_htmx(request):
            return _answer(request, meeting, error=_form_error(form))
    context = {"form": form, "section": section, "meeting": meeting, "series": meeting.series}
    template = "meetings/_section_edit.html" if is_htmx(request) else "meetings/agenda_edit.html"
    return render(request, template, context)


@login_required
@require_POST
def section_delete(request: HttpRequest, section_id: int) -> HttpResponse:
    section = access.access_section(request.user, section_id)
    return _run(
        request,
        section.meeting,
        lambda: actions.do_delete_section(request.user, section),
        _("已刪除段落「%(heading)s」。") % {"heading": section.heading},
    )


@login_required
@require_POST
def section_move(request: HttpRequest, section_id: int) -> HttpResponse:
    section = access.access_section(request.user, section_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _answer(request, section.meeting, error=_("請選擇上移或下移。"))
    offset = form.cleaned_data["offset"]
    return _run(
        request,
        section.meeting,
        lambda: actions.do_move_section(request.user, section, offset),
        (_("已將段落「%(heading)s」上移。") if offset < 0 else _("已將段落「%(heading)s」下移。")) % {"heading": section.heading},
        anchor=f"section-{section.pk}",
    )


@login_required
@require_POST
@once_per_submission
def item_add(request: HttpRequest, section_id: int) -> HttpResponse:
    section = access.access_section(request.user, section_id)
    form = ItemForm(request.POST)
    if not form.is_valid():
        return _answer(request, section.meeting, error=_form_error(form), anchor=f"section-{section.pk}")
    data = form.cleaned_data
    return _run(
        request,
        section.meeting,
        lambda: actions.do_add_item(request.user, section, title=data["title"], presenter=data["presenter"]),
        _("已於「%(heading)s」新增案件。") % {"heading": section.heading},
        anchor=f"section-{section.pk}",
    )


def _item_for_write(request: HttpRequest, item_id: int) -> AgendaItem:
    item = access.access_item(request.user, item_id)
    access.access_meeting(request.user, item.section.meeting_id, for_write=True)
    return item


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, item_id: int) -> HttpResponse:
    item = _item_for_write(request, item_id)
    meeting = item.section.meeting
    form = ItemForm(request.POST or None, initial={"title": item.title, "presenter": item.presenter}, auto_id=f"edit-item-%s-{item.pk}")
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            return _run(
                request,
                meeting,
                lambda: actions.do_update_item(request.user, item, title=data["title"], presenter=data["presenter"]),
                _("已更新案件%(label)s。") % {"label": item.label},
                anchor=f"item-{item.pk}",
            )
        if is_htmx(request):
            return _answer(request, meeting, error=_form_error(form))
    context = {"form": form, "item": item, "meeting": meeting, "series": meeting.series}
    template = "meetings/_item_edit.html" if is_htmx(request) else "meetings/agenda_edit.html"
    return render(request, template, context)


@login_required
@require_POST
def item_delete(request: HttpRequest, item_id: int) -> HttpResponse:
    item = _item_for_write(request, item_id)
    return _run(
        request,
        item.section.meeting,
        lambda: actions.do_delete_item(request.user, item),
        _("已刪除案件「%(title)s」。") % {"title": item.title[:30]},
        anchor=f"section-{item.section_id}",
    )


@login_required
@require_POST
def item_move(request: HttpRequest, item_id: int) -> HttpResponse:
    item = _item_for_write(request, item_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _answer(request, item.section.meeting, error=_("請選擇上移或下移。"))
    offset = form.cleaned_data["offset"]
    return _run(
        request,
        item.section.meeting,
        lambda: actions.do_move_item(request.user, item, offset),
        (_("已將案件「%(title)s」上移。") if offset < 0 else _("已將案件「%(title)s」下移。")) % {"title": item.title[:30]},
        anchor=f"item-{item.pk}",
    )
