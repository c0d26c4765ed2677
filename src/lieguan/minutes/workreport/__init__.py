"""Work reports (工作報告) to the council: the model, reading them from text, and writing them back as text."""

from __future__ import annotations

from lieguan.minutes.workreport.model import FORMAT, KIND, Kpi, Presenter, Section, Table, TocEntry, WorkReport
from lieguan.minutes.workreport.parser import NotWorkReportError, looks_like_work_report, parse_work_report
from lieguan.minutes.workreport.render import render_work_report_text

__all__ = [
    "FORMAT",
    "KIND",
    "Kpi",
    "NotWorkReportError",
    "Presenter",
    "Section",
    "Table",
    "TocEntry",
    "WorkReport",
    "looks_like_work_report",
    "parse_work_report",
    "render_work_report_text",
]
