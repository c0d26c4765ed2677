"""Monthly values: entered by an agency, imported or pushed; a correction is a new version; rules run as they arrive."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.core import audit, dates
from lieguan.core.actors import Actor, user_of
from lieguan.indicators.actions._common import check_enter, label
from lieguan.indicators.actions.evaluate import Evaluation, apply_rules
from lieguan.indicators.audit_events import INDICATOR_VALUE_CORRECT, INDICATOR_VALUE_RECORD
from lieguan.indicators.models import Indicator, IndicatorValue, Source, stored
from lieguan.organisations.models import Organisation

MAX_VALUE = Decimal("999999999999")


@dataclass
class Recorded:
    value: IndicatorValue
    changed: bool
    evaluation: Evaluation


def applies_to(indicator: Indicator, organisation: Organisation) -> bool:
    if organisation.kind != Organisation.Kind.AGENCY:
        return False
    return indicator.all_agencies or indicator.agencies.filter(pk=organisation.pk).exists()


def check_value(indicator: Indicator, organisation: Organisation, month: dt.date, value: Decimal, today: dt.date | None = None) -> None:
    """With ``today``, a month yet to come is refused too (a form; a file may carry a plan's months)."""
    if not indicator.active:
        raise ValidationError(_("指標「%(name)s」已停用。") % {"name": indicator.name})
    if not applies_to(indicator, organisation):
        raise ValidationError(_("指標「%(name)s」不適用於%(agency)s。") % {"name": indicator.name, "agency": organisation.display_name})
    if month.day != 1:
        raise ValidationError(_("年月須為月份。"))
    if today is not None and month > today.replace(day=1):
        raise ValidationError(_("%(month)s尚未到來，不能填報。") % {"month": dates.month(month)})
    if not value.is_finite() or abs(value) > MAX_VALUE:
        raise ValidationError(_("數值超出可記錄的範圍。"))
    if value < 0 and indicator.unit != "ntd":
        raise ValidationError(_("數值不能為負數。"))


def write_value(
    actor: Actor, indicator: Indicator, organisation: Organisation, month: dt.date, value: Decimal, *, source: str, note: str = ""
) -> tuple[IndicatorValue, bool]:
    """A new version unless the figure of record is already this value; must run inside the caller's transaction."""
    value = stored(value)
    current = (
        IndicatorValue.objects.select_for_update().filter(indicator=indicator, organisation=organisation, month=month, current=True).first()
    )
    if current is not None and current.value == value:
        return current, False
    latest = (
        IndicatorValue.objects.filter(indicator=indicator, organisation=organisation, month=month).aggregate(n=Max("version"))["n"] or 0
    )
    if current is not None:
        IndicatorValue.objects.filter(pk=current.pk).update(current=False)
    row = IndicatorValue.objects.create(
        indicator=indicator,
        organisation=organisation,
        month=month,
        version=latest + 1,
        value=value,
        source=source,
        note=note.strip()[:300],
        entered_by=user_of(actor),
        entered_by_label=label(actor)[:200],
        entered_at=timezone.now(),
    )
    before = {"version": current.version, "value": str(current.value)} if current else None
    audit.record(
        actor=actor,
        action=INDICATOR_VALUE_CORRECT if current else INDICATOR_VALUE_RECORD,
        target=row,
        before=before,
        after=audit.snapshot(row),
    )
    return row, True


def do_record_value(
    actor: Actor,
    indicator: Indicator,
    organisation: Organisation,
    month: dt.date,
    value: Decimal,
    *,
    note: str = "",
    source: str = Source.ENTERED,
    today: dt.date | None = None,
) -> Recorded:
    """An agency's figure for a month (again: a correction), and the rules run over it in the same transaction."""
    check_enter(actor, organisation)
    today = today or timezone.localdate()
    check_value(indicator, organisation, month, value, today)
    with transaction.atomic():
        row, changed = write_value(actor, indicator, organisation, month, value, source=source, note=note)
        evaluation = (
            apply_rules(actor, today=today, indicator_ids={indicator.pk}, organisation_ids={organisation.pk}) if changed else Evaluation()
        )
    return Recorded(row, changed, evaluation)
