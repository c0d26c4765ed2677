"""開放資料: the index of public series and years, and the downloads (JSON and CSV) of each.

The downloads are a published format: they run ``in_official_language``, so that their values (case
statuses, decisions, KPI sources, period labels) are the records' Chinese whatever the reader's language,
and a file (and its ETag) is the same for everyone.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from lieguan.api import opendata
from lieguan.core.documents import in_official_language


def open_data(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Visitors sign in first where the city keeps the portal closed; otherwise a missing file is simply not found."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not opendata.may_use(request.user):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def _download(request: HttpRequest, body: bytes, content_type: str, filename: str, *, etag_of: bytes) -> HttpResponse:
    """The file, or 304 when the harvester already has this version (the ETag leaves out the generation time)."""
    etag = f'"{hashlib.sha256(etag_of).hexdigest()[:32]}"'
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = etag
    response["Access-Control-Allow-Origin"] = "*"
    return response


@open_data
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    context = {
        "entries": opendata.catalogue(request.user),
        "licence": settings.OPEN_DATA_LICENCE,
        "licence_url": settings.OPEN_DATA_LICENCE_URL,
        "decision_columns": [heading for _, heading in opendata.DECISION_COLUMNS],
        "case_columns": [heading for _, heading in opendata.CASE_COLUMNS],
        "kpi_years": opendata.kpi_years(),
        "kpi_columns": [heading for _, heading in opendata.KPI_COLUMNS],
    }
    return render(request, "api/opendata.html", context)


def _name(series_code: str, roc_year: int, kind: str) -> str:
    return f"{series_code}-{roc_year}-{kind}"


@open_data
@require_safe
@in_official_language
def minutes_json(request: HttpRequest, series_code: str, roc_year: int) -> HttpResponse:
    meetings = opendata.year_meetings(request.user, series_code, roc_year)
    data = opendata.minutes_dataset(meetings, roc_year, source=request.build_absolute_uri())
    body = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    stable: dict[str, Any] = {**data, "dataset": {k: v for k, v in data["dataset"].items() if k != "generated"}}
    etag_of = json.dumps(stable, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return _download(request, body, "application/json; charset=utf-8", _name(series_code, roc_year, "minutes.json"), etag_of=etag_of)


@open_data
@require_safe
@in_official_language
def decisions_csv(request: HttpRequest, series_code: str, roc_year: int) -> HttpResponse:
    rows = opendata.decision_rows(opendata.year_meetings(request.user, series_code, roc_year))
    body = opendata.to_csv(opendata.DECISION_COLUMNS, rows)
    return _download(request, body, "text/csv; charset=utf-8", _name(series_code, roc_year, "decisions.csv"), etag_of=body)


@open_data
@require_safe
@in_official_language
def cases_csv(request: HttpRequest, series_code: str, roc_year: int) -> HttpResponse:
    rows = opendata.case_rows(opendata.year_meetings(request.user, series_code, roc_year))
    body = opendata.to_csv(opendata.CASE_COLUMNS, rows)
    return _download(request, body, "text/csv; charset=utf-8", _name(series_code, roc_year, "cases.csv"), etag_of=body)


@open_data
@require_safe
@in_official_language
def kpis_json(request: HttpRequest, roc_year: int) -> HttpResponse:
    data = opendata.kpi_dataset(roc_year, source=request.build_absolute_uri())
    body = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    stable: dict[str, Any] = {**data, "dataset": {k: v for k, v in data["dataset"].items() if k != "generated"}}
    etag_of = json.dumps(stable, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return _download(request, body, "application/json; charset=utf-8", f"kpis-{roc_year}.json", etag_of=etag_of)


@open_data
@require_safe
@in_official_language
def kpis_csv(request: HttpRequest, roc_year: int) -> HttpResponse:
    body = opendata.to_csv(opendata.KPI_COLUMNS, opendata.kpi_rows(roc_year))
    return _download(request, body, "text/csv; charset=utf-8", f"kpis-{roc_year}.csv", etag_of=body)
