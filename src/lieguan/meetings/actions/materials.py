"""Meeting materials: files per agenda item, uploaded by the presenting agency before the cut-off."""

from __future__ import annotations

from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from lieguan.core import audit
from lieguan.core.actors import is_system
from lieguan.core.uploads import check_upload
from lieguan.meetings import access
from lieguan.meetings.audit_events import MATERIAL_DELETE, MATERIAL_UPLOAD
from lieguan.meetings.models import AgendaItem, Material, Meeting
from lieguan.minutes.rocdate import format_roc_date, format_time
from lieguan.organisations.access import viewer_for
from lieguan.organisations.models import Organisation


def cutoff_message(meeting: Meeting) -> str:
    cutoff = timezone.localtime(meeting.materials_cutoff) if meeting.materials_cutoff else None
    when = f"{format_roc_date(cutoff.date())}{format_time(cutoff.time())}" if cutoff else ""
    return f"會議資料已於{when}截止上傳，報告機關無法再上傳或移除資料；如需補件，請洽會議幕僚。"


def do_upload_material(actor: Any, item: AgendaItem, stream: IO[bytes], name: str) -> Material:
    meeting = item.section.meeting
    viewer = viewer_for(actor)
    runs = is_system(actor) or access.runs_series(viewer, meeting.series)
    if not runs:
        if not access.can_upload_material(viewer, item):
            raise PermissionDenied("只有報告機關的聯絡人或會議幕僚可以上傳會議資料。")
        if access.materials_closed_for(viewer, meeting):
            raise ValidationError(cutoff_message(meeting))
    checked = check_upload(stream, name)
    organisation: Organisation | None = item.presenter or meeting.series.owner
    with transaction.atomic():
        material = Material(
            item=item,
            original_name=checked.name,
            content_type=checked.kind.media_type,
            size=checked.size,
            digest=checked.digest,
            organisation=organisation,
            uploaded_by=actor,
        )
        material.file.save(checked.digest, File(stream), save=False)
        material.save()
        audit.record(actor=actor, action=MATERIAL_UPLOAD, target=material, after=audit.snapshot(material))
    return material


def do_delete_material(actor: Any, material: Material) -> None:
    item = material.item
    meeting = item.section.meeting
    if not is_system(actor):
        viewer = viewer_for(actor)
        if not access.can_delete_material(viewer, material):
            if access.materials_closed_for(viewer, meeting) and material.uploaded_by_id == actor.pk:
                raise ValidationError(cutoff_message(meeting))
            raise PermissionDenied("只有上傳者或會議幕僚可以移除會議資料。")
    with transaction.atomic():
        audit.record(actor=actor, action=MATERIAL_DELETE, target=material, before=audit.snapshot(material))
        stored = material.file.name
        material.delete()
        # Identical content may be shared by another row of the same meeting: delete the file only when unused.
        if stored and not Material.objects.filter(file=stored).exists():
            transaction.on_commit(lambda: material.file.storage.delete(stored))
