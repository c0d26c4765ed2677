"""Progress reports (辦理情形): one per assignment per cycle, with files and a proposal."""

from __future__ import annotations

import datetime as dt
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.core.actors import Actor, signed_in
from lieguan.core.uploads import check_upload
from lieguan.organisations.access import viewer_for
from lieguan.tracking import access
from lieguan.tracking.audit_events import REPORT_ATTACH, REPORT_REVISE, REPORT_SUBMIT
from lieguan.tracking.cycles import current_cycle
from lieguan.tracking.models import Assignment, ProgressReport, Proposal, ReportAttachment
from lieguan.tracking.signals import case_changed, send_after_commit


def do_submit_report(
    actor: Actor,
    assignment: Assignment,
    *,
    text: str,
    proposal: str,
    files: list[tuple[IO[bytes], str]] | None = None,
    at: dt.datetime | None = None,
) -> ProgressReport:
    """Write (or, within the same cycle, rewrite) the agency's report; earlier cycles' reports stay as they were.

    ``at`` is when the report was written, for reports entered after the fact
    (the demo city, reports carried over from paper); it decides the cycle.
    """
    viewer = viewer_for(actor)
    access.require_report(actor, assignment)
    if not text.strip():
        raise ValidationError(_("請填寫辦理情形。"))
    if proposal not in Proposal.values:
        raise ValidationError(_("請選擇擬辦：擬解除列管或擬繼續列管。"))
    checked = [(stream, check_upload(stream, name)) for stream, name in (files or [])]
    at = at or timezone.now()
    cycle = current_cycle(assignment.case, at)
    with transaction.atomic():
        # One writer per assignment at a time: two first reports of a cycle sent at once become a write and a
        # revision (not a unique violation), and each revision's "before" is the report the previous one left.
        # (SQLite's IMMEDIATE transactions serialise writers already; this is for PostgreSQL.)
        Assignment.objects.select_for_update().filter(pk=assignment.pk).values_list("pk", flat=True).first()
        report = ProgressReport.objects.filter(assignment=assignment, cycle=cycle.key).first()
        before = audit.snapshot(report) if report else None
        if report is None:
            report = ProgressReport(assignment=assignment, cycle=cycle.key, cycle_meeting=cycle.meeting)
        report.text = text.strip()
        report.proposal = proposal
        report.submitted_by = signed_in(actor)
        report.on_behalf_of_id = viewer.on_behalf_of(assignment.organisation_id)
        report.submitted_at = at
        report.save()
        audit.record(
            actor=actor,
            action=REPORT_SUBMIT if before is None else REPORT_REVISE,
            target=report,
            before=before,
            after=audit.snapshot(report),
        )
        for stream, info in checked:
            attachment = ReportAttachment(
                report=report, original_name=info.name, content_type=info.kind.media_type, size=info.size, digest=info.digest
            )
            attachment.file.save(info.digest, File(stream), save=False)
            attachment.save()
            audit.record(actor=actor, action=REPORT_ATTACH, target=attachment, after=audit.snapshot(attachment))
        send_after_commit(case_changed, assignment.case_id)
    return report
