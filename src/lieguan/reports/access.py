"""Who sees which figures: managers of all cases see all, a secretariat its series, a liaison its agency.

The statistics count each agency's part of a case (an assignment); a liaison
sees the cases their agency shares with others, but only their own agency's
part counts in their figures.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from lieguan.organisations.access import Viewer, viewer_for
from lieguan.organisations.models import Role
from lieguan.tracking.access import visible_cases
from lieguan.tracking.models import Assignment

TRACKING_ROLES = (Role.TRACKING_OFFICER, Role.CHAIR, Role.SECRETARIAT, Role.LIAISON)


def sees_statistics(viewer: Viewer) -> bool:
    return viewer.is_authenticated and (viewer.is_admin or any(role in viewer.grants for role in TRACKING_ROLES))


def require_statistics(user: Any) -> Viewer:
    viewer = viewer_for(user)
    if not sees_statistics(viewer):
        raise PermissionDenied(_("列管統計僅供研考人員、會議幕僚、機關聯絡人及首長檢視。"))
    return viewer


def visible_assignments(user: Any) -> QuerySet[Assignment]:
    """The agency parts of cases whose figures ``user`` may see."""
    viewer = viewer_for(user)
    if viewer.reads_everything:
        # Every part is of a case, so not "of the visible cases": a semi-join with the whole case table that each
        # count and probe of the statistics would pay for nothing.
        return Assignment.objects.all()
    qs = Assignment.objects.filter(case__in=visible_cases(user).values("pk"))
    condition = Q(pk__in=[])
    secretariat = viewer.scope(Role.SECRETARIAT)
    if secretariat:
        condition |= Q(case__owner_id__in=secretariat)
    liaison = viewer.scope(Role.LIAISON)
    if liaison:
        condition |= Q(organisation_id__in=liaison)
    return qs.filter(condition)
