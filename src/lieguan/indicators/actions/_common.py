"""What every write of the indicators checks first, and how an actor is named on a value."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from lieguan.core.actors import is_system
from lieguan.indicators import access
from lieguan.organisations.access import viewer_for
from lieguan.organisations.models import Organisation


def check_manager(actor: Any) -> None:
    if not is_system(actor) and not access.manages(viewer_for(actor)):
        raise PermissionDenied(access.MANAGE_REFUSED)


def check_enter(actor: Any, organisation: Organisation) -> None:
    if not is_system(actor) and not access.enters_for(viewer_for(actor), organisation):
        raise PermissionDenied(access.ENTER_REFUSED)


def label(actor: Any) -> str:
    if is_system(actor):
        return str(actor)
    person = getattr(actor, "person", None)
    return getattr(person, "name", "") or actor.get_username()
