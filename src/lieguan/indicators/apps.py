from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "lieguan.indicators"
    label = "indicators"
    verbose_name = _("機關月報指標與警示")

    def ready(self) -> None:
        from lieguan.indicators import panels  # noqa: F401  (registers the home panel and the digest section)
