"""Project-level pages that draw on every app: the home page. (Apps' own pages live in the apps.)"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from lieguan.core.home import panels_for
from lieguan.meetings.access import PUBLISHED_STATES, announced_meetings, readable_minutes
from lieguan.organisations.access import viewer_for
from lieguan.organisations.models import RoleGrant

# The landing page lists a few of each; the series pages and the search reach the rest.
LANDING_UPCOMING = 5
LANDING_PUBLISHED = 8


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Signed in: what concerns the user. Not signed in: the public portal's landing page, where the city opened it."""
    if request.user.is_authenticated:
        return _personal_home(request)
    if settings.PUBLIC_PORTAL:
        return _landing(request)
    return redirect_to_login(request.get_full_path())


def _personal_home(request: HttpRequest) -> HttpResponse:
    """What concerns the signed-in user, assembled from the panels every app contributes."""
    viewer = viewer_for(request.user)
    context = {
        "viewer": viewer,
        "person": getattr(request.user, "person", None),
        "panels": panels_for(request, viewer),
        "roles": [
            # The model's role labels are in the reader's language (gettext_lazy).
            (grant.get_role_display(), grant.organisation)
            for grant in RoleGrant.objects.filter(user=viewer.user).select_related("organisation")
        ],
    }
    return render(request, "core/home.html", context)


def _landing(request: HttpRequest) -> HttpResponse:
    """The public portal: sessions ahead, minutes lately published, the search over public records, open data."""
    published = readable_minutes(request.user).filter(minutes_state__in=PUBLISHED_STATES).order_by("-start", "-pk")
    context = {
        "upcoming": list(announced_meetings(request.user)[:LANDING_UPCOMING]),
        "published": list(published[:LANDING_PUBLISHED]),
    }
    return render(request, "core/landing.html", context)
