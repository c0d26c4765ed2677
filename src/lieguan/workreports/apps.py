from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkReportsConfig(AppConfig):
    name = "lieguan.workreports"
    label = "workreports"
    verbose_name = _("工作報告")
