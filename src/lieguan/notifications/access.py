"""Whose notifications are whose: each user reads, marks and configures only their own.

A notification names a person's account; someone else's is "not found", so
ids cannot be probed. Notifications a user chose to receive by e-mail only
are not in their inbox.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from lieguan.notifications.kinds import Kind, all_kinds
from lieguan.notifications.models import Notification, Preference


def _signed_in(user: Any) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def visible_notifications(user: Any) -> QuerySet[Notification]:
    """The user's inbox, newest first."""
    if not _signed_in(user):
        return Notification.objects.none()
    return Notification.objects.filter(user_id=user.pk, in_app=True)


def unread_count(user: Any) -> int:
    """The header's figure: one COUNT on the partial index of unread notifications."""
    if not _signed_in(user):
        return 0
    return visible_notifications(user).filter(read_at__isnull=True).count()


def is_own(user: Any, notification: Notification) -> bool:
    return _signed_in(user) and notification.user_id == user.pk


def require_own(user: Any, notification: Notification) -> None:
    if not is_own(user, notification):
        raise PermissionDenied(_("只能標示自己的通知。"))


def access_notification(user: Any, notification_id: Any) -> Notification:
    try:
        return visible_notifications(user).get(pk=int(notification_id))
    except (Notification.DoesNotExist, ValueError, TypeError):
        raise Http404(_("找不到此通知。")) from None


def can_set_preferences(user: Any) -> bool:
    return _signed_in(user)


def require_preferences(user: Any) -> None:
    if not can_set_preferences(user):
        raise PermissionDenied(_("請先登入，再設定通知方式。"))


def preferences_of(user: Any) -> list[tuple[Kind, bool, bool]]:
    """Every kind with the user's choice (in the app, by e-mail); a kind never chosen is both."""
    require_preferences(user)
    kept = {p.kind: p for p in Preference.objects.filter(user_id=user.pk)}
    return [
        (k, kept[k.name].in_app if k.name in kept else True, kept[k.name].email if k.name in kept and k.email_by_choice else True)
        for k in all_kinds()
    ]


def email_address_of(user: Any) -> str:
    """Where e-mails go: the directory's address for the person, else the account's (as ``do_notify`` chooses)."""
    person = getattr(user, "person", None)
    return (person.email if person is not None else "") or getattr(user, "email", "")
