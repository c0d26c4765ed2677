"""Putting an alert under tracking (列管) in one step: a case for the agency to take the figures to its bureau meeting."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.core.actors import Actor
from lieguan.indicators.actions._common import check_manager
from lieguan.indicators.audit_events import INDICATOR_ALERT_TRACK
from lieguan.indicators.models import Alert
from lieguan.indicators.months import roc_long
from lieguan.organisations.models import Organisation
from lieguan.tracking.actions import do_create_case
from lieguan.tracking.models import CaseSource, TrackedCase

WORKING_DAYS = 10


def case_text(alert: Alert) -> str:
    agency = alert.organisation.display_name
    figures = "、".join(f"{m[:4]}-{m[5:]}：{v}" for m, v in zip(alert.months, alert.values, strict=False))
    return (
        f"{agency}「{alert.indicator.name}」經「{alert.rule.name}」規則檢出（{figures}），"
        f"請{agency}提報局（處）務會議檢討，查明原因並研提改善措施，於期限內填報辦理情形。"
    )


def do_track_alert(actor: Actor, alert: Alert, *, owner: Organisation | None = None, deadline: dt.date | None = None) -> TrackedCase:
    """A case of source "other", led by the alert's agency, owned by ``owner`` (the city government when not given)."""
    check_manager(actor)
    owner = owner or Organisation.objects.filter(kind=Organisation.Kind.CITY).first()
    if owner is None:
        raise ValidationError(_("機關名錄中沒有本府，無法列管。"))
    with transaction.atomic():
        alert = Alert.objects.select_for_update().select_related("rule", "indicator", "organisation").get(pk=alert.pk)
        if alert.case_id is not None:
            raise ValidationError(_("此警示已列管。"))
        last = dt.date.fromisoformat(alert.months[-1] + "-01")
        case = do_create_case(
            actor,
            source=CaseSource.OTHER,
            owner=owner,
            title=f"{alert.organisation.display_name}{alert.indicator.name}（{roc_long(last)}）提報局務會議檢討",
            text=case_text(alert),
            lead=alert.organisation,
            source_reference=f"本府 e 化統計警示 #{alert.pk}",
            deadline=deadline,
            working_days=None if deadline else WORKING_DAYS,
        )
        alert.case = case
        alert.save(update_fields=["case"])
        audit.record(actor=actor, action=INDICATOR_ALERT_TRACK, target=alert, after={"case": case.pk})
    return case
