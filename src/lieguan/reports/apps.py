from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "lieguan.reports"
    label = "reports"
    verbose_name = "列管統計與通知"

    def ready(self) -> None:
        from lieguan.reports import panels  # noqa: F401  (registers the home page panels)
