from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from lieguan.core.actors import SystemActor
from lieguan.indicators.actions import do_compute_values, do_evaluate, do_import_values
from lieguan.indicators.models import Alert

ACTOR = SystemActor("indicators")


def alert_data(alert: Alert) -> dict[str, Any]:
    return {
        "id": alert.pk,
        "agency": alert.organisation.display_name,
        "indicator": alert.indicator.name,
        "rule": alert.rule.name,
        "kind": alert.rule.kind,
        "months": list(alert.months),
        "values": list(alert.values),
        "case": alert.case.number if alert.case else None,
    }


class Command(BaseCommand):
    help = (
        "機關月報指標。`indicators import FILE` imports a CSV or XLSX file (columns 機關, 指標, 年月, 數值), checked whole: "
        "any bad row is reported by row and column and nothing is imported (exit status 1). `indicators evaluate` counts last "
        "month's computed indicators, then runs every rule over every value (nightly). "
        "`indicators alerts` lists the current alerts; --json for scripts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["import", "evaluate", "alerts"], help="import a file, evaluate the rules, or list alerts")
        parser.add_argument("file", nargs="?", help="import: the CSV or XLSX file")
        parser.add_argument("--dry-run", action="store_true", help="import: only check the file")
        parser.add_argument("--today", type=dt.date.fromisoformat, help="evaluate: the day to evaluate as of (YYYY-MM-DD)")
        parser.add_argument("--all", action="store_true", help="alerts: cleared ones too")
        parser.add_argument("--json", action="store_true", help="alerts: print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        what = options["what"]
        if what == "import":
            self._import(options)
        elif what == "evaluate":
            # The nightly run counts last month's computed indicators first, so that the rules see them.
            written = do_compute_values(ACTOR, today=options["today"])
            outcome = do_evaluate(ACTOR, today=options["today"])
            self.stdout.write(
                _("系統計算指標：更新 %(written)s 筆數值。規則檢查完成：%(summary)s") % {"written": written, "summary": outcome.summary}
            )
        else:
            self._alerts(options)

    def _import(self, options: dict[str, Any]) -> None:
        if not options["file"]:
            raise CommandError(_("請指定要匯入的檔案：lieguan indicators import FILE"))
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(_("無法讀取 %(path)s：%(error)s") % {"path": path, "error": error.strerror or error}) from None
        try:
            result = do_import_values(ACTOR, content, path.name, dry_run=options["dry_run"])
        except ValidationError as error:
            raise CommandError(f"{path.name}：{'；'.join(error.messages)}") from None
        if result.problems:
            for problem in result.problems:
                self.stderr.write(f"{path.name} {problem}")
            raise CommandError(_("%(file)s 有 %(count)s 處錯誤，整份檔案未匯入。") % {"file": path.name, "count": len(result.problems)})
        if options["dry_run"]:
            self.stdout.write(_("%(file)s 檢查通過：%(count)s 筆數值可匯入（未匯入）。") % {"file": path.name, "count": len(result.lines)})
            return
        self.stdout.write(
            _("已匯入 %(file)s：%(written)s 筆數值（%(unchanged)s 筆與現有相同）；%(summary)s")
            % {"file": path.name, "written": result.written, "unchanged": result.unchanged, "summary": result.evaluation.summary}
        )

    def _alerts(self, options: dict[str, Any]) -> None:
        alerts = Alert.objects.select_related("rule", "indicator", "organisation", "case")
        if not options["all"]:
            alerts = alerts.filter(cleared_at__isnull=True)
        data = [alert_data(a) for a in alerts]
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        if not data:
            self.stdout.write(_("目前沒有指標警示。"))
        for row in data:
            months = "、".join(f"{m}（{v}）" for m, v in zip(row["months"], row["values"], strict=False))
            tracked = _("　已列管 %(case)s") % {"case": row["case"]} if row["case"] else ""
            self.stdout.write(f"{row['agency']}　{row['indicator']}　{row['rule']}：{months}{tracked}")
