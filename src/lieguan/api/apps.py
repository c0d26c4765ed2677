from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "lieguan.api"
    label = "api"
    verbose_name = _("API 與開放資料")
