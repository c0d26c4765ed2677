"""Moving minutes through their states (草稿 → 會簽 → 發布) and the review comments (會簽意見) on them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lieguan.meetings import access, actions
from lieguan.meetings.actions.minutes import blank_entries
from lieguan.meetings.models import Meeting, MinutesComment
from lieguan.meetings.publishing import unmet_conditions
from lieguan.meetings.views.minutes_forms import CommentForm, ResolveCommentForm, TransitionForm
from lieguan.meetings.workflow import allowed_transitions
from lieguan.organisations.access import viewer_for

S = Meeting.MinutesState
DONE = {
    S.CIRCULATED: gettext_lazy("已送請與會人員會簽；與會人員可在會議紀錄頁提出會簽意見。"),
    S.DRAFT: gettext_lazy("會議紀錄已退回草稿。"),
    S.PUBLISHED: gettext_lazy("會議紀錄已發布。"),
}


def review_context(request: HttpRequest, meeting: Meeting, *, back: str, comment_form: CommentForm | None = None) -> dict[str, Any]:
    """The state of the minutes, what the user may do next, and the review comments they may see."""
    viewer = viewer_for(request.user)
    steps = allowed_transitions(viewer, meeting) if viewer.is_authenticated else []
    comments: list[MinutesComment] = []
    if access.can_read_minutes_comments(viewer, meeting):
        comments = list(meeting.comments.select_related("author__person"))
    can_write = viewer.is_authenticated and access.can_write_minutes(viewer, meeting)
    return {
        "steps": steps,
        "history": list(meeting.transitions.select_related("by__person")) if access.can_read_minutes_history(viewer, meeting) else [],
        "comments": comments,
        "unresolved": sum(1 for c in comments if not c.resolved),
        # Those who write the minutes change them rather than comment on them.
        "can_comment": access.can_comment_minutes(viewer, meeting) and not can_write,
        "can_answer": viewer.is_authenticated and access.can_answer_minutes_comments(viewer, meeting),
        "comment_form": comment_form or CommentForm(),
        "can_write": can_write,
        "blanks": blank_entries(meeting) if steps and can_write else [],
        "unmet": unmet_conditions(meeting) if any(s.to == S.PUBLISHED for s in steps) else [],
        "back": back,
    }


def _back(meeting: Meeting, back: str, anchor: str = "") -> HttpResponse:
    editing = back == "editor" and meeting.minutes_state not in access.PUBLISHED_STATES
    name = "meetings:minutes_edit" if editing else "meetings:minutes"
    return redirect(reverse(name, args=[meeting.pk]) + anchor)


@login_required
@require_POST
def minutes_transition(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Circulate, send back to draft, or publish."""
    meeting = access.access_minutes(request.user, meeting_id)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("無法辨識要執行的動作，請重新整理頁面後再試。"))
        return _back(meeting, request.POST.get("back", ""))
    to_state = form.cleaned_data["to_state"]
    try:
        actions.do_transition_minutes(request.user, meeting, to_state, note=form.cleaned_data["note"])
    except ValidationError as e:
        messages.error(request, "；".join(e.messages))
    else:
        messages.success(request, DONE.get(to_state, _("會議紀錄狀態已更新。")))
    meeting.refresh_from_db()
    return _back(meeting, form.cleaned_data.get("back") or "minutes", "#state")


@login_required
@require_POST
def minutes_comment_resolve(request: HttpRequest, meeting_id: int, comment_id: int) -> HttpResponse:
    """The recorder's answer to a review comment, which marks it handled."""
    meeting = access.access_minutes(request.user, meeting_id)
    viewer = viewer_for(request.user)
    if not access.can_read_minutes_comments(viewer, meeting):
        raise Http404(_("找不到此會簽意見。"))
    comment = meeting.comments.filter(pk=comment_id).first()
    if comment is None:
        raise Http404(_("找不到此會簽意見。"))
    form = ResolveCommentForm(request.POST)
    back = request.POST.get("back", "minutes")
    if not form.is_valid():
        messages.error(request, _("請填寫處理情形，再標記為已處理。"))
        return _back(meeting, back, f"#comment-{comment.pk}")
    try:
        actions.do_resolve_minutes_comment(request.user, comment, response=form.cleaned_data["response"])
    except ValidationError as e:
        messages.error(request, "；".join(e.messages))
    else:
        messages.success(request, _("會簽意見已標記為已處理。"))
    return _back(meeting, back, f"#comment-{comment.pk}")
