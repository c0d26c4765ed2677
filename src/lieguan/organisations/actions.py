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

from lieguan.core import audit
from lieguan.core.actors import is_system
from lieguan.organisations.access import forget_viewer, require_admin
from lieguan.organisations.models import Organisation, OrganisationName, Person, Role, RoleGrant


def _check(actor: Any) -> None:
    if not is_system(actor):
        require_admin(actor)


def do_create_organisation(
    actor: Any,
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
        raise ValidationError("機關或單位必須有上級機關。")
    with transaction.atomic():
        org = Organisation(code=code, name=name, short_name=short_name, kind=kind, parent=parent, sort_order=sort_order)
        org.full_clean()
        org.save()
        OrganisationName.objects.create(organisation=org, kind="official", text=name, valid_from=valid_from)
        if short_name:
            OrganisationName.objects.create(organisation=org, kind="short", text=short_name, valid_from=valid_from)
        for alias in aliases:
            OrganisationName.objects.create(organisation=org, kind="alias", text=alias, valid_from=valid_from)
        audit.record(actor=actor, action="organisation.create", target=org, after=audit.snapshot(org))
    return org


def do_rename_organisation(actor: Any, org: Organisation, *, name: str, short_name: str, effective: dt.date) -> Organisation:
    """Give ``org`` a new name from ``effective`` on; the old names stay valid up to the day before."""
    _check(actor)
    with transaction.atomic():
        before = audit.snapshot(org)
        last_day = effective - dt.timedelta(days=1)
        for current in org.names.filter(valid_to__isnull=True, kind__in=["official", "short"]):
            if current.valid_from is not None and current.valid_from > last_day:
                raise ValidationError(f"新名稱生效日不可早於現行名稱「{current.text}」的啟用日。")
            current.valid_to = last_day
            current.save(update_fields=["valid_to"])
        OrganisationName.objects.create(organisation=org, kind="official", text=name, valid_from=effective)
        if short_name:
            OrganisationName.objects.create(organisation=org, kind="short", text=short_name, valid_from=effective)
        org.name, org.short_name = name, short_name
        org.save(update_fields=["name", "short_name"])
        audit.record(actor=actor, action="organisation.rename", target=org, before=before, after=audit.snapshot(org))
    return org


def do_create_person(actor: Any, *, name: str, title: str = "", organisation: Organisation | None = None, email: str = "") -> Person:
    _check(actor)
    with transaction.atomic():
        person = Person(name=name, title=title, organisation=organisation, email=email)
        person.full_clean()
        person.save()
        audit.record(actor=actor, action="person.create", target=person, after=audit.snapshot(person))
    return person


def do_update_person(actor: Any, person: Person, **changes: Any) -> Person:
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
        audit.record(actor=actor, action="person.update", target=person, before=before, after=audit.snapshot(person))
    return person


def do_create_user(actor: Any, *, username: str, password: str, person: Person | None = None, email: str = "") -> Any:
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
        audit.record(actor=actor, action="user.create", target=user, after=audit.snapshot(user))
        if person is not None:
            do_link_user(actor, person, user)
    return user


def do_link_user(actor: Any, person: Person, user: Any) -> Person:
    _check(actor)
    with transaction.atomic():
        before = audit.snapshot(person, ["user"])
        person.user = user
        person.save(update_fields=["user"])
        audit.record(actor=actor, action="person.link_user", target=person, before=before, after=audit.snapshot(person, ["user"]))
    return person


def do_grant_role(actor: Any, user: Any, role: str, organisation: Organisation | None = None) -> RoleGrant:
    _check(actor)
    if role not in Role.values:
        raise ValidationError(f"未知的角色：{role}")
    if role == Role.LIAISON and organisation is None:
        raise ValidationError("機關聯絡人必須指定所屬機關。")
    with transaction.atomic():
        grant, created = RoleGrant.objects.get_or_create(user=user, role=role, organisation=organisation)
        if created:
            audit.record(actor=actor, action="role.grant", target=grant, after=audit.snapshot(grant))
        if role == Role.ADMIN and not (user.is_staff and user.is_superuser):
            # Administrators maintain the reference data in the Django admin.
            _set_admin_flags(actor, user, True)
    forget_viewer(user)
    return grant


def _set_admin_flags(actor: Any, user: Any, value: bool) -> None:
    before = audit.snapshot(user, ["is_staff", "is_superuser"])
    user.is_staff = user.is_superuser = value
    user.save(update_fields=["is_staff", "is_superuser"])
    audit.record(
        actor=actor, action="user.admin_flags", target=user, before=before, after=audit.snapshot(user, ["is_staff", "is_superuser"])
    )


def do_revoke_role(actor: Any, grant: RoleGrant) -> None:
    _check(actor)
    with transaction.atomic():
        audit.record(actor=actor, action="role.revoke", target=grant, before=audit.snapshot(grant))
        grant.delete()
        if grant.role == Role.ADMIN and grant.user.is_superuser:
            _set_admin_flags(actor, grant.user, False)
    forget_viewer(grant.user)
