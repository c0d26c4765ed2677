"""Who may see and change what: the one place that decides, for every app.

``viewer_for(user)`` summarises a user's roles and the organisations each role
covers (with all their units); the ``access_*`` functions of each app take it
from there. Views, API, CLI and jobs never decide on their own.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lieguan.core.actors import lets_system_through
from lieguan.organisations.models import Organisation, Person, Role, RoleGrant, StandIn, Succession

ALL = None  # an unscoped role covers every organisation

# A liaison speaks for their agency and all its units; a secretariat runs the
# series of exactly the body it serves (the city's secretariat does not run a
# bureau's own 局務會議).
ROLES_COVERING_UNITS = frozenset({Role.LIAISON, Role.HEAD, Role.DEPUTY})
# What a stand-in (職務代理人) takes over from the person on leave: speaking for the agency and
# hearing its reminders. Running series, tracking or chairing are not handed on this way.
DELEGATED_ROLES = (Role.LIAISON, Role.HEAD, Role.DEPUTY)


@dataclass(frozen=True)
class Viewer:
    user: Any = None
    person_id: int | None = None
    # Role → the organisation ids it covers, or None for all.
    grants: dict[str, frozenset[int] | None] = field(default_factory=dict)
    # Organisation id → the person this viewer stands in for there, today (only where the
    # viewer has no liaison role of their own).
    standing_in: dict[int, int] = field(default_factory=dict)

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None and self.user.is_authenticated

    @property
    def is_admin(self) -> bool:
        return self.is_authenticated and (self.user.is_superuser or Role.ADMIN in self.grants)

    def has(self, role: str) -> bool:
        return self.is_admin or role in self.grants

    def covers(self, role: str, organisation_id: int | None) -> bool:
        """Whether ``role`` is held over ``organisation_id`` (admins hold every role everywhere)."""
        if self.is_admin:
            return True
        if role not in self.grants:
            return False
        scope = self.grants[role]
        return scope is ALL or (organisation_id is not None and organisation_id in scope)

    def scope(self, role: str) -> frozenset[int] | None:
        """The organisations covered by ``role``: None for all, an empty set for none."""
        if self.is_admin:
            return ALL
        if role not in self.grants:
            return frozenset()
        return self.grants[role]

    def on_behalf_of(self, organisation_id: int | None) -> int | None:
        """The person a report for ``organisation_id`` is written for, when the viewer writes it as a stand-in."""
        if organisation_id is None or self.is_admin:
            return None
        return self.standing_in.get(organisation_id)

    @property
    def reads_everything(self) -> bool:
        """Administrators, tracking officers and chairs read every record of the city."""
        return self.is_admin or Role.TRACKING_OFFICER in self.grants or Role.CHAIR in self.grants


ANONYMOUS = Viewer()


def descendants(parent_of: dict[int, int | None], roots: Iterable[int]) -> frozenset[int]:
    children: dict[int | None, list[int]] = defaultdict(list)
    for child, parent in parent_of.items():
        children[parent].append(child)
    out: set[int] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        if node in out:
            continue
        out.add(node)
        stack.extend(children.get(node, []))
    return frozenset(out)


def viewer_for(user: Any) -> Viewer:
    """The roles of ``user``, computed once per user object (i.e. once per request)."""
    # Only real users hold roles; a SystemActor or the anonymous public holds none.
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached: Viewer | None = getattr(user, "_lieguan_viewer", None)
    if cached is not None:
        return cached
    grants = list(RoleGrant.objects.filter(user=user).values_list("role", "organisation_id"))
    # The whole directory's tree is read only when a scope must reach down to units (a liaison, a
    # stand-in): a tracking officer's or a secretariat's request does without it.
    tree: list[dict[int, int | None]] = []

    def parent_of() -> dict[int, int | None]:
        if not tree:
            tree.append(dict(Organisation.objects.values_list("id", "parent_id")))
        return tree[0]

    by_role: dict[str, list[int | None]] = defaultdict(list)
    for role, org_id in grants:
        by_role[role].append(org_id)
    scopes: dict[str, frozenset[int] | None] = {}
    for role, orgs in by_role.items():
        if any(o is None for o in orgs):
            scopes[role] = ALL
        elif role in ROLES_COVERING_UNITS:
            scopes[role] = descendants(parent_of(), [o for o in orgs if o is not None])
        else:
            scopes[role] = frozenset(o for o in orgs if o is not None)
    person_id = _person_id(user)
    standing_in: dict[int, int] = {}
    # A liaison of every organisation needs no stand-in's scope. (A missing role and an unscoped one
    # both read as None from .get: ask which.)
    liaison_everywhere = Role.LIAISON in scopes and scopes[Role.LIAISON] is ALL
    if person_id is not None and not liaison_everywhere:
        own = scopes.get(Role.LIAISON) or frozenset()
        for stand_in in StandIn.objects.filter(stand_in_id=person_id, start__lte=_today(), end__gte=_today()).select_related("person"):
            for org in sorted(delegated_scope(stand_in, Role.LIAISON, parent_of())):
                if org not in own:
                    standing_in.setdefault(org, stand_in.person_id)
        if standing_in:
            scopes[Role.LIAISON] = frozenset(own) | frozenset(standing_in)
    viewer = Viewer(user=user, person_id=person_id, grants=scopes, standing_in=standing_in)
    user._lieguan_viewer = viewer
    return viewer


def _person_id(user: Any) -> int | None:
    """The user's person, without a query when it came with the user (the API's token lookup joins it)."""
    related = type(user).person.related if hasattr(type(user), "person") else None
    if related is not None and related.is_cached(user):
        person = related.get_cached_value(user)
        return person.pk if person is not None else None
    return Person.objects.filter(user=user).values_list("id", flat=True).first()


def _today() -> dt.date:
    from django.utils import timezone

    return timezone.localdate()


def delegated_scope(stand_in: StandIn, role: str, parent_of: dict[int, int | None] | None = None) -> frozenset[int]:
    """The organisations where ``stand_in`` acts in ``role``: its range, within what the absent person holds.

    A stand-in never reaches further than the person on leave: the scope named
    when appointing is cut down to the absent person's own grants of the role.
    """
    if role not in DELEGATED_ROLES:
        return frozenset()
    user_id = stand_in.person.user_id
    if user_id is None:
        return frozenset()
    if parent_of is None:
        parent_of = dict(Organisation.objects.values_list("id", "parent_id"))
    held = list(RoleGrant.objects.filter(user_id=user_id, role=role).values_list("organisation_id", flat=True))
    if not held:
        return frozenset()
    named = descendants(parent_of, [stand_in.organisation_id])
    if any(o is None for o in held):
        return named
    return named & descendants(parent_of, [o for o in held if o is not None])


def acting_users(day: dt.date) -> dict[int, list[tuple[Any, StandIn]]]:
    """For each user on leave on ``day``: their stand-ins' users, with the appointment (for the reminders)."""
    out: dict[int, list[tuple[Any, StandIn]]] = defaultdict(list)
    current = StandIn.objects.filter(start__lte=day, end__gte=day, person__user__isnull=False, stand_in__user__is_active=True)
    for stand_in in current.select_related("person", "stand_in", "stand_in__user", "organisation").order_by("start", "id"):
        assert stand_in.person.user_id is not None
        out[stand_in.person.user_id].append((stand_in.stand_in.user, stand_in))
    return out


def may_appoint_stand_in(viewer: Viewer, person: Person, organisation: Organisation) -> bool:
    """A person names their own stand-in; the administrator, or the secretariat or head over the agency, appoints one."""
    if viewer.is_admin or (viewer.person_id is not None and viewer.person_id == person.pk):
        return True
    # The agency's own secretariat or head (a unit's, or its agency's): the city's secretariat runs the city's
    # series, it does not manage a bureau's staff.
    chain: list[int] = []
    node: Organisation | None = organisation
    while node is not None and node.kind != Organisation.Kind.CITY:
        chain.append(node.pk)
        node = node.parent
    return any(viewer.covers(Role.SECRETARIAT, o) or viewer.covers(Role.HEAD, o) for o in chain)


def forget_viewer(user: Any) -> None:
    """Drop the cached roles after a grant changes within the same request."""
    if hasattr(user, "_lieguan_viewer"):
        del user._lieguan_viewer


@lets_system_through
def require_admin(user: Any) -> None:
    if not viewer_for(user).is_admin:
        raise PermissionDenied(_("只有系統管理者可以執行此操作。"))


@lets_system_through
def require_appoint_stand_in(user: Any, person: Person, organisation: Organisation) -> None:
    if not may_appoint_stand_in(viewer_for(user), person, organisation):
        raise PermissionDenied(gettext("只有本人、系統管理者，或該機關的會議幕僚、首長可以指定職務代理人。"))


@lets_system_through
def require_change_stand_in(user: Any, appointment: StandIn) -> None:
    if not may_appoint_stand_in(viewer_for(user), appointment.person, appointment.organisation):
        raise PermissionDenied(gettext("只有本人、系統管理者，或該機關的會議幕僚、首長可以變更職務代理。"))


def access_organisation(user: Any, organisation_id: int, *, for_write: bool = False) -> Organisation:
    """Every signed-in user may read the directory; only administrators change it."""
    viewer = viewer_for(user)
    if not viewer.is_authenticated:
        raise PermissionDenied(_("請先登入。"))
    try:
        organisation = Organisation.objects.get(pk=organisation_id)
    except (Organisation.DoesNotExist, ValueError, TypeError):
        raise Http404(gettext("找不到此機關。")) from None
    if for_write:
        require_admin(user)
    return organisation


def access_person(user: Any, person_id: int, *, for_write: bool = False) -> Person:
    viewer = viewer_for(user)
    if not viewer.is_authenticated:
        raise PermissionDenied(_("請先登入。"))
    try:
        person = Person.objects.select_related("organisation").get(pk=person_id)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404(gettext("找不到此人員。")) from None
    if for_write and not (viewer.is_admin or person.pk == viewer.person_id):
        raise PermissionDenied(_("只能修改自己的人員資料。"))
    return person


def access_succession(user: Any, succession_id: Any, *, for_write: bool = False) -> Succession:
    """Successions change the whole directory: only administrators see and decide them."""
    viewer = viewer_for(user)
    if not viewer.is_authenticated:
        raise PermissionDenied(_("請先登入。"))
    require_admin(user)
    try:
        return Succession.objects.select_related("organisation", "new_parent").get(pk=succession_id)
    except (Succession.DoesNotExist, ValueError, TypeError):
        raise Http404(gettext("找不到此機關改制。")) from None


def appointable_people(user: Any) -> Any:
    """Whose stand-in ``user`` may name: themselves; an administrator anyone; an agency's secretariat or head its staff."""
    viewer = viewer_for(user)
    if not viewer.is_authenticated:
        return Person.objects.none()
    people = Person.objects.filter(active=True, user__isnull=False).select_related("organisation")
    if viewer.is_admin:
        return people.order_by("organisation__sort_order", "name")
    parent_of: dict[int, int | None] = dict(Organisation.objects.values_list("id", "parent_id"))
    kind_of = dict(Organisation.objects.values_list("id", "kind"))
    managed = [
        o for role in (Role.SECRETARIAT, Role.HEAD) for o in (viewer.scope(role) or frozenset()) if kind_of.get(o) != Organisation.Kind.CITY
    ]
    scope = descendants(parent_of, managed)
    condition = Q(pk=viewer.person_id) | Q(organisation_id__in=scope)
    return people.filter(condition).order_by("organisation__sort_order", "name")


def visible_stand_ins(user: Any) -> Any:
    """The appointments ``user`` may see: their own (either side), or all those of the people they may appoint for."""
    viewer = viewer_for(user)
    rows = StandIn.objects.select_related("person", "stand_in", "organisation").order_by("-start", "id")
    if viewer.is_admin:
        return rows
    return rows.filter(Q(person__in=appointable_people(user)) | Q(stand_in_id=viewer.person_id) | Q(person_id=viewer.person_id)).distinct()


def access_stand_in(user: Any, stand_in_id: Any) -> StandIn:
    """An appointment the user may change (the person, an administrator, the agency's secretariat or head)."""
    viewer = viewer_for(user)
    if not viewer.is_authenticated:
        raise PermissionDenied(_("請先登入。"))
    try:
        appointment = StandIn.objects.select_related("person", "stand_in", "organisation__parent").get(pk=stand_in_id)
    except (StandIn.DoesNotExist, ValueError, TypeError):
        raise Http404(gettext("找不到此職務代理。")) from None
    if not may_appoint_stand_in(viewer, appointment.person, appointment.organisation):
        raise Http404(gettext("找不到此職務代理。"))
    return appointment
