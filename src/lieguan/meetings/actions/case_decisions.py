"""What the minutes say about tracked cases: the standard sentence of the status report item.

The decisions themselves are tracking's (``tracking.actions.decisions``); the
minutes' wording follows from them. Tracking calls this action in its own
transaction each time the decisions of a meeting change, so the sentence, the
``MinutesCaseDecision`` rows and the cases never disagree. Once the minutes
are published the sentence is part of the record and is frozen with them.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.db.models import Max

from lieguan.core import audit
from lieguan.core.actors import Actor
from lieguan.meetings import access
from lieguan.meetings.actions.agenda import relabel_items, relabel_sections
from lieguan.meetings.actions.minutes import relabel_conclusions
from lieguan.meetings.audit_events import AGENDA_ADD_ITEM, AGENDA_ADD_SECTION, MINUTES_CASE_DECISIONS, MINUTES_DECISION_SENTENCE
from lieguan.meetings.models import AgendaItem, AgendaSection, Conclusion, Meeting, MinutesCaseDecision
from lieguan.meetings.signals import meeting_changed, send_after_commit
from lieguan.minutes.model import CaseDecision as DocumentDecision
from lieguan.minutes.sentences import decision_sentence

STATUS_REPORT_MARK = "執行情形"


def status_report_title(meeting: Meeting) -> str:
    return f"{meeting.series.name}會議結論事項執行情形"


def _require_records_decisions(actor: Actor, meeting: Meeting) -> None:
    access.access_record_case_decisions(actor, meeting)


def ensure_status_report_item(actor: Actor, meeting: Meeting) -> AgendaItem:
    """The first item of the reports section carries the status report: found, or made (section too) and audited.

    No permission check of its own: called by actions that checked (placing the
    report on the agenda, recording decisions).
    """
    section = meeting.sections.filter(kind=AgendaSection.Kind.REPORTS).order_by("position").first()
    if section is None:
        position = int(meeting.sections.aggregate(n=Max("position"))["n"] or 0) + 1
        section = AgendaSection.objects.create(
            meeting=meeting, position=position, label="", kind=AgendaSection.Kind.REPORTS, heading="報告事項"
        )
        relabel_sections(meeting)
        section.refresh_from_db()
        audit.record(actor=actor, action=AGENDA_ADD_SECTION, target=section, after=audit.snapshot(section))
    item = section.items.order_by("position").first()
    if item is not None and STATUS_REPORT_MARK in item.title:
        return item
    for later in section.items.order_by("-position"):
        later.position += 1
        later.save(update_fields=["position"])
    item = AgendaItem.objects.create(section=section, position=1, label="", title=status_report_title(meeting))
    relabel_items(section)
    item.refresh_from_db()
    audit.record(actor=actor, action=AGENDA_ADD_ITEM, target=item, after=audit.snapshot(item))
    send_after_commit(meeting_changed, meeting.pk)
    return item


def do_write_case_decisions(
    actor: Actor,
    meeting: Meeting,
    decisions: Sequence[DocumentDecision],
    *,
    item: AgendaItem | None,
    conclusion: Conclusion | None,
) -> tuple[AgendaItem, Conclusion | None]:
    """Write the meeting's decisions into its minutes: the standard sentence and one row per decision.

    Returns the status report item and the conclusion holding the sentence
    (None when there are no decisions and there never was a sentence).
    """
    _require_records_decisions(actor, meeting)
    with transaction.atomic():
        item = item or ensure_status_report_item(actor, meeting)
        sentence = decision_sentence(list(decisions))
        if conclusion is not None:
            before = audit.snapshot(conclusion)
            if conclusion.text != sentence:
                conclusion.text = sentence
                conclusion.save(update_fields=["text"])
                audit.record(
                    actor=actor, action=MINUTES_DECISION_SENTENCE, target=conclusion, before=before, after=audit.snapshot(conclusion)
                )
        elif sentence:
            position = int(item.conclusions.aggregate(n=Max("position"))["n"] or 0) + 1
            conclusion = Conclusion.objects.create(item=item, position=position, text=sentence)
            relabel_conclusions(item.conclusions.all())
            conclusion.refresh_from_db()
            audit.record(actor=actor, action=MINUTES_DECISION_SENTENCE, target=conclusion, after=audit.snapshot(conclusion))
        old = [(r.case_number, r.decision, r.part) for r in MinutesCaseDecision.objects.filter(meeting=meeting).order_by("id")]
        new = [(d.case, d.decision, d.part or "") for d in decisions]
        if old != new:
            MinutesCaseDecision.objects.filter(meeting=meeting).delete()
            for d in decisions:
                MinutesCaseDecision.objects.create(
                    meeting=meeting, case_number=d.case, decision=d.decision, part=d.part or "", conclusion=conclusion
                )
            audit.record(
                actor=actor,
                action=MINUTES_CASE_DECISIONS,
                target=meeting,
                before={"decisions": [list(r) for r in old]},
                after={"decisions": [list(r) for r in new]},
            )
        send_after_commit(meeting_changed, meeting.pk)
    return item, conclusion
