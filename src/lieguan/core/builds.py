"""Downloads built by the background worker and kept while their content is unchanged (docs/background.md).

A file that takes more than a moment to typeset (a status report's PDF, the minutes' PDF and DOCX) is never
built inside a web request. The request works out what the file would hold and hashes it (the *fingerprint*);
a file already built from the same content is served at once, else one build is queued and the reader's page
polls its progress. Each app keeps its files in a model of its own derived from ``BuiltFile``, with the fields
that say which file it is (the meeting, the format, the audience), and gives ``request_build`` and
``run_build`` what only it knows: how to queue its task and how to make the bytes.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from lieguan.core.models import BuiltFile

logger = logging.getLogger(__name__)

# A build waiting or running this long is taken for lost (its worker stopped): the next request queues it again.
STALLED_AFTER = dt.timedelta(minutes=10)


B = TypeVar("B", bound=BuiltFile)
S = BuiltFile.State


def request_build(
    model: type[B], key: dict[str, Any], wanted: str, user: Any, enqueue: Callable[[int], Any], *, source: dict[str, Any] | None = None
) -> B:
    """The file named by ``key``: ready if it was built from the content ``wanted`` hashes, else queued.

    ``enqueue(pk)`` queues the app's build task, in the same transaction as the row (the database queue: both or
    neither); ``source`` holds the fields the build works from, written with the request. The caller has already
    let ``user`` in.
    """
    # The common case, a file already built, takes no lock (SQLite's writers wait on one another).
    kept = model._default_manager.defer("content").filter(**key).first()
    if kept is not None and kept.fingerprint == wanted and kept.state == S.READY:
        return kept
    with transaction.atomic():
        row, _ = (
            model._default_manager.select_for_update()
            .defer("content")
            .get_or_create(**key, defaults={"fingerprint": "", "requested_at": timezone.now(), "requested_by": user, **(source or {})})
        )
        if row.fingerprint == wanted and row.state == S.READY:
            return row
        building = row.state in (S.QUEUED, S.RUNNING) and timezone.now() - row.requested_at < STALLED_AFTER
        if row.fingerprint == wanted and building:
            return row
        row.state, row.progress, row.fingerprint, row.error = S.QUEUED, 0, wanted, ""
        row.content, row.finished_at = b"", None
        row.requested_at, row.requested_by = timezone.now(), user
        for name, value in (source or {}).items():
            setattr(row, name, value)
        row.save()
        enqueue(row.pk)
    # With the immediate backend (tests) the file is built by now.
    row.refresh_from_db(fields=["state", "progress", "fingerprint", "error", "finished_at"])
    return row


def _update(row: BuiltFile, **fields: Any) -> bool:
    """Write the build's progress unless a newer request took the row over; whether it was written."""
    return type(row)._default_manager.filter(pk=row.pk, requested_at=row.requested_at).update(**fields) == 1


def run_build(row: B | None, make: Callable[[B, Callable[[int], Any]], tuple[bytes, str]]) -> str:
    """Build one queued file with ``make(row, progress)``, which returns the bytes and the fingerprint of what it
    built from (and may call ``progress(percent)``); the file's state afterwards."""
    if row is None or row.state == S.READY:
        return row.state if row else ""
    if not _update(row, state=S.RUNNING, progress=10):
        return "superseded"
    try:
        content, built_from = make(row, lambda percent: _update(row, progress=percent))
    except Exception as error:  # a failed build is shown on its page, with a retry, rather than lost in a log
        logger.exception("%s %s failed", type(row).__name__, row.pk)
        _update(row, state=S.FAILED, progress=0, error=f"{type(error).__name__}: {error}"[:300], finished_at=timezone.now())
        return S.FAILED
    written = _update(row, state=S.READY, progress=100, fingerprint=built_from, content=content, finished_at=timezone.now())
    return S.READY if written else "superseded"


def queue_left(model: type[BuiltFile], enqueue: Callable[[int], Any]) -> None:
    """Files a stopped worker left waiting or half built are queued again; a task finding its file built does nothing."""
    for file_id in model._default_manager.filter(state__in=[S.QUEUED, S.RUNNING]).values_list("pk", flat=True):
        enqueue(file_id)


def built_content(row: BuiltFile) -> bytes:
    """The bytes of a file found ready (rows are read without them, for their state)."""
    return bytes(type(row)._default_manager.values_list("content", flat=True).get(pk=row.pk))


def progress_page(
    request: HttpRequest, template: str, built: BuiltFile, *, poll_url: str, download_url: str, changed: str, **context: Any
) -> HttpResponse:
    """The page showing a build's progress (``template``, which includes ``includes/built_file.html``), or that
    part alone when HTMX polls it, with the download once the file is ready."""
    context |= {"built": built, "S": BuiltFile.State, "poll_url": poll_url, "download_url": download_url, "changed": changed}
    if request.headers.get("HX-Request"):
        return render(request, "includes/built_file.html", context)
    return render(request, template, context)
