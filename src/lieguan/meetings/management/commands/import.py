from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from lieguan.core.actors import SystemActor
from lieguan.core.wording import worded
from lieguan.meetings.actions import importing as imp
from lieguan.meetings.importing.plan import plan_import
from lieguan.meetings.importing.reading import ACCEPTED_EXTENSIONS, ReadResult, read_document
from lieguan.meetings.importing.summary import decision_line, meeting_line, plan_lines
from lieguan.meetings.models import ImportFile, MeetingSeries

CLI_ACTOR = SystemActor("cli:import")
F = ImportFile.Status
# A file given on the command line: where it is, its bytes, and how it parsed.
Entry = tuple[Path, bytes, ReadResult]


def expand(paths: list[str]) -> list[Path]:
    """The files named, and the minutes files inside the directories named (with their subdirectories)."""
    out: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ACCEPTED_EXTENSIONS and not p.name.startswith(".")
            )
            out.extend(found)
        elif path.is_file():
            out.append(path)
        else:
            raise CommandError(_("找不到檔案或目錄：%(name)s") % {"name": name})
    if not out:
        raise CommandError(_("沒有可匯入的檔案（接受 %(extensions)s）。") % {"extensions": _("、").join(ACCEPTED_EXTENSIONS)})
    return out


def in_date_order(results: list[Entry]) -> list[Entry]:
    """By the date and time of each meeting, as parsed; files that could not be read keep their order, last."""

    def key(entry: tuple[int, Entry]) -> tuple[int, str, int]:
        n, (_path, _data, result) = entry
        m = result.minutes
        if m is None or m.date is None:
            return (1, "", n)
        return (0, f"{m.date.isoformat()} {m.start_time or ''}", n)

    return [entry for _n, entry in sorted(enumerate(results), key=key)]


class Command(BaseCommand):
    help = gettext_lazy(  # type: ignore[assignment]  # a lazy translation: create_parser gives argparse its str
        "匯入歷年會議紀錄（TXT、MD、DOCX、ODT、PDF 或 Minutes JSON）。"
        "檔案會先全部解析，再依會議日期由舊到新逐一匯入，每個檔案各自成功或失敗；"
        "同一份紀錄或同一會次不會重複匯入。"
        "Import minutes files in the order of their meeting dates; each file succeeds or fails on its own."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        parser.description = str(self.help)
        parser.epilog = _(
            "範例 / examples:\n"
            "  lieguan import --dry-run 紀錄/                先看看會匯入什麼，不寫入資料庫\n"
            "  lieguan import --confirm-new 紀錄/*.pdf        依建議新增不在名錄中的機關與人員\n"
            "  lieguan import --series chief-secretaries 第224次.docx\n"
            "\n"
            "不在機關名錄中的名稱（報告機關、發言人的機關、主席、紀錄）：\n"
            "  未加 --confirm-new 時僅保留文字，不會加入名錄，並逐一列出；\n"
            "  加上 --confirm-new 則依建議新增或對應至既有機關，會議不存在時也一併建立。"
        )
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE", help=_("會議紀錄檔案，或存放紀錄檔案的目錄（含子目錄）"))
        parser.add_argument("--series", metavar="CODE", help=_("全部匯入此代碼的會議（不依紀錄標題比對會議）"))
        parser.add_argument(
            "--as",
            dest="username",
            metavar="USERNAME",
            help=_("以此帳號的身分與權限匯入（預設：系統操作者，稽核紀錄記為 cli:import）"),
        )
        parser.add_argument("--dry-run", action="store_true", help=_("只解析並列出預覽（含解析警告與不在名錄中的名稱），不寫入"))
        parser.add_argument(
            "--confirm-new",
            action="store_true",
            help=_("接受建議：新增不在名錄中的機關、人員與會議，或對應至建議的既有項目"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self._actor(options["username"])
        series = self._series(options["series"])
        results = []
        for path in expand(options["files"]):
            data = path.read_bytes()
            results.append((path, data, read_document(data, path.name)))
        ordered = in_date_order(results)
        if options["dry_run"]:
            self._dry_run(actor, ordered, series)
            return
        counts = self._import(actor, ordered, series, confirm_new=options["confirm_new"])
        summary = ngettext(
            "共 %(total)s 個檔案：已匯入 %(imported)s、已匯入過 %(duplicate)s、無法匯入 %(failed)s",
            "共 %(total)s 個檔案：已匯入 %(imported)s、已匯入過 %(duplicate)s、無法匯入 %(failed)s",
            len(ordered),
        ) % {"total": len(ordered), "imported": counts[F.IMPORTED], "duplicate": counts[F.DUPLICATE], "failed": counts[F.FAILED]}
        if counts[F.FAILED]:
            raise CommandError(summary, returncode=1)
        self.stdout.write(self.style.SUCCESS(summary))

    def _actor(self, username: str | None) -> Any:
        if not username:
            return CLI_ACTOR
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(_("找不到帳號「%(username)s」。") % {"username": username})
        if not imp.may_import(user):
            raise CommandError(_("帳號「%(username)s」沒有匯入會議紀錄的權限（須為會議幕僚或系統管理者）。") % {"username": username})
        return user

    def _series(self, code: str | None) -> MeetingSeries | None:
        if not code:
            return None
        series = MeetingSeries.objects.select_related("owner").filter(code=code).first()
        if series is None:
            codes = _("、").join(MeetingSeries.objects.order_by("code").values_list("code", flat=True)[:20])
            raise CommandError(
                _("找不到代碼為「%(code)s」的會議。現有會議代碼：%(codes)s") % {"code": code, "codes": codes or _("（尚無）")}
            )
        return series

    def _dry_run(self, actor: Any, ordered: list[Entry], series: MeetingSeries | None) -> None:
        self.stdout.write(_("試跑（--dry-run）：只解析與預覽，不寫入資料庫。") + "\n")
        for path, _data, result in ordered:
            self.stdout.write(f"{path}")
            if result.minutes is None:
                where = _("第 %(line)s 行：") % {"line": result.line} if result.line else ""
                self.stdout.write("  " + _("無法匯入：%(reason)s") % {"reason": where + worded(result.words, result.error)})
                continue
            plan = plan_import(result.minutes, result.digest, may_create=imp.may_add_to_directory(actor), series=series)
            for line in plan_lines(plan):
                self.stdout.write(line)

    def _import(self, actor: Any, ordered: list[Entry], series: MeetingSeries | None, *, confirm_new: bool) -> dict[str, int]:
        counts: dict[str, int] = {F.IMPORTED: 0, F.DUPLICATE: 0, F.FAILED: 0}
        batch = imp.do_start_import(actor, [(path.name, data) for path, data, _result in ordered])
        rows = list(batch.files.order_by("position"))
        for (path, _data, result), row in zip(ordered, rows, strict=True):
            if row.status == F.PENDING:
                imp.do_parse_import_file(actor, row, result=result)
            if row.status == F.PARSED:
                choices = imp.ImportChoices(series=series, create_series=confirm_new, accept_proposals=confirm_new)
                imp.do_import_file(actor, row, choices)
                row.refresh_from_db()
                if row.status == F.IMPORTED:
                    names = imp.decided_names(row)
                else:
                    plan = imp.preview(actor, row, series=series)
                    choices.apply_to(plan)
                    names = plan.names.unknown
            else:
                names = []
            counts[F.FAILED if row.status == F.PARSED else row.status] += 1
            self._report(path, row, names, confirm_new=confirm_new)
        return counts

    def _report(self, path: Path, row: ImportFile, names: list[Any], *, confirm_new: bool) -> None:
        if row.status == F.IMPORTED and row.meeting is not None:
            self.stdout.write(
                self.style.SUCCESS(_("已匯入　　%(path)s → %(meeting)s") % {"path": path, "meeting": meeting_line(row.meeting)})
            )
            for proposal in names:
                self.stdout.write(f"  {decision_line(proposal)}")
            if names and not confirm_new:
                self.stdout.write("  " + _("（以上名稱不在機關名錄中，僅保留文字；加上 --confirm-new 可依建議新增或對應）"))
        elif row.status == F.DUPLICATE:
            meeting = meeting_line(row.meeting) if row.meeting else ""
            self.stdout.write(
                _("已匯入過　%(path)s → %(meeting)s：%(reason)s") % {"path": path, "meeting": meeting, "reason": row.worded_error}
            )
        else:
            where = _("第 %(line)s 行：") % {"line": row.error_line} if row.error_line else ""
            self.stderr.write(
                self.style.ERROR(_("無法匯入　%(path)s：%(reason)s") % {"path": path, "reason": f"{where}{row.worded_error}"})
            )
            if row.status == F.PARSED and not confirm_new:
                self.stderr.write("  " + _("提示：加上 --confirm-new 依建議建立會議與名錄項目，或以 --series CODE 指定既有會議。"))
