from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "lieguan.meetings"
    label = "meetings"
    verbose_name = "會議"

    def ready(self) -> None:
        from lieguan.meetings import panels  # noqa: F401  (registers the home page panels)
