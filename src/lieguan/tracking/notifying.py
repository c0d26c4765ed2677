"""Who hears of a change to a tracked case, and what they are told (``notifications.do_notify``).

Called by the tracking actions inside their transaction. The people concerned
with an agency's part of a case are those who speak for the agency: its
liaisons (a unit's are also its agency's) and the stand-ins of those on leave.

A case from a confidential item (``tracking.access.can_read_case_text``) is
named 「機密案件」 to anyone not entitled to read it; its number is no secret.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_noop

from lieguan.core.wording import Message, Sentence, choice, day, said
from lieguan.meetings.confidential import CONFIDENTIAL_TITLE_MSGID
from lieguan.meetings.models import Meeting
from lieguan.meetings.notifying import ordinal_words
from lieguan.notifications.actions import do_notify
from lieguan.notifications.kinds import CASE_ASSIGNED, MINUTES_AMENDED, Kind
from lieguan.notifications.recipients import liaisons_of
from lieguan.organisations.access import viewer_for
from lieguan.tracking import access
from lieguan.tracking.models import Assignment, CaseStatus, TrackedCase

# A case's title, for those not entitled to read it: a sentence of its own, worded in the reader's language.
HIDDEN_TITLE = said(CONFIDENTIAL_TITLE_MSGID)

Say = Callable[[str | Sentence], Message]


def _tell(actor: Any, kind: Kind, case: TrackedCase, users: list[Any], *, key: str, say: Say) -> None:
    """Tell ``users`` of ``case``: ``say`` is given its title for those entitled to read it, 「機密案件」 for the others."""
    entitled: list[Any] = []
    others: list[Any] = []
    for user in users:
        (entitled if access.can_read_case_text(viewer_for(user), case) else others).append(user)
    link = reverse("tracking:case", args=[case.pk])
    for group, title in ((entitled, case.title), (others, HIDDEN_TITLE)):
        if group:
            do_notify(actor, kind, key=key, words=say(title), link=link, users=group)


def case_assigned(actor: Any, assignment: Assignment) -> None:
    """An agency was given a part (主辦 or 協辦) of an open case: its liaisons are told, once per assignment.

    Cases rebuilt from imported minutes tell nobody: an import of past years
    would otherwise announce thousands of cases long under way.
    """
    case = assignment.case
    if case.imported or assignment.status != CaseStatus.OPEN:
        return
    role = choice(Assignment, "role", assignment.role)
    agency = assignment.organisation.display_name
    if case.deadline:
        body = said(
            gettext_noop("%(agency)s為本案%(role)s機關。列管期限：%(deadline)s。請於系統填報辦理情形。"),
            agency=agency,
            role=role,
            deadline=day(case.deadline),
        )
    else:
        body = said(gettext_noop("%(agency)s為本案%(role)s機關。未定列管期限。請於系統填報辦理情形。"), agency=agency, role=role)

    def say(title: str | Sentence) -> Message:
        subject = said(gettext_noop("列管案件 %(number)s 請貴機關%(role)s：%(title)s"), number=case.number, role=role, title=title)
        return Message(subject, [body])

    _tell(actor, CASE_ASSIGNED, case, liaisons_of([assignment.organisation_id]), key=f"{CASE_ASSIGNED}:{assignment.pk}", say=say)


def case_amended(actor: Any, case: TrackedCase, *, meeting: Meeting, at_meeting: Meeting) -> None:
    """A confirmed amendment changed the text (and maybe the deadline) of ``case``: its open agencies' liaisons are told."""
    agencies = case.assignments.filter(status=CaseStatus.OPEN).values_list("organisation_id", flat=True)
    sessions = {"meeting": ordinal_words(meeting), "at": ordinal_words(at_meeting)}
    if case.deadline:
        body = said(
            gettext_noop("%(meeting)s會議紀錄經%(at)s會議修正確定，本案列管事項隨之變更。列管期限為 %(deadline)s。"),
            deadline=day(case.deadline),
            **sessions,
        )
    else:
        body = said(gettext_noop("%(meeting)s會議紀錄經%(at)s會議修正確定，本案列管事項隨之變更。"), **sessions)

    def say(title: str | Sentence) -> Message:
        subject = said(
            gettext_noop("列管案件 %(number)s 依%(at)s會議修正確定之紀錄變更：%(title)s"),
            number=case.number,
            at=ordinal_words(at_meeting),
            title=title,
        )
        return Message(subject, [body])

    _tell(
        actor,
        MINUTES_AMENDED,
        case,
        liaisons_of(list(agencies)),
        key=f"{MINUTES_AMENDED}:{meeting.pk}:{at_meeting.pk}:case:{case.pk}",
        say=say,
    )
