"""The audit events of the notifications app (registered in ``lieguan.core.audit_events``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lieguan.core.audit_events import Event

NOTIFY = Event(
    "notifications.send",
    _("發出通知"),
    "notifications.notification",
    after=("kind", "key", "user", "person", "in_app", "email_to"),
)
EMAIL = Event("notifications.email", _("寄送通知電子郵件"), "notifications.notification", after=("email_state", "attempts", "error"))
MARK_READ = Event("notifications.read", _("通知標為已讀"), "notifications.notification", after=("read_at",))
# The reports app's inbox recorded this before notifications had an app of their own: kept so that the entries
# written under it keep their label. Their rows moved here in migration notifications/0002, under new ids: the
# entries name the ids of the old table (core.Notification).
LEGACY_READ = Event("notification.read", _("已讀通知"), "notifications.notification", after=("read_at",))
SET_PREFERENCE = Event(
    "notifications.preference", _("變更通知方式"), "notifications.preference", before=("in_app", "email"), after=("in_app", "email")
)
