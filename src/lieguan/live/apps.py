from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "lieguan.live"
    label = "live"
    verbose_name = _("會議室")
