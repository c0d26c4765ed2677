from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "lieguan.indicators"
    label = "indicators"
    verbose_name = "機關月報指標與警示"

    def ready(self) -> None:
        from lieguan.indicators import panels  # noqa: F401  (registers the home panel and the digest section)
