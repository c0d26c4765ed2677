from __future__ import annotations

import json
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lieguan.core.actors import SystemActor
from lieguan.tracking.access import visible_cases
from lieguan.tracking.actions import rebuild_from_history
from lieguan.tracking.listing import case_data, filter_cases
from lieguan.tracking.models import CaseStatus, TrackedCase


class Command(BaseCommand):
    help = (
        "列出列管案件。List tracked cases with their number, series, source, deadline and each agency's "
        "role and status; --json prints them for scripts. --rebuild first rebuilds cases from imported minutes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--series", help="only this series (its name, e.g. 主任秘書會報, or its code)")
        parser.add_argument("--status", choices=CaseStatus.values, help="only open or released cases")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
        parser.add_argument("--as", dest="username", help="list only what this user may see (default: everything)")
        parser.add_argument("--rebuild", action="store_true", help="apply imported minutes' decisions not yet applied, oldest first")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["rebuild"]:
            report = rebuild_from_history(SystemActor("cli:cases-rebuild"))
            self.stderr.write(f"重建：{report.meetings} 個會次、新增 {len(report.created)} 案、套用 {report.decisions} 項決定")
            for warning in report.warnings:
                self.stderr.write(f"注意：{warning}")
        qs = TrackedCase.objects.all()
        if options["username"]:
            user = get_user_model().objects.filter(username=options["username"]).first()
            if user is None:
                raise CommandError(f"沒有帳號「{options['username']}」")
            qs = visible_cases(user)
        cases = filter_cases(qs, series=options["series"], status=options["status"])
        if options["json"]:
            self.stdout.write(json.dumps([case_data(c) for c in cases], ensure_ascii=False, indent=2))
            return
        if not cases:
            self.stdout.write("沒有符合條件的列管案件。")
            return
        for case in cases:
            data = case_data(case)
            agencies = "、".join(
                f"{a['agency']}（{'主辦' if a['role'] == 'lead' else '協辦'}，{'列管中' if a['status'] == 'open' else '已解列'}）"
                for a in data["assignments"]
            )
            self.stdout.write(
                f"{data['number']:<10} {case.get_status_display():<6} 期限 {data['deadline'] or '—':<10} "
                f"{data['series'] or case.get_source_display()}  {agencies}"
            )
