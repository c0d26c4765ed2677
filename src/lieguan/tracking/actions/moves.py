"""A meeting moved to another day: what it decided takes effect on its new day.

Cases it put under tracking open on the meeting's day, and parts it released
are released on that day (``tracking.asof``). Moving a meeting that already
decided something to a time that has not come yet is refused: decisions are
only ever recorded for a meeting that began. The permission is the move's
(``meetings.actions.do_update_meeting``); this runs inside its transaction.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.core.actors import Actor
from lieguan.core.dates import long_date
from lieguan.meetings import access as meetings_access
from lieguan.meetings.models import Meeting
from lieguan.tracking.actions.opening import require_deadline_not_before
from lieguan.tracking.audit_events import CASE_MOVE
from lieguan.tracking.models import Assignment, CaseDecision, CaseStatus, TrackedCase
from lieguan.tracking.signals import case_changed, send_after_commit


def follow_meeting_date(actor: Actor, meeting: Meeting) -> None:
    day = timezone.localtime(meeting.start).date()
    decisions = list(CaseDecision.objects.filter(meeting=meeting).select_related("case", "assignment"))
    opened = list(TrackedCase.objects.filter(meeting=meeting).select_for_update())
    if (decisions or opened) and not meetings_access.has_started(meeting):
        raise ValidationError(
            _("%(ordinal)s會議已記錄列管決定或列管案件，不能改到尚未到來的 %(day)s；請先調整列管決定，或改選已舉行的日期。")
            % {"ordinal": meeting.ordinal, "day": long_date(day)}
        )
    touched: set[int] = set()
    for case in opened:
        if case.opened_on != day:
            require_deadline_not_before(case.deadline, day)
            before = audit.snapshot(case, ["opened_on"])
            case.opened_on = day
            case.save(update_fields=["opened_on", "updated"])
            audit.record(actor=actor, action=CASE_MOVE, target=case, before=before, after={"opened_on": day.isoformat()})
            touched.add(case.pk)
    for decision in decisions:
        if decision.decided_on == day:
            continue
        before = audit.snapshot(decision, ["decided_on"])
        decision.decided_on = day
        decision.save(update_fields=["decided_on"])
        audit.record(actor=actor, action=CASE_MOVE, target=decision, before=before, after={"decided_on": day.isoformat()})
        assignment: Assignment | None = decision.assignment
        if assignment is not None and decision.decision == CaseDecision.Decision.RELEASE and assignment.status == CaseStatus.RELEASED:
            a_before = audit.snapshot(assignment, ["released_on"])
            assignment.released_on = day
            assignment.save(update_fields=["released_on"])
            audit.record(actor=actor, action=CASE_MOVE, target=assignment, before=a_before, after={"released_on": day.isoformat()})
        case = decision.case
        if case.status == CaseStatus.RELEASED:
            # The case is released on the day its last part was.
            days = [a.released_on for a in case.assignments.all() if a.released_on] or [day]
            last = max(days)
            if case.released_on != last:
                c_before = audit.snapshot(case, ["released_on"])
                case.released_on = last
                case.save(update_fields=["released_on", "updated"])
                audit.record(actor=actor, action=CASE_MOVE, target=case, before=c_before, after={"released_on": last.isoformat()})
        touched.add(case.pk)
    for pk in touched:
        send_after_commit(case_changed, pk)
