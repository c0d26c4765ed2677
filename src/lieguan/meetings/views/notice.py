"""開會通知: what the invitees will receive, and sending it (again, as an update)."""

from __future__ import annotations

import logging
from smtplib import SMTPException

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lieguan.meetings import access, actions
from lieguan.meetings.notice import notice_body, notice_subject, notices_sent
from lieguan.meetings.views.meeting import base_url, error_text

logger = logging.getLogger("lieguan.meetings")


@login_required
@require_http_methods(["GET", "POST"])
def notice(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id, for_write=True)
    if request.method == "POST":
        try:
            result = actions.do_send_notice(request.user, meeting, base_url(request))
        except ValidationError as error:
            messages.error(request, error_text(error))
        except (SMTPException, OSError):
            logger.exception("the notice of meeting %s could not be sent", meeting.pk)
            messages.error(request, _("郵件伺服器無法寄出開會通知，通知未寄送；請稍後再試或洽系統管理者。"))
        else:
            sent = _("已寄出更新通知給 %(n)s 位與會人員。") if result.update else _("已寄出開會通知給 %(n)s 位與會人員。")
            text = sent % {"n": len(result.sent)}
            if result.unreachable:
                names = _("、").join(p.name for p in result.unreachable)
                text += _("下列人員沒有電子郵件地址，請另行通知：%(names)s。") % {"names": names}
            messages.success(request, text)
            return redirect("meetings:meeting", meeting.pk)
        return redirect("meetings:notice", meeting.pk)
    invitations = list(meeting.invitations.select_related("person", "person__organisation"))
    update = notices_sent(meeting) > 0 or meeting.notice_sent_at is not None
    sample = next((i for i in invitations if i.person.email), None)
    context = {
        "meeting": meeting,
        "series": meeting.series,
        "invitations": invitations,
        "reachable": sum(1 for i in invitations if i.person.email),
        "update": update,
        "subject": notice_subject(meeting, update=update),
        "body": notice_body(meeting, sample, base_url=base_url(request), update=update) if sample else "",
    }
    return render(request, "meetings/notice.html", context)
