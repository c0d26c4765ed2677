from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lieguan.meetings.exporting import export_minutes, series_meetings
from lieguan.meetings.models import Meeting, MeetingSeries
from lieguan.minutes.render import FORMATS


class Command(BaseCommand):
    help = (
        "匯出會議紀錄為正式格式的檔案：一個會次（--meeting），或一個會議的各會次（--series，可用 --year 限定年度）。"
        "整個會議匯出時只含已發布或已確定的紀錄。"
        "Export the minutes of one meeting or of a whole series as PDF, DOCX, ODT, TXT, HTML or Minutes JSON."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--series", metavar="CODE", help="匯出此代碼之會議的各會次紀錄")
        which.add_argument("--meeting", metavar="ID", type=int, help="匯出此編號的會次紀錄（任何狀態）")
        parser.add_argument("--year", metavar="ROC", type=int, help="只匯出此民國年度召開的會次，例如 113（須搭配 --series）")
        parser.add_argument("--format", dest="fmt", choices=list(FORMATS), default="pdf", help="檔案格式（預設 pdf）")
        parser.add_argument("--out", metavar="DIR", default=".", help="存放檔案的目錄（不存在時自動建立；預設目前目錄）")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["year"] is not None and not options["series"]:
            raise CommandError("--year 須搭配 --series 使用。")
        out = Path(options["out"])
        if options["meeting"] is not None:
            meeting = Meeting.objects.select_related("series__owner").filter(pk=options["meeting"]).first()
            if meeting is None:
                raise CommandError(f"找不到編號 {options['meeting']} 的會次。")
            meetings, only_published = [meeting], False
        else:
            series = MeetingSeries.objects.select_related("owner").filter(code=options["series"]).first()
            if series is None:
                raise CommandError(f"找不到代碼為「{options['series']}」的會議。")
            meetings, only_published = list(series_meetings(series, options["year"])), True
        result = export_minutes(meetings, options["fmt"], out, only_published=only_published)
        for path in result.written:
            self.stdout.write(str(path))
        for meeting in result.skipped:
            self.stdout.write(f"略過 {meeting}：紀錄為「{meeting.get_minutes_state_display()}」，尚未發布")
        if not result.written:
            raise CommandError("沒有可匯出的會議紀錄。")
        self.stdout.write(self.style.SUCCESS(f"已匯出 {len(result.written)} 份會議紀錄至 {out}"))
