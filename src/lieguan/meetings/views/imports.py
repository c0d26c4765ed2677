"""Importing minutes files: upload many at once, watch them parsed in the background, preview, confirm, import.

The upload only stores the files and queues their parsing (``meetings.tasks``):
no web worker ever parses a file. The batch page polls its own progress (HTMX)
while files wait; should the parsing stall (a worker stopped), it says so and
offers to queue the waiting files again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lieguan.core import dates
from lieguan.core.submission import once_per_submission
from lieguan.meetings import tasks
from lieguan.meetings.actions import importing as imp
from lieguan.meetings.importing import access as import_access
from lieguan.meetings.importing.forms import NEW_SERIES, PreviewForm, UploadForm
from lieguan.meetings.importing.names import Book
from lieguan.meetings.importing.summary import counts_line
from lieguan.meetings.models import ImportBatch, ImportFile, MinutesCaseDecision
from lieguan.minutes import PreviousMinutes
from lieguan.minutes.render.html import render_html
from lieguan.minutes.rocdate import format_roc_datetime

F = ImportFile.Status


def _require_importer(request: HttpRequest) -> None:
    import_access.require_import_minutes(request.user)


@login_required
@require_http_methods(["GET", "POST"])
@once_per_submission
def import_start(request: HttpRequest) -> HttpResponse:
    """Upload one or many minutes files; they become a batch that is parsed file by file."""
    _require_importer(request)
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if form.is_bound and form.is_valid():
        uploads = [(f.name, f.read()) for f in form.cleaned_data["uploads"]]
        batch = imp.do_start_import(request.user, uploads)
        tasks.queue_parsing(batch)
        return redirect("meetings:import_batch", batch.pk)
    batches = ImportBatch.objects.filter(created_by_id=request.user.pk).prefetch_related("files")[:10]
    return render(request, "meetings/import/start.html", {"form": form, "batches": batches})


@dataclass
class _Row:
    file: ImportFile
    doc: dict[str, Any]
    day: dt.date | None
    ready: bool = False
    undecided: list[str] = field(default_factory=list)
    new_series: str = ""
    warnings: int = 0


def _batch_context(request: HttpRequest, batch: ImportBatch) -> dict[str, object]:
    rows = []
    files = imp.files_in_date_order(batch)
    # While files are still being parsed the page polls every few seconds: planning every parsed
    # file on each poll would cost the batch's size times the number of polls. The plans (what a
    # file would create, what is left to confirm) are worked out once, when the parsing is done.
    parsing = any(f.status == F.PENDING for f in files)
    book = None if parsing else Book.load()
    for import_file in files:
        doc = import_file.document or {}
        row = _Row(import_file, doc, dt.date.fromisoformat(doc["date"]) if doc.get("date") else None)
        if import_file.status == F.PARSED and book is not None:
            plan = imp.preview(request.user, import_file, book=book)
            row.ready = imp.ready_to_import(plan)
            row.undecided = plan.undecided
            row.new_series = plan.series.label if plan.series.series is None else ""
            row.warnings = len(plan.minutes.warnings)
        rows.append(row)
    done = sum(1 for r in rows if r.file.status != F.PENDING)
    return {
        "batch": batch,
        "rows": rows,
        "total": len(rows),
        "done": done,
        "pending": len(rows) - done,
        "ready": sum(1 for r in rows if r.ready),
        "waiting": sum(1 for r in rows if r.file.status == F.PARSED),
        "stalled": done < len(rows) and imp.parsing_stalled(batch, after=_stall_after()),
    }


def _stall_after() -> dt.timedelta:
    # Longer than one file may take, so that a file being parsed is never taken for a stall.
    return dt.timedelta(seconds=settings.IMPORT_PARSE_SECONDS + 60)


@login_required
@require_GET
def import_batch(request: HttpRequest, batch_id: int) -> HttpResponse:
    """The files of a batch in meeting-date order, with the progress of their parsing (polled by HTMX while files wait)."""
    batch = import_access.access_import_batch(request.user, batch_id)
    if request.headers.get("HX-Request"):
        return render(request, "meetings/import/_step.html", _batch_context(request, batch))
    return render(request, "meetings/import/batch.html", _batch_context(request, batch))


@login_required
@require_POST
def import_step(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Queue the batch's waiting files for parsing again (after a stall); answer with the progress (HTMX) or go back."""
    batch = import_access.access_import_batch(request.user, batch_id)
    import_access.require_batch(request.user, batch)
    if imp.next_pending(batch) is not None:
        tasks.queue_parsing(batch)
    if request.headers.get("HX-Request"):
        return render(request, "meetings/import/_step.html", _batch_context(request, batch))
    return redirect("meetings:import_batch", batch.pk)


@login_required
@require_POST
def import_ready(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Import, in date order, every parsed file that needs nothing confirmed."""
    batch = import_access.access_import_batch(request.user, batch_id)
    outcomes = imp.do_import_ready_files(request.user, batch)
    imported = sum(1 for f in outcomes if f.status == F.IMPORTED)
    duplicates = sum(1 for f in outcomes if f.status == F.DUPLICATE)
    failed = [f for f in outcomes if f.status not in (F.IMPORTED, F.DUPLICATE)]
    messages.success(
        request, _("已匯入 %(imported)s 個檔案；已匯入過 %(duplicates)s 個。") % {"imported": imported, "duplicates": duplicates}
    )
    for f in failed:
        messages.error(request, _("「%(name)s」未能匯入：%(error)s") % {"name": f.original_name, "error": f.worded_error})
    return redirect("meetings:import_batch", batch.pk)


@login_required
@require_http_methods(["GET", "POST"])
def import_file(request: HttpRequest, file_id: int) -> HttpResponse:
    """One file: the preview of what it holds and what importing it would do; confirming imports it."""
    import_file = import_access.access_import_file(request.user, file_id)
    context: dict[str, object] = {"import_file": import_file, "batch": import_file.batch}
    if import_file.status != F.PARSED:
        return render(request, "meetings/import/file.html", context)
    series_choices = import_access.importable_series(request.user)
    may_create = imp.may_add_to_directory(request.user)
    plan = imp.preview(request.user, import_file)
    data = request.POST if request.method == "POST" else None
    form = PreviewForm(data, plan=plan, series_choices=series_choices, may_create=may_create)
    if form.is_bound and form.is_valid():
        chosen = form.cleaned_data["series"]
        forced = None if chosen == NEW_SERIES else series_choices.get(pk=int(chosen))
        if forced is not None and plan.series.series is not None and forced.pk == plan.series.series.pk:
            forced = None
        names = {key: imp.NameDecision(action, match) for key, (action, match) in form.decisions().items()}
        choices = imp.ImportChoices(series=forced, create_series=chosen == NEW_SERIES, names=names)
        imp.do_import_file(request.user, import_file, choices)
        if import_file.status == F.IMPORTED:
            messages.success(request, _("已匯入「%(meeting)s」。") % {"meeting": import_file.meeting})
            return redirect("meetings:import_batch", import_file.batch_id)
        if import_file.status != F.PARSED:
            return redirect("meetings:import_file", import_file.pk)
        # Refused: the preview shows what was chosen, beside the reason.
        plan = imp.preview(request.user, import_file, series=forced)
        choices.apply_to(plan)
    minutes = plan.minutes
    previous = minutes.previous_minutes
    context.update(
        {
            "plan": plan,
            "when": format_roc_datetime(minutes.date, minutes.start_time) if minutes.date else _("（未載明）"),
            "previous": _previous_line(previous) if previous else "",
            "decisions": [
                {"case": d.case, "label": MinutesCaseDecision.Decision(d.decision).label, "part": d.part} for d in minutes.case_decisions
            ],
            "form": form,
            "doc": import_file.document,
            "minutes": minutes,
            "warnings": import_file.worded_warnings,
            "counts": counts_line(plan.counts),
            "official": render_html(minutes, standalone=False, id_prefix="preview"),
            "may_create": may_create,
        }
    )
    return render(request, "meetings/import/file.html", context)


def _previous_line(previous: PreviousMinutes) -> str:
    """第 223 次（111年8月24日）: the session whose minutes this meeting confirmed."""
    number = _("第 %(number)s 次") % {"number": previous.session} if previous.session else _("上次會議")
    return _("%(session)s（%(date)s）") % {"session": number, "date": dates.long_date(previous.date)} if previous.date else number
