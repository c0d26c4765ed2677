"""The minutes' downloads that take a while to typeset (PDF, DOCX): built by the background worker, kept while
the text is unchanged (core/builds.py; docs/background.md).

The request makes the minutes as its reader may read them (confidential items redacted for those not entitled)
and hashes them: the file built from the same text is served at once, else one ``build_minutes_file`` is queued
with that text, and the reader's page polls its progress. The quick formats (text, HTML, ODT, JSON) are
rendered in the request as before.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from lieguan.core.builds import request_build
from lieguan.meetings.models import Meeting, MinutesFile
from lieguan.minutes.model import Minutes

# The formats built in the background: WeasyPrint takes about a second for a meeting, python-docx a few tenths.
BACKGROUND = ("pdf", "docx")
# Raised when the layout of a format changes, so that files built the old way are built again.
RENDERING = "1"
# Files kept per meeting and format (each a text someone read): the others are the text before an edit.
KEPT = 6


def source_of(document: Minutes) -> str:
    return json.dumps(document.to_dict(), ensure_ascii=False, sort_keys=True)


def fingerprint(source: str, fmt: str) -> str:
    return hashlib.sha256(f"{RENDERING}\n{fmt}\n{source}".encode("utf-8", "backslashreplace")).hexdigest()


def request_minutes_file(user: Any, meeting: Meeting, document: Minutes, fmt: str) -> MinutesFile:
    """The file of ``document`` (the minutes as ``user`` may read them): ready, or queued to be built.

    ``user`` must already have been let in (``access.access_minutes``).
    """
    # The task module imports this one (it renders what this one stored): its task is looked up when needed.
    from lieguan.meetings.tasks import build_minutes_file

    source = source_of(document)
    wanted = fingerprint(source, fmt)
    key = {"meeting": meeting, "fmt": fmt, "audience": wanted}
    row = request_build(MinutesFile, key, wanted, user, build_minutes_file.enqueue, source={"source": source})
    stale = MinutesFile.objects.filter(meeting=meeting, fmt=fmt).order_by("-requested_at").values_list("pk", flat=True)[KEPT:]
    MinutesFile.objects.filter(pk__in=list(stale)).delete()
    return row


def find_minutes_file(meeting: Meeting, document: Minutes, fmt: str) -> MinutesFile | None:
    """The reader's file, found from the text they may read, never from an id in the address."""
    return (
        MinutesFile.objects.defer("content", "source")
        .filter(meeting=meeting, fmt=fmt, audience=fingerprint(source_of(document), fmt))
        .first()
    )
