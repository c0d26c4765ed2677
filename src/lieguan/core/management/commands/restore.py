from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from lieguan.core.backup import BackupError, read_manifest, restore


class Command(BaseCommand):
    help = (
        "由備份檔還原資料庫與附件（會取代現有資料）。Restore the database and attachments from an archive made by "
        "`lieguan backup`, replacing what is there; every checksum is verified first. Stop the service before restoring."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="the .tar.gz file made by `lieguan backup`")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["archive"]
        if not path.is_file():
            raise CommandError(_("找不到備份檔：%(path)s") % {"path": path})
        try:
            manifest = read_manifest(path)
            if not options["yes"]:
                question = _("將以 %(created)s 的備份取代現有的資料庫與附件，確定嗎？輸入 yes 繼續：")
                answer = input(question % {"created": manifest["created"]})
                if answer.strip().lower() != "yes":
                    raise CommandError(_("已取消，未做任何變更。"))
            restore(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("還原完成：%(files)s 個附件，資料庫（%(vendor)s）已還原。")
                % {"files": len(manifest["checksums"]) - 1, "vendor": manifest["vendor"]}
            )
        )
