from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "lieguan.organisations"
    label = "organisations"
    verbose_name = "機關與人員"
