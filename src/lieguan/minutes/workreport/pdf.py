"""A work report as an A4 PDF: the HTML rendering typeset by WeasyPrint, the CJK fonts embedded.

The same typesetting as the minutes' PDF (``lieguan.minutes.render.pdf``):
Noto Serif CJK TC where 標楷體 is missing, and every composite font under
Identity-H so that any reader can extract the text again.
"""

from __future__ import annotations

import logging

from lieguan.minutes.render.pdf import _QUIET, _identity_encoding
from lieguan.minutes.workreport.html import render_work_report_html
from lieguan.minutes.workreport.model import WorkReport


def render_work_report_pdf(report: WorkReport) -> bytes:
    from weasyprint import HTML

    for name in _QUIET:
        logging.getLogger(name).setLevel(logging.ERROR)
    pdf = HTML(string=render_work_report_html(report, standalone=True), base_url=None).write_pdf(finisher=_identity_encoding)
    assert isinstance(pdf, bytes)
    return pdf
