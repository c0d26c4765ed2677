"""Who may read and change the KPI register.

Everyone signed in with a role reads it; administrators and tracking officers
(研考) manage it: goals, indicators and targets. An indicator's actuals are
entered by its owner unit: the liaison covering that unit (a liaison covers
the units of their agency), or the secretariat of the unit or of the agency
the unit belongs to; and by those who manage the register.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from lieguan.core.actors import lets_system_through
from lieguan.kpis.models import Kpi, KpiActual, KpiEvidence, StrategicGoal
from lieguan.organisations.access import Viewer, viewer_for
from lieguan.organisations.models import Organisation, Role

READ_REFUSED = _("策略目標與績效指標僅供具有角色的登入使用者檢視。")
MANAGE_REFUSED = _("只有系統管理者及研考人員可以維護策略目標、績效指標及目標值。")
ENTER_REFUSED = _("只有指標主管單位的聯絡人或會議幕僚、研考人員及系統管理者可以填報實際值。")


def reads_register(viewer: Viewer) -> bool:
    return viewer.is_authenticated and (viewer.is_admin or bool(viewer.grants))


def manages_register(viewer: Viewer) -> bool:
    return viewer.is_authenticated and (viewer.is_admin or Role.TRACKING_OFFICER in viewer.grants)


def _agency_of(organisation: Organisation) -> int | None:
    return organisation.parent_id if organisation.kind == Organisation.Kind.UNIT else organisation.pk


def enters_for(viewer: Viewer, organisation: Organisation) -> bool:
    """Whether ``viewer`` may enter the actuals of indicators owned by ``organisation``."""
    if manages_register(viewer):
        return True
    if viewer.covers(Role.LIAISON, organisation.pk):
        return True
    return viewer.covers(Role.SECRETARIAT, organisation.pk) or viewer.covers(Role.SECRETARIAT, _agency_of(organisation))


def can_enter(viewer: Viewer, kpi: Kpi) -> bool:
    return enters_for(viewer, kpi.owner)


def require_reader(user: Any) -> Viewer:
    viewer = viewer_for(user)
    if not reads_register(viewer):
        raise PermissionDenied(READ_REFUSED)
    return viewer


@lets_system_through
def require_manager(user: Any) -> None:
    if not manages_register(viewer_for(user)):
        raise PermissionDenied(MANAGE_REFUSED)


@lets_system_through
def require_enter(user: Any, kpi: Kpi) -> None:
    if not can_enter(viewer_for(user), kpi):
        raise PermissionDenied(ENTER_REFUSED)


@lets_system_through
def require_enter_for(user: Any, organisation: Organisation) -> None:
    """Entering actuals for some KPI of ``organisation`` (an imported work report); each KPI is checked again."""
    if not enters_for(viewer_for(user), organisation):
        raise PermissionDenied(ENTER_REFUSED)


def visible_goals(user: Any) -> QuerySet[StrategicGoal]:
    if not reads_register(viewer_for(user)):
        return StrategicGoal.objects.none()
    return StrategicGoal.objects.select_related("organisation")


def visible_kpis(user: Any) -> QuerySet[Kpi]:
    if not reads_register(viewer_for(user)):
        return Kpi.objects.none()
    return Kpi.objects.select_related("goal__organisation", "owner")


def visible_actuals(user: Any) -> QuerySet[KpiActual]:
    return KpiActual.objects.filter(kpi__in=visible_kpis(user).values("pk"))


def access_goal(user: Any, goal_id: Any, *, for_write: bool = False) -> StrategicGoal:
    require_reader(user)
    try:
        goal = StrategicGoal.objects.select_related("organisation").get(pk=int(goal_id))
    except (StrategicGoal.DoesNotExist, ValueError, TypeError):
        raise Http404(_("找不到此策略目標。")) from None
    if for_write:
        require_manager(user)
    return goal


def access_kpi(user: Any, kpi_id: Any, *, for_write: bool = False, for_actual: bool = False) -> Kpi:
    """``for_write``: change the indicator or its targets; ``for_actual``: enter its actuals."""
    require_reader(user)
    try:
        kpi = Kpi.objects.select_related("goal__organisation", "owner", "owner__parent").get(pk=int(kpi_id))
    except (Kpi.DoesNotExist, ValueError, TypeError):
        raise Http404(_("找不到此績效指標。")) from None
    if for_write:
        require_manager(user)
    if for_actual:
        require_enter(user, kpi)
    return kpi


def access_actual(user: Any, actual_id: Any, *, for_write: bool = False) -> KpiActual:
    require_reader(user)
    try:
        actual = KpiActual.objects.select_related("kpi__goal__organisation", "kpi__owner").get(pk=int(actual_id))
    except (KpiActual.DoesNotExist, ValueError, TypeError):
        raise Http404(_("找不到此實際值。")) from None
    if for_write:
        require_enter(user, actual.kpi)
    return actual


def access_evidence(user: Any, evidence_id: Any) -> KpiEvidence:
    require_reader(user)
    try:
        return KpiEvidence.objects.select_related("actual__kpi").get(pk=int(evidence_id))
    except (KpiEvidence.DoesNotExist, ValueError, TypeError):
        raise Http404(_("找不到此佐證資料。")) from None
