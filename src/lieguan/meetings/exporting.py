"""Writing the minutes of meetings out as files, in the official layout, for ``lieguan export``.

Every format comes from ``meetings.document.minutes_document`` rendered by
``lieguan.minutes.render``, the same path as the download buttons of the web
pages, so an exported file is the file a user would download.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db.models import QuerySet
from django.utils import timezone

from lieguan.meetings.access import PUBLISHED_STATES
from lieguan.meetings.document import minutes_document
from lieguan.meetings.models import Meeting, MeetingSeries
from lieguan.minutes.render import FORMATS, render
from lieguan.minutes.rocdate import from_roc_year, to_roc_year
from lieguan.organisations.access import ANONYMOUS, Viewer

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass
class ExportResult:
    written: list[Path] = field(default_factory=list)
    # Meetings of the series left out because their minutes are not published yet.
    skipped: list[Meeting] = field(default_factory=list)


def series_meetings(series: MeetingSeries, roc_year: int | None = None) -> QuerySet[Meeting]:
    """The meetings of ``series`` held (in ROC year ``roc_year``), oldest first, cancelled ones left out."""
    qs = series.meetings.filter(cancelled=False).select_related("series__owner").order_by("start")
    if roc_year is not None:
        qs = qs.filter(start__year=from_roc_year(roc_year))
    return qs


def file_name(meeting: Meeting, fmt: str) -> str:
    """臺北市政府第224次主任秘書會報紀錄（111年9月22日）.pdf — readable, sortable, safe on any file system."""
    day = timezone.localtime(meeting.start).date()
    stem = _UNSAFE.sub("_", f"{meeting.title}（{to_roc_year(day.year)}年{day.month}月{day.day}日）")
    return f"{stem}{FORMATS[fmt].extension}"


def export_minutes(
    meetings: list[Meeting], fmt: str, out_dir: Path, *, only_published: bool = True, reader: Viewer = ANONYMOUS
) -> ExportResult:
    """Write each meeting's minutes to ``out_dir`` in ``fmt``; drafts are skipped when ``only_published``.

    The files are written as ``reader`` may read them; by default as the public does, so that an exported
    file never carries a confidential item (機密／限閱), which shows as 「機密案件」.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    out_dir.mkdir(parents=True, exist_ok=True)
    result = ExportResult()
    for meeting in meetings:
        if only_published and meeting.minutes_state not in PUBLISHED_STATES:
            result.skipped.append(meeting)
            continue
        path = out_dir / file_name(meeting, fmt)
        path.write_bytes(render(minutes_document(meeting, reader=reader), fmt))
        result.written.append(path)
    return result
