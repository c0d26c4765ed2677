"""Monthly indicators per agency: the register and the values read, and values pushed by another system."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from pydantic import WithJsonSchema

from lieguan.api import schemas as s
from lieguan.api.auth import caller
from lieguan.api.pagination import Page, Paging, paginate
from lieguan.api.schemas import DbId
from lieguan.indicators import access
from lieguan.indicators import actions as i
from lieguan.indicators.actions.pushing import MAX_PUSHED
from lieguan.indicators.models import Indicator, IndicatorValue, month_key

router = Router(tags=["機關月報指標"])

MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"
# A number, or a decimal written as text so that no digit is lost to floating point ("12.3456").
DECIMAL_SCHEMA = {"anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^-?\d{1,16}(\.\d{1,10})?$"}]}


class IndicatorOut(Schema):
    id: int
    name: str
    definition: str
    unit: Literal["count", "hours", "percent", "ntd"]
    direction: Literal["lower", "higher"] = Field(description="lower：越低越好；higher：越高越好")
    source: Literal["entered", "imported", "api", "computed"]
    computed: str = Field(description="資料來源為系統計算時的計算方式，否則為空字串")
    all_agencies: bool
    agency_ids: list[int] = Field(description="適用機關（all_agencies 為 false 時）")
    position: int
    active: bool


class IndicatorPage(Page):
    items: list[IndicatorOut]


class IndicatorValueOut(Schema):
    id: int
    indicator_id: int
    organisation_id: int
    month: str = Field(description="年月，例如 2026-03")
    version: int = Field(description="版本；更正時遞增，只有最新版本列入統計")
    value: float
    source: Literal["entered", "imported", "api", "computed"]
    note: str
    entered_by: str
    entered_at: dt.datetime


class IndicatorValuePage(Page):
    items: list[IndicatorValueOut]


class IndicatorValueIn(Schema):
    organisation_id: DbId
    indicator_id: DbId
    month: str = Field(pattern=MONTH, description="年月（西元），例如 2026-03")
    value: Annotated[Decimal, WithJsonSchema(DECIMAL_SCHEMA)] = Field(allow_inf_nan=False, description="數值；金額以外不得為負數")


class IndicatorValuesIn(Schema):
    values: list[IndicatorValueIn] = Field(min_length=1, max_length=MAX_PUSHED)


class PushedOut(Schema):
    written: int = Field(description="寫入的新版本筆數")
    unchanged: int = Field(description="與現有數值相同、未另立版本的筆數")
    alerts_raised: int
    alerts_cleared: int
    values: list[IndicatorValueOut]


def indicator_out(indicator: Indicator) -> dict[str, Any]:
    return {
        "id": indicator.pk,
        "name": indicator.name,
        "definition": indicator.definition,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "source": indicator.source,
        "computed": indicator.computed,
        "all_agencies": indicator.all_agencies,
        "agency_ids": sorted(a.pk for a in indicator.agencies.all()),
        "position": indicator.position,
        "active": indicator.active,
    }


def value_out(v: IndicatorValue) -> dict[str, Any]:
    return {
        "id": v.pk,
        "indicator_id": v.indicator_id,
        "organisation_id": v.organisation_id,
        "month": month_key(v.month),
        "version": v.version,
        "value": float(v.value),
        "source": v.source,
        "note": v.note,
        "entered_by": v.entered_by_label,
        "entered_at": timezone.localtime(v.entered_at),
    }


@router.get("/indicators", response={200: IndicatorPage, **s.ERRORS}, summary="月報指標登記簿")
def list_indicators(request: HttpRequest, filters: Query[Paging]) -> dict[str, Any]:
    user = caller(request)
    access.require_reader(user)
    qs = access.visible_indicators(user).prefetch_related("agencies")
    rows, nxt = paginate(qs, after=filters.after, limit=filters.limit)
    return {"items": [indicator_out(r) for r in rows], "next": nxt}


class ValueFilter(Paging):
    indicator_id: DbId | None = None
    organisation_id: DbId | None = None
    month_from: str | None = Field(None, pattern=MONTH, description="起始年月（含），例如 2026-01")
    month_to: str | None = Field(None, pattern=MONTH, description="結束年月（含），例如 2026-12")


def _month(text: str) -> dt.date | None:
    try:
        return dt.date(int(text[:4]), int(text[5:7]), 1)
    except ValueError:
        return None  # year 0000: well formed, but no month can match it


@router.get("/indicator-values", response={200: IndicatorValuePage, **s.ERRORS}, summary="各機關月報數值（最新版本）")
def list_indicator_values(request: HttpRequest, filters: Query[ValueFilter]) -> dict[str, Any]:
    user = caller(request)
    access.require_reader(user)
    qs = IndicatorValue.objects.filter(current=True, indicator__in=access.visible_indicators(user))
    if filters.indicator_id is not None:
        qs = qs.filter(indicator_id=filters.indicator_id)
    if filters.organisation_id is not None:
        qs = qs.filter(organisation_id=filters.organisation_id)
    for text, lookup in ((filters.month_from, "month__gte"), (filters.month_to, "month__lte")):
        if text:
            month = _month(text)
            qs = qs.filter(**{lookup: month}) if month else qs.none()
    rows, nxt = paginate(qs, after=filters.after, limit=filters.limit)
    return {"items": [value_out(v) for v in rows], "next": nxt}


@router.post(
    "/indicator-values",
    response={200: PushedOut, **s.ERRORS},
    summary="傳入月報數值",
    description="其他系統一次傳入多筆數值（機關、指標、年月、數值），與填報頁相同的權限：機關聯絡人只能傳入本機關的數值。"
    "整批檢查：任何一筆格式不符即回 422，資料不允許（找不到機關或指標、指標不適用、月份未到、負數、重複）即回 409，"
    "皆指出第幾筆，整批都不寫入；與現有數值不同者另立新版本，並隨即執行警示規則。",
)
def push_indicator_values(request: HttpRequest, payload: IndicatorValuesIn) -> dict[str, Any]:
    user = caller(request)
    access.require_reader(user)
    rows = [i.Pushed(v.organisation_id, v.indicator_id, v.month, v.value) for v in payload.values]
    # Rows the schema accepts but the records refuse (an unknown agency, an indicator that does not apply, a month
    # to come) raise PushRefused, a ValidationError: 409 with every row named, as any refusal of the records is.
    result = i.do_push_values(user, rows)
    return {
        "written": result.written,
        "unchanged": result.unchanged,
        "alerts_raised": len(result.evaluation.raised),
        "alerts_cleared": len(result.evaluation.cleared),
        "values": [value_out(v) for v in result.values],
    }
