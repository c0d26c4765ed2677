"""Release (解除列管) or continue (賡續列管): per case and per agency, recorded at a meeting.

A decision is recorded once, here (``CaseDecision``, per agency). The cases'
states follow from it, and so does the minutes' wording: in the same
transaction the meetings app writes the standard sentence into the status
report item (列管編號 223-1、223-2 等 2 案解除列管；…) and its record of the
decisions (``meetings.actions.do_write_case_decisions``). Publishing the minutes
requires a decision for every case on the session's status report.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.core.actors import Actor, user_of
from lieguan.meetings import access as meetings_access
from lieguan.meetings import actions as meeting_actions
from lieguan.meetings.models import AgendaItem, Meeting
from lieguan.minutes.model import CaseDecision as DocumentDecision
from lieguan.organisations.models import Organisation
from lieguan.tracking import access
from lieguan.tracking.audit_events import ASSIGNMENT_STATUS, CASE_DECIDE, CASE_STATUS, STATUS_REPORT_PLACE
from lieguan.tracking.models import Assignment, CaseDecision, CaseStatus, StatusReport, TrackedCase
from lieguan.tracking.signals import case_changed, send_after_commit


@dataclass(frozen=True)
class Decide:
    case: TrackedCase
    decision: str
    # The agencies this decision is for; empty: every agency of the case still open (or decided at this meeting).
    organisations: tuple[Organisation, ...] = ()


def _check_parent(case: TrackedCase, decision: str, day: dt.date) -> None:
    """A bureau-level case waits for its city-level parent where the series says so."""
    if decision != "release" or case.parent_id is None or case.series is None or not case.series.release_after_parent:
        return
    parent = case.parent
    assert parent is not None
    if parent.status != CaseStatus.RELEASED:
        raise ValidationError(
            _("%(number)s 須待府級列管案件 %(parent)s 解除列管後，始得解除列管。") % {"number": case.number, "parent": parent.number}
        )
    if parent.released_on and parent.released_on > day:
        raise ValidationError(
            _("府級列管案件 %(parent)s 於 %(day)s 解除列管，須於其後的會議報告後，始得解除 %(number)s 之列管。")
            % {"parent": parent.number, "day": parent.released_on, "number": case.number}
        )


def _targets(case: TrackedCase, decide: Decide, meeting: Meeting | None) -> list[Assignment]:
    assignments = list(case.assignments.select_related("organisation"))
    if decide.organisations:
        wanted = {o.pk for o in decide.organisations}
        chosen = [a for a in assignments if a.organisation_id in wanted]
        missing = wanted - {a.organisation_id for a in chosen}
        if missing:
            names = _("、").join(str(o) for o in decide.organisations if o.pk in missing)
            raise ValidationError(_("%(names)s 不是 %(number)s 的主協辦機關。") % {"names": names, "number": case.number})
        return chosen
    decided_here = set()
    if meeting is not None:
        decided_here = set(CaseDecision.objects.filter(case=case, meeting=meeting).values_list("assignment_id", flat=True))
    return [a for a in assignments if a.status == CaseStatus.OPEN or a.pk in decided_here]


def _set_status(actor: Actor, case: TrackedCase, day: dt.date, whole_case_decision: str | None = None) -> None:
    before = audit.snapshot(case, ["status", "released_on"])
    statuses = list(case.assignments.values_list("status", flat=True))
    # A case without known agencies (rebuilt from old minutes) follows the decision on the whole case.
    released = all(s == CaseStatus.RELEASED for s in statuses) if statuses else whole_case_decision == "release"
    case.status = CaseStatus.RELEASED if released else CaseStatus.OPEN
    case.released_on = (case.released_on or day) if released else None
    if audit.snapshot(case, ["status", "released_on"]) != before:
        case.save(update_fields=["status", "released_on", "updated"])
        audit.record(actor=actor, action=CASE_STATUS, target=case, before=before, after=audit.snapshot(case, ["status", "released_on"]))


def apply_decision(actor: Actor, decide: Decide, *, meeting: Meeting | None, day: dt.date, note: str = "") -> list[CaseDecision]:
    """Apply one decision to a case's assignments (no permission check: callers check)."""
    case = decide.case
    if decide.decision not in ("release", "continue"):
        raise ValidationError(_("決定須為解除列管或賡續列管。"))
    _check_parent(case, decide.decision, day)
    out: list[CaseDecision] = []
    user = user_of(actor)
    targets = _targets(case, decide, meeting)
    if not targets and case.assignments.exists():
        raise ValidationError(_("%(number)s 已無列管中的機關。") % {"number": case.number})
    chosen: list[Assignment | None] = list(targets) or [None]
    for assignment in chosen:
        lookup = {"case": case, "meeting": meeting, "assignment": assignment}
        existing = CaseDecision.objects.filter(**lookup).first() if meeting is not None else None
        before = audit.snapshot(existing) if existing else None
        row = existing or CaseDecision(**lookup)
        row.decision, row.decided_on, row.decided_by, row.note = decide.decision, day, user, note
        row.save()
        audit.record(actor=actor, action=CASE_DECIDE, target=row, before=before, after=audit.snapshot(row))
        out.append(row)
        if assignment is not None:
            a_before = audit.snapshot(assignment, ["status", "released_on"])
            released = decide.decision == "release"
            assignment.status = CaseStatus.RELEASED if released else CaseStatus.OPEN
            assignment.released_on = day if released else None
            assignment.save(update_fields=["status", "released_on"])
            audit.record(
                actor=actor,
                action=ASSIGNMENT_STATUS,
                target=assignment,
                before=a_before,
                after=audit.snapshot(assignment, ["status", "released_on"]),
            )
    _set_status(actor, case, day, decide.decision)
    send_after_commit(case_changed, case.pk)
    return out


def minutes_decisions(meeting: Meeting) -> list[DocumentDecision]:
    """The decisions of a meeting as minutes write them: a whole case, or the agencies of a part."""
    rows = CaseDecision.objects.filter(meeting=meeting).select_related("case", "assignment__organisation")
    by_case: dict[int, list[CaseDecision]] = defaultdict(list)
    for row in rows:
        by_case[row.case_id].append(row)
    out: list[DocumentDecision] = []
    for case_rows in by_case.values():
        case = case_rows[0].case
        kinds = {r.decision for r in case_rows}
        covers_all = case.assignments.count() == sum(1 for r in case_rows if r.assignment_id is not None)
        if len(kinds) == 1 and (covers_all or case_rows[0].assignment_id is None):
            out.append(DocumentDecision(case=case.number, decision=case_rows[0].decision))  # type: ignore[arg-type]
            continue
        kind: Literal["release", "continue"]
        for kind in ("release", "continue"):
            agencies = [r.assignment.organisation.display_name for r in case_rows if r.decision == kind and r.assignment]
            if agencies:
                part = "及".join(agencies) if len(agencies) == 2 else "、".join(agencies)
                out.append(DocumentDecision(case=case.number, decision=kind, part=part))
    return out


def status_report_item(actor: Actor, meeting: Meeting) -> AgendaItem:
    """The item that carries the status report: the one placed, or the first report item (made if missing)."""
    report = StatusReport.objects.filter(meeting=meeting).select_related("item").first()
    if report is not None and report.item is not None:
        return report.item
    return meeting_actions.ensure_status_report_item(actor, meeting)


def _write_sentence(actor: Actor, meeting: Meeting) -> None:
    """The minutes' wording follows the decisions: the meetings app writes it, in this transaction."""
    report = StatusReport.objects.filter(meeting=meeting).select_related("item", "decision_conclusion").first()
    item, conclusion = meeting_actions.do_write_case_decisions(
        actor,
        meeting,
        minutes_decisions(meeting),
        item=report.item if report else None,
        conclusion=report.decision_conclusion if report else None,
    )
    if report is None:
        report = StatusReport(meeting=meeting, generated_at=timezone.now())
    report.item, report.decision_conclusion = item, conclusion
    report.save()


def pending_decisions(meeting: Meeting) -> list[str]:
    """The numbers of the cases on this session's status report with an agency still open and undecided here."""
    from lieguan.tracking.status_report import build

    pending = []
    for line in build(meeting).lines:
        if any(a.assignment.status == CaseStatus.OPEN and a.decision is None for a in line.agencies) or (
            not line.agencies and not CaseDecision.objects.filter(case=line.case, meeting=meeting).exists()
        ):
            pending.append(line.case.number)
    return pending


def proposed_decisions(meeting: Meeting) -> list[Decide]:
    """What the agencies propose for each undecided agency on the status report; no report proposes continuing."""
    from lieguan.tracking.status_report import build

    out: list[Decide] = []
    for line in build(meeting).lines:
        by_kind: dict[str, list[Organisation]] = defaultdict(list)
        for a in line.agencies:
            if a.assignment.status != CaseStatus.OPEN or a.decision is not None:
                continue
            kind = "release" if a.report is not None and a.report.proposal == "release" else "continue"
            by_kind[kind].append(a.assignment.organisation)
        for kind, organisations in by_kind.items():
            out.append(Decide(case=line.case, decision=kind, organisations=tuple(organisations)))
        if not line.agencies and not CaseDecision.objects.filter(case=line.case, meeting=meeting).exists():
            out.append(Decide(case=line.case, decision="continue"))
    return out


def do_accept_proposals(actor: Actor, meeting: Meeting) -> list[CaseDecision]:
    """「全部採納機關擬辦」: one step records the agencies' proposals for every undecided case of the report."""
    return do_record_decisions(actor, meeting, proposed_decisions(meeting), note="採納機關擬辦")


def do_record_decisions(actor: Actor, meeting: Meeting, decisions: Iterable[Decide], *, note: str = "") -> list[CaseDecision]:
    """The secretariat or a tracking officer records the meeting's decisions; the minutes get the standard sentence."""
    decisions = list(decisions)
    meetings_access.access_record_case_decisions(actor, meeting)
    for decide in decisions:
        access.require_decide_case(actor, decide.case)
    for decide in decisions:
        if decide.case.series_id not in (None, meeting.series_id) and decide.case.parent_id is None:
            raise ValidationError(_("%(number)s 不屬於此會議。") % {"number": decide.case.number})
    # A release takes effect on the day of the meeting that decided it.
    day = timezone.localtime(meeting.start).date()
    with transaction.atomic():
        rows: list[CaseDecision] = []
        for decide in decisions:
            rows.extend(apply_decision(actor, decide, meeting=meeting, day=day, note=note))
        _write_sentence(actor, meeting)
    return rows


def do_place_status_report(actor: Actor, meeting: Meeting) -> StatusReport:
    """「放入議程」: the status report becomes the first report item of the meeting (found or made)."""
    access.require_place_status_report(actor, meeting)
    with transaction.atomic():
        item = status_report_item(actor, meeting)
        report = StatusReport.objects.filter(meeting=meeting).first()
        before = audit.snapshot(report) if report else None
        report = report or StatusReport(meeting=meeting)
        report.item = item
        report.generated_at = timezone.now()
        report.generated_by = user_of(actor)
        report.save()
        audit.record(actor=actor, action=STATUS_REPORT_PLACE, target=report, before=before, after=audit.snapshot(report))
    return report
