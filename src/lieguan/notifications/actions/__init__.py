"""Every write of the notifications app. Other apps' actions call ``do_notify`` inside their own transaction."""

from lieguan.notifications.actions.delivery import deliver_email, email_due, retry_after
from lieguan.notifications.actions.notify import do_notify
from lieguan.notifications.actions.reading import do_mark_all_read, do_mark_read
from lieguan.notifications.actions.settings import do_set_preferences

__all__ = ["deliver_email", "do_mark_all_read", "do_mark_read", "do_notify", "do_set_preferences", "email_due", "retry_after"]
