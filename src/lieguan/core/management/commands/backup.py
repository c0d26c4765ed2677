from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from lieguan.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "備份資料庫與所有附件為一個 .tar.gz 檔。Back up the database (SQLite online backup, or pg_dump for PostgreSQL) "
        "and every attached file into one archive with checksums; safe while the service runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, help="directory to write the archive to (default: DATA_DIR/backups)")

    def handle(self, *args: Any, **options: Any) -> None:
        out = options["out"] or Path(settings.DATA_DIR) / "backups"
        try:
            result = backup(out)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("備份完成：%(path)s（%(vendor)s，%(files)s 個附件，%(size)s KB）")
                % {"path": result.path, "vendor": result.vendor, "files": result.files, "size": f"{result.size / 1024:.0f}"}
            )
        )
