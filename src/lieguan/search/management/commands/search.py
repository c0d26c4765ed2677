from __future__ import annotations

import argparse
import json
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from lieguan.core import dates
from lieguan.core.actors import SystemActor
from lieguan.meetings.models import MeetingSeries
from lieguan.minutes.rocdate import parse_roc_date
from lieguan.search.indexer import refresh_index, reindex_all
from lieguan.search.models import SearchEntry
from lieguan.search.query import DATE, RELEVANCE, Criteria, search
from lieguan.search.results import hits
from lieguan.tracking.models import CaseStatus

CLI_ACTOR = SystemActor("cli:search")


class Command(BaseCommand):
    help = gettext_noop(
        "全文檢索會議結論、議程案件、發言、列管案件與辦理情形，或重建索引。"
        "Search minutes and cases from the command line (as an administrator unless --as is given), "
        "or rebuild the index with `lieguan search reindex`."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        parser.description = _(self.help)  # in the language active when the help is shown
        parser.epilog = _(
            "範例 / examples:\n"
            "  lieguan search reindex                 逐批比對並更新整個索引（網站照常運作）\n"
            "  lieguan search reindex --full          清空後一次重建（最快，但重建期間索引無法寫入：新資料庫或還原後使用）\n"
            "  lieguan search 公務車                   查詢（預設以系統管理者身分，可見全部資料）\n"
            "  lieguan search '\"資訊局 評估\"' --json    詞組查詢，輸出 JSON\n"
            "  lieguan search KIOSK --as bob --kind conclusion --from 111/1/1\n"
        )
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("words", nargs="+", metavar="QUERY", help=_("查詢字詞；或 reindex 以重建索引"))
        parser.add_argument("--json", action="store_true", help=_("輸出 JSON"))
        parser.add_argument("--full", action="store_true", help=_("reindex：清空後一次重建，而非逐批更新"))
        parser.add_argument("--as", dest="username", metavar="USERNAME", help=_("以此帳號可見的範圍查詢（預設：全部）"))
        parser.add_argument("--series", metavar="CODE", help=_("只查此代碼的會議"))
        parser.add_argument("--kind", action="append", choices=SearchEntry.Kind.values, help=_("資料類別，可重複"))
        parser.add_argument("--status", choices=CaseStatus.values, help=_("案件狀態"))
        parser.add_argument("--from", dest="date_from", metavar="DATE", help=_("日期起（民國年/月/日）"))
        parser.add_argument("--to", dest="date_to", metavar="DATE", help=_("日期迄（民國年/月/日）"))
        parser.add_argument("--sort", choices=(RELEVANCE, DATE), default=RELEVANCE, help=_("排序"))
        parser.add_argument("--limit", type=int, default=20, help=_("最多列出幾筆（預設 20）"))

    def handle(self, *args: Any, **options: Any) -> None:
        if options["words"] == ["reindex"]:
            self._reindex(full=options["full"])
            return
        user = self._user(options["username"])
        criteria = Criteria(
            q=" ".join(options["words"]),
            series_id=self._series(options["series"]),
            date_from=self._date(options["date_from"]),
            date_to=self._date(options["date_to"]),
            case_status=options["status"] or "",
            kinds=options["kind"] or [],
            sort=options["sort"],
        )
        if criteria.query.empty:
            raise CommandError(_("查詢內容沒有可搜尋的文字，請輸入中文、英文或數字。"))
        results = search(user, criteria)
        total = results.count()
        found = hits(user, results[: max(options["limit"], 0)], criteria.query)
        if options["json"]:
            data = {
                "query": criteria.q,
                "total": total,
                "results": [
                    {
                        "kind": h.entry.kind,
                        "id": h.entry.object_id,
                        "title": h.title,
                        "context": h.context,
                        "date": h.date.isoformat(),
                        "case_status": h.entry.case_status or None,
                        "url": h.url,
                        "text": h.entry.text,
                    }
                    for h in found
                ],
            }
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        if total > len(found):
            summary = ngettext("共 %(total)s 筆，列出前 %(shown)s 筆", "共 %(total)s 筆，列出前 %(shown)s 筆", total)
        else:
            summary = ngettext("共 %(total)s 筆", "共 %(total)s 筆", total)
        self.stdout.write(summary % {"total": total, "shown": len(found)})
        for n, h in enumerate(found, 1):
            text = " ".join(h.entry.text.split())
            # The kinds' labels are Chinese in the model (the API gives them so); the catalogue has them.
            self.stdout.write(f"{n}. 〔{_(h.kind)}〕{dates.long_date(h.date)}　{h.title}")
            if h.context:
                self.stdout.write(f"   {h.context}")
            self.stdout.write(f"   {text[:120]}{'…' if len(text) > 120 else ''}")
            if h.url:
                self.stdout.write(f"   {h.url}")

    def _reindex(self, *, full: bool) -> None:
        say = lambda message: self.stderr.write(message)  # noqa: E731 — progress goes to stderr, the result to stdout
        if full:
            report = reindex_all(say)
            self.stdout.write(
                self.style.SUCCESS(
                    _("索引已重建：%(entries)s 筆（會議結論 %(conclusions)s 筆），費時 %(seconds)s 秒（全文索引 %(fulltext)s 秒）。")
                    % {
                        "entries": report.entries,
                        "conclusions": report.conclusions,
                        "seconds": f"{report.seconds:.1f}",
                        "fulltext": f"{report.fulltext_seconds:.1f}",
                    }
                )
            )
            return
        report = refresh_index(say)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "索引已重建：比對 %(entries)s 筆（會議結論 %(conclusions)s 筆），寫入 %(written)s 筆，"
                    "詞頻 %(terms)s 個詞，費時 %(seconds)s 秒。"
                )
                % {
                    "entries": report.entries,
                    "conclusions": report.conclusions,
                    "written": report.written,
                    "terms": report.terms,
                    "seconds": f"{report.seconds:.1f}",
                }
            )
        )

    def _user(self, username: str | None) -> Any:
        if not username:
            return CLI_ACTOR
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(_("找不到帳號「%(username)s」。") % {"username": username})
        return user

    def _series(self, code: str | None) -> int | None:
        if not code:
            return None
        series = MeetingSeries.objects.filter(code=code).first()
        if series is None:
            raise CommandError(_("找不到代碼為「%(code)s」的會議。") % {"code": code})
        return series.pk

    def _date(self, text: str | None) -> Any:
        if not text:
            return None
        try:
            return parse_roc_date(text)
        except ValueError as error:
            raise CommandError(str(error)) from None
