"""Who speaks for an agency: the directory lookups the apps use to name the people concerned.

A liaison's role covers their agency and its units, so the liaisons of a unit
are those of the unit and of every body above it; a liaison on leave is
represented by their stand-in (職務代理人), as the reminders are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from lieguan.organisations.access import acting_users
from lieguan.organisations.models import Organisation, Role, RoleGrant


def _with_ancestors(organisation_ids: Iterable[int]) -> set[int]:
    found: set[int] = set()
    frontier = {pk for pk in organisation_ids if pk}
    while frontier:
        found |= frontier
        parents = Organisation.objects.filter(pk__in=frontier, parent__isnull=False).values_list("parent_id", flat=True)
        frontier = set(parents) - found
    return found


def liaisons_of(organisation_ids: Iterable[int], day: dt.date | None = None) -> list[Any]:
    """The active users who speak for these organisations: their liaisons, and the stand-ins of those on leave."""
    scope = _with_ancestors(organisation_ids)
    if not scope:
        return []
    user_ids = set(
        RoleGrant.objects.filter(role=Role.LIAISON, organisation_id__in=scope, user__is_active=True).values_list("user_id", flat=True)
    )
    if not user_ids:
        return []
    acting = acting_users(day or timezone.localdate())
    users = list(get_user_model().objects.filter(pk__in=user_ids))
    stand_ins = [stand_in for pk in user_ids for stand_in, _ in acting.get(pk, [])]
    return [*users, *stand_ins]
