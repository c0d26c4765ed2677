from __future__ import annotations

import json
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lieguan.core.actors import SystemActor
from lieguan.core.calendar import work_calendar
from lieguan.meetings.models import Meeting
from lieguan.organisations.directory import Directory
from lieguan.tracking.access import visible_cases
from lieguan.tracking.actions import rebuild_from_history
from lieguan.tracking.listing import case_data, filter_cases
from lieguan.tracking.models import CaseStatus, TrackedCase
from lieguan.tracking.suggestions import conclusions_in_order, suggest_case


def suggestions_data(meetings: list[Meeting]) -> list[dict[str, Any]]:
    """What 選項列管 would prefill for every conclusion of these meetings, for scripts and checks."""
    directory, calendar = Directory.load(), work_calendar()
    out: list[dict[str, Any]] = []
    for meeting in meetings:
        for conclusion in conclusions_in_order(meeting):
            s = suggest_case(conclusion, directory, calendar)
            out.append(
                {
                    "conclusion": conclusion.pk,
                    "meeting": meeting.pk,
                    "text": conclusion.text,
                    "lead": s.lead_name,
                    "co": s.co_names,
                    "all_agencies": s.all_agencies,
                    "deadline": s.deadline.isoformat() if s.deadline else None,
                }
            )
    return out


class Command(BaseCommand):
    help = (
        "列出列管案件。List tracked cases with their number, series, source, deadline and each agency's "
        "role and status; --json prints them for scripts. --rebuild first rebuilds cases from imported minutes. "
        "`cases suggest` prints, for every conclusion, the lead, co-agencies and deadline that 選項列管 would suggest."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", nargs="?", choices=["list", "suggest"], default="list", help="list cases (default) or suggest")
        parser.add_argument("--meeting", type=int, help="suggest: only the conclusions of this meeting (its id)")
        parser.add_argument("--series", help="only this series (its name, e.g. 主任秘書會報, or its code)")
        parser.add_argument("--status", choices=CaseStatus.values, help="only open or released cases")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
        parser.add_argument("--as", dest="username", help="list only what this user may see (default: everything)")
        parser.add_argument("--rebuild", action="store_true", help="apply imported minutes' decisions not yet applied, oldest first")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["what"] == "suggest":
            self._suggest(options)
            return
        if options["meeting"] is not None:
            raise CommandError("--meeting 只用於 cases suggest")
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

    def _suggest(self, options: dict[str, Any]) -> None:
        meetings = Meeting.objects.select_related("series__owner").order_by("start", "pk")
        if options["meeting"] is not None:
            meetings = meetings.filter(pk=options["meeting"])
            if not meetings.exists():
                raise CommandError(f"沒有編號 {options['meeting']} 的會次")
        data = suggestions_data(list(meetings))
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for row in data:
            lead = "各機關" if row["all_agencies"] and not row["lead"] else row["lead"] or "—"
            if row["all_agencies"] and row["lead"]:
                lead += "（並請各機關）"
            co = "、".join(row["co"]) or "—"
            self.stdout.write(f"{row['conclusion']:>6} 主辦 {lead}　協辦 {co}　期限 {row['deadline'] or '—'}　{row['text'][:40]}")
