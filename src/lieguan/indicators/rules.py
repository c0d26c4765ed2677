"""What the rules find in the values: for each rule, indicator and agency, the runs of months that hit.

Each kind of rule says which months are "bad" (a deficiency, beyond the
threshold, short of the target, worse than the month before, not reported by
the deadline); a run of consecutive bad months at least the rule's length
long is one hit. Everything is read in a few queries and worked out in
memory, so that the nightly run over a city's ten years stays in seconds.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from lieguan.indicators.models import Indicator, IndicatorTarget, IndicatorValue, Rule, RuleKind, month_key
from lieguan.indicators.months import shift
from lieguan.organisations.models import Organisation

MISSING_TEXT = "未填報"


@dataclass(frozen=True)
class Hit:
    rule_id: int
    indicator_id: int
    organisation_id: int
    months: tuple[dt.date, ...]
    values: tuple[str, ...]

    @property
    def key(self) -> tuple[int, int, int, dt.date]:
        return (self.rule_id, self.indicator_id, self.organisation_id, self.months[0])

    @property
    def month_keys(self) -> list[str]:
        return [month_key(m) for m in self.months]


def figure(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def applicable_agencies(indicator: Indicator, agencies: list[Organisation]) -> list[int]:
    if indicator.all_agencies:
        return [a.pk for a in agencies]
    chosen = {a.pk for a in indicator.agencies.all()}
    return [a.pk for a in agencies if a.pk in chosen]


def agencies() -> list[Organisation]:
    return list(Organisation.objects.filter(kind=Organisation.Kind.AGENCY, active=True).order_by("sort_order", "code"))


def _bad_months(
    rule: Rule, indicator: Indicator, series: dict[dt.date, Decimal], limits: dict[int, IndicatorTarget], due: list[dt.date]
) -> list[tuple[dt.date, str]]:
    out: list[tuple[dt.date, str]] = []
    if rule.kind == RuleKind.MISSING:
        return [(m, MISSING_TEXT) for m in due if m not in series]
    for month in sorted(series):
        value = series[month]
        if rule.kind == RuleKind.RUNNING:
            bad = value > 0
        elif rule.kind == RuleKind.WORSE:
            before = series.get(shift(month, -1))
            bad = before is not None and indicator.worse(value, before)
        else:
            limit = limits.get(month.year)
            if rule.kind == RuleKind.THRESHOLD:
                line = rule.threshold if rule.threshold is not None else (limit.threshold if limit else None)
            else:
                line = limit.target if limit else None
            bad = line is not None and indicator.worse(value, line)
        if bad:
            out.append((month, figure(value)))
    return out


def _runs(bad: list[tuple[dt.date, str]], length: int) -> Iterable[list[tuple[dt.date, str]]]:
    run: list[tuple[dt.date, str]] = []
    for month, text in bad:
        if run and shift(run[-1][0], 1) != month:
            if len(run) >= length:
                yield run
            run = []
        run.append((month, text))
    if len(run) >= length:
        yield run


def due_months(rule: Rule, today: dt.date, since: dt.date) -> list[dt.date]:
    """The months whose report was due by ``today``: day N of the following month has passed."""
    out: list[dt.date] = []
    month = since
    while True:
        deadline = shift(month, 1).replace(day=rule.deadline_day)
        if deadline >= today:
            return out
        out.append(month)
        month = shift(month, 1)


def find_hits(
    rules: list[Rule],
    *,
    today: dt.date,
    indicator_ids: set[int] | None = None,
    organisation_ids: set[int] | None = None,
) -> tuple[list[Hit], set[tuple[int, int, int]]]:
    """Every hit of ``rules`` (limited to some indicators or agencies), and the (rule, indicator, agency) looked at."""
    city_agencies = agencies()
    if organisation_ids is not None:
        city_agencies = [a for a in city_agencies if a.pk in organisation_ids]
    indicators: dict[int, Indicator] = {}
    for rule in rules:
        for indicator in rule.indicators.all():
            if indicator.active and (indicator_ids is None or indicator.pk in indicator_ids):
                indicators[indicator.pk] = indicator
    values = IndicatorValue.objects.filter(current=True, indicator_id__in=list(indicators))
    if organisation_ids is not None:
        values = values.filter(organisation_id__in=[a.pk for a in city_agencies])
    series: dict[tuple[int, int], dict[dt.date, Decimal]] = defaultdict(dict)
    for indicator_id, organisation_id, month, value in values.values_list("indicator_id", "organisation_id", "month", "value").iterator(
        chunk_size=20000
    ):
        series[(indicator_id, organisation_id)][month] = value
    limits: dict[int, dict[int, IndicatorTarget]] = defaultdict(dict)
    for target in IndicatorTarget.objects.filter(indicator_id__in=list(indicators)):
        limits[target.indicator_id][target.year] = target
    hits: list[Hit] = []
    looked: set[tuple[int, int, int]] = set()
    for rule in rules:
        if not rule.active:
            continue
        # Missing reports are chased from January of the rule's first year on, not back to the city's first record.
        due = due_months(rule, today, dt.date(rule.created.year, 1, 1)) if rule.kind == RuleKind.MISSING else []
        for indicator in rule.indicators.all():
            if indicator.pk not in indicators:
                continue
            for organisation_id in applicable_agencies(indicator, city_agencies):
                looked.add((rule.pk, indicator.pk, organisation_id))
                bad = _bad_months(rule, indicator, series.get((indicator.pk, organisation_id), {}), limits[indicator.pk], due)
                for run in _runs(bad, rule.run_length):
                    hits.append(Hit(rule.pk, indicator.pk, organisation_id, tuple(m for m, _ in run), tuple(t for _, t in run)))
    return hits, looked
