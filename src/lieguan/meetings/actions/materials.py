"""Meeting materials: files per agenda item, uploaded by the presenting agency before the cut-off."""

from __future__ import annotations

from typing import IO

from django.core.files import File
from django.db import transaction

from lieguan.core import audit
from lieguan.core.actors import Actor, user_of
from lieguan.core.uploads import check_upload
from lieguan.meetings import access
from lieguan.meetings.audit_events import MATERIAL_DELETE, MATERIAL_UPLOAD
from lieguan.meetings.models import AgendaItem, Material
from lieguan.organisations.models import Organisation


def do_upload_material(actor: Actor, item: AgendaItem, stream: IO[bytes], name: str) -> Material:
    meeting = item.section.meeting
    access.require_upload_material(actor, item)
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
            uploaded_by=user_of(actor),
        )
        material.file.save(checked.digest, File(stream), save=False)
        material.save()
        audit.record(actor=actor, action=MATERIAL_UPLOAD, target=material, after=audit.snapshot(material))
    return material


def do_delete_material(actor: Actor, material: Material) -> None:
    access.require_delete_material(actor, material)
    with transaction.atomic():
        audit.record(actor=actor, action=MATERIAL_DELETE, target=material, before=audit.snapshot(material))
        stored = material.file.name
        material.delete()
        # Identical content may be shared by another row of the same meeting: delete the file only when unused.
        if stored and not Material.objects.filter(file=stored).exists():
            transaction.on_commit(lambda: material.file.storage.delete(stored))
