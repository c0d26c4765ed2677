from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from lieguan.core.calendar import work_calendar
from lieguan.minutes.rocdate import format_roc_date
from lieguan.organisations.models import Organisation
from lieguan.tracking import reminders
from lieguan.tracking.actions import reminding


def agency_scope(code: str) -> frozenset[int]:
    organisation = Organisation.objects.filter(code=code).first()
    if organisation is None:
        raise CommandError(f"--agency：機關代碼「{code}」不存在")
    return reminders.within_agency(organisation)


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--today 須為 YYYY-MM-DD 格式的日期，收到「{text}」") from None


class Command(BaseCommand):
    help = (
        "寄送列管案件稽催通知。Send each agency's liaison one digest of the open cases that are overdue or due "
        "within N working days (government calendar), by e-mail and in the app. A reminder is never sent twice: "
        "the same case is chased again only when it becomes overdue or its deadline changes. Run it daily from "
        "cron or the lieguan-remind systemd timer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--within",
            type=int,
            default=reminders.DEFAULT_WITHIN,
            metavar="N",
            help=f"remind of cases due within N working days (default {reminders.DEFAULT_WITHIN})",
        )
        parser.add_argument("--dry-run", action="store_true", help="print what would be sent; send and record nothing")
        parser.add_argument("--today", metavar="YYYY-MM-DD", help="the day to count from (default: today in Asia/Taipei)")
        parser.add_argument(
            "--base-url",
            metavar="URL",
            help="the site's address for links in the e-mails (default: LIEGUAN_BASE_URL)",
        )
        parser.add_argument(
            "--agency",
            metavar="CODE",
            help="remind only about this agency (its code in the directory, e.g. dit) and its units",
        )
        parser.add_argument(
            "--any-day",
            action="store_true",
            help="send even on a day off (by default nothing is sent on weekends and holidays)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = _day(options["today"]) if options["today"] else timezone.localdate()
        within = options["within"]
        if within < 0:
            raise CommandError("--within 須為 0 或正整數")
        base_url = (options["base_url"] or settings.LIEGUAN_BASE_URL).rstrip("/")
        if not options["any_day"] and not work_calendar().is_working_day(today):
            self.stdout.write(f"稽催略過：{format_roc_date(today)}不是工作日，未寄送任何通知（要寄送請加 --any-day）。")
            return
        plan = reminders.plan(today, within)
        if options["agency"]:
            plan = plan.limited(lambda item: True, agency_scope(options["agency"]))
        dry_run = options["dry_run"]
        if dry_run:
            for digest in plan.digests:
                self.stdout.write(f"收件人：{digest.addressee}（{digest.email or '無電子郵件，僅站內通知'}）")
                self.stdout.write(f"主旨：{digest.subject}")
                self.stdout.write(digest.body(base_url))
                self.stdout.write("-" * 40)
        outcome = reminding.send(plan, base_url=base_url, dry_run=dry_run)
        for entry in plan.unreached:
            told = "已通知會議幕僚" if entry.told else "亦無會議幕僚可通知"
            self.stdout.write(f"無人可收稽催：{entry.organisation.display_name} {entry.count} 件（{told}）")
        for failure in outcome.failures:
            self.stderr.write(f"寄送失敗：{failure}")
        self.stdout.write(reminding.summary(plan, outcome, dry_run=dry_run))
        if outcome.failures:
            raise CommandError(f"{len(outcome.failures)} 份稽催摘要寄送失敗，下次執行時會重新寄送。")
