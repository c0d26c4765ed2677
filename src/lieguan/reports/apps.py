from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "lieguan.reports"
    label = "reports"
    verbose_name = _("列管統計與通知")

    def ready(self) -> None:
        from lieguan.reports import panels  # noqa: F401  (registers the home page panels)
