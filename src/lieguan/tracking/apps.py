from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "lieguan.tracking"
    label = "tracking"
    verbose_name = "列管"

    def ready(self) -> None:
        from lieguan.tracking import (
            panels,  # noqa: F401  (registers the home page panels)
            receivers,  # noqa: F401  (rebuilds cases when minutes are imported)
        )
