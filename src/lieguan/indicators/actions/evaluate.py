"""Running the rules: what they find becomes alerts, what they no longer find clears them; inside the caller's transaction.

A run is audited once per rule and kind of change (raised, extended,
cleared): one entry on the rule listing every alert it changed, with each
alert's months and values before and after. The first nightly run over years of
values raises thousands of alerts, and an entry each (the chain takes them one
at a time) made that run ten times slower than finding them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.core.actors import Actor, SystemActor
from lieguan.core.audit_events import Event
from lieguan.indicators.actions._common import check_manager
from lieguan.indicators.audit_events import INDICATOR_ALERT_CLEAR, INDICATOR_ALERT_RAISE, INDICATOR_ALERT_UPDATE
from lieguan.indicators.models import Alert, Rule
from lieguan.indicators.rules import Hit, find_hits

NIGHTLY = SystemActor("indicators-evaluate")


@dataclass
class Evaluation:
    raised: list[Alert] = field(default_factory=list)
    extended: list[Alert] = field(default_factory=list)
    cleared: list[Alert] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return _("新增警示 %(raised)s 則、延續 %(extended)s 則、解除 %(cleared)s 則。") % {
            "raised": len(self.raised),
            "extended": len(self.extended),
            "cleared": len(self.cleared),
        }


def _snapshot(alert: Alert) -> dict[str, Any]:
    return {"months": alert.months, "values": alert.values, "cleared_at": alert.cleared_at.isoformat() if alert.cleared_at else None}


def _listed(alert: Alert, state: dict[str, Any]) -> dict[str, Any]:
    return {"alert": alert.pk, "indicator": alert.indicator_id, "organisation": alert.organisation_id, **state}


def _audit_run(actor: Actor, action: Event, changes: list[tuple[Alert, dict[str, Any] | None]], rules: dict[int, Rule]) -> None:
    """One entry per rule for the alerts of one kind of change, each listed with its state before (if any) and after."""
    by_rule: dict[int, list[tuple[Alert, dict[str, Any] | None]]] = {}
    for alert, before in changes:
        by_rule.setdefault(alert.rule_id, []).append((alert, before))
    for rule_id, group in sorted(by_rule.items()):
        befores = [_listed(a, b) for a, b in group if b is not None]
        audit.record(
            actor=actor,
            action=action,
            target=rules[rule_id],
            before={"alerts": befores} if befores else None,
            after={"alerts": [_listed(a, _snapshot(a)) for a, _ in group]},
        )


def apply_rules(
    actor: Actor,
    *,
    today: dt.date | None = None,
    indicator_ids: set[int] | None = None,
    organisation_ids: set[int] | None = None,
) -> Evaluation:
    """Evaluate the active rules over the values (or those of some indicators and agencies) and bring the alerts in line."""
    today = today or timezone.localdate()
    now = timezone.now()
    rules = list(Rule.objects.filter(active=True).prefetch_related("indicators", "indicators__agencies"))
    hits, looked = find_hits(rules, today=today, indicator_ids=indicator_ids, organisation_ids=organisation_ids)
    found: dict[tuple[int, int, int, dt.date], Hit] = {h.key: h for h in hits}
    existing = Alert.objects.filter(rule__in=rules)
    if indicator_ids is not None:
        existing = existing.filter(indicator_id__in=indicator_ids)
    if organisation_ids is not None:
        existing = existing.filter(organisation_id__in=organisation_ids)
    known = {(a.rule_id, a.indicator_id, a.organisation_id, a.first_month): a for a in existing}
    outcome = Evaluation()
    fresh: list[Alert] = []
    extended: list[tuple[Alert, dict[str, Any] | None]] = []
    cleared: list[tuple[Alert, dict[str, Any] | None]] = []
    for key, hit in found.items():
        alert = known.get(key)
        months, values = hit.month_keys, list(hit.values)
        if alert is None:
            fresh.append(
                Alert(
                    rule_id=hit.rule_id,
                    indicator_id=hit.indicator_id,
                    organisation_id=hit.organisation_id,
                    first_month=hit.months[0],
                    last_month=hit.months[-1],
                    months=months,
                    values=values,
                    raised_at=now,
                )
            )
        elif alert.months != months or alert.values != values or alert.cleared_at is not None:
            before = _snapshot(alert)
            alert.months, alert.values, alert.last_month, alert.cleared_at = months, values, hit.months[-1], None
            alert.save(update_fields=["months", "values", "last_month", "cleared_at"])
            extended.append((alert, before))
            outcome.extended.append(alert)
    for key, alert in known.items():
        if key not in found and alert.cleared_at is None and key[:3] in looked:
            before = _snapshot(alert)
            alert.cleared_at = now
            alert.save(update_fields=["cleared_at"])
            cleared.append((alert, before))
            outcome.cleared.append(alert)
    if fresh:
        Alert.objects.bulk_create(fresh, batch_size=1000)
        created = Alert.objects.filter(
            raised_at=now, rule_id__in={a.rule_id for a in fresh}, organisation_id__in={a.organisation_id for a in fresh}
        ).select_related("rule", "indicator", "organisation")
        outcome.raised.extend(created)
    by_id = {r.pk: r for r in rules}
    _audit_run(actor, INDICATOR_ALERT_RAISE, [(a, None) for a in outcome.raised], by_id)
    _audit_run(actor, INDICATOR_ALERT_UPDATE, extended, by_id)
    _audit_run(actor, INDICATOR_ALERT_CLEAR, cleared, by_id)
    return outcome


def do_evaluate(actor: Actor = NIGHTLY, *, today: dt.date | None = None) -> Evaluation:
    """The nightly run: every rule over every value, all in one transaction."""
    check_manager(actor)
    with transaction.atomic():
        return apply_rules(actor, today=today)
