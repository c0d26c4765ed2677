"""The revision history of published minutes: each frozen version, and what changed between two of them."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lieguan.core.decorators import public_or_login
from lieguan.meetings import access
from lieguan.meetings.document import diff_hunks, diff_lines, redact_revision, revision_text
from lieguan.meetings.models import Meeting, MinutesRevision
from lieguan.minutes.render.html import render_html
from lieguan.organisations.access import viewer_for


def _revisions(meeting: Meeting) -> list[MinutesRevision]:
    return list(meeting.revisions.select_related("created_by__person", "decided_at_meeting__series").order_by("number"))


def _shows_history(request: HttpRequest, meeting: Meeting) -> bool:
    """Who handled each version, and the note given when publishing, are the processing history: not for the public."""
    return access.can_read_minutes_history(viewer_for(request.user), meeting)


def _number(value: str | None, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        raise Http404(_("沒有這一版。")) from None


@public_or_login
@require_GET
def minutes_revisions(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Every version of the minutes: 發布, 修正, 確定 — who, when, decided at which meeting, and why."""
    meeting = access.access_minutes(request.user, meeting_id)
    revisions = _revisions(meeting)
    return render(
        request,
        "meetings/minutes_revisions.html",
        {"meeting": meeting, "series": meeting.series, "revisions": revisions, "shows_history": _shows_history(request, meeting)},
    )


@public_or_login
@require_GET
def minutes_revision(request: HttpRequest, meeting_id: int, number: int) -> HttpResponse:
    """One version of the minutes, as it was published or amended."""
    meeting = access.access_minutes(request.user, meeting_id)
    revision = meeting.revisions.select_related("created_by__person", "decided_at_meeting").filter(number=number).first()
    if revision is None:
        raise Http404(_("沒有這一版。"))
    shown = redact_revision(revision.document, meeting, viewer_for(request.user))
    official = render_html(shown, standalone=False, id_prefix=f"rev{number}")
    context = {
        "meeting": meeting,
        "series": meeting.series,
        "revision": revision,
        "official": official,
        "latest": meeting.revisions.order_by("-number").values_list("number", flat=True).first(),
        "shows_history": _shows_history(request, meeting),
    }
    return render(request, "meetings/minutes_revision.html", context)


@public_or_login
@require_GET
def minutes_compare(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """What changed between two versions: removed words struck through, added ones underlined."""
    meeting = access.access_minutes(request.user, meeting_id)
    revisions = _revisions(meeting)
    if len(revisions) < 2:
        raise Http404(_("此會議紀錄只有一個版本，沒有可比較的內容。"))
    by_number = {r.number: r for r in revisions}
    new = by_number.get(_number(request.GET.get("to"), revisions[-1].number))
    old = by_number.get(_number(request.GET.get("from"), revisions[-2].number))
    if old is None or new is None:
        raise Http404(_("沒有這一版。"))
    reader = viewer_for(request.user)
    old_text, new_text = revision_text(old.document, meeting, reader), revision_text(new.document, meeting, reader)
    full = request.GET.get("full") == "1"
    hunks = [] if full else diff_hunks(old_text, new_text, context=2)
    lines = diff_lines(old_text, new_text) if full else []
    changed = sum(1 for line in (lines or [ln for h in hunks for ln in h.lines]) if line.kind != "same")
    context = {
        "meeting": meeting,
        "series": meeting.series,
        "revisions": revisions,
        "old": old,
        "new": new,
        "hunks": hunks,
        "lines": lines,
        "full": full,
        "changed": changed,
        "shows_history": _shows_history(request, meeting),
    }
    return render(request, "meetings/minutes_compare.html", context)
