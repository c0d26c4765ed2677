from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "lieguan.notifications"
    label = "notifications"
    verbose_name = _("通知")

    def ready(self) -> None:
        from lieguan.notifications import panels  # noqa: F401  (registers the home page panel)
