from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lieguan.api.schema import COMMITTED, current_schema, dump


class Command(BaseCommand):
    help = "寫出 API 的 OpenAPI 規格。Write the API's OpenAPI schema to docs/openapi.json (or print it with --stdout)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--stdout", action="store_true", help="print instead of writing docs/openapi.json")

    def handle(self, *args: Any, **options: Any) -> None:
        text = dump(current_schema())
        if options["stdout"]:
            self.stdout.write(text, ending="")
            return
        COMMITTED.write_text(text, encoding="utf-8")
        self.stdout.write(f"已寫出 {COMMITTED}")
