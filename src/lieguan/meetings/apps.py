from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "lieguan.meetings"
    label = "meetings"
    verbose_name = _("會議")

    def ready(self) -> None:
        from lieguan.meetings import panels  # noqa: F401  (registers the home page panels)
