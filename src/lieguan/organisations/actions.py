"""Every change to the organisation directory, people and roles.

Each ``do_*`` checks permission, changes the data and writes the audit entry in
one transaction. Views, the admin, the CLI and the demo loader all come here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.core.actors import Actor, user_of
from lieguan.organisations.access import (
    DELEGATED_ROLES,
    delegated_scope,
    forget_viewer,
    require_admin,
    require_appoint_stand_in,
    require_change_stand_in,
)
from lieguan.organisations.audit_events import (
    ORGANISATION_CREATE,
    ORGANISATION_END,
    ORGANISATION_MOVE,
    ORGANISATION_RENAME,
    PERSON_CREATE,
    PERSON_LINK_USER,
    PERSON_UPDATE,
    ROLE_GRANT,
    ROLE_REVOKE,
    STAND_IN_APPOINT,
    STAND_IN_END,
    STAND_IN_WITHDRAW,
    SUCCESSION_CONFIRM,
    SUCCESSION_PROPOSE,
    SUCCESSION_WITHDRAW,
    USER_ADMIN_FLAGS,
    USER_CREATE,
)
from lieguan.organisations.models import Organisation, OrganisationName, Person, Role, RoleGrant, StandIn, Succession


def _check(actor: Actor) -> None:
    require_admin(actor)


def do_create_organisation(
    actor: Actor,
    *,
    code: str,
    name: str,
    kind: str,
    parent: Organisation | None = None,
    short_name: str = "",
    aliases: tuple[str, ...] = (),
    sort_order: int = 0,
    valid_from: dt.date | None = None,
) -> Organisation:
    _check(actor)
    if kind != Organisation.Kind.CITY and parent is None:
        raise ValidationError(_("機關或單位必須有上級機關。"))
    with transaction.atomic():
        org = Organisation(code=code, name=name, short_name=short_name, kind=kind, parent=parent, sort_order=sort_order)
        org.full_clean()
        org.save()
        OrganisationName.objects.create(organisation=org, kind="official", text=name, valid_from=valid_from)
        if short_name:
            OrganisationName.objects.create(organisation=org, kind="short", text=short_name, valid_from=valid_from)
        for alias in aliases:
            OrganisationName.objects.create(organisation=org, kind="alias", text=alias, valid_from=valid_from)
        audit.record(actor=actor, action=ORGANISATION_CREATE, target=org, after=audit.snapshot(org))
    return org


def do_rename_organisation(actor: Actor, org: Organisation, *, name: str, short_name: str, effective: dt.date) -> Organisation:
    """Give ``org`` a new name from ``effective`` on; the old names stay valid up to the day before."""
    _check(actor)
    with transaction.atomic():
        before = audit.snapshot(org)
        last_day = effective - dt.timedelta(days=1)
        for current in org.names.filter(valid_to__isnull=True, kind__in=["official", "short"]):
            if current.valid_from is not None and current.valid_from > last_day:
                raise ValidationError(_("新名稱生效日不可早於現行名稱「%(name)s」的啟用日。") % {"name": current.text})
            current.valid_to = last_day
            current.save(update_fields=["valid_to"])
        OrganisationName.objects.create(organisation=org, kind="official", text=name, valid_from=effective)
        if short_name:
            OrganisationName.objects.create(organisation=org, kind="short", text=short_name, valid_from=effective)
        org.name, org.short_name = name, short_name
        org.save(update_fields=["name", "short_name"])
        audit.record(actor=actor, action=ORGANISATION_RENAME, target=org, before=before, after=audit.snapshot(org))
    return org


def do_create_person(actor: Actor, *, name: str, title: str = "", organisation: Organisation | None = None, email: str = "") -> Person:
    _check(actor)
    with transaction.atomic():
        person = Person(name=name, title=title, organisation=organisation, email=email)
        person.full_clean()
        person.save()
        audit.record(actor=actor, action=PERSON_CREATE, target=person, after=audit.snapshot(person))
    return person


def do_update_person(actor: Actor, person: Person, **changes: Any) -> Person:
    allowed = {"name", "title", "organisation", "email", "active"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"cannot change {', '.join(sorted(unknown))} of a person")
    _check(actor)
    with transaction.atomic():
        before = audit.snapshot(person)
        for key, value in changes.items():
            setattr(person, key, value)
        person.full_clean()
        person.save()
        audit.record(actor=actor, action=PERSON_UPDATE, target=person, before=before, after=audit.snapshot(person))
    return person


def do_create_user(actor: Actor, *, username: str, password: str, person: Person | None = None, email: str = "") -> Any:
    """A login account, linked to its person. The password must pass the password policy."""
    from django.contrib.auth.password_validation import validate_password

    _check(actor)
    User = get_user_model()
    with transaction.atomic():
        user = User(username=username, email=email or (person.email if person else ""))
        validate_password(password, user)
        user.set_password(password)
        user.full_clean()
        user.save()
        audit.record(actor=actor, action=USER_CREATE, target=user, after=audit.snapshot(user))
        if person is not None:
            do_link_user(actor, person, user)
    return user


def do_link_user(actor: Actor, person: Person, user: Any) -> Person:
    _check(actor)
    with transaction.atomic():
        before = audit.snapshot(person, ["user"])
        person.user = user
        person.save(update_fields=["user"])
        audit.record(actor=actor, action=PERSON_LINK_USER, target=person, before=before, after=audit.snapshot(person, ["user"]))
    return person


def do_grant_role(actor: Actor, user: Any, role: str, organisation: Organisation | None = None) -> RoleGrant:
    _check(actor)
    if role not in Role.values:
        raise ValidationError(_("未知的角色：%(role)s") % {"role": role})
    if role == Role.LIAISON and organisation is None:
        raise ValidationError(_("機關聯絡人必須指定所屬機關。"))
    with transaction.atomic():
        grant, created = RoleGrant.objects.get_or_create(user=user, role=role, organisation=organisation)
        if created:
            audit.record(actor=actor, action=ROLE_GRANT, target=grant, after=audit.snapshot(grant))
        if role == Role.ADMIN and not (user.is_staff and user.is_superuser):
            # Administrators maintain the reference data in the Django admin.
            _set_admin_flags(actor, user, True)
    forget_viewer(user)
    return grant


def _set_admin_flags(actor: Actor, user: Any, value: bool) -> None:
    before = audit.snapshot(user, ["is_staff", "is_superuser"])
    user.is_staff = user.is_superuser = value
    user.save(update_fields=["is_staff", "is_superuser"])
    audit.record(actor=actor, action=USER_ADMIN_FLAGS, target=user, before=before, after=audit.snapshot(user, ["is_staff", "is_superuser"]))


def do_revoke_role(actor: Actor, grant: RoleGrant) -> None:
    _check(actor)
    with transaction.atomic():
        audit.record(actor=actor, action=ROLE_REVOKE, target=grant, before=audit.snapshot(grant))
        grant.delete()
        if grant.role == Role.ADMIN and grant.user.is_superuser:
            _set_admin_flags(actor, grant.user, False)
    forget_viewer(grant.user)


def do_appoint_stand_in(
    actor: Actor, *, person: Person, stand_in: Person, organisation: Organisation, start: dt.date, end: dt.date
) -> StandIn:
    """Name ``stand_in`` as ``person``'s 職務代理人 over ``organisation`` from ``start`` to ``end`` (both included)."""
    require_appoint_stand_in(actor, person, organisation)
    if person.pk == stand_in.pk:
        raise ValidationError(_("職務代理人不可為本人。"))
    if end < start:
        raise ValidationError(_("代理迄日不可早於起日。"))
    if stand_in.user_id is None or not stand_in.active:
        raise ValidationError(_("%(stand_in)s 沒有可登入的帳號或已不在職，無法擔任職務代理人。") % {"stand_in": stand_in})
    with transaction.atomic():
        appointment = StandIn(person=person, stand_in=stand_in, organisation=organisation, start=start, end=end)
        if not any(delegated_scope(appointment, role) for role in DELEGATED_ROLES):
            raise ValidationError(
                _("%(person)s 在%(agency)s沒有可代理的職務（機關聯絡人、首長或副首長）。") % {"person": person, "agency": organisation}
            )
        overlapping = StandIn.objects.filter(person=person, organisation=organisation, start__lte=end, end__gte=start)
        if overlapping.exists():
            raise ValidationError(_("%(person)s 在%(agency)s此期間已有職務代理人。") % {"person": person, "agency": organisation})
        appointment.appointed_by = user_of(actor)
        appointment.full_clean()
        appointment.save()
        audit.record(actor=actor, action=STAND_IN_APPOINT, target=appointment, after=audit.snapshot(appointment))
    if stand_in.user is not None:
        forget_viewer(stand_in.user)
    return appointment


def do_end_stand_in(actor: Actor, appointment: StandIn, *, last_day: dt.date) -> StandIn | None:
    """End a stand-in early (the person is back): ``last_day`` is the last day of acting; before the start it is withdrawn."""
    require_change_stand_in(actor, appointment)
    with transaction.atomic():
        before = audit.snapshot(appointment)
        if last_day < appointment.start:
            audit.record(actor=actor, action=STAND_IN_WITHDRAW, target=appointment, before=before)
            appointment.delete()
            return None
        appointment.end = min(appointment.end, last_day)
        appointment.save(update_fields=["end"])
        audit.record(actor=actor, action=STAND_IN_END, target=appointment, before=before, after=audit.snapshot(appointment))
    return appointment


def do_propose_succession(
    actor: Actor,
    *,
    kind: str,
    organisation: Organisation,
    effective: dt.date,
    successors: list[Organisation] | tuple[Organisation, ...] = (),
    new_parent: Organisation | None = None,
    new_name: str = "",
    new_short_name: str = "",
) -> Succession:
    """Record a succession to be confirmed after its preview; nothing else changes yet."""
    _check(actor)
    if kind not in Succession.Kind.values:
        raise ValidationError(_("未知的改制方式：%(kind)s") % {"kind": kind})
    if not organisation.active:
        raise ValidationError(_("%(agency)s已不存在，無法再改制。") % {"agency": organisation})
    if Succession.objects.filter(organisation=organisation, status=Succession.Status.PROPOSED).exists():
        raise ValidationError(_("%(agency)s已有待確認的改制，請先確認或撤回。") % {"agency": organisation})
    if any(not s.active for s in successors):
        raise ValidationError(_("承接機關須為現存機關。"))
    with transaction.atomic():
        succession = Succession(
            kind=kind,
            organisation=organisation,
            effective=effective,
            new_parent=new_parent,
            new_name=new_name.strip(),
            new_short_name=new_short_name.strip(),
            proposed_by=user_of(actor),
        )
        succession.full_clean()
        succession.save()
        succession.successors.set(successors)
        audit.record(actor=actor, action=SUCCESSION_PROPOSE, target=succession, after=_succession_snapshot(succession))
    return succession


def do_withdraw_succession(actor: Actor, succession: Succession) -> Succession:
    """Withdraw a proposed succession: nothing had changed, and nothing will."""
    _check(actor)
    if succession.status != Succession.Status.PROPOSED:
        raise ValidationError(_("只有待確認的改制可以撤回。"))
    with transaction.atomic():
        before = _succession_snapshot(succession)
        succession.status = Succession.Status.WITHDRAWN
        succession.save(update_fields=["status"])
        audit.record(actor=actor, action=SUCCESSION_WITHDRAW, target=succession, before=before, after=_succession_snapshot(succession))
    return succession


def do_confirm_succession(actor: Actor, succession: Succession, *, choices: dict[str, int] | None = None) -> Succession:
    """Apply a proposed succession as its preview shows it; refused while the preview names a problem."""
    from django.utils import timezone

    from lieguan.organisations.lineage import UNIT_PREFIX
    from lieguan.organisations.signals import succeeded
    from lieguan.organisations.succession import ENDING, preview

    _check(actor)
    if succession.status != Succession.Status.PROPOSED:
        raise ValidationError(_("此改制已確認或已撤回。"))
    with transaction.atomic():
        shown = preview(succession, choices)
        if shown.problems:
            raise ValidationError(shown.problems)
        org = succession.organisation
        before = audit.snapshot(org)
        if succession.kind == Succession.Kind.RENAME:
            do_rename_organisation(
                actor, org, name=succession.new_name, short_name=succession.new_short_name, effective=succession.effective
            )
        elif succession.kind == Succession.Kind.MOVE:
            org.parent = succession.new_parent
            org.save(update_fields=["parent"])
            audit.record(actor=actor, action=ORGANISATION_MOVE, target=org, before=before, after=audit.snapshot(org))
        elif succession.kind in ENDING:
            last_day = succession.effective - dt.timedelta(days=1)
            for name in org.names.filter(valid_to__isnull=True):
                name.valid_to = max(last_day, name.valid_from) if name.valid_from else last_day
                name.save(update_fields=["valid_to"])
            org.active = False
            org.save(update_fields=["active"])
            audit.record(actor=actor, action=ORGANISATION_END, target=org, before=before, after=audit.snapshot(org))
            for unit in shown.units:
                unit_before = audit.snapshot(unit)
                unit.parent = shown.unit_successor
                unit.save(update_fields=["parent"])
                audit.record(actor=actor, action=ORGANISATION_MOVE, target=unit, before=unit_before, after=audit.snapshot(unit))
            # One successor takes the people and the roles over; a split leaves them to be granted anew.
            heir = shown.unit_successor if succession.kind != Succession.Kind.SPLIT else None
            if heir is not None:
                _carry_over(actor, org, heir, shown.grants)
            succeeded.send(sender=Organisation, actor=actor, succession=succession, moves=shown.moves)
        succession.moves = {key: successor.pk for key, successor in shown.moves.items()}
        if shown.unit_successor is not None and succession.kind in ENDING:
            # Kept so that figures "as it was then" count a unit with the agency it belonged to (organisations.lineage).
            succession.moves.update({f"{UNIT_PREFIX}{unit.pk}": shown.unit_successor.pk for unit in shown.units})
        succession.status = Succession.Status.CONFIRMED
        succession.confirmed_by = user_of(actor)
        succession.confirmed_at = timezone.now()
        succession.save(update_fields=["moves", "status", "confirmed_by", "confirmed_at"])
        audit.record(actor=actor, action=SUCCESSION_CONFIRM, target=succession, after=_succession_snapshot(succession))
    return succession


def _carry_over(actor: Actor, org: Organisation, heir: Organisation, grants: list[RoleGrant]) -> None:
    """The people and role grants of an organisation that ends go to the one that takes it over."""
    for grant in grants:
        if not RoleGrant.objects.filter(user=grant.user, role=grant.role, organisation=heir).exists():
            moved = RoleGrant.objects.create(user=grant.user, role=grant.role, organisation=heir)
            audit.record(actor=actor, action=ROLE_GRANT, target=moved, after=audit.snapshot(moved))
        audit.record(actor=actor, action=ROLE_REVOKE, target=grant, before=audit.snapshot(grant))
        grant.delete()
        forget_viewer(grant.user)
    for person in Person.objects.filter(organisation=org, active=True):
        person_before = audit.snapshot(person)
        person.organisation = heir
        person.save(update_fields=["organisation"])
        audit.record(actor=actor, action=PERSON_UPDATE, target=person, before=person_before, after=audit.snapshot(person))


def _succession_snapshot(succession: Succession) -> dict[str, Any]:
    data = audit.snapshot(succession)
    data["successors"] = sorted(succession.successors.values_list("pk", flat=True))
    return data
