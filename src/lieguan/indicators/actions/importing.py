"""Importing monthly values from a CSV or XLSX file with the columns 機關, 指標, 年月, 數值: checked whole, then all or nothing.

Agencies are matched by name through the directory on the month of the row,
so that a renamed agency's old name still finds it; indicators by name. Any
row that cannot be read is reported by row and column, and then nothing is
written: a file never lands in the register half imported.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.core.actors import Actor, passes
from lieguan.indicators import access
from lieguan.indicators.actions.evaluate import Evaluation, apply_rules
from lieguan.indicators.actions.values import check_value, write_value
from lieguan.indicators.models import Indicator, Source
from lieguan.indicators.months import parse_month
from lieguan.organisations.directory import Directory
from lieguan.organisations.models import Organisation

COLUMNS = ("機關", "指標", "年月", "數值")
MAX_ROWS = 200_000


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        # The column keeps the file's own (Chinese) header name in either language.
        if self.column:
            return _("第 %(row)s 列「%(column)s」欄：%(message)s") % {"row": self.row, "column": self.column, "message": self.message}
        return _("第 %(row)s 列：%(message)s") % {"row": self.row, "message": self.message}


@dataclass(frozen=True)
class Line:
    row: int
    organisation: Organisation
    indicator: Indicator
    month: dt.date
    value: Decimal


@dataclass
class ImportResult:
    lines: list[Line] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    written: int = 0
    unchanged: int = 0
    applied: bool = False
    evaluation: Evaluation = field(default_factory=Evaluation)

    @property
    def ok(self) -> bool:
        return not self.problems


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(content: bytes, name: str) -> list[tuple[int, list[Any]]]:
    """The file's rows with their row numbers as a spreadsheet shows them (the header is row 1)."""
    if name.lower().endswith(".xlsx") or content[:2] == b"PK":
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            raise ValidationError(_("無法讀取 XLSX 檔案：%(error)s") % {"error": error}) from None
        return [(n, list(row)) for n, row in enumerate(sheet.iter_rows(values_only=True), start=1)]
    for encoding in ("utf-8-sig", "cp950"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationError(_("無法辨識檔案的文字編碼，請以 UTF-8 儲存 CSV。"))
    return list(enumerate(csv.reader(io.StringIO(text)), start=1))


def _number(value: Any) -> Decimal:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        result = Decimal(str(value))
    else:
        text = _cell(value).replace(",", "").replace("，", "").rstrip("%％").strip()
        result = Decimal(text)
    if not result.is_finite():
        raise InvalidOperation
    return result


def _month(value: Any) -> dt.date:
    if isinstance(value, dt.datetime | dt.date):
        return dt.date(value.year, value.month, 1)
    return parse_month(_cell(value))


def check_rows(actor: Actor, rows: list[tuple[int, list[Any]]]) -> ImportResult:
    result = ImportResult()
    rows = [(n, r) for n, r in rows if any(_cell(c) for c in r)]
    if not rows:
        result.problems.append(Problem(1, "", _("檔案沒有任何資料。")))
        return result
    header_no, header = rows[0]
    names = [_cell(c) for c in header]
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        result.problems.append(
            Problem(header_no, "", _("缺少欄位 %(missing)s（須有 機關、指標、年月、數值 四欄）。") % {"missing": "、".join(missing)})
        )
        return result
    if len(rows) > MAX_ROWS:
        result.problems.append(Problem(header_no, "", _("一次最多匯入 %(n)s 列。") % {"n": MAX_ROWS}))
        return result
    at = {c: names.index(c) for c in COLUMNS}
    directory = Directory.load()
    indicators = {i.name: i for i in Indicator.objects.prefetch_related("agencies")}
    seen: dict[tuple[int, int, dt.date], int] = {}
    for n, raw in rows[1:]:
        cells = {c: (raw[i] if i < len(raw) else None) for c, i in at.items()}
        problems: list[Problem] = []
        month = organisation = indicator = value = None
        try:
            month = _month(cells["年月"])
        except ValueError as error:
            problems.append(Problem(n, "年月", str(error)))
        agency_name = _cell(cells["機關"])
        if not agency_name:
            problems.append(Problem(n, "機關", _("未填機關名稱。")))
        else:
            organisation = directory.resolve(agency_name, on=month)
            if organisation is None:
                problems.append(Problem(n, "機關", _("機關名錄中找不到「%(name)s」。") % {"name": agency_name}))
        indicator_name = _cell(cells["指標"])
        indicator = indicators.get(indicator_name)
        if indicator is None:
            problems.append(
                Problem(
                    n, "指標", _("指標登記簿中沒有「%(name)s」。") % {"name": indicator_name} if indicator_name else _("未填指標名稱。")
                )
            )
        try:
            value = _number(cells["數值"])
        except (InvalidOperation, ValueError):
            problems.append(Problem(n, "數值", _("「%(value)s」不是數字。") % {"value": _cell(cells["數值"])}))
        if not problems:
            assert organisation is not None and indicator is not None and month is not None and value is not None
            try:
                check_value(indicator, organisation, month, value)
            except ValidationError as error:
                problems.append(Problem(n, "", " ".join(error.messages)))
            else:
                if not passes(access.require_enter_row, actor, organisation):
                    problems.append(Problem(n, "機關", str(access.ENTER_REFUSED)))
                key = (indicator.pk, organisation.pk, month)
                if key in seen:
                    problems.append(Problem(n, "", _("與第 %(row)s 列重複（同一機關、指標與年月）。") % {"row": seen[key]}))
                seen.setdefault(key, n)
        if problems:
            result.problems += problems
        else:
            result.lines.append(Line(n, organisation, indicator, month, value))  # type: ignore[arg-type]
    return result


def do_import_values(actor: Actor, content: bytes, name: str, *, dry_run: bool = False, today: dt.date | None = None) -> ImportResult:
    """Check the whole file; unless ``dry_run`` and only if every row is sound, write it and run the rules, in one transaction."""
    access.require_importer(actor)
    today = today or timezone.localdate()
    result = check_rows(actor, read_table(content, name))
    if not result.ok or dry_run:
        return result
    with transaction.atomic():
        for line in result.lines:
            _written, changed = write_value(
                actor, line.indicator, line.organisation, line.month, line.value, source=Source.IMPORTED, note=f"由 {name[:200]} 匯入"
            )
            result.written += changed
            result.unchanged += not changed
        result.evaluation = apply_rules(
            actor,
            today=today,
            indicator_ids={line.indicator.pk for line in result.lines},
            organisation_ids={line.organisation.pk for line in result.lines},
        )
        result.applied = True
    return result
