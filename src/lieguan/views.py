"""Project-level pages that draw on every app: the home page. (Apps' own pages live in the apps.)"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from lieguan.core.home import panels_for
from lieguan.organisations.access import viewer_for
from lieguan.organisations.models import RoleGrant


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """What concerns the signed-in user, assembled from the panels every app contributes."""
    viewer = viewer_for(request.user)
    context = {
        "viewer": viewer,
        "person": getattr(request.user, "person", None),
        "panels": panels_for(request, viewer),
        "roles": RoleGrant.objects.filter(user=viewer.user).select_related("organisation"),
    }
    return render(request, "core/home.html", context)
