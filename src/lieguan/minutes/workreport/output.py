"""A work report as the bytes of a file in each format the app hands out, from one entry point.

Each writer is imported only when asked for, so that the text never loads WeasyPrint.
"""

from __future__ import annotations

import json

from lieguan.minutes.render import FORMATS, Format, UnsupportedFormatError
from lieguan.minutes.workreport.model import WorkReport
from lieguan.minutes.workreport.render import render_work_report_text

REPORT_FORMATS: dict[str, Format] = {name: FORMATS[name] for name in ("pdf", "docx", "odt", "txt")} | {
    "json": Format("json", "application/json", ".json", "JSON", binary=False)
}


def render_work_report(report: WorkReport, fmt: str) -> bytes:
    if fmt == "pdf":
        from lieguan.minutes.workreport.pdf import render_work_report_pdf

        return render_work_report_pdf(report)
    if fmt == "docx":
        from lieguan.minutes.workreport.docx import render_work_report_docx

        return render_work_report_docx(report)
    if fmt == "odt":
        from lieguan.minutes.workreport.odt import render_work_report_odt

        return render_work_report_odt(report)
    if fmt == "txt":
        return render_work_report_text(report).encode("utf-8")
    if fmt == "json":
        return (json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    raise UnsupportedFormatError(f"不支援的格式 {fmt!r}，可用的格式：{'、'.join(REPORT_FORMATS)}")
