"""Thin views of the statistics pages: read through access; the old address of the notifications inbox."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lieguan.core.documents import in_official_language
from lieguan.minutes.rocdate import format_roc_short
from lieguan.minutes.tables import TABLE_FORMATS, TableDocument, render_table
from lieguan.reports import access
from lieguan.reports.charts import bar_chart, chart_description
from lieguan.reports.forms import OverviewForm, StatisticsForm
from lieguan.reports.grouping import NOW, VIEWS
from lieguan.reports.overview import build_overview, overview_table
from lieguan.reports.statistics import compute
from lieguan.reports.tables import statistics_table

DOWNLOADS = ("csv", "xlsx", "pdf", "docx", "odt")


def _download(doc: TableDocument, fmt: str, name: str) -> HttpResponse:
    if fmt not in DOWNLOADS:
        raise Http404(_("不支援此檔案格式。"))
    content_type, extension = TABLE_FORMATS[fmt]
    response = HttpResponse(render_table(doc, fmt), content_type=content_type)
    ascii_name = f"lieguan-{fmt}{extension}"
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name + extension)}"
    return response


def _display(doc: TableDocument) -> dict[str, Any]:
    """The table's cells as text for the template; the last row of a non-empty statistics table is the total."""
    rows = [
        {"cells": [{"text": doc.text(cell)} for cell in row], "total": n == len(doc.rows) - 1 and row[0] == _("合計")}
        for n, row in enumerate(doc.rows)
    ]
    return {"doc": doc, "rows": rows}


def _query(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("by", None)
    return params.urlencode()


def _views(request: HttpRequest, current: str) -> list[dict[str, Any]]:
    """The toggle between 依現在機關 and 依當時機關: the same page and filters, in the other view."""
    out = []
    for key in VIEWS:
        params = request.GET.copy()
        params.pop("view", None)
        if key != NOW:
            params["view"] = key
        query = params.urlencode()
        out.append({"key": key, "href": f"{request.path}?{query}" if query else request.path, "current": key == current})
    return out


@login_required
@require_GET
def statistics_page(request: HttpRequest) -> HttpResponse:
    """執行情形統計: the figures per agency and per series, a chart, and downloads."""
    access.require_statistics(request.user)
    today = timezone.localdate()
    # Without filters the page shows this year so far, and says so in the form.
    data = request.GET.copy()
    if not data.get("start") and not data.get("end"):
        data.update({"start": format_roc_short(dt.date(today.year, 1, 1)), "end": format_roc_short(today)})
    form = StatisticsForm(data, user=request.user)
    if not form.is_valid():
        # The page itself is fine: it shows what to correct in the filters.
        return render(request, "reports/statistics.html", {"form": form})
    filters = form.filters()
    stats = compute(request.user, filters)
    title = _("各機關列管件數")
    context = {
        "form": form,
        "stats": stats,
        "view": filters.view,
        "views": _views(request, filters.view),
        "as_of": filters.as_of,
        "agency_table": _display(statistics_table(stats, "agency")),
        "series_table": _display(statistics_table(stats, "series")),
        "chart": bar_chart(stats.by_agency, title=title, description=chart_description(stats.by_agency)),
        "chart_title": title,
        "query": _query(request),
        "downloads": DOWNLOADS,
    }
    return render(request, "reports/statistics.html", context)


@login_required
@require_GET
@in_official_language
def statistics_download(request: HttpRequest, fmt: str) -> HttpResponse:
    access.require_statistics(request.user)
    form = StatisticsForm(request.GET, user=request.user)
    if not form.is_valid():
        return render(request, "reports/statistics.html", {"form": form}, status=400)
    filters = form.filters()
    by = "series" if request.GET.get("by") == "series" else "agency"
    doc = statistics_table(compute(request.user, filters), by)
    return _download(doc, fmt, f"{doc.title}_{format_roc_short(filters.end).replace('/', '')}")


@login_required
@require_GET
def agencies_page(request: HttpRequest) -> HttpResponse:
    """各機關執行情形一覽表: each agency's open cases with the latest report and the days overdue."""
    access.require_statistics(request.user)
    form = OverviewForm(request.GET or {"as_of": format_roc_short(timezone.localdate())}, user=request.user)
    if not form.is_valid():
        return render(request, "reports/agencies.html", {"form": form})
    filters = form.filters()
    overview = build_overview(request.user, filters, page=request.GET.get("page", 1))
    kept = request.GET.copy()
    kept.pop("page", None)
    context = {
        "form": form,
        "overview": overview,
        "query": _query(request),
        "page_query": f"?{kept.urlencode()}",
        "downloads": DOWNLOADS,
        "view": filters.view,
        "views": _views(request, filters.view),
        "as_of": filters.as_of,
    }
    return render(request, "reports/agencies.html", context)


@login_required
@require_GET
@in_official_language
def agencies_download(request: HttpRequest, fmt: str) -> HttpResponse:
    access.require_statistics(request.user)
    form = OverviewForm(request.GET, user=request.user)
    if not form.is_valid():
        return render(request, "reports/agencies.html", {"form": form}, status=400)
    filters = form.filters()
    doc = overview_table(build_overview(request.user, filters))
    return _download(doc, fmt, f"{doc.title}_{format_roc_short(filters.as_of).replace('/', '')}")


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """The inbox moved to the notifications app: old links and bookmarks still arrive there."""
    return redirect("notifications:inbox", permanent=True)
