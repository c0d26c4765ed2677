"""Who hears of a change to a tracked case, and what they are told (``notifications.do_notify``).

Called by the tracking actions inside their transaction. The people concerned
with an agency's part of a case are those who speak for the agency: its
liaisons (a unit's are also its agency's) and the stand-ins of those on leave.

A case from a confidential item (``tracking.access.can_read_case_text``) is
named 「機密案件」 to anyone not entitled to read it; its number is no secret.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from lieguan.meetings.models import Meeting
from lieguan.minutes.rocdate import format_roc_date
from lieguan.notifications.actions import do_notify
from lieguan.notifications.kinds import CASE_ASSIGNED, MINUTES_AMENDED, Kind
from lieguan.notifications.recipients import liaisons_of
from lieguan.organisations.access import viewer_for
from lieguan.tracking import access
from lieguan.tracking.models import Assignment, CaseStatus, TrackedCase

HIDDEN_TITLE = "機密案件"


def _tell(actor: Any, kind: Kind, case: TrackedCase, users: list[Any], *, key: str, subject: str, body: str) -> None:
    """Tell ``users`` of ``case``: the title in the subject only for those entitled to read it."""
    entitled: list[Any] = []
    others: list[Any] = []
    for user in users:
        (entitled if access.can_read_case_text(viewer_for(user), case) else others).append(user)
    link = reverse("tracking:case", args=[case.pk])
    for group, title in ((entitled, case.title), (others, HIDDEN_TITLE)):
        if group:
            do_notify(actor, kind, key=key, subject=subject.replace("{title}", title), body=body, link=link, users=group)


def case_assigned(actor: Any, assignment: Assignment) -> None:
    """An agency was given a part (主辦 or 協辦) of an open case: its liaisons are told, once per assignment.

    Cases rebuilt from imported minutes tell nobody: an import of past years
    would otherwise announce thousands of cases long under way.
    """
    case = assignment.case
    if case.imported or assignment.status != CaseStatus.OPEN:
        return
    due = f"列管期限：{format_roc_date(case.deadline)}。" if case.deadline else "未定列管期限。"
    _tell(
        actor,
        CASE_ASSIGNED,
        case,
        liaisons_of([assignment.organisation_id]),
        key=f"{CASE_ASSIGNED}:{assignment.pk}",
        subject=f"列管案件 {case.number} 請貴機關{assignment.get_role_display()}：{{title}}",
        body=f"{assignment.organisation.display_name}為本案{assignment.get_role_display()}機關。{due}請於系統填報辦理情形。",
    )


def case_amended(actor: Any, case: TrackedCase, *, meeting: Meeting, at_meeting: Meeting) -> None:
    """A confirmed amendment changed the text (and maybe the deadline) of ``case``: its open agencies' liaisons are told."""
    agencies = case.assignments.filter(status=CaseStatus.OPEN).values_list("organisation_id", flat=True)
    due = f"列管期限為 {format_roc_date(case.deadline)}。" if case.deadline else ""
    _tell(
        actor,
        MINUTES_AMENDED,
        case,
        liaisons_of(list(agencies)),
        key=f"{MINUTES_AMENDED}:{meeting.pk}:{at_meeting.pk}:case:{case.pk}",
        subject=f"列管案件 {case.number} 依{at_meeting.ordinal}會議修正確定之紀錄變更：{{title}}",
        body=f"{meeting.ordinal}會議紀錄經{at_meeting.ordinal}會議修正確定，本案列管事項隨之變更。{due}",
    )
