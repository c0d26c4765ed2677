"""Attaching the report item 「本府 e 化統計」 to an agenda item of the session, as its material."""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.core.actors import Actor
from lieguan.indicators import report
from lieguan.indicators.audit_events import INDICATOR_REPORT_ATTACH
from lieguan.meetings.actions import do_upload_material
from lieguan.meetings.models import AgendaItem, Material
from lieguan.minutes.tables import TABLE_FORMATS, render_table

ATTACHABLE = ("docx", "odt", "pdf")


def do_attach_report(actor: Actor, item: AgendaItem, fmt: str = "docx") -> Material:
    """The session's report in the official layout, uploaded as the item's material (the meetings app checks who may)."""
    if fmt not in ATTACHABLE:
        raise ValidationError(_("不支援此檔案格式。"))
    meeting = item.section.meeting
    data = report.build(report.report_month(timezone.localtime(meeting.start).date()))
    content = render_table(report.as_table(data), fmt)
    name = f"{meeting.series.full_name}{meeting.ordinal}{data.title}{TABLE_FORMATS[fmt][1]}"
    with transaction.atomic():
        material = do_upload_material(actor, item, io.BytesIO(content), name)
        audit.record(actor=actor, action=INDICATOR_REPORT_ATTACH, target=material, after={"item": item.pk, "month": data.month.isoformat()})
    return material
