from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.core.calendar import work_calendar
from lieguan.core.dates import long_date
from lieguan.organisations.models import Organisation
from lieguan.tracking import reminders
from lieguan.tracking.actions import reminding


def agency_scope(code: str) -> frozenset[int]:
    organisation = Organisation.objects.filter(code=code).first()
    if organisation is None:
        raise CommandError(_("--agency：機關代碼「%(code)s」不存在") % {"code": code})
    return reminders.within_agency(organisation)


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(_("--today 須為 YYYY-MM-DD 格式的日期，收到「%(text)s」") % {"text": text}) from None


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
            raise CommandError(_("--within 須為 0 或正整數"))
        base_url = (options["base_url"] or settings.LIEGUAN_BASE_URL).rstrip("/")
        if not options["any_day"] and not work_calendar().is_working_day(today):
            self.stdout.write(_("稽催略過：%(day)s不是工作日，未寄送任何通知（要寄送請加 --any-day）。") % {"day": long_date(today)})
            return
        plan = reminders.plan(today, within)
        if options["agency"]:
            plan = plan.limited(lambda item: True, agency_scope(options["agency"]))
        dry_run = options["dry_run"]
        if dry_run:
            for digest in plan.digests:
                self.stdout.write(
                    _("收件人：%(addressee)s（%(email)s）")
                    % {"addressee": digest.addressee, "email": digest.email or _("無電子郵件，僅站內通知")}
                )
                self.stdout.write(_("主旨：%(subject)s") % {"subject": digest.subject})
                self.stdout.write(digest.body(base_url))
                self.stdout.write("-" * 40)
        outcome = reminding.send(plan, base_url=base_url, dry_run=dry_run)
        for entry in plan.unreached:
            if entry.told:
                line = _("無人可收稽催：%(agency)s %(count)s 件（已通知會議幕僚）")
            else:
                line = _("無人可收稽催：%(agency)s %(count)s 件（亦無會議幕僚可通知）")
            self.stdout.write(line % {"agency": entry.organisation.display_name, "count": entry.count})
        for failure in outcome.failures:
            self.stderr.write(_("寄送失敗：%(failure)s") % {"failure": failure})
        self.stdout.write(reminding.summary(plan, outcome, dry_run=dry_run))
        if outcome.failures:
            raise CommandError(_("%(count)s 份稽催摘要寄送失敗，下次執行時會重新寄送。") % {"count": len(outcome.failures)})
