from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "lieguan.organisations"
    label = "organisations"
    verbose_name = _("機關與人員")
