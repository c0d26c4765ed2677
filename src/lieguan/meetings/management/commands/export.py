from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from lieguan.meetings.exporting import export_minutes, series_meetings
from lieguan.meetings.models import Meeting, MeetingSeries
from lieguan.minutes.render import FORMATS


class Command(BaseCommand):
    help = gettext_lazy(  # type: ignore[assignment]  # a lazy translation: create_parser gives argparse its str
        "匯出會議紀錄為正式格式的檔案：一個會次（--meeting），或一個會議的各會次（--series，可用 --year 限定年度）。"
        "整個會議匯出時只含已發布或已確定的紀錄。"
        "Export the minutes of one meeting or of a whole series as PDF, DOCX, ODT, TXT, HTML or Minutes JSON."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        # argparse wraps the description with a regular expression, which takes a str, not a lazy translation.
        parser.description = str(self.help)
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--series", metavar="CODE", help=_("匯出此代碼之會議的各會次紀錄"))
        which.add_argument("--meeting", metavar="ID", type=int, help=_("匯出此編號的會次紀錄（任何狀態）"))
        parser.add_argument("--year", metavar="ROC", type=int, help=_("只匯出此民國年度召開的會次，例如 113（須搭配 --series）"))
        parser.add_argument("--format", dest="fmt", choices=list(FORMATS), default="pdf", help=_("檔案格式（預設 pdf）"))
        parser.add_argument("--out", metavar="DIR", default=".", help=_("存放檔案的目錄（不存在時自動建立；預設目前目錄）"))

    def handle(self, *args: Any, **options: Any) -> None:
        if options["year"] is not None and not options["series"]:
            raise CommandError(_("--year 須搭配 --series 使用。"))
        out = Path(options["out"])
        if options["meeting"] is not None:
            meeting = Meeting.objects.select_related("series__owner").filter(pk=options["meeting"]).first()
            if meeting is None:
                raise CommandError(_("找不到編號 %(id)s 的會次。") % {"id": options["meeting"]})
            meetings, only_published = [meeting], False
        else:
            series = MeetingSeries.objects.select_related("owner").filter(code=options["series"]).first()
            if series is None:
                raise CommandError(_("找不到代碼為「%(code)s」的會議。") % {"code": options["series"]})
            meetings, only_published = list(series_meetings(series, options["year"])), True
        result = export_minutes(meetings, options["fmt"], out, only_published=only_published)
        for path in result.written:
            self.stdout.write(str(path))
        for meeting in result.skipped:
            self.stdout.write(
                _("略過 %(meeting)s：紀錄為「%(state)s」，尚未發布") % {"meeting": meeting, "state": meeting.get_minutes_state_display()}
            )
        if not result.written:
            raise CommandError(_("沒有可匯出的會議紀錄。"))
        written = len(result.written)
        self.stdout.write(
            self.style.SUCCESS(
                ngettext("已匯出 %(count)s 份會議紀錄至 %(out)s", "已匯出 %(count)s 份會議紀錄至 %(out)s", written)
                % {"count": written, "out": out}
            )
        )
