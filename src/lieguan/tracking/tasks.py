"""Background work of tracking: building the status report's downloads (DOCX, ODT, PDF), never in a web request.

A request for a download (``request_file``) builds the report's table as its
reader sees it and hashes it (``status_report.fingerprint``, about a tenth of a
second for 500 cases). A file already built from the same table is served at
once; otherwise one ``build_status_report_file`` is queued and the reader's
page polls its progress. Files are kept per meeting, format and audience (the
whole report, or one liaison's part of it), so that nobody is handed a file
built for a view they do not have.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import task

from lieguan.core.worker import worker_started
from lieguan.meetings.models import Meeting
from lieguan.minutes.tables import render_table
from lieguan.tracking import access
from lieguan.tracking.models import StatusReportFile
from lieguan.tracking.status_report import build, fingerprint, report_for, report_table, shares_whole_file

logger = logging.getLogger(__name__)

S = StatusReportFile.State
# A build waiting or running this long is taken for lost (its worker stopped): the next request queues it again.
STALLED_AFTER = dt.timedelta(minutes=10)


def audience_of(user: Any, whole: bool) -> str:
    return StatusReportFile.WHOLE if whole else f"user:{user.pk}"


def request_file(user: Any, meeting: Meeting, fmt: str) -> StatusReportFile:
    """The file of the report as ``user`` sees it now: ready if it was built from the same table, else queued.

    ``user`` must already have been let in (``access.access_status_report``).
    """
    data, _ = report_for(user, meeting)
    wanted = fingerprint(report_table(data), fmt)
    audience = audience_of(user, shares_whole_file(user, meeting, data))
    # The common case, a file already built, takes no lock (SQLite's writers wait on one another).
    kept = StatusReportFile.objects.defer("content").filter(meeting=meeting, fmt=fmt, audience=audience).first()
    if kept is not None and kept.fingerprint == wanted and kept.state == S.READY:
        return kept
    with transaction.atomic():
        row, _ = (
            StatusReportFile.objects.select_for_update()
            .defer("content")
            .get_or_create(
                meeting=meeting,
                fmt=fmt,
                audience=audience,
                defaults={"fingerprint": "", "requested_at": timezone.now(), "requested_by": user},
            )
        )
        if row.fingerprint == wanted and row.state == S.READY:
            return row
        building = row.state in (S.QUEUED, S.RUNNING) and timezone.now() - row.requested_at < STALLED_AFTER
        if row.fingerprint == wanted and building:
            return row
        row.state, row.progress, row.fingerprint, row.error = S.QUEUED, 0, wanted, ""
        row.content, row.finished_at = b"", None
        row.requested_at, row.requested_by = timezone.now(), user
        row.save()
        # Queued in the same transaction as the row it builds (the database queue): both or neither.
        build_status_report_file.enqueue(row.pk)
    # With the immediate backend (tests) the file is built by now.
    row.refresh_from_db(fields=["state", "progress", "fingerprint", "error", "finished_at"])
    return row


def _update(row: StatusReportFile, **fields: Any) -> bool:
    """Write the build's progress unless a newer request took the row over; whether it was written."""
    return StatusReportFile.objects.filter(pk=row.pk, requested_at=row.requested_at).update(**fields) == 1


@task()
def build_status_report_file(file_id: int) -> str:
    """Build one queued download; its state afterwards."""
    row = StatusReportFile.objects.select_related("meeting__series", "requested_by").defer("content").filter(pk=file_id).first()
    if row is None or row.state == S.READY:
        return row.state if row else ""
    if not _update(row, state=S.RUNNING, progress=10):
        return "superseded"
    try:
        meeting = row.meeting
        if row.audience == StatusReportFile.WHOLE:
            data = build(meeting)
        else:
            # Built as the reader, with the rights they have now: the access check is made again here.
            access.access_status_report(row.requested_by, meeting.pk)
            data, _ = report_for(row.requested_by, meeting)
        doc = report_table(data)
        _update(row, progress=40)
        content = render_table(doc, row.fmt)
    except Exception as error:  # a failed build is shown on its page, with a retry, rather than lost in a log
        logger.exception("status report file %s failed", file_id)
        _update(row, state=S.FAILED, progress=0, error=f"{type(error).__name__}: {error}"[:300], finished_at=timezone.now())
        return S.FAILED
    written = _update(row, state=S.READY, progress=100, fingerprint=fingerprint(doc, row.fmt), content=content, finished_at=timezone.now())
    return S.READY if written else "superseded"


@receiver(worker_started)
def _queue_what_was_left(**kwargs: Any) -> None:
    """Files a stopped worker left waiting or half built are queued again; a task finding its file built does nothing."""
    for file_id in StatusReportFile.objects.filter(state__in=[S.QUEUED, S.RUNNING]).values_list("pk", flat=True):
        build_status_report_file.enqueue(file_id)
