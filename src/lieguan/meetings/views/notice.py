"""開會通知: what the invitees will receive, and sending it (again, as an update)."""

from __future__ import annotations

import logging
from smtplib import SMTPException

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
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
            messages.error(request, "郵件伺服器無法寄出開會通知，通知未寄送；請稍後再試或洽系統管理者。")
        else:
            kind = "更新通知" if result.update else "開會通知"
            text = f"已寄出{kind}給 {len(result.sent)} 位與會人員。"
            if result.unreachable:
                names = "、".join(p.name for p in result.unreachable)
                text += f"下列人員沒有電子郵件地址，請另行通知：{names}。"
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
