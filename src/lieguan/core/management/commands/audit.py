from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.core.models import AuditHead


class Command(BaseCommand):
    help = (
        "驗證稽核紀錄的雜湊鏈是否完整。"
        "Verify the audit trail: every entry's hash and its link to the one before; exits with"
        " status 1 when anything was changed, inserted or deleted."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"], help="verify: check the whole chain")

    def handle(self, *args: Any, **options: Any) -> None:
        count, problems = audit.verify()
        head = AuditHead.objects.filter(pk=1).first()
        for problem in problems:
            where = _("第 %(seq)s 筆：") % {"seq": problem.seq} if problem.seq is not None else ""
            self.stderr.write(f"{where}{problem.message}")
        if problems:
            raise CommandError(
                _("稽核紀錄驗證失敗：%(problems)s 項問題（共檢查 %(count)s 筆）") % {"problems": len(problems), "count": count}
            )
        self.stdout.write(
            self.style.SUCCESS(_("稽核紀錄完整：共 %(count)s 筆，鏈尾雜湊 %(hash)s") % {"count": count, "hash": head.hash if head else "-"})
        )
