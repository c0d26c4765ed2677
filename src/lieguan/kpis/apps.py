from django.apps import AppConfig


class KpisConfig(AppConfig):
    name = "lieguan.kpis"
    label = "kpis"
    verbose_name = "策略目標與關鍵績效指標"
