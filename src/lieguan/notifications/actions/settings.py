"""Choosing, per kind, whether to be told in the app, by e-mail, both or neither."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.core.actors import Actor, signed_in
from lieguan.notifications import access
from lieguan.notifications.audit_events import SET_PREFERENCE
from lieguan.notifications.kinds import lookup
from lieguan.notifications.models import Preference


def do_set_preferences(actor: Actor, choices: Mapping[str, tuple[bool, bool]]) -> list[Preference]:
    """``choices``: kind name → (in the app, by e-mail). Each changed kind is recorded; returns the changed rows."""
    access.require_preferences(actor)
    unknown = [name for name in choices if lookup(name) is None]
    if unknown:
        raise ValidationError(_("沒有這種通知：%(kinds)s。") % {"kinds": _("、").join(unknown)})
    user = signed_in(actor)
    changed = []
    with transaction.atomic():
        kept = {p.kind: p for p in Preference.objects.select_for_update().filter(user_id=user.pk, kind__in=list(choices))}
        for name, (in_app, email) in choices.items():
            row = kept.get(name) or Preference(user_id=user.pk, kind=name)
            before = {"in_app": row.in_app, "email": row.email}
            if row.pk is not None and before == {"in_app": in_app, "email": email}:
                continue
            if row.pk is None and in_app and email:
                continue  # the default: no row needed
            row.in_app, row.email = in_app, email
            row.save()
            audit.record(actor=actor, action=SET_PREFERENCE, target=row, before=before, after={"in_app": in_app, "email": email})
            changed.append(row)
    return changed
