"""The third-party apps the administrator sees, under names of ours.

Apart from core/apps.py because Django picks an app's configuration by finding the one AppConfig in its apps
module: a second one there would leave core without its own (and without the security events' receivers).
Their models' and fields' English names are translated into Chinese by locale/zh_Hant, the only strings whose
source is English.
"""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class AxesConfig(AxesAppConfig):  # type: ignore[misc]  # axes ships no type hints
    """django-axes (sign-in lock-out) under a name of ours: its own is the untranslatable "Axes"."""

    verbose_name = _("登入防護")


class TasksDatabaseConfig(TasksAppConfig):
    """The background tasks' table, named for the administrator; its own name is "Tasks Database Backend"."""

    verbose_name = _("背景工作")  # type: ignore[assignment]  # Django reads it as text, lazy or not
