from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "建立或更新資料庫，並準備網站的靜態檔案。Create or migrate the database and collect static files; safe to run again at any time."

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        call_command("collectstatic", interactive=False, verbosity=max(verbosity - 1, 0))
        self.stdout.write(
            self.style.SUCCESS(
                _("資料庫已就緒（%(engine)s）；資料目錄 %(data_dir)s")
                % {"engine": str(settings.DATABASES["default"]["ENGINE"]).rsplit(".", 1)[-1], "data_dir": settings.DATA_DIR}
            )
        )
