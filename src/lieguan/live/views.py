"""The live room's pages: the room, the projector, an item's panel, moving, notes, materials, offline copies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from lieguan.core.downloads import stored_file
from lieguan.live import access, actions, broker
from lieguan.live.agenda import items_in_order
from lieguan.live.room import INLINE_TYPES, agenda_rows, item_view
from lieguan.meetings.models import AgendaItem, Meeting
from lieguan.organisations.access import viewer_for

SERVICE_WORKER = Path(__file__).resolve().parent / "static" / "live" / "sw.js"
ROOM_STATIC = (
    "lieguan/lieguan.css",
    "live/live.css",
    "live/room.js",
    "lieguan/favicon.svg",
    "vendor/htmx-2.0.11.min.js",
    "lieguan/lieguan.js",
    "lieguan/org-picker.js",
)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _room_context(request: HttpRequest, meeting: Meeting, *, projector: bool) -> dict[str, Any]:
    items = items_in_order(meeting)
    state = broker.current(meeting.pk)
    by_id = {i.pk: i for i in items}
    wanted = request.GET.get("item", "")
    browsing = wanted.isdigit() and int(wanted) in by_id and int(wanted) != state.item_id and not projector
    shown_id = int(wanted) if browsing else state.item_id
    shown = by_id.get(shown_id) if shown_id is not None else None
    viewer = viewer_for(request.user)
    return {
        "meeting": meeting,
        "series": meeting.series,
        "rows": agenda_rows(request.user, meeting, items),
        "state": state,
        "following": not browsing,
        "view": item_view(request.user, meeting, shown, with_note=not projector) if shown else None,
        "conducts": access.can_conduct(viewer, meeting),
        "first_item": items[0] if items else None,
    }


@login_required
@require_GET
def room(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_room(request.user, meeting_id)
    return render(request, "live/room.html", _room_context(request, meeting, projector=False))


@login_required
@require_GET
def projector(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_room(request.user, meeting_id)
    return render(request, "live/projector.html", _room_context(request, meeting, projector=True))


@login_required
@require_GET
def item_panel(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    """One item's panel, fetched by the room when the meeting moves or the reader browses."""
    meeting = access.access_room(request.user, meeting_id)
    item = access.access_room_item(request.user, meeting, item_id)
    state = broker.current(meeting.pk)
    context = {
        "meeting": meeting,
        "view": item_view(request.user, meeting, item),
        "state": state,
        "conducts": access.can_conduct(viewer_for(request.user), meeting),
    }
    return render(request, "live/_item_panel.html", context)


@login_required
@require_GET
def projector_panel(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = access.access_room(request.user, meeting_id)
    item = access.access_room_item(request.user, meeting, item_id)
    return render(
        request, "live/_projector_item.html", {"meeting": meeting, "view": item_view(request.user, meeting, item, with_note=False)}
    )


@login_required
@require_POST
def move(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Move the meeting: ``step`` next/previous, or ``item``. The room's script asks for JSON; a plain form is sent back."""
    meeting = access.access_room(request.user, meeting_id, for_conduct=True)
    step = request.POST.get("step")
    item = request.POST.get("item", "")
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        if step in ("next", "previous"):
            state = actions.do_move_current(request.user, meeting, step=step)  # type: ignore[arg-type]
        elif item.isdigit():
            state = actions.do_move_current(request.user, meeting, item=int(item))
        else:
            raise ValidationError(_("請指定要切換的議程。"))
    except ValidationError as error:
        if wants_json:
            return JsonResponse({"error": _error_text(error)}, status=400)
        messages.error(request, _error_text(error))
        return redirect("live:room", meeting.pk)
    if wants_json:
        return JsonResponse({"item": state.item_id, "version": state.version})
    return redirect("live:room", meeting.pk)


@login_required
@require_POST
def note(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = access.access_room(request.user, meeting_id)
    item: AgendaItem = access.access_room_item(request.user, meeting, item_id)
    error = ""
    try:
        actions.do_save_note(request.user, item, request.POST.get("text", ""))
    except ValidationError as e:
        error = _error_text(e)
    if request.headers.get("HX-Request") or "application/json" in request.headers.get("Accept", ""):
        view = item_view(request.user, meeting, item)
        return render(
            request, "live/_note.html", {"meeting": meeting, "view": view, "saved": not error, "error": error}, status=400 if error else 200
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("已儲存個人筆記。"))
    return redirect(reverse("live:room", args=[meeting.pk]) + f"?item={item.pk}")


@login_required
@require_GET
def material(request: HttpRequest, material_id: int) -> FileResponse:
    """A material opened in the browser (PDF, pictures, text) rather than downloaded: the tablet shows it in place."""
    found = access.access_room_material(request.user, material_id)
    return stored_file(
        found.file,
        name=found.original_name,
        # A text file shown in place must be read as UTF-8, whatever the browser would guess.
        content_type="text/plain; charset=utf-8" if found.content_type == "text/plain" else found.content_type,
        size=found.size,
        fallback=f"material-{found.pk}",
        inline=found.content_type in INLINE_TYPES,
    )


@login_required
@require_GET
@never_cache
def offline_manifest(request: HttpRequest, meeting_id: int) -> JsonResponse:
    """What to keep for reading without the network: the room, every item's panel, the materials, the script and styles."""
    meeting = access.access_room(request.user, meeting_id)
    items = items_in_order(meeting)
    urls = [reverse("live:room", args=[meeting.pk])]
    for item in items:
        urls.append(reverse("live:item_panel", args=[meeting.pk, item.pk]))
        view = item_view(request.user, meeting, item, with_cases=False, with_note=False)
        urls.extend(reverse("live:material", args=[m.pk]) for m in view.materials)
    urls.extend(static(path) for path in ROOM_STATIC)
    return JsonResponse({"cache": f"lieguan-live-{meeting.pk}", "urls": urls})


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The offline reader, served from here rather than /static/ so that it may look after the whole site (sign-out)."""
    response = HttpResponse(SERVICE_WORKER.read_bytes(), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response
