from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "lieguan.notifications"
    label = "notifications"
    verbose_name = "通知"

    def ready(self) -> None:
        from lieguan.notifications import panels  # noqa: F401  (registers the home page panel)
