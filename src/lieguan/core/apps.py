from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lieguan.core"
    label = "core"
    verbose_name = "系統核心"

    def ready(self) -> None:
        from lieguan.core import signals  # noqa: F401  (connects the security-event receivers)
