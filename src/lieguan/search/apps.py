from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "lieguan.search"
    label = "search"
    verbose_name = "全文檢索"

    def ready(self) -> None:
        from lieguan.search import receivers  # noqa: F401  (keeps the index current when meetings and cases change)
