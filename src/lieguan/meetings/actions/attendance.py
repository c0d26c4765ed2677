"""Invitations and attendance: online sign-in by the attendee, or marked by the recorder."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lieguan.core import audit
from lieguan.core.actors import Actor
from lieguan.meetings import access
from lieguan.meetings.actions._common import require_runs_series
from lieguan.meetings.audit_events import MEETING_INVITE, MEETING_MARK_ATTENDANCE, MEETING_SIGN_IN, MEETING_UNINVITE
from lieguan.meetings.models import Invitation, Meeting
from lieguan.organisations.access import viewer_for
from lieguan.organisations.models import Organisation, Person, Role

A = Invitation.Attendance

# Titles of the person who heads an agency; the directory has no other mark of a head.
HEAD_TITLES = (
    "市長",
    "秘書長",
    "局長",
    "處長",
    "主任委員",
    "主任",
    "總經理",
    "董事長",
    "署長",
    "院長",
    "館長",
    "所長",
    "首長",
)


HEADS, LIAISONS = "heads", "liaisons"
# Labels in Chinese, translated where a form shows them (``core.forms.translated_choices``).
GROUPS = {HEADS: gettext_noop("首長"), LIAISONS: gettext_noop("聯絡人")}


def agency_group(organisation: Organisation, group: str) -> Any:
    """The head(s) of an agency (by title, in the agency itself, not its units) or its liaisons (by role)."""
    people = Person.objects.filter(active=True).select_related("organisation")
    if group == HEADS:
        return people.filter(organisation=organisation, title__in=HEAD_TITLES)
    if group == LIAISONS:
        return people.filter(
            user__role_grants__role=Role.LIAISON, user__role_grants__organisation=organisation, user__is_active=True
        ).distinct()
    raise ValueError(f"unknown group: {group}")


def do_invite(actor: Actor, meeting: Meeting, person: Person, *, capacity: str = Invitation.Capacity.MEMBER) -> Invitation:
    require_runs_series(actor, meeting.series)
    if capacity not in Invitation.Capacity.values:
        raise ValidationError(_("身分須為出席或列席。"))
    if meeting.cancelled:
        raise ValidationError(_("此會次已取消，不能再邀請。"))
    with transaction.atomic():
        invitation, created = Invitation.objects.get_or_create(meeting=meeting, person=person, defaults={"capacity": capacity})
        if not created and invitation.capacity != capacity:
            before = audit.snapshot(invitation)
            invitation.capacity = capacity
            invitation.save(update_fields=["capacity"])
            audit.record(actor=actor, action=MEETING_INVITE, target=invitation, before=before, after=audit.snapshot(invitation))
        elif created:
            audit.record(actor=actor, action=MEETING_INVITE, target=invitation, after=audit.snapshot(invitation))
    return invitation


def do_invite_group(
    actor: Actor, meeting: Meeting, organisation: Organisation, group: str, *, capacity: str = Invitation.Capacity.MEMBER
) -> list[Invitation]:
    """Invite the heads or the liaisons of an agency at once; those already invited keep their invitation."""
    require_runs_series(actor, meeting.series)
    people = list(agency_group(organisation, group))
    if not people:
        # One sentence per group, so that each reads whole in every language.
        missing = _("名錄中沒有%(agency)s的首長。") if group == HEADS else _("名錄中沒有%(agency)s的聯絡人。")
        raise ValidationError(missing % {"agency": organisation.display_name})
    with transaction.atomic():
        already = set(meeting.invitations.filter(person__in=people).values_list("person_id", flat=True))
        return [do_invite(actor, meeting, person, capacity=capacity) for person in people if person.pk not in already]


def do_uninvite(actor: Actor, invitation: Invitation) -> None:
    require_runs_series(actor, invitation.meeting.series)
    if invitation.attendance != A.UNKNOWN:
        raise ValidationError(_("已簽到或已登記出席情形的人員不可移除。"))
    with transaction.atomic():
        audit.record(actor=actor, action=MEETING_UNINVITE, target=invitation, before=audit.snapshot(invitation))
        invitation.delete()


def sign_in_open(meeting: Meeting) -> bool:
    """Attendees sign in from an hour before the start until the end of the meeting day."""
    now = timezone.now()
    start = meeting.start
    day_end = timezone.localtime(start).replace(hour=23, minute=59, second=59)
    return not meeting.cancelled and start - dt.timedelta(hours=1) <= now <= day_end


def do_sign_in(actor: Actor, meeting: Meeting) -> Invitation:
    """The attendee signs in on their own device."""
    viewer = viewer_for(actor)
    if viewer.person_id is None:
        raise PermissionDenied(_("您的帳號尚未連結人員資料，無法簽到。"))
    invitation = meeting.invitations.filter(person_id=viewer.person_id).first()
    if invitation is None:
        raise PermissionDenied(_("您不在此會議的與會名單中。"))
    if not sign_in_open(meeting):
        raise ValidationError(_("目前不在簽到時間內（會前一小時起至會議當日止）。"))
    with transaction.atomic():
        before = audit.snapshot(invitation)
        if invitation.attendance == A.PRESENT:
            return invitation
        invitation.attendance = A.PRESENT
        invitation.signed_in_at = timezone.now()
        invitation.self_signed = True
        invitation.save()
        audit.record(actor=actor, action=MEETING_SIGN_IN, target=invitation, before=before, after=audit.snapshot(invitation))
    return invitation


def do_mark_attendance(
    actor: Actor,
    invitation: Invitation,
    attendance: str,
    *,
    substitute_name: str = "",
    substitute_title: str = "",
    note: str = "",
) -> Invitation:
    """The recorder marks someone present, excused (請假), substituted (代理) or absent."""
    meeting = invitation.meeting
    access.require_mark_attendance(actor, meeting)
    if attendance not in A.values:
        raise ValidationError(_("未知的出席情形。"))
    if attendance == A.SUBSTITUTED and not substitute_name.strip():
        raise ValidationError(_("代理出席須填寫代理人姓名。"))
    if meeting.cancelled:
        raise ValidationError(_("此會次已取消，不必登記出席情形。"))
    with transaction.atomic():
        before = audit.snapshot(invitation)
        invitation.attendance = attendance
        invitation.substitute_name = substitute_name.strip() if attendance == A.SUBSTITUTED else ""
        invitation.substitute_title = substitute_title.strip() if attendance == A.SUBSTITUTED else ""
        invitation.note = note
        if attendance in (A.PRESENT, A.SUBSTITUTED):
            invitation.signed_in_at = invitation.signed_in_at or timezone.now()
            invitation.self_signed = False if before["attendance"] != A.PRESENT else invitation.self_signed
        else:
            invitation.signed_in_at = None
            invitation.self_signed = False
        invitation.save()
        audit.record(
            actor=actor,
            action=MEETING_MARK_ATTENDANCE,
            target=invitation,
            before=before,
            after=audit.snapshot(invitation),
        )
    return invitation
