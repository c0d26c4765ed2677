"""Escalation rules (稽催分級): data the secretariat edits, not code."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from lieguan.core import audit
from lieguan.core.actors import Actor
from lieguan.tracking import access
from lieguan.tracking.audit_events import ESCALATION_RULE_DELETE, ESCALATION_RULE_SAVE
from lieguan.tracking.models import EscalationRule

RULE_FIELDS = ("tier", "condition", "working_days", "recipients", "wording", "active")


def _check(actor: Actor) -> None:
    access.require_edit_escalation_rules(actor)


def do_save_escalation_rule(actor: Actor, rule: EscalationRule | None = None, **fields: Any) -> EscalationRule:
    """Create a rule, or change ``rule``: tier, condition, working days, recipients, wording, active."""
    unknown = set(fields) - set(RULE_FIELDS)
    if unknown:
        raise ValueError(f"unknown escalation rule fields: {', '.join(sorted(unknown))}")
    _check(actor)
    with transaction.atomic():
        before = audit.snapshot(rule) if rule is not None else None
        rule = rule or EscalationRule()
        for key, value in fields.items():
            setattr(rule, key, value)
        rule.full_clean()
        rule.save()
        audit.record(actor=actor, action=ESCALATION_RULE_SAVE, target=rule, before=before, after=audit.snapshot(rule))
    return rule


def do_delete_escalation_rule(actor: Actor, rule: EscalationRule) -> None:
    _check(actor)
    with transaction.atomic():
        audit.record(actor=actor, action=ESCALATION_RULE_DELETE, target=rule, before=audit.snapshot(rule))
        rule.delete()
