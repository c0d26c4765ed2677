from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "lieguan.tracking"
    label = "tracking"
    verbose_name = "列管"

    def ready(self) -> None:
        from lieguan.tracking import (
            cycle_receivers,  # noqa: F401  (publishing needs decisions; amendments reach the cases)
            panels,  # noqa: F401  (registers the home page panels)
            receivers,  # noqa: F401  (rebuilds cases when minutes are imported)
        )
