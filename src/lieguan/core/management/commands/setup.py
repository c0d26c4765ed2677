from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "建立或更新資料庫，並準備網站的靜態檔案。Create or migrate the database and collect static files; safe to run again at any time."

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        call_command("collectstatic", interactive=False, verbosity=max(verbosity - 1, 0))
        self.stdout.write(
            self.style.SUCCESS(
                f"資料庫已就緒（{str(settings.DATABASES['default']['ENGINE']).rsplit('.', 1)[-1]}）；資料目錄 {settings.DATA_DIR}"
            )
        )
