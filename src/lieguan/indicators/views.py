"""The indicator pages: the register, an indicator, an agency, entering and importing values, rules, alerts, the report item."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lieguan.core import dates
from lieguan.core.documents import in_official_language
from lieguan.core.downloads import attachment
from lieguan.indicators import access, actions, report
from lieguan.indicators.charts import trend_chart
from lieguan.indicators.forms import ImportForm, IndicatorForm, RuleForm, TargetForm, ValueForm
from lieguan.indicators.models import IndicatorValue, Rule
from lieguan.indicators.months import shift
from lieguan.indicators.rules import agencies as city_agencies
from lieguan.indicators.rules import applicable_agencies
from lieguan.meetings import access as meetings_access
from lieguan.meetings.models import AgendaItem, AgendaSection
from lieguan.minutes.tables import TABLE_FORMATS, render_table
from lieguan.organisations.access import viewer_for

TREND_MONTHS = 12
DOWNLOADS = {"docx": gettext_lazy("Word（DOCX）"), "odt": gettext_lazy("ODF 文字（ODT）"), "pdf": "PDF"}


def _error(error: ValidationError) -> str:
    return "；".join(error.messages)


def _months_to(last: dt.date, count: int = TREND_MONTHS) -> list[dt.date]:
    return [shift(last, -k) for k in range(count - 1, -1, -1)]


def _latest_month() -> dt.date:
    latest = IndicatorValue.objects.filter(current=True).order_by("-month").values_list("month", flat=True).first()
    return latest or shift(timezone.localdate().replace(day=1), -1)


def _hits(alerts: Any) -> dict[tuple[int, int], set[str]]:
    out: dict[tuple[int, int], set[str]] = defaultdict(set)
    for alert in alerts:
        out[(alert.indicator_id, alert.organisation_id)] |= set(alert.months)
    return out


@login_required
@require_GET
def register(request: HttpRequest) -> HttpResponse:
    viewer = access.require_reader(request.user)
    context = {
        "indicators": access.visible_indicators(request.user).prefetch_related("agencies", "targets"),
        "rules": Rule.objects.prefetch_related("indicators") if access.manages(viewer) else [],
        "manages": access.manages(viewer),
        "agencies": access.enterable_agencies(request.user),
        "meetings": meetings_access.visible_meetings(request.user).select_related("series").order_by("-start")[:5],
    }
    return render(request, "indicators/register.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request: HttpRequest) -> HttpResponse:
    access.require_manager(request.user)
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            indicator = actions.do_create_indicator(
                request.user,
                name=data["name"],
                unit=data["unit"],
                direction=data["direction"],
                definition=data["definition"],
                source=data["source"],
                computed=data["computed"],
                agencies=list(data["agencies"]),
                position=data["position"],
            )
        except ValidationError as error:
            form.add_error(None, _error(error))
        else:
            messages.success(request, _("已新增指標「%(name)s」。") % {"name": indicator.name})
            return redirect("indicators:indicator", indicator.pk)
    return render(request, "indicators/form.html", {"form": form, "title": _("新增指標")})


@login_required
@require_GET
def indicator_detail(request: HttpRequest, indicator_id: int) -> HttpResponse:
    indicator = access.access_indicator(request.user, indicator_id)
    viewer = viewer_for(request.user)
    months = _months_to(_latest_month())
    rows = IndicatorValue.objects.filter(indicator=indicator, current=True, month__in=months).values_list(
        "organisation_id", "month", "value"
    )
    by_agency: dict[int, dict[dt.date, Decimal]] = defaultdict(dict)
    for organisation_id, month, value in rows:
        by_agency[organisation_id][month] = value
    average = []
    for m in months:
        present = [v[m] for v in by_agency.values() if m in v]
        average.append((m, sum(present, Decimal(0)) / len(present) if present else None))
    alerts = access.visible_alerts(request.user).filter(indicator=indicator, cleared_at__isnull=True)
    chart = trend_chart(
        average,
        title=_("%(name)s：全市平均（近 %(months)s 個月）") % {"name": indicator.name, "months": len(months)},
        chart_id="indicator-trend",
    )
    agencies = city_agencies()
    table = [
        {"organisation": o, "cells": [by_agency.get(o.pk, {}).get(m) for m in months]}
        for o in agencies
        if o.pk in set(applicable_agencies(indicator, agencies))
    ]
    context = {
        "indicator": indicator,
        "targets": indicator.targets.all(),
        "chart": chart,
        "months": [dates.month_short(m) for m in months],
        "average": [v for _, v in average],
        "table": table,
        "alerts": alerts,
        "manages": access.manages(viewer),
        "target_form": TargetForm(),
    }
    return render(request, "indicators/indicator.html", context)


@login_required
@require_POST
def target(request: HttpRequest, indicator_id: int) -> HttpResponse:
    indicator = access.access_indicator(request.user, indicator_id, for_write=True)
    form = TargetForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        actions.do_set_indicator_target(request.user, indicator, data["year"], target=data["target"], threshold=data["threshold"])
        messages.success(request, _("已設定 %(year)s的目標值與警戒值。") % {"year": dates.whole_year(data["year"])})
    else:
        messages.error(request, _("目標值或警戒值格式不正確。"))
    return redirect("indicators:indicator", indicator.pk)


@login_required
@require_GET
def agency(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access.access_agency(request.user, organisation_id)
    viewer = viewer_for(request.user)
    months = _months_to(_latest_month())
    indicators = [
        i
        for i in access.visible_indicators(request.user).filter(active=True).prefetch_related("agencies")
        if organisation.pk in applicable_agencies(i, [organisation])
    ]
    values: dict[tuple[int, dt.date], Decimal] = {
        (i, m): v
        for i, m, v in IndicatorValue.objects.filter(organisation=organisation, current=True, month__in=months).values_list(
            "indicator_id", "month", "value"
        )
    }
    alerts = access.visible_alerts(request.user).filter(organisation=organisation)
    hits = _hits(alerts.filter(cleared_at__isnull=True))
    blocks = []
    for indicator in indicators:
        caught = {dt.date.fromisoformat(k + "-01") for k in hits.get((indicator.pk, organisation.pk), set())}
        series = [(m, values.get((indicator.pk, m))) for m in months]
        blocks.append(
            {
                "indicator": indicator,
                "cells": [{"value": v, "hit": m in caught} for m, v in series],
                "chart": trend_chart(
                    series,
                    title=_("%(agency)s%(name)s（近 %(months)s 個月）")
                    % {"agency": organisation.display_name, "name": indicator.name, "months": len(months)},
                    hits=caught,
                    chart_id=f"trend-{indicator.pk}",
                ),
            }
        )
    context = {
        "organisation": organisation,
        "months": [dates.month_short(m) for m in months],
        "blocks": blocks,
        "alerts": alerts.filter(cleared_at__isnull=True),
        "may_enter": access.enters_for(viewer, organisation),
    }
    return render(request, "indicators/agency.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def enter(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access.access_agency(request.user, organisation_id, for_write=True)
    form = ValueForm(request.POST or None, initial={"month": dates.month_short(shift(timezone.localdate().replace(day=1), -1))})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recorded = actions.do_record_value(
                request.user, data["indicator"], organisation, data["month"], data["value"], note=data["note"]
            )
        except ValidationError as error:
            form.add_error(None, _error(error))
        else:
            text = (
                _("已填報%(agency)s%(month)s「%(name)s」。")
                % {"agency": organisation.display_name, "month": dates.month_short(data["month"]), "name": data["indicator"].name}
                if recorded.changed
                else _("數值與現有資料相同，未新增版本。")
            )
            messages.success(request, text)
            for alert in recorded.evaluation.raised + recorded.evaluation.extended:
                messages.warning(request, _("警示：%(text)s") % {"text": alert.text})
            return redirect("indicators:agency", organisation.pk)
    return render(
        request,
        "indicators/form.html",
        {"form": form, "title": _("填報%(agency)s月報指標") % {"agency": organisation.display_name}, "organisation": organisation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_values(request: HttpRequest) -> HttpResponse:
    access.require_importer(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = actions.do_import_values(request.user, upload.read(), upload.name, dry_run=form.cleaned_data["dry_run"])
        except ValidationError as error:
            form.add_error("file", _error(error))
        else:
            if result.applied:
                messages.success(
                    request,
                    _("已匯入 %(written)s 筆數值（%(unchanged)s 筆與現有相同）；%(summary)s")
                    % {"written": result.written, "unchanged": result.unchanged, "summary": result.evaluation.summary},
                )
                return redirect("indicators:alerts")
    return render(request, "indicators/import.html", {"form": form, "result": result})


@login_required
@require_GET
def rules(request: HttpRequest) -> HttpResponse:
    access.require_manager(request.user)
    return render(request, "indicators/rules.html", {"rules": Rule.objects.prefetch_related("indicators")})


@login_required
@require_http_methods(["GET", "POST"])
def rule_form(request: HttpRequest, rule_id: int | None = None) -> HttpResponse:
    rule = access.access_rule(request.user, rule_id) if rule_id is not None else None
    access.require_manager(request.user)
    initial = {}
    if rule is not None:
        initial = {
            "name": rule.name,
            "kind": rule.kind,
            "indicators": list(rule.indicators.all()),
            "months": rule.months,
            "threshold": rule.threshold,
            "deadline_day": rule.deadline_day,
            "active": rule.active,
        }
    form = RuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = actions.do_save_rule(
                request.user, rule=rule, indicators=list(data["indicators"]), **{k: v for k, v in data.items() if k != "indicators"}
            )
        except ValidationError as error:
            form.add_error(None, _error(error))
        else:
            messages.success(
                request,
                _("已儲存規則「%(name)s」；今晚起依新規則檢查，亦可立即於命令列執行 lieguan indicators evaluate。") % {"name": saved.name},
            )
            return redirect("indicators:rules")
    return render(request, "indicators/form.html", {"form": form, "title": _("編輯規則") if rule else _("新增規則")})


@login_required
@require_GET
def alerts(request: HttpRequest) -> HttpResponse:
    viewer = access.require_reader(request.user)
    shown = access.visible_alerts(request.user)
    if request.GET.get("all") != "1":
        shown = shown.filter(cleared_at__isnull=True)
    return render(
        request, "indicators/alerts.html", {"alerts": shown, "manages": access.manages(viewer), "all": request.GET.get("all") == "1"}
    )


@login_required
@require_POST
def alert_track(request: HttpRequest, alert_id: int) -> HttpResponse:
    alert = access.access_alert(request.user, alert_id, for_write=True)
    try:
        case = actions.do_track_alert(request.user, alert)
    except ValidationError as error:
        messages.error(request, _error(error))
    else:
        messages.success(request, _("已列管：%(number)s %(title)s") % {"number": case.number, "title": case.title})
    return redirect("indicators:alerts")


def _report_meeting(request: HttpRequest, meeting_id: int) -> Any:
    access.require_reader(request.user)
    return meetings_access.access_meeting(request.user, meeting_id)


@login_required
@require_GET
def report_page(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _report_meeting(request, meeting_id)
    data = report.build(report.report_month(timezone.localtime(meeting.start).date()))
    viewer = viewer_for(request.user)
    items = AgendaItem.objects.filter(section__meeting=meeting, section__kind=AgendaSection.Kind.REPORTS).order_by("position")
    averages = report.city_averages(data.month)
    charts = {
        block.indicator.pk: trend_chart(
            averages.get(block.indicator.pk, []),
            title=_("%(name)s：全市平均趨勢") % {"name": block.indicator.name},
            chart_id=f"report-trend-{block.indicator.pk}",
        )
        for block in data.blocks
    }
    for block in data.blocks:
        block.chart = charts[block.indicator.pk]
    context = {
        "meeting": meeting,
        "data": data,
        "downloads": DOWNLOADS,
        "items": items if meetings_access.runs_series(viewer, meeting.series) else [],
        "suggested": next((i.pk for i in items if "e 化" in i.title or "e化" in i.title), None),  # matches stored titles
    }
    return render(request, "indicators/report.html", context)


@login_required
@require_GET
@in_official_language
def report_download(request: HttpRequest, meeting_id: int, fmt: str) -> HttpResponse:
    if fmt not in DOWNLOADS:
        raise Http404(_("不支援此檔案格式。"))
    meeting = _report_meeting(request, meeting_id)
    data = report.build(report.report_month(timezone.localtime(meeting.start).date()))
    media_type, extension = TABLE_FORMATS[fmt]
    response = HttpResponse(render_table(report.as_table(data), fmt), content_type=media_type)
    filename = f"{meeting.series.full_name}{meeting.ordinal}{data.title}{extension}"
    response["Content-Disposition"] = attachment(filename, f"indicators-{meeting.pk}{extension}")
    return response


@login_required
@require_POST
@in_official_language
def report_attach(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = meetings_access.access_meeting(request.user, meeting_id, for_write=True)
    try:
        item = AgendaItem.objects.get(pk=int(request.POST.get("item", "")), section__meeting=meeting)
    except (AgendaItem.DoesNotExist, ValueError):
        messages.error(request, _("請選擇要附加的議程項目。"))
        return redirect("indicators:report", meeting.pk)
    fmt = request.POST.get("fmt", "docx")
    try:
        material = actions.do_attach_report(request.user, item, fmt)
    except ValidationError as error:
        messages.error(request, _error(error))
    else:
        messages.success(request, _("已將「%(file)s」附加於議程「%(item)s」。") % {"file": material.original_name, "item": item.title})
    return redirect("indicators:report", meeting.pk)
