"""Who may read and change the indicator register, its values, rules and alerts.

Everyone signed in with a role reads the register, the values and the report
item. Those who run the city's statistics manage the register, the rules and
the import, and put alerts under tracking: administrators, tracking officers
(研考) and the secretariat of the city government. An agency's values are
entered by its liaison or its secretariat, and by those who manage. An alert
is seen by its agency's liaison and secretariat and by those who read or manage everything.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from lieguan.core.actors import lets_system_through
from lieguan.indicators.models import Alert, Indicator, Rule
from lieguan.organisations.access import Viewer, viewer_for
from lieguan.organisations.models import Organisation, Role

READ_REFUSED = _("機關月報指標僅供具有角色的登入使用者檢視。")
MANAGE_REFUSED = _("只有系統管理者、研考人員及本府會議幕僚可以維護指標、規則及匯入數值。")
ENTER_REFUSED = _("只有該機關的聯絡人或會議幕僚、研考人員及系統管理者可以填報此機關的數值。")


def _city_id() -> int | None:
    return Organisation.objects.filter(kind=Organisation.Kind.CITY).values_list("pk", flat=True).first()


def reads(viewer: Viewer) -> bool:
    return viewer.is_authenticated and (viewer.is_admin or bool(viewer.grants))


def manages(viewer: Viewer) -> bool:
    if not viewer.is_authenticated:
        return False
    if viewer.is_admin or Role.TRACKING_OFFICER in viewer.grants:
        return True
    return Role.SECRETARIAT in viewer.grants and viewer.covers(Role.SECRETARIAT, _city_id())


def enters_for(viewer: Viewer, organisation: Organisation) -> bool:
    if manages(viewer):
        return True
    return viewer.covers(Role.LIAISON, organisation.pk) or viewer.covers(Role.SECRETARIAT, organisation.pk)


def sees_all_alerts(viewer: Viewer) -> bool:
    return manages(viewer) or viewer.reads_everything


def require_reader(user: Any) -> Viewer:
    viewer = viewer_for(user)
    if not reads(viewer):
        raise PermissionDenied(READ_REFUSED)
    return viewer


@lets_system_through
def require_manager(user: Any) -> None:
    if not manages(viewer_for(user)):
        raise PermissionDenied(MANAGE_REFUSED)


@lets_system_through
def require_enter(user: Any, organisation: Organisation) -> None:
    if not enters_for(viewer_for(user), organisation):
        raise PermissionDenied(ENTER_REFUSED)


@lets_system_through
def require_enter_row(user: Any, organisation: Organisation) -> None:
    """A row of an import or a push: those who manage enter any agency's; the others their own agencies'."""
    viewer = viewer_for(user)
    if not manages(viewer) and not enters_for(viewer, organisation):
        raise PermissionDenied(ENTER_REFUSED)


@lets_system_through
def require_importer(user: Any) -> None:
    """Those who manage import any agency's rows; a liaison or an agency's secretariat only their own (checked per row)."""
    viewer = require_reader(user)
    if not manages(viewer) and not enterable_agencies(user).exists():
        raise PermissionDenied(ENTER_REFUSED)


def enterable_agencies(user: Any) -> QuerySet[Organisation]:
    viewer = viewer_for(user)
    agencies = Organisation.objects.filter(kind=Organisation.Kind.AGENCY, active=True).order_by("sort_order", "code")
    if manages(viewer):
        return agencies
    ids = [a.pk for a in agencies if enters_for(viewer, a)]
    return agencies.filter(pk__in=ids)


def visible_indicators(user: Any) -> QuerySet[Indicator]:
    if not reads(viewer_for(user)):
        return Indicator.objects.none()
    return Indicator.objects.all()


def visible_alerts(user: Any) -> QuerySet[Alert]:
    viewer = viewer_for(user)
    qs = Alert.objects.select_related("rule", "indicator", "organisation", "case")
    if not reads(viewer):
        return qs.none()
    if sees_all_alerts(viewer):
        return qs
    scopes = [viewer.scope(Role.LIAISON), viewer.scope(Role.SECRETARIAT)]
    if any(scope is None for scope in scopes):
        return qs
    ids = {pk for scope in scopes for pk in scope or ()}
    return qs.filter(organisation_id__in=ids)


def access_indicator(user: Any, indicator_id: Any, *, for_write: bool = False) -> Indicator:
    require_reader(user)
    try:
        indicator = Indicator.objects.get(pk=int(indicator_id))
    except (Indicator.DoesNotExist, ValueError, TypeError):
        raise Http404(_("找不到此指標。")) from None
    if for_write:
        require_manager(user)
    return indicator


def access_agency(user: Any, organisation_id: Any, *, for_write: bool = False) -> Organisation:
    require_reader(user)
    try:
        organisation = Organisation.objects.get(pk=int(organisation_id), kind=Organisation.Kind.AGENCY)
    except (Organisation.DoesNotExist, ValueError, TypeError):
        raise Http404(_("找不到此機關。")) from None
    if for_write:
        require_enter(user, organisation)
    return organisation


def access_rule(user: Any, rule_id: Any) -> Rule:
    require_manager(user)
    try:
        return Rule.objects.get(pk=int(rule_id))
    except (Rule.DoesNotExist, ValueError, TypeError):
        raise Http404(_("找不到此規則。")) from None


def access_alert(user: Any, alert_id: Any, *, for_write: bool = False) -> Alert:
    try:
        alert = visible_alerts(user).get(pk=int(alert_id))
    except (Alert.DoesNotExist, ValueError, TypeError):
        raise Http404(_("找不到此警示。")) from None
    if for_write:
        require_manager(user)
    return alert
