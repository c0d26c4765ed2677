"""Sending the meeting notice (開會通知) to the invitees, by e-mail with a calendar entry."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.core.actors import Actor
from lieguan.meetings.actions._common import require_runs_series
from lieguan.meetings.audit_events import MEETING_NOTICE
from lieguan.meetings.models import Meeting
from lieguan.meetings.notice import notice_message, notices_sent
from lieguan.organisations.models import Person


@dataclass
class NoticeResult:
    sent: list[Person] = field(default_factory=list)
    # Invitees the directory has no e-mail address for: the secretariat must reach them another way.
    unreachable: list[Person] = field(default_factory=list)
    update: bool = False


def do_send_notice(actor: Actor, meeting: Meeting, base_url: str) -> NoticeResult:
    """E-mail every invitee the notice and its .ics; a second sending is an update of the same calendar entry.

    The mail goes out inside the transaction: if the mail server refuses it, the
    notice is not recorded as sent and the secretariat sees why.
    """
    require_runs_series(actor, meeting.series)
    invitations = list(meeting.invitations.select_related("person", "person__organisation"))
    if not invitations:
        raise ValidationError(_("尚未邀請與會人員，無法寄送開會通知。"))
    reachable = [i for i in invitations if i.person.email]
    if not reachable:
        raise ValidationError(_("與會人員在名錄中都沒有電子郵件地址，無法寄送開會通知。"))
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        sequence = notices_sent(locked)
        update = sequence > 0 or locked.notice_sent_at is not None
        messages = [notice_message(meeting, invitation, base_url=base_url, sequence=sequence, update=update) for invitation in reachable]
        before = audit.snapshot(locked, ["notice_sent_at"])
        locked.notice_sent_at = timezone.now()
        locked.save(update_fields=["notice_sent_at"])
        meeting.notice_sent_at = locked.notice_sent_at
        audit.record(
            actor=actor,
            action=MEETING_NOTICE,
            target=locked,
            before=before,
            after={
                "notice_sent_at": audit.jsonable(locked.notice_sent_at),
                "sequence": sequence,
                "update": update,
                "cancelled": locked.cancelled,
                "recipients": [i.person_id for i in reachable],
            },
        )
        with get_connection() as connection:
            connection.send_messages(messages)
    return NoticeResult(
        sent=[i.person for i in reachable],
        unreachable=[i.person for i in invitations if not i.person.email],
        update=update,
    )
