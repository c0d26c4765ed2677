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

from collections.abc import Callable
from typing import Any

from django.dispatch import receiver
from django_tasks import task

from lieguan.core.builds import queue_left, request_build, run_build
from lieguan.core.worker import worker_started
from lieguan.meetings.models import Meeting
from lieguan.minutes.tables import render_table
from lieguan.tracking import access
from lieguan.tracking.models import StatusReportFile
from lieguan.tracking.status_report import build, fingerprint, report_for, report_table, shares_whole_file


def audience_of(user: Any, whole: bool) -> str:
    return StatusReportFile.WHOLE if whole else f"user:{user.pk}"


def request_file(user: Any, meeting: Meeting, fmt: str) -> StatusReportFile:
    """The file of the report as ``user`` sees it now: ready if it was built from the same table, else queued.

    ``user`` must already have been let in (``access.access_status_report``).
    """
    data, _ = report_for(user, meeting)
    wanted = fingerprint(report_table(data), fmt)
    key = {"meeting": meeting, "fmt": fmt, "audience": audience_of(user, shares_whole_file(user, meeting, data))}
    return request_build(StatusReportFile, key, wanted, user, build_status_report_file.enqueue)


def _make(row: StatusReportFile, progress: Callable[[int], Any]) -> tuple[bytes, str]:
    meeting = row.meeting
    if row.audience == StatusReportFile.WHOLE:
        data = build(meeting)
    else:
        # Built as the reader, with the rights they have now: the access check is made again here.
        access.access_status_report(row.requested_by, meeting.pk)
        data, _ = report_for(row.requested_by, meeting)
    doc = report_table(data)
    progress(40)
    return render_table(doc, row.fmt), fingerprint(doc, row.fmt)


@task()
def build_status_report_file(file_id: int) -> str:
    """Build one queued download; its state afterwards."""
    row = StatusReportFile.objects.select_related("meeting__series", "requested_by").defer("content").filter(pk=file_id).first()
    return run_build(row, _make)


@receiver(worker_started)
def _queue_what_was_left(**kwargs: Any) -> None:
    queue_left(StatusReportFile, build_status_report_file.enqueue)
