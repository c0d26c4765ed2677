"""The minutes of a meeting as the official document: the page, its downloads and its review comments."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from lieguan.core.builds import built_content, progress_page
from lieguan.core.decorators import public_or_login
from lieguan.core.downloads import attachment
from lieguan.core.submission import once_per_submission
from lieguan.meetings import access, actions, files
from lieguan.meetings.document import minutes_document
from lieguan.meetings.models import Conclusion, Meeting, MinutesFile, MinutesRevision
from lieguan.meetings.views.minutes_forms import CommentForm
from lieguan.meetings.views.minutes_review import review_context
from lieguan.minutes.render import FORMATS
from lieguan.minutes.render import render as render_minutes
from lieguan.minutes.render.html import render_html, stylesheet
from lieguan.organisations.access import viewer_for

S = Meeting.MinutesState
# Downloads of minutes not yet published say so in their file name.
UNPUBLISHED_SUFFIX: dict[str, str] = {S.DRAFT: "（草稿）", S.CIRCULATED: "（會簽稿）"}
# The formats offered on the page, in the order people look for them.
DOWNLOADS = ("pdf", "docx", "odt", "txt", "json", "html")


def minutes_context(request: HttpRequest, meeting: Meeting, *, comment_form: CommentForm | None = None) -> dict[str, Any]:
    revisions = list(meeting.revisions.select_related("decided_at_meeting").order_by("number"))
    confirmed = next((r for r in reversed(revisions) if r.reason != MinutesRevision.Reason.PUBLISHED), None)
    return {
        "meeting": meeting,
        "series": meeting.series,
        "official": render_html(minutes_document(meeting, reader=viewer_for(request.user)), standalone=False),
        "formats": [FORMATS[name] for name in DOWNLOADS],
        "revisions": revisions,
        "confirmed": confirmed,
        "amended": confirmed is not None and confirmed.reason == MinutesRevision.Reason.AMENDED,
        "conclusions": _conclusions(request, meeting) if request.user.is_authenticated else [],
        **review_context(request, meeting, back="minutes", comment_form=comment_form),
    }


def _conclusions(request: HttpRequest, meeting: Meeting) -> list[Conclusion]:
    """The meeting's conclusions in reading order, each a way into the decisions made before on its subject;
    those of a confidential item the reader is not entitled to are left out (機密／限閱)."""
    conclusions = Conclusion.objects.filter(item__section__meeting=meeting) | Conclusion.objects.filter(section__meeting=meeting)
    hidden = access.hidden_item_ids(viewer_for(request.user), conclusions.exclude(item=None).values_list("item_id", flat=True))
    if hidden:
        conclusions = conclusions.exclude(item_id__in=hidden)
    return sorted(
        conclusions.select_related("item__section", "section"),
        key=lambda c: (
            (c.item.section.position, c.item.position) if c.item else (c.section.position, 0),  # type: ignore[union-attr]
            c.position,
        ),
    )


@public_or_login
@require_GET
def minutes_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The minutes of a meeting in the official layout, with downloads in every format."""
    meeting = access.access_minutes(request.user, meeting_id)
    return render(request, "meetings/minutes.html", minutes_context(request, meeting))


@login_required
@require_POST
@once_per_submission
def minutes_comment(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """A participant's review comment (會簽意見) on circulated minutes."""
    meeting = access.access_minutes(request.user, meeting_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment = actions.do_add_minutes_comment(request.user, meeting, text=form.cleaned_data["text"])
        except ValidationError as e:
            form.add_error("text", e)
        else:
            messages.success(request, _("已送出會簽意見，紀錄人員處理後會在此回覆。"))
            return redirect(reverse("meetings:minutes", args=[meeting.pk]) + f"#comment-{comment.pk}")
    context = minutes_context(request, meeting, comment_form=form)
    return render(request, "meetings/minutes.html", context, status=400)


@public_or_login
@require_GET
def minutes_download(request: HttpRequest, meeting_id: int, fmt: str) -> HttpResponse:
    """The minutes as a file: TXT, HTML, DOCX, ODT, PDF or Minutes JSON, all rendered by lieguan.minutes."""
    meeting = access.access_minutes(request.user, meeting_id)
    chosen = FORMATS.get(fmt)
    if chosen is None:
        raise Http404(_("沒有這種下載格式。"))
    document = minutes_document(meeting, reader=viewer_for(request.user))
    if chosen.name in files.BACKGROUND:
        # Typeset by the worker (about a second for PDF): the file built from this very text, or its progress.
        asker = request.user if request.user.is_authenticated else None
        built = files.request_minutes_file(asker, meeting, document, chosen.name)
        if built.state != MinutesFile.State.READY:
            return redirect("meetings:minutes_file", meeting.pk, chosen.name)
        data = built_content(built)
    else:
        data = render_minutes(document, chosen.name)
    response = HttpResponse(data, content_type=chosen.media_type)
    name = f"{meeting.title}{UNPUBLISHED_SUFFIX.get(meeting.minutes_state, '')}{chosen.extension}"
    response["Content-Disposition"] = attachment(name, f"minutes-{meeting.pk}{chosen.extension}")
    return response


@public_or_login
@require_GET
def minutes_file(request: HttpRequest, meeting_id: int, fmt: str) -> HttpResponse:
    """The progress of a minutes download being built, polled by HTMX until it can be downloaded.

    The reader's file is found from the text they may read, never from an id in the address: a reader not
    entitled to a confidential item cannot reach the file of one who is.
    """
    meeting = access.access_minutes(request.user, meeting_id)
    if fmt not in files.BACKGROUND:
        raise Http404(_("沒有這種下載格式。"))
    built = files.find_minutes_file(meeting, minutes_document(meeting, reader=viewer_for(request.user)), fmt)
    if built is None:
        return redirect("meetings:minutes_download", meeting.pk, fmt)
    return progress_page(
        request,
        "meetings/minutes_file.html",
        built,
        poll_url=reverse("meetings:minutes_file", args=[meeting.pk, fmt]),
        download_url=reverse("meetings:minutes_download", args=[meeting.pk, fmt]),
        changed=_("會議紀錄內容有變更時，下載會重新製作。"),
        meeting=meeting,
        label=FORMATS[fmt].label,
    )


@require_GET
@cache_control(max_age=3600, public=True)
def minutes_stylesheet(request: HttpRequest) -> HttpResponse:
    """The official layout's stylesheet, served as a file because the CSP allows no inline styles."""
    return HttpResponse(stylesheet(), content_type="text/css; charset=utf-8")
