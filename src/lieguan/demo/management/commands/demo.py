from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from lieguan.demo import load_demo


class Command(BaseCommand):
    help = (
        "載入示範城市（臨海市政府）、其會議與列管案件，並建立各角色的示範帳號。"
        "Load the fictional demo city with its meetings and cases and one account per role; running"
        " it again keeps existing data and prints the accounts."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = load_demo()
        self.stdout.write(report.summary())
        self.stdout.write("")
        self.stdout.write("示範帳號 / demo accounts:")
        for account in report.accounts:
            self.stdout.write(f"  {account.role_label:<12} 帳號 {account.username:<14} 密碼 {account.password}  {account.who}")
