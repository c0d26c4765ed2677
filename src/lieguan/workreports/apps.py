from django.apps import AppConfig


class WorkReportsConfig(AppConfig):
    name = "lieguan.workreports"
    label = "workreports"
    verbose_name = "工作報告"
