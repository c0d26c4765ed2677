from __future__ import annotations

import json
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

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
            raise CommandError(_("--meeting 只用於 cases suggest"))
        if options["rebuild"]:
            report = rebuild_from_history(SystemActor("cli:cases-rebuild"))
            self.stderr.write(
                _("重建：%(meetings)s 個會次、新增 %(created)s 案、套用 %(decisions)s 項決定")
                % {"meetings": report.meetings, "created": len(report.created), "decisions": report.decisions}
            )
            for warning in report.warnings:
                self.stderr.write(_("注意：%(warning)s") % {"warning": warning})
        qs = TrackedCase.objects.all()
        if options["username"]:
            user = get_user_model().objects.filter(username=options["username"]).first()
            if user is None:
                raise CommandError(_("沒有帳號「%(username)s」") % {"username": options["username"]})
            qs = visible_cases(user)
        cases = filter_cases(qs, series=options["series"], status=options["status"])
        if options["json"]:
            self.stdout.write(json.dumps([case_data(c) for c in cases], ensure_ascii=False, indent=2))
            return
        if not cases:
            self.stdout.write(_("沒有符合條件的列管案件。"))
            return
        for case in cases:
            data = case_data(case)
            agencies = _("、").join(
                _("%(agency)s（%(role)s，%(status)s）")
                % {
                    "agency": a["agency"],
                    "role": _("主辦") if a["role"] == "lead" else _("協辦"),
                    "status": _("列管中") if a["status"] == "open" else _("已解列"),
                }
                for a in data["assignments"]
            )
            # The status and source labels are kept in Chinese by the models; the catalogue has them (translated_choices).
            self.stdout.write(
                _("%(number)s %(status)s 期限 %(deadline)s %(series)s  %(agencies)s")
                % {
                    "number": f"{data['number']:<10}",
                    "status": f"{_(case.get_status_display()):<6}",
                    "deadline": f"{data['deadline'] or '—':<10}",
                    "series": data["series"] or _(case.get_source_display()),
                    "agencies": agencies,
                }
            )

    def _suggest(self, options: dict[str, Any]) -> None:
        meetings = Meeting.objects.select_related("series__owner").order_by("start", "pk")
        if options["meeting"] is not None:
            meetings = meetings.filter(pk=options["meeting"])
            if not meetings.exists():
                raise CommandError(_("沒有編號 %(id)s 的會次") % {"id": options["meeting"]})
        data = suggestions_data(list(meetings))
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for row in data:
            lead = _("各機關") if row["all_agencies"] and not row["lead"] else row["lead"] or "—"
            if row["all_agencies"] and row["lead"]:
                lead = _("%(lead)s（並請各機關）") % {"lead": lead}
            co = _("、").join(row["co"]) or "—"
            self.stdout.write(
                _("%(conclusion)s 主辦 %(lead)s　協辦 %(co)s　期限 %(deadline)s　%(text)s")
                % {
                    "conclusion": f"{row['conclusion']:>6}",
                    "lead": lead,
                    "co": co,
                    "deadline": row["deadline"] or "—",
                    "text": row["text"][:40],
                }
            )
