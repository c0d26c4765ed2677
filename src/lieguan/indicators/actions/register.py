"""The register: indicators, their yearly targets and thresholds, and the rules that watch them."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.core.actors import Actor
from lieguan.indicators.actions._common import check_manager
from lieguan.indicators.audit_events import INDICATOR_CREATE, INDICATOR_RULE_CREATE, INDICATOR_RULE_UPDATE, INDICATOR_TARGET
from lieguan.indicators.models import Indicator, IndicatorTarget, Rule, RuleKind
from lieguan.organisations.models import Organisation


def do_create_indicator(
    actor: Actor,
    *,
    name: str,
    unit: str,
    direction: str = "lower",
    definition: str = "",
    source: str = "entered",
    computed: str = "",
    agencies: list[Organisation] | None = None,
    position: int = 1,
) -> Indicator:
    """A new indicator; ``agencies`` limits it to those agencies, none means every agency."""
    check_manager(actor)
    if not name.strip():
        raise ValidationError(_("請填寫指標名稱。"))
    if (source == "computed") != bool(computed):
        raise ValidationError(_("系統計算的指標須選擇計算方式；其他來源的指標不選。"))
    with transaction.atomic():
        if Indicator.objects.filter(name=name.strip()).exists():
            raise ValidationError(_("已有名為「%(name)s」的指標。") % {"name": name.strip()})
        indicator = Indicator(
            name=name.strip(),
            unit=unit,
            direction=direction,
            definition=definition.strip(),
            source=source,
            computed=computed,
            position=position,
        )
        indicator.all_agencies = not agencies
        indicator.full_clean()
        indicator.save()
        if agencies:
            indicator.agencies.set(agencies)
        after = {**audit.snapshot(indicator), "agencies": sorted(a.pk for a in agencies or [])}
        audit.record(actor=actor, action=INDICATOR_CREATE, target=indicator, after=after)
    return indicator


def do_set_indicator_target(
    actor: Actor, indicator: Indicator, year: int, *, target: Decimal | None, threshold: Decimal | None
) -> IndicatorTarget:
    check_manager(actor)
    with transaction.atomic():
        row, created = IndicatorTarget.objects.get_or_create(indicator=indicator, year=year)
        before = None if created else audit.snapshot(row)
        row.target, row.threshold = target, threshold
        row.save()
        row.refresh_from_db()
        audit.record(actor=actor, action=INDICATOR_TARGET, target=row, before=before, after=audit.snapshot(row))
    return row


def do_save_rule(
    actor: Actor,
    *,
    name: str,
    kind: str,
    indicators: list[Indicator],
    months: int = 2,
    threshold: Decimal | None = None,
    deadline_day: int = 10,
    active: bool = True,
    rule: Rule | None = None,
) -> Rule:
    """Create a rule or change one; its parameters are checked here so that a rule always makes sense."""
    check_manager(actor)
    if kind not in RuleKind.values:
        raise ValidationError(_("未知的規則類型。"))
    if not indicators:
        raise ValidationError(_("請至少選擇一項指標。"))
    if not name.strip():
        raise ValidationError(_("請填寫規則名稱。"))
    if kind in (RuleKind.RUNNING, RuleKind.WORSE) and not 1 <= months <= 24:
        raise ValidationError(_("連續月數須介於 1 至 24。"))
    with transaction.atomic():
        before = None
        if rule is None:
            rule = Rule()
        else:
            rule = Rule.objects.select_for_update().get(pk=rule.pk)
            before = {**audit.snapshot(rule), "indicators": sorted(rule.indicators.values_list("pk", flat=True))}
        rule.name, rule.kind, rule.active = name.strip(), kind, active
        rule.months = months if kind in (RuleKind.RUNNING, RuleKind.WORSE) else 1
        rule.threshold = threshold if kind == RuleKind.THRESHOLD else None
        rule.deadline_day = deadline_day
        rule.full_clean(exclude=["indicators"])
        rule.save()
        rule.indicators.set(indicators)
        after = {**audit.snapshot(rule), "indicators": sorted(i.pk for i in indicators)}
        audit.record(
            actor=actor,
            action=INDICATOR_RULE_CREATE if before is None else INDICATOR_RULE_UPDATE,
            target=rule,
            before=before,
            after=after,
        )
    return rule
