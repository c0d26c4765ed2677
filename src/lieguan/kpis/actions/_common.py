"""What every write of the register checks first: who may do it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from lieguan.core.actors import is_system
from lieguan.kpis import access
from lieguan.kpis.models import Kpi
from lieguan.organisations.access import viewer_for


def check_manager(actor: Any) -> None:
    if not is_system(actor) and not access.manages_register(viewer_for(actor)):
        raise PermissionDenied(access.MANAGE_REFUSED)


def check_enter(actor: Any, kpi: Kpi) -> None:
    if not is_system(actor) and not access.can_enter(viewer_for(actor), kpi):
        raise PermissionDenied(access.ENTER_REFUSED)
