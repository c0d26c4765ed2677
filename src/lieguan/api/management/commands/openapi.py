from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lieguan.api.schema import COMMITTED, current_schema, dump


class Command(BaseCommand):
    help = gettext_noop("寫出 API 的 OpenAPI 規格。Write the API's OpenAPI schema to docs/openapi.json (or print it with --stdout).")

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.description = _(self.help)  # in the language active when the help is shown
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--stdout", action="store_true", help="print instead of writing docs/openapi.json")

    def handle(self, *args: Any, **options: Any) -> None:
        text = dump(current_schema())
        if options["stdout"]:
            self.stdout.write(text, ending="")
            return
        COMMITTED.write_text(text, encoding="utf-8")
        self.stdout.write(_("已寫出 %(path)s") % {"path": COMMITTED})
