from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy


class TrackingConfig(AppConfig):
    name = "lieguan.tracking"
    label = "tracking"
    verbose_name = gettext_lazy("列管")

    def ready(self) -> None:
        from lieguan.tracking import (
            cycle_receivers,  # noqa: F401  (publishing needs decisions; amendments reach the cases)
            details,  # noqa: F401  (tells meetings.confidential which case details a confidential case withholds)
            panels,  # noqa: F401  (registers the home page panels)
            receivers,  # noqa: F401  (rebuilds cases when minutes are imported)
            succession_receivers,  # noqa: F401  (open assignments follow an organisation to its successor)
        )
        from lieguan.tracking.reminders import ensure_default_rules

        # After every migrate (and every flush), a city with no escalation rules at all gets the default ones.
        post_migrate.connect(ensure_default_rules, sender=self, dispatch_uid="tracking.escalation_defaults")
