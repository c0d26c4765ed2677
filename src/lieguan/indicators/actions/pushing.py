"""Values pushed by another system through the API: a batch checked whole, then all written or none, as a file import is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.core.actors import Actor, passes
from lieguan.indicators import access
from lieguan.indicators.actions.evaluate import Evaluation, apply_rules
from lieguan.indicators.actions.importing import Problem
from lieguan.indicators.actions.values import check_value, write_value
from lieguan.indicators.models import Indicator, IndicatorValue, Source
from lieguan.indicators.months import parse_month
from lieguan.organisations.models import Organisation

MAX_PUSHED = 5000


@dataclass(frozen=True)
class Pushed:
    """One row of a batch as the caller sent it: ids, a month written 2026-03, a number."""

    organisation_id: int
    indicator_id: int
    month: str
    value: Decimal


@dataclass
class PushResult:
    values: list[IndicatorValue] = field(default_factory=list)
    written: int = 0
    unchanged: int = 0
    evaluation: Evaluation = field(default_factory=Evaluation)


class PushRefused(ValidationError):
    """The batch has rows that cannot be recorded; ``problems`` names each by its position (the first row is 1)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__([_("第 %(row)s 筆：%(message)s") % {"row": p.row, "message": p.message} if p.row else p.message for p in problems])
        self.problems = problems


def do_push_values(actor: Actor, rows: list[Pushed], *, today: dt.date | None = None) -> PushResult:
    """Check every row (an agency the actor may not enter for refuses the batch); then write them all and run the rules."""
    today = today or timezone.localdate()
    if not rows:
        raise PushRefused([Problem(0, "", _("沒有任何數值。"))])
    if len(rows) > MAX_PUSHED:
        raise PushRefused([Problem(0, "", _("一次最多傳入 %(n)s 筆。") % {"n": MAX_PUSHED})])
    organisations = Organisation.objects.in_bulk({r.organisation_id for r in rows})
    indicators = Indicator.objects.prefetch_related("agencies").in_bulk({r.indicator_id for r in rows})
    problems: list[Problem] = []
    refused: list[int] = []
    checked: list[tuple[Indicator, Organisation, dt.date, Decimal]] = []
    seen: dict[tuple[int, int, dt.date], int] = {}
    for n, row in enumerate(rows, start=1):
        organisation = organisations.get(row.organisation_id)
        indicator = indicators.get(row.indicator_id)
        if organisation is None or organisation.kind != Organisation.Kind.AGENCY:
            problems.append(Problem(n, "organisation_id", _("找不到機關 %(id)s。") % {"id": row.organisation_id}))
            continue
        if not passes(access.require_enter, actor, organisation):
            refused.append(n)
            continue
        if indicator is None:
            problems.append(Problem(n, "indicator_id", _("找不到指標 %(id)s。") % {"id": row.indicator_id}))
            continue
        try:
            month = parse_month(row.month)
        except ValueError as error:
            problems.append(Problem(n, "month", str(error)))
            continue
        try:
            check_value(indicator, organisation, month, row.value, today)
        except ValidationError as error:
            problems.append(Problem(n, "", " ".join(error.messages)))
            continue
        key = (indicator.pk, organisation.pk, month)
        if key in seen:
            problems.append(Problem(n, "", _("與第 %(row)s 筆重複（同一機關、指標與年月）。") % {"row": seen[key]}))
            continue
        seen[key] = n
        checked.append((indicator, organisation, month, row.value))
    if refused:
        raise PermissionDenied(
            _("第 %(row)s 筆：%(message)s") % {"row": _("、").join(map(str, refused[:10])), "message": access.ENTER_REFUSED}
        )
    if problems:
        raise PushRefused(problems)
    result = PushResult()
    with transaction.atomic():
        for indicator, organisation, month, value in checked:
            written, changed = write_value(actor, indicator, organisation, month, value, source=Source.API, note="由 API 傳入")
            result.values.append(written)
            result.written += changed
            result.unchanged += not changed
        if result.written:
            result.evaluation = apply_rules(
                actor,
                today=today,
                indicator_ids={i.pk for i, *_ in checked},
                organisation_ids={o.pk for _, o, *_ in checked},
            )
    return result
