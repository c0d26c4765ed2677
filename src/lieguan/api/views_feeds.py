""".ics feeds (行事曆訂閱): the page that makes (and resets) a user's secret feed address, and the feeds themselves."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from lieguan.api import actions, feeds
from lieguan.api.auth import Anonymous
from lieguan.core.security import log_security_event
from lieguan.meetings import access as meetings_access
from lieguan.organisations.access import ANONYMOUS, viewer_for

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _base_url(request: HttpRequest) -> str:
    # Feeds are fetched by calendar programs and shared: their links use the one public address.
    return settings.LIEGUAN_BASE_URL


def _ics(body: bytes, filename: str, *, private: bool) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    # A personal feed lists what only its owner may see: no shared cache may keep it.
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


def _feed_urls(request: HttpRequest, secret: str, user: Any) -> dict[str, Any]:
    meetings = _base_url(request) + reverse("calendar_meetings", args=[secret])
    return {
        "meetings": meetings,
        "deadlines": _base_url(request) + reverse("calendar_deadlines", args=[secret]),
        "series": [
            {"series": series, "url": f"{meetings}?series={series.pk}"}
            for series in meetings_access.visible_series(user).order_by("owner__sort_order", "name")
        ],
    }


def _public_feeds(request: HttpRequest) -> list[dict[str, Any]]:
    if not settings.PUBLIC_PORTAL:
        return []
    series = meetings_access.visible_series(Anonymous()).order_by("owner__sort_order", "name")
    return [{"series": s, "url": _base_url(request) + reverse("calendar_series", args=[s.pk])} for s in series]


@login_required
@require_http_methods(["GET", "POST"])
def feeds_page(request: HttpRequest) -> HttpResponse:
    """行事曆訂閱: the secret addresses are shown once, when made; a reset makes the old ones stop working."""
    urls: dict[str, Any] | None = None
    replaced = False
    if request.method == "POST":
        replaced = feeds.has_feed(request.user) is not None
        secret = actions.do_reset_calendar_feed(request.user)
        urls = _feed_urls(request, secret, request.user)
    context = {
        "feed": feeds.has_feed(request.user),
        "urls": urls,
        "replaced": replaced,
        "public_feeds": _public_feeds(request),
    }
    return render(request, "api/feeds.html", context)


def _owner(request: HttpRequest, secret: str) -> Any:
    user = feeds.feed_owner(secret)
    if user is None:
        log_security_event("calendar_feed_refused", request, detail="行事曆訂閱網址錯誤或已重設")
        raise Http404(_("找不到此行事曆。"))
    return user


@require_safe
def meetings_feed(request: HttpRequest, secret: str) -> HttpResponse:
    """Every meeting the feed's owner may see, or (``?series=<id>``) those of one series."""
    user = _owner(request, secret)
    series = None
    name = _("%(city)s會議") % {"city": settings.CITY_NAME}
    if "series" in request.GET:
        series = meetings_access.access_series(user, request.GET["series"])
        name = series.full_name
    body = feeds.meetings_ics(feeds.feed_meetings(user, series), base_url=_base_url(request), name=name, reader=viewer_for(user))
    return _ics(body, "meetings.ics", private=True)


@require_safe
def deadlines_feed(request: HttpRequest, secret: str) -> HttpResponse:
    """The deadlines of the open cases of the owner's agency (a liaison), or of every case they may see."""
    user = _owner(request, secret)
    body = feeds.deadlines_ics(feeds.feed_cases(user), base_url=_base_url(request), name=_("列管期限"), user=user)
    return _ics(body, "deadlines.ics", private=True)


@require_safe
def series_feed(request: HttpRequest, series_id: int) -> HttpResponse:
    """A public series' sessions, for anyone, where the city opened the public portal."""
    if not settings.PUBLIC_PORTAL:
        raise Http404(_("找不到此行事曆。"))
    series = meetings_access.access_series(Anonymous(), series_id)
    body = feeds.meetings_ics(feeds.public_meetings(series), base_url=_base_url(request), name=series.full_name, reader=ANONYMOUS)
    return _ics(body, f"series-{series.pk}.ics", private=False)
