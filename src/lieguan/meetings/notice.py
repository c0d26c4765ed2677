"""The meeting notice (開會通知): its text, its calendar entry (.ics) and the e-mails that carry both.

The entry is built by ``meetings.ics``, the same event the subscribed feeds list.
"""

from __future__ import annotations

import datetime as dt
from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone

from lieguan.core import audit
from lieguan.meetings.access import viewer_for_person
from lieguan.meetings.document import load_tree
from lieguan.meetings.ics import ics_bytes, meeting_event, meeting_url, new_ics
from lieguan.meetings.models import Invitation, Meeting
from lieguan.minutes.rocdate import format_roc_date, format_time, weekday_zh
from lieguan.organisations.access import Viewer

NOTICE_ACTION = "meeting.notice"


def notices_sent(meeting: Meeting) -> int:
    return audit.history(meeting).filter(action=NOTICE_ACTION).count()


def when_text(moment: dt.datetime) -> str:
    """115年12月17日（四）10時00分"""
    local = timezone.localtime(moment)
    return f"{format_roc_date(local.date())}（{weekday_zh(local.date())}）{format_time(local.time())}"


def agenda_text(meeting: Meeting, reader: Viewer) -> str:
    """壹、報告事項 / 　一、…（資訊局）: the agenda as plain lines, for the e-mail and the calendar entry.

    As ``reader`` may read it: a confidential item they are not entitled to is 「機密案件」, without its agency.
    """
    lines: list[str] = []
    for section in load_tree(meeting, reader):
        lines.append(f"{section.label}、{section.heading}")
        for item in section.items.all():
            presenter = f"（{item.presenter_text}）" if item.presenter_text else ""
            lines.append(f"　{item.label}、{item.title}{presenter}")
    return "\n".join(lines)


def build_ics(
    meeting: Meeting,
    *,
    base_url: str,
    sequence: int,
    reader: Viewer,
    method: str = "PUBLISH",
    invitations: list[Invitation] | None = None,
) -> bytes:
    """The meeting's .ics as the notice carries it (and the meeting page offers it): the event with the agenda ``reader`` reads."""
    calendar = new_ics(method)
    agenda = agenda_text(meeting, reader)
    calendar.add_component(meeting_event(meeting, base_url=base_url, sequence=sequence, agenda=agenda, invitations=invitations))
    return ics_bytes(calendar)


def ics_filename(meeting: Meeting) -> str:
    return f"{meeting.series.full_name}{meeting.ordinal}.ics"


def notice_subject(meeting: Meeting, *, update: bool) -> str:
    name = f"{meeting.series.full_name}{meeting.ordinal}"
    if meeting.cancelled:
        return f"會議取消通知：{name}"
    return f"{'【更新】' if update else ''}開會通知：{name}"


def notice_body(meeting: Meeting, invitation: Invitation, *, base_url: str, update: bool) -> str:
    context = {
        "meeting": meeting,
        "series": meeting.series,
        "person": invitation.person,
        "capacity": invitation.get_capacity_display(),
        "when": when_text(meeting.start),
        "cutoff": when_text(meeting.materials_cutoff) if meeting.materials_cutoff else "",
        "agenda": agenda_text(meeting, viewer_for_person(invitation.person)),
        "link": meeting_url(meeting, base_url),
        "update": update,
    }
    return render_to_string("meetings/notice_email.txt", context)


def notice_message(meeting: Meeting, invitation: Invitation, *, base_url: str, sequence: int, update: bool) -> EmailMessage:
    """The e-mail to one invitee, with the calendar entry both as an invitation part and as an attachment."""
    message = EmailMessage(
        subject=notice_subject(meeting, update=update),
        body=notice_body(meeting, invitation, base_url=base_url, update=update),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitation.person.email],
    )
    method = "CANCEL" if meeting.cancelled else "REQUEST"
    reader = viewer_for_person(invitation.person)
    ics = build_ics(meeting, base_url=base_url, sequence=sequence, reader=reader, method=method, invitations=[invitation])
    part = MIMEText(ics.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", ics_filename(meeting)))
    message.attach(part)
    return message
