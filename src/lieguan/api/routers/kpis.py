"""The KPI register, read-only: strategic goals, KPIs with their targets and actuals per period, and every version of an actual."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from lieguan.api import schemas as s
from lieguan.api.auth import caller
from lieguan.api.pagination import Page, Paging, paginate
from lieguan.api.schemas import DbId
from lieguan.kpis import access
from lieguan.kpis.models import Kpi, KpiActual, StrategicGoal
from lieguan.kpis.periods import Period
from lieguan.kpis.register import PeriodRow, rows_for

router = Router(tags=["策略目標與績效指標"])

Direction = Literal[">=", ">", "<=", "<", "range"]
KpiSource = Literal["manual", "meetings_held", "released_on_time", "reporting_rate", "days_to_release"]


class KpiGoal(Schema):
    id: int
    organisation_id: int
    organisation: str
    position: int
    title: str
    description: str
    active: bool


class KpiGoalPage(Page):
    items: list[KpiGoal]


class KpiPeriod(Schema):
    period: str = Field(description="期間代碼：2026H1（上半年）、2026H2（下半年）或 2026（全年度）")
    label: str = Field(description="期間（民國），例如 115 年上半年")
    start: dt.date
    end: dt.date
    baseline: float | None
    target: float | None
    target_high: float | None = Field(description="目標區間上限（僅 range）")
    actual: float | None = Field(description="最新版本的實際值")
    version: int | None
    origin: Literal["entered", "computed", "imported"] | None
    achievement: float | None = Field(description="目標達成度（%）")
    met: bool | None = Field(description="是否達成目標；無目標值或無實際值時為 null")
    sentence: str = Field(description="工作報告中的敘述（主管單位修改過者為修改後的文字）")


class KpiOut(Schema):
    id: int
    goal_id: int
    goal: str
    organisation_id: int
    name: str
    definition: str
    unit: str
    direction: Direction
    source: KpiSource
    owner_id: int
    owner: str
    active: bool
    periods: list[KpiPeriod]


class KpiPage(Page):
    items: list[KpiOut]


class KpiActualOut(Schema):
    id: int
    kpi_id: int
    period: str
    label: str
    version: int
    value: float
    origin: Literal["entered", "computed", "imported"]
    note: str
    recorded_by: str
    recorded_at: dt.datetime
    evidence: list[str] = Field(description="佐證資料的檔名")


def _f(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def goal_out(g: StrategicGoal) -> dict[str, Any]:
    return {
        "id": g.pk,
        "organisation_id": g.organisation_id,
        "organisation": g.organisation.display_name,
        "position": g.position,
        "title": g.title,
        "description": g.description,
        "active": g.active,
    }


def period_out(r: PeriodRow) -> dict[str, Any]:
    target, actual, result = r.target, r.actual, r.assessment
    return {
        "period": r.period.key,
        "label": r.period.label,
        "start": r.period.start,
        "end": r.period.end,
        "baseline": _f(target.baseline) if target else None,
        "target": _f(target.target) if target else None,
        "target_high": _f(target.target_high) if target else None,
        "actual": _f(actual.value) if actual else None,
        "version": actual.version if actual else None,
        "origin": actual.origin if actual else None,
        "achievement": _f(result.achievement),
        "met": result.met,
        "sentence": r.sentence,
    }


def kpi_out(k: Kpi, rows: list[PeriodRow]) -> dict[str, Any]:
    return {
        "id": k.pk,
        "goal_id": k.goal_id,
        "goal": k.goal.title,
        "organisation_id": k.goal.organisation_id,
        "name": k.name,
        "definition": k.definition,
        "unit": k.unit,
        "direction": k.direction,
        "source": k.source,
        "owner_id": k.owner_id,
        "owner": k.owner.display_name,
        "active": k.active,
        "periods": [period_out(r) for r in rows],
    }


def actual_out(a: KpiActual) -> dict[str, Any]:
    return {
        "id": a.pk,
        "kpi_id": a.kpi_id,
        "period": a.period.key,
        "label": a.period.label,
        "version": a.version,
        "value": float(a.value),
        "origin": a.origin,
        "note": a.note,
        "recorded_by": a.recorded_by_label,
        "recorded_at": timezone.localtime(a.recorded_at),
        "evidence": [e.original_name for e in a.evidence.all()],
    }


class GoalFilter(Paging):
    organisation_id: DbId | None = None


@router.get("/kpi-goals", response={200: KpiGoalPage, **s.ERRORS}, summary="策略目標")
def list_kpi_goals(request: HttpRequest, filters: Query[GoalFilter]) -> dict[str, Any]:
    user = caller(request)
    access.require_reader(user)
    qs = access.visible_goals(user)
    if filters.organisation_id is not None:
        qs = qs.filter(organisation_id=filters.organisation_id)
    rows, nxt = paginate(qs, after=filters.after, limit=filters.limit)
    return {"items": [goal_out(g) for g in rows], "next": nxt}


class KpiFilter(Paging):
    organisation_id: DbId | None = None
    goal_id: DbId | None = None


@router.get("/kpis", response={200: KpiPage, **s.ERRORS}, summary="關鍵績效指標（含各期目標值、實際值、達成度）")
def list_kpis(request: HttpRequest, filters: Query[KpiFilter]) -> dict[str, Any]:
    user = caller(request)
    access.require_reader(user)
    qs = access.visible_kpis(user)
    if filters.organisation_id is not None:
        qs = qs.filter(goal__organisation_id=filters.organisation_id)
    if filters.goal_id is not None:
        qs = qs.filter(goal_id=filters.goal_id)
    kpis, nxt = paginate(qs, after=filters.after, limit=filters.limit)
    rows = rows_for(kpis)
    return {"items": [kpi_out(k, rows[k.pk]) for k in kpis], "next": nxt}


@router.get("/kpis/{kpi_id}", response={200: KpiOut, **s.ERRORS}, summary="一項關鍵績效指標")
def get_kpi(request: HttpRequest, kpi_id: DbId) -> dict[str, Any]:
    kpi = access.access_kpi(caller(request), kpi_id)
    return kpi_out(kpi, rows_for([kpi])[kpi.pk])


class ActualFilter(Paging):
    kpi_id: DbId | None = None
    period: str | None = Field(None, pattern=r"^\d{4}(H[12])?$", description="期間代碼，例如 2026H1")


class KpiActualPage(Page):
    items: list[KpiActualOut]


@router.get("/kpi-actuals", response={200: KpiActualPage, **s.ERRORS}, summary="實際值（每一版本）")
def list_kpi_actuals(request: HttpRequest, filters: Query[ActualFilter]) -> dict[str, Any]:
    user = caller(request)
    access.require_reader(user)
    qs = access.visible_actuals(user).prefetch_related("evidence")
    if filters.kpi_id is not None:
        qs = qs.filter(kpi_id=filters.kpi_id)
    if filters.period:
        try:
            period = Period.parse(filters.period)
        except ValueError:
            qs = qs.none()  # a well-formed key of a year that cannot exist (0001) matches nothing
        else:
            qs = qs.filter(year=period.year, half=period.half)
    rows, nxt = paginate(qs, after=filters.after, limit=filters.limit)
    return {"items": [actual_out(a) for a in rows], "next": nxt}
