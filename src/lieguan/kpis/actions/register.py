"""Goals, indicators and targets: the register itself, kept by administrators and tracking officers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.core.actors import Actor
from lieguan.kpis.achievement import RANGE
from lieguan.kpis.actions._common import check_manager
from lieguan.kpis.audit_events import KPI_CREATE, KPI_GOAL_CREATE, KPI_GOAL_UPDATE, KPI_TARGET_SET, KPI_UPDATE
from lieguan.kpis.models import SOURCE_UNITS, Kpi, KpiTarget, Source, StrategicGoal, stored
from lieguan.kpis.periods import Period
from lieguan.organisations.models import Organisation

GOAL_FIELDS = ("title", "description", "position", "active")
KPI_FIELDS = ("name", "definition", "aliases", "unit", "direction", "source", "owner", "position", "active")


def _clean_goal(organisation: Organisation, title: str, exclude: int | None = None) -> str:
    title = title.strip()
    if not title:
        raise ValidationError(_("請填寫策略目標。"))
    clash = StrategicGoal.objects.filter(organisation=organisation, title=title)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise ValidationError(_("%(agency)s已有策略目標「%(title)s」。") % {"agency": organisation.display_name, "title": title})
    return title


def do_create_goal(
    actor: Actor, organisation: Organisation, *, title: str, description: str = "", position: int | None = None
) -> StrategicGoal:
    check_manager(actor)
    if organisation.kind == Organisation.Kind.UNIT:
        raise ValidationError(_("策略目標屬於機關；單位的指標請設於所屬機關的策略目標之下。"))
    with transaction.atomic():
        title = _clean_goal(organisation, title)
        if position is None:
            position = StrategicGoal.objects.filter(organisation=organisation).count() + 1
        goal = StrategicGoal.objects.create(organisation=organisation, title=title, description=description.strip(), position=position)
        audit.record(actor=actor, action=KPI_GOAL_CREATE, target=goal, after=audit.snapshot(goal))
    return goal


def do_update_goal(actor: Actor, goal: StrategicGoal, **changes: Any) -> StrategicGoal:
    check_manager(actor)
    unknown = set(changes) - set(GOAL_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    with transaction.atomic():
        goal = StrategicGoal.objects.select_for_update().get(pk=goal.pk)
        before = audit.snapshot(goal)
        if "title" in changes:
            changes["title"] = _clean_goal(goal.organisation, changes["title"], exclude=goal.pk)
        for name, value in changes.items():
            setattr(goal, name, value.strip() if isinstance(value, str) else value)
        goal.save()
        audit.record(actor=actor, action=KPI_GOAL_UPDATE, target=goal, before=before, after=audit.snapshot(goal))
    return goal


def _check_kpi(kpi: Kpi) -> None:
    kpi.name = kpi.name.strip()
    kpi.unit = kpi.unit.strip()
    if not kpi.name:
        raise ValidationError(_("請填寫指標名稱。"))
    if kpi.source != Source.MANUAL:
        # A computed figure has its own unit: a rate is a percentage, days are days.
        kpi.unit = SOURCE_UNITS[Source(kpi.source)]
    if not kpi.unit:
        raise ValidationError(_("請填寫單位，例如 %、次、件、日。"))
    if StrategicGoal.objects.filter(pk=kpi.goal_id).values_list("organisation_id", flat=True).first() is None:
        raise ValidationError(_("找不到此策略目標。"))
    if Kpi.objects.filter(goal_id=kpi.goal_id, name=kpi.name).exclude(pk=kpi.pk).exists():
        raise ValidationError(_("此策略目標已有指標「%(name)s」。") % {"name": kpi.name})


def do_create_kpi(
    actor: Actor,
    goal: StrategicGoal,
    *,
    name: str,
    unit: str,
    owner: Organisation,
    direction: str = ">=",
    source: str = Source.MANUAL,
    definition: str = "",
    aliases: str = "",
    position: int | None = None,
) -> Kpi:
    check_manager(actor)
    with transaction.atomic():
        if position is None:
            position = goal.kpis.count() + 1
        kpi = Kpi(
            goal=goal,
            name=name,
            unit=unit,
            owner=owner,
            direction=direction,
            source=source,
            definition=definition.strip(),
            aliases=aliases.strip(),
            position=position,
        )
        _check_kpi(kpi)
        kpi.save()
        audit.record(actor=actor, action=KPI_CREATE, target=kpi, after=audit.snapshot(kpi))
    return kpi


def do_update_kpi(actor: Actor, kpi: Kpi, **changes: Any) -> Kpi:
    check_manager(actor)
    unknown = set(changes) - set(KPI_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    with transaction.atomic():
        kpi = Kpi.objects.select_for_update().get(pk=kpi.pk)
        before = audit.snapshot(kpi)
        for name, value in changes.items():
            setattr(kpi, name, value.strip() if isinstance(value, str) else value)
        _check_kpi(kpi)
        kpi.save()
        audit.record(actor=actor, action=KPI_UPDATE, target=kpi, before=before, after=audit.snapshot(kpi))
    return kpi


def do_set_target(
    actor: Actor,
    kpi: Kpi,
    period: Period,
    *,
    target: Decimal,
    baseline: Decimal | None = None,
    target_high: Decimal | None = None,
    note: str = "",
) -> KpiTarget:
    """Set (or reset) the target of one period; the audit trail keeps what it was before."""
    check_manager(actor)
    if kpi.direction == RANGE:
        if target_high is None:
            raise ValidationError(_("目標區間須填寫上限。"))
        if target_high < target:
            raise ValidationError(_("目標區間的上限不可小於下限。"))
    else:
        target_high = None
    with transaction.atomic():
        row = KpiTarget.objects.select_for_update().filter(kpi=kpi, year=period.year, half=period.half).first()
        before = audit.snapshot(row) if row else None
        row = row or KpiTarget(kpi=kpi, year=period.year, half=period.half)
        row.target = stored(target)
        row.baseline, row.target_high = stored(baseline), stored(target_high)  # nullable columns
        row.note = note.strip()
        row.save()
        audit.record(actor=actor, action=KPI_TARGET_SET, target=row, before=before, after=audit.snapshot(row))
    return row
