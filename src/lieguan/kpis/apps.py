from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KpisConfig(AppConfig):
    name = "lieguan.kpis"
    label = "kpis"
    verbose_name = _("策略目標與關鍵績效指標")
