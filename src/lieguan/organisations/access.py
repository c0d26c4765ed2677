"""Who may see and change what: the one place that decides, for every app.

``viewer_for(user)`` summarises a user's roles and the organisations each role
covers (with all their units); the ``access_*`` functions of each app take it
from there. Views, API, CLI and jobs never decide on their own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from lieguan.organisations.models import Organisation, Person, Role, RoleGrant

ALL = None  # an unscoped role covers every organisation

# A liaison speaks for their agency and all its units; a secretariat runs the
# series of exactly the body it serves (the city's secretariat does not run a
# bureau's own 局務會議).
ROLES_COVERING_UNITS = frozenset({Role.LIAISON})


@dataclass(frozen=True)
class Viewer:
    user: Any = None
    person_id: int | None = None
    # Role → the organisation ids it covers, or None for all.
    grants: dict[str, frozenset[int] | None] = field(default_factory=dict)

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
    parent_of: dict[int, int | None] = dict(Organisation.objects.values_list("id", "parent_id"))
    by_role: dict[str, list[int | None]] = defaultdict(list)
    for role, org_id in grants:
        by_role[role].append(org_id)
    scopes: dict[str, frozenset[int] | None] = {}
    for role, orgs in by_role.items():
        if any(o is None for o in orgs):
            scopes[role] = ALL
        elif role in ROLES_COVERING_UNITS:
            scopes[role] = descendants(parent_of, [o for o in orgs if o is not None])
        else:
            scopes[role] = frozenset(o for o in orgs if o is not None)
    person_id = Person.objects.filter(user=user).values_list("id", flat=True).first()
    viewer = Viewer(user=user, person_id=person_id, grants=scopes)
    user._lieguan_viewer = viewer
    return viewer


def forget_viewer(user: Any) -> None:
    """Drop the cached roles after a grant changes within the same request."""
    if hasattr(user, "_lieguan_viewer"):
        del user._lieguan_viewer


def require_admin(user: Any) -> Viewer:
    viewer = viewer_for(user)
    if not viewer.is_admin:
        raise PermissionDenied("只有系統管理者可以執行此操作。")
    return viewer


def access_organisation(user: Any, organisation_id: int, *, for_write: bool = False) -> Organisation:
    """Every signed-in user may read the directory; only administrators change it."""
    viewer = viewer_for(user)
    if not viewer.is_authenticated:
        raise PermissionDenied("請先登入。")
    try:
        organisation = Organisation.objects.get(pk=organisation_id)
    except (Organisation.DoesNotExist, ValueError, TypeError):
        raise Http404("找不到此機關。") from None
    if for_write:
        require_admin(user)
    return organisation


def access_person(user: Any, person_id: int, *, for_write: bool = False) -> Person:
    viewer = viewer_for(user)
    if not viewer.is_authenticated:
        raise PermissionDenied("請先登入。")
    try:
        person = Person.objects.select_related("organisation").get(pk=person_id)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404("找不到此人員。") from None
    if for_write and not (viewer.is_admin or person.pk == viewer.person_id):
        raise PermissionDenied("只能修改自己的人員資料。")
    return person
