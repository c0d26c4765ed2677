"""A confirmed amendment of the minutes reaches the cases put under tracking from the amended conclusions.

The minutes are the record: when the next session amends a tracked conclusion
(「12 月底前…」修改為「116年1月底前…」), the case's text follows, and so does its
deadline when the new text states another one. The case history shows the
change with the session that decided it, and the next status report prints the
new text. The permission is the confirmation's (``do_confirm_previous_minutes``
checked it); this runs inside that transaction.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.core.actors import Actor
from lieguan.core.dates import long_date
from lieguan.meetings.models import Conclusion, Meeting
from lieguan.minutes.deadlines import find_deadlines
from lieguan.tracking import notifying
from lieguan.tracking.audit_events import CASE_AMEND
from lieguan.tracking.models import TrackedCase
from lieguan.tracking.signals import case_changed, send_after_commit

FIELDS = ["text", "deadline", "deadline_basis"]


def apply_amendment(actor: Actor, conclusion: Conclusion, new_text: str, *, meeting: Meeting, at_meeting: Meeting) -> list[TrackedCase]:
    """Carry the amended text of ``conclusion`` (of ``meeting``, amended at ``at_meeting``) to its cases."""
    day = timezone.localtime(meeting.start).date()
    found = find_deadlines(new_text, day)
    changed = []
    for case in TrackedCase.objects.filter(conclusion=conclusion).select_for_update():
        before = audit.snapshot(case, FIELDS)
        case.text = new_text
        if found and found[0].date != case.deadline:
            if found[0].date < case.opened_on:
                raise ValidationError(
                    _("修正後的期限 %(deadline)s 早於 %(number)s 的列管日期 %(opened)s，請確認修正文字。")
                    % {"deadline": long_date(found[0].date), "number": case.number, "opened": long_date(case.opened_on)}
                )
            case.deadline, case.deadline_basis = found[0].date, found[0].text[:100]
        after = audit.snapshot(case, FIELDS)
        if after == before:
            continue
        case.save(update_fields=[*FIELDS, "updated"])
        audit.record(
            actor=actor,
            action=CASE_AMEND,
            target=case,
            before=before,
            after={**after, "meeting": at_meeting.pk, "meeting_name": str(at_meeting)},
        )
        send_after_commit(case_changed, case.pk)
        notifying.case_amended(actor, case, meeting=meeting, at_meeting=at_meeting)
        changed.append(case)
    return changed
