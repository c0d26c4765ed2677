"""Telling the people concerned of a change: one row per recipient, in the transaction of the change, never twice."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.db.models import Q

from lieguan.core import audit
from lieguan.core.actors import Actor
from lieguan.core.wording import Message
from lieguan.notifications.audit_events import NOTIFY
from lieguan.notifications.kinds import Kind, lookup
from lieguan.notifications.models import Notification, Preference
from lieguan.organisations.models import Person

E = Notification.EmailState


@dataclass(frozen=True)
class Recipient:
    user_id: int | None
    person_id: int | None
    email: str


def recipients(people: Iterable[Person], users: Iterable[Any], *, leave_out: Actor | None = None) -> list[Recipient]:
    """Each person or user once, as an account where they have one (so they are told once), without ``leave_out``.

    People who left (an account switched off, a person no longer in post and with no account) are not told.
    """
    person_ids = {p.pk for p in people}
    user_ids = {u.pk for u in users}
    out: dict[tuple[str, int], Recipient] = {}
    if person_ids or user_ids:
        for p in Person.objects.filter(Q(pk__in=person_ids) | Q(user_id__in=user_ids)).select_related("user"):
            account = p.user
            if account is not None and not account.is_active:
                continue
            if account is None and not p.active:
                continue
            email = p.email or (account.email if account is not None else "")
            if account is not None:
                out[("user", account.pk)] = Recipient(account.pk, p.pk, email)
            else:
                out[("person", p.pk)] = Recipient(None, p.pk, email)
    missing = user_ids - {pk for kind, pk in out if kind == "user"}
    if missing:
        for pk, email in get_user_model().objects.filter(pk__in=missing, is_active=True).values_list("pk", "email"):
            out[("user", pk)] = Recipient(pk, None, email)
    # The one acting is not told of their own change; a job (or a visitor) has no account to leave out.
    account = getattr(leave_out, "pk", None)
    if account is not None:
        out.pop(("user", account), None)
    return list(out.values())


def _not_yet_told(key: str, candidates: list[Recipient]) -> list[Recipient]:
    told_users = set(
        Notification.objects.filter(key=key, user_id__in=[r.user_id for r in candidates if r.user_id]).values_list("user_id", flat=True)
    )
    told_people = set(
        Notification.objects.filter(
            key=key, user__isnull=True, person_id__in=[r.person_id for r in candidates if r.user_id is None]
        ).values_list("person_id", flat=True)
    )
    return [r for r in candidates if (r.user_id not in told_users if r.user_id else r.person_id not in told_people)]


def _insert(rows: list[Notification]) -> list[Notification]:
    """Insert the rows; one that another transaction has just written (the same change told twice at once) is left out."""
    try:
        with transaction.atomic():
            return Notification.objects.bulk_create(rows)
    except IntegrityError:
        made = []
        for row in rows:
            try:
                with transaction.atomic():
                    row.save(force_insert=True)
                made.append(row)
            except IntegrityError:
                continue
        return made


def do_notify(
    actor: Actor,
    kind: Kind,
    *,
    key: str,
    words: Message | None = None,
    subject: str = "",
    body: str = "",
    link: str = "",
    people: Iterable[Person] = (),
    users: Iterable[Any] = (),
    email: bool = True,
) -> list[Notification]:
    """Tell ``people`` and ``users`` of one change, in the app and by e-mail as each prefers; returns the new rows.

    Called by the action that makes the change, inside its transaction: the
    notifications are written with the change or not at all (the caller has
    checked permission for the change; telling of it needs none). ``key`` names
    the change; whoever was already told of that key is not told again. The
    actor is not told of what they did. E-mails go out from the background
    worker once the change is committed (``notifications.tasks``); ``email=False`` when the caller sends
    the e-mail itself, as a reminder digest does.

    What it says is ``words`` (``core.wording``): message ids and parameters, worded in each
    reader's language when read, and in Chinese on the row's ``subject`` and ``body``, which the e-mail
    sends. ``subject`` and ``body`` given as text instead are read as they are, in every language.
    """
    if words is not None:
        if subject or body:
            raise ValueError("a notification says its words or a subject and body, not both")
        subject, body = words.in_source_language()
    if not subject:
        raise ValueError("a notification needs a subject")
    if lookup(kind.name) is not kind:
        raise ValueError(f"notification kind {kind.name!r} is not declared in lieguan.notifications.kinds")
    if not connection.in_atomic_block:
        raise RuntimeError("do_notify must run inside the transaction of the change it tells of")
    fresh = _not_yet_told(key, recipients(people, users, leave_out=actor))
    if not fresh:
        return []
    chosen = {p.user_id: p for p in Preference.objects.filter(kind=kind.name, user_id__in=[r.user_id for r in fresh if r.user_id])}
    rows = []
    for r in fresh:
        preference = chosen.get(r.user_id) if r.user_id is not None else None
        in_app = r.user_id is not None and (preference is None or preference.in_app)
        email_to = r.email if email and (preference is None or preference.email or not kind.email_by_choice) else ""
        rows.append(
            Notification(
                user_id=r.user_id,
                person_id=r.person_id,
                kind=kind.name,
                key=key[:200],
                subject=subject[:200],
                body=body,
                words=words.as_json() if words is not None else {},
                link=link[:300],
                in_app=in_app,
                email_to=email_to,
                email_state=E.PENDING if email_to else E.NONE,
            )
        )
    made = _insert(rows)
    for n in made:
        audit.record(
            actor=actor,
            action=NOTIFY,
            target=n,
            after={"kind": n.kind, "key": n.key, "user": n.user_id, "person": n.person_id, "in_app": n.in_app, "email_to": n.email_to},
        )
    mailed = [n.pk for n in made if n.email_state == E.PENDING]
    if mailed:
        from lieguan.notifications.tasks import send_emails

        # Only once the change is committed: a change rolled back must not have been announced by e-mail.
        transaction.on_commit(lambda: send_emails.enqueue(mailed), robust=True)
    return made
