from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "lieguan.live"
    label = "live"
    verbose_name = "會議室"
