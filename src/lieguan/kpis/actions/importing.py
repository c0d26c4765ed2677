"""Filling the register's actuals from a work report read by ``lieguan parse``: a preview, then all or nothing.

The report names its indicators in prose, and not always as the register does;
a KPI of the organisation's goals matches when its name (or one of its other
names) is the report's name, or one contains the other; the goal's title
settles a tie. Whatever does not match, or matches twice, is listed and left
alone: nothing is guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lieguan.core.actors import Actor, passes
from lieguan.kpis import access
from lieguan.kpis.actions.actuals import _write
from lieguan.kpis.audit_events import KPI_ACTUAL_IMPORT
from lieguan.kpis.models import Kpi, KpiActual
from lieguan.kpis.periods import Period
from lieguan.organisations.models import Organisation

CREATE, UPDATE, UNCHANGED, UNMATCHED, SKIPPED, REFUSED = "create", "update", "unchanged", "unmatched", "skipped", "refused"
ACTION_LABELS = {
    CREATE: gettext_lazy("新增實際值"),
    UPDATE: gettext_lazy("更正實際值（新版本）"),
    UNCHANGED: gettext_lazy("與現有實際值相同"),
    UNMATCHED: gettext_lazy("找不到對應指標"),
    SKIPPED: gettext_lazy("略過"),
    REFUSED: gettext_lazy("無權填報"),
}
_NOISE = re.compile(r"[\s「」『』()（）、，,.。：:；;／/\-－—_]+")


def normalise(text: str) -> str:
    return _NOISE.sub("", unicodedata.normalize("NFKC", text)).replace("臺", "台").lower()


@dataclass(frozen=True)
class Stated:
    """One KPI as the report states it, whatever shape the parser handed over."""

    goal: str
    name: str
    value: Decimal | None
    unit: str
    text: str


@dataclass
class ImportRow:
    stated: Stated
    action: str
    kpi: Kpi | None = None
    previous: Decimal | None = None
    reason: str = ""

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS[self.action])


@dataclass
class ImportPreview:
    organisation: Organisation
    period: Period
    rows: list[ImportRow] = field(default_factory=list)
    applied: bool = False

    def _with(self, *actions: str) -> list[ImportRow]:
        return [r for r in self.rows if r.action in actions]

    @property
    def created(self) -> list[ImportRow]:
        return self._with(CREATE)

    @property
    def updated(self) -> list[ImportRow]:
        return self._with(UPDATE)

    @property
    def unmatched(self) -> list[ImportRow]:
        return self._with(UNMATCHED, SKIPPED)

    @property
    def refused(self) -> list[ImportRow]:
        return self._with(REFUSED)

    @property
    def writes(self) -> list[ImportRow]:
        return self._with(CREATE, UPDATE)


def _decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        result = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return result if result.is_finite() else None


def _get(source: Any, name: str) -> Any:
    return source.get(name) if isinstance(source, dict) else getattr(source, name, None)


def read_stated(parsed: Any) -> Stated:
    """A ``minutes.workreport.model.Kpi`` or its JSON form (``to_dict``)."""
    actual = _get(parsed, "actual")
    unit = str(_get(actual, "unit") or "") if actual is not None else ""
    return Stated(
        goal=str(_get(parsed, "goal") or ""),
        name=str(_get(parsed, "name") or ""),
        value=_decimal(_get(actual, "value")) if actual is not None else None,
        unit="%" if unit in ("%", "％") else unit,
        text=str(_get(parsed, "text") or ""),
    )


def _names(kpi: Kpi) -> list[str]:
    return [n for n in (normalise(x) for x in [kpi.name, *kpi.alias_list()]) if n]


def _candidates(stated: Stated, kpis: list[Kpi]) -> list[Kpi]:
    wanted = normalise(stated.name)
    if not wanted:
        return []
    exact = [k for k in kpis if wanted in _names(k)]
    if exact:
        return exact
    if len(wanted) < 4:
        return []
    return [k for k in kpis if any(len(n) >= 4 and (n in wanted or wanted in n) for n in _names(k))]


def _by_goal(stated: Stated, found: list[Kpi]) -> list[Kpi]:
    goal = normalise(stated.goal)
    if len(found) < 2 or not goal:
        return found
    same = [k for k in found if (t := normalise(k.goal.title)) and (t in goal or goal in t)]
    return same or found


def _units_clash(stated: Stated, kpi: Kpi) -> bool:
    # A count may be written in 次 in the register and 場 in the report; a percentage is never a count.
    return bool(stated.unit) and (stated.unit == "%") != (kpi.unit in ("%", "％"))


def preview_rows(actor: Actor, organisation: Organisation, period: Period, parsed_kpis: Iterable[Any]) -> list[ImportRow]:
    kpis = list(Kpi.objects.filter(goal__organisation=organisation, active=True, goal__active=True).select_related("goal", "owner"))
    latest = {a.kpi_id: a for a in KpiActual.objects.filter(kpi__in=kpis, year=period.year, half=period.half).order_by("kpi_id", "version")}
    taken: set[int] = set()
    rows: list[ImportRow] = []
    for parsed in parsed_kpis:
        stated = read_stated(parsed)
        found = _by_goal(stated, _candidates(stated, kpis))
        if not found:
            rows.append(ImportRow(stated, UNMATCHED, reason=_("登記簿中沒有名稱相符的指標。")))
            continue
        if len(found) > 1:
            names = "、".join(f"「{k.name}」" for k in found)
            rows.append(ImportRow(stated, UNMATCHED, reason=_("名稱同時符合 %(names)s，請於指標的「其他名稱」區分。") % {"names": names}))
            continue
        kpi = found[0]
        current = latest.get(kpi.pk)
        previous = current.value if current else None
        if stated.value is None:
            rows.append(ImportRow(stated, SKIPPED, kpi, previous, _("報告未載明實際值。")))
        elif kpi.pk in taken:
            rows.append(ImportRow(stated, SKIPPED, kpi, previous, _("報告中另有一項已對應此指標。")))
        elif _units_clash(stated, kpi):
            rows.append(
                ImportRow(
                    stated,
                    SKIPPED,
                    kpi,
                    previous,
                    _("單位不符：報告為「%(stated)s」，指標為「%(unit)s」。") % {"stated": stated.unit, "unit": kpi.unit},
                )
            )
        elif not passes(access.require_enter, actor, kpi):
            rows.append(ImportRow(stated, REFUSED, kpi, previous, str(access.ENTER_REFUSED)))
        elif previous is not None and previous == stated.value:
            taken.add(kpi.pk)
            rows.append(ImportRow(stated, UNCHANGED, kpi, previous))
        else:
            taken.add(kpi.pk)
            rows.append(ImportRow(stated, UPDATE if current else CREATE, kpi, previous))
    return rows


def do_import_kpi_actuals(
    actor: Actor, organisation: Organisation, period: Period, parsed_kpis: Iterable[Any], *, dry_run: bool
) -> ImportPreview:
    """What the report's KPIs would create, update or leave unmatched; with ``dry_run=False``, write it all or nothing.

    Applying is refused as a whole when any matched KPI is one the actor may not
    enter, so that a report never lands half in the register.
    """
    access.require_enter_for(actor, organisation)
    parsed_kpis = list(parsed_kpis)
    preview = ImportPreview(organisation, period, preview_rows(actor, organisation, period, parsed_kpis))
    if dry_run:
        return preview
    if preview.refused:
        names = "、".join(f"「{r.kpi.name}」" for r in preview.refused if r.kpi)
        raise PermissionDenied(_("無權填報 %(names)s 的實際值，整份報告未匯入。") % {"names": names})
    with transaction.atomic():
        # Read again inside the transaction: what was previewed may have changed since.
        preview.rows = preview_rows(actor, organisation, period, parsed_kpis)
        for row in preview.writes:
            assert row.kpi is not None and row.stated.value is not None
            note = f"由{period.label}工作報告匯入：{row.stated.text}" if row.stated.text else f"由{period.label}工作報告匯入。"
            _write(actor, row.kpi, period, row.stated.value, origin=KpiActual.Origin.IMPORTED, note=note, action=KPI_ACTUAL_IMPORT)
        preview.applied = True
    return preview
