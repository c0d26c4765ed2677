from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "lieguan.api"
    label = "api"
    verbose_name = "API 與開放資料"
