"""Actuals: entered with evidence, computed from Lieguan's records, or rewritten in words.

Every figure is a new version; nothing written before is changed, so that the
history of a period (who said what, when, on which evidence) stays readable.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.core.actors import Actor, name_of, user_of
from lieguan.core.audit_events import Event
from lieguan.core.uploads import CheckedUpload, check_upload
from lieguan.kpis.actions._common import check_enter
from lieguan.kpis.audit_events import KPI_ACTUAL_ATTACH, KPI_ACTUAL_RECORD, KPI_ACTUAL_SENTENCE
from lieguan.kpis.computed import compute
from lieguan.kpis.models import Kpi, KpiActual, KpiEvidence, stored
from lieguan.kpis.periods import Period

MAX_VALUE = Decimal("999999999999")


def _write(
    actor: Actor,
    kpi: Kpi,
    period: Period,
    value: Decimal,
    *,
    origin: str,
    note: str = "",
    files: list[tuple[IO[bytes], CheckedUpload]] = (),  # type: ignore[assignment]
    at: dt.datetime | None = None,
    action: Event = KPI_ACTUAL_RECORD,
) -> KpiActual:
    """A new version of the period's actual; must run inside the caller's transaction."""
    if not value.is_finite() or abs(value) > MAX_VALUE:
        raise ValidationError(_("實際值超出可記錄的範圍。"))
    # Serialise versions of one KPI: two people correcting the same period get 2 and 3, never 2 twice.
    Kpi.objects.select_for_update().filter(pk=kpi.pk).first()
    latest = KpiActual.objects.filter(kpi=kpi, year=period.year, half=period.half).aggregate(n=Max("version"))["n"] or 0
    actual = KpiActual.objects.create(
        kpi=kpi,
        year=period.year,
        half=period.half,
        version=latest + 1,
        value=stored(value),
        origin=origin,
        note=note.strip(),
        recorded_by=user_of(actor),
        recorded_by_label=name_of(actor)[:200],
        recorded_at=at or timezone.now(),
    )
    audit.record(actor=actor, action=action, target=actual, after=audit.snapshot(actual))
    for stream, info in files:
        evidence = KpiEvidence(
            actual=actual, original_name=info.name, content_type=info.kind.media_type, size=info.size, digest=info.digest
        )
        evidence.file.save(info.digest, File(stream), save=False)
        evidence.save()
        audit.record(actor=actor, action=KPI_ACTUAL_ATTACH, target=evidence, after=audit.snapshot(evidence))
    return actual


def do_record_actual(
    actor: Actor,
    kpi: Kpi,
    period: Period,
    *,
    value: Decimal,
    note: str = "",
    files: list[tuple[IO[bytes], str]] | None = None,
    at: dt.datetime | None = None,
) -> KpiActual:
    """Enter the actual of a period, with a note and evidence; entering it again is a correction (a new version)."""
    check_enter(actor, kpi)
    checked = [(stream, check_upload(stream, name)) for stream, name in (files or [])]
    with transaction.atomic():
        return _write(actor, kpi, period, value, origin=KpiActual.Origin.ENTERED, note=note, files=checked, at=at)


def do_compute_actual(actor: Actor, kpi: Kpi, period: Period, *, today: dt.date | None = None) -> KpiActual:
    """Compute a computed KPI's actual from Lieguan's records and keep it as a new version, with how it was counted."""
    check_enter(actor, kpi)
    if not kpi.computed:
        raise ValidationError(_("此指標由主管單位填報，不由系統計算。"))
    result = compute(kpi.source, kpi.owner, period, today=today)
    if result.value is None:
        raise ValidationError(_("無法計算%(period)s的實際值：%(why)s") % {"period": period.worded_label, "why": result.explanation})
    with transaction.atomic():
        latest = KpiActual.objects.filter(kpi=kpi, year=period.year, half=period.half).order_by("-version").first()
        # Computing again over unchanged records adds no version: the history shows changes, not clicks.
        if latest is not None and latest.origin == KpiActual.Origin.COMPUTED and latest.value == result.value:
            return latest
        return _write(actor, kpi, period, result.value, origin=KpiActual.Origin.COMPUTED, note=result.explanation)


def do_rewrite_sentence(actor: Actor, actual: KpiActual, text: str) -> KpiActual:
    """Rewrite the statement of the figure of record; an empty text goes back to the generated sentence."""
    check_enter(actor, actual.kpi)
    with transaction.atomic():
        actual = KpiActual.objects.select_for_update().get(pk=actual.pk)
        latest = KpiActual.objects.filter(kpi_id=actual.kpi_id, year=actual.year, half=actual.half).aggregate(n=Max("version"))["n"]
        if actual.version != latest:
            raise ValidationError(_("只能修改最新版本的敘述；較早的版本保留原樣。"))
        before = audit.snapshot(actual, ["sentence"])
        actual.sentence = text.strip()
        actual.save(update_fields=["sentence"])
        audit.record(actor=actor, action=KPI_ACTUAL_SENTENCE, target=actual, before=before, after=audit.snapshot(actual, ["sentence"]))
    return actual
