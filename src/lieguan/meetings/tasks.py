"""Background work of the meetings app: parsing the files of an import batch, each in a bounded child process.

The web request that receives the upload only stores the files and queues
one ``parse_import_file`` per file; a worker (``lieguan worker``, started by ``lieguan serve``)
parses them one after another and the batch page polls the progress. Each file
is read by ``importing.sandbox.read_limited`` in a child process limited in
memory and time, and written by the one write path, ``do_parse_import_file``,
as the person who uploaded the batch. A file is written in one transaction or
not at all, so a worker that dies mid-batch leaves the rest waiting; the next
worker to start queues them again, and the batch page offers to.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.dispatch import receiver
from django_tasks import task

from lieguan.core.actors import SystemActor
from lieguan.core.builds import queue_left, run_build
from lieguan.core.worker import worker_started
from lieguan.meetings import files
from lieguan.meetings.actions import importing as imp
from lieguan.meetings.importing.sandbox import read_limited
from lieguan.meetings.models import ImportBatch, ImportFile, MinutesFile
from lieguan.minutes.model import Minutes
from lieguan.minutes.render import render

F = ImportFile.Status


def importer_of(batch: ImportBatch) -> Any:
    """Who the batch's files are parsed as: the person who uploaded them, or the operator's job that did."""
    return batch.created_by or SystemActor(batch.created_label or "lieguan import")


@task()
def parse_import_file(file_id: int) -> str:
    """Parse one waiting file of a batch; its status afterwards.

    One task per file, so that a worker asked to stop finishes at most one file, and the
    page's progress follows the queue.
    """
    import_file = ImportFile.objects.select_related("batch__created_by").filter(pk=file_id).first()
    if import_file is None or import_file.status != F.PENDING:
        return import_file.status if import_file else ""
    with import_file.file.open("rb") as handle:
        data = handle.read()
    result = read_limited(data, import_file.original_name, seconds=settings.IMPORT_PARSE_SECONDS, memory_mb=settings.IMPORT_PARSE_MEMORY_MB)
    imp.do_parse_import_file(importer_of(import_file.batch), import_file, result=result)
    return str(import_file.status)


def queue_parsing(batch: ImportBatch) -> None:
    """Queue every waiting file of the batch, in upload order (a file queued twice is parsed once)."""
    for file_id in batch.files.filter(status=F.PENDING).order_by("position").values_list("pk", flat=True):
        parse_import_file.enqueue(file_id)


@receiver(worker_started)
def _queue_what_was_left(**kwargs: Any) -> None:
    for batch in imp.batches_waiting():
        queue_parsing(batch)


def _render_minutes_file(row: MinutesFile, progress: Callable[[int], Any]) -> tuple[bytes, str]:
    # The text the reader was let see when they asked: no access question is left to answer here.
    document = Minutes.from_dict(json.loads(row.source))
    progress(30)
    return render(document, row.fmt), files.fingerprint(row.source, row.fmt)


@task()
def build_minutes_file(file_id: int) -> str:
    """Typeset one queued minutes download; its state afterwards."""
    return run_build(MinutesFile.objects.defer("content").filter(pk=file_id).first(), _render_minutes_file)


@receiver(worker_started)
def _queue_minutes_files_left(**kwargs: Any) -> None:
    queue_left(MinutesFile, build_minutes_file.enqueue)
