from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "lieguan.core"
    label = "core"
    verbose_name = _("系統核心")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from lieguan.core import signals  # noqa: F401  (connects the security-event receivers)

        # Every app declares its audit events in its own audit_events.py; core imports no app, so it
        # collects them here, the way the admin collects admin.py, before any entry is recorded.
        autodiscover_modules("audit_events")
