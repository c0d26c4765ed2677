from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "lieguan.search"
    label = "search"
    verbose_name = _("全文檢索")

    def ready(self) -> None:
        from lieguan.search import receivers  # noqa: F401  (keeps the index current when meetings and cases change)
