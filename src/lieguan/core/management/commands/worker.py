from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from lieguan.core.worker import announce_start, die_with_parent


class Command(DatabaseWorker):
    help = (
        "執行背景工作（解析匯入的檔案等）。"
        "Run queued background tasks from the database queue; `lieguan serve` keeps one running beside the web server."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        die_with_parent()
        announce_start()
        super().handle(*args, **options)
