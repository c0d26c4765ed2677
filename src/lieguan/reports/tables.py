"""The statistics as official tables (執行情形統計表), for the page and every download format."""

from __future__ import annotations

from django.utils.translation import gettext as _

from lieguan.core import dates
from lieguan.minutes.tables import Cell, Column, TableDocument
from lieguan.reports.statistics import Figures, Statistics


def columns(first: str, within: int) -> list[Column]:
    return [
        Column(first, 1.6),
        Column(_("本期新增"), 0.8, numeric=True),
        Column(_("列管中"), 0.8, numeric=True),
        Column(_("逾期"), 0.7, numeric=True),
        Column(_("%(n)s個工作日內到期") % {"n": within}, 1.0, numeric=True),
        Column(_("本期解除列管"), 0.9, numeric=True),
        Column(_("解列日數中位數"), 0.9, numeric=True),
        Column(_("累計解除列管"), 0.9, numeric=True),
        Column(_("本期未填報"), 0.8, numeric=True),
        Column(_("填報率（%）"), 0.8, numeric=True),
    ]


def figures_row(f: Figures) -> list[Cell]:
    return [
        f.label,
        f.new,
        f.open,
        f.overdue,
        f.due_soon,
        f.released,
        f.median_days,
        f.released_total,
        f.unreported,
        f.reported_percent,
    ]


def notes(stats: Statistics) -> list[str]:
    as_of = dates.long_date(stats.filters.as_of)
    return [
        _("註："),
        _("一、以各機關列管分項計算：一案由多機關辦理時，主辦及協辦機關各計一件；所屬單位併入機關計算。"),
        _("二、列管中、逾期及到期件數以 %(day)s 計算；本期新增、本期解除列管以統計期間計算。") % {"day": as_of},
        _("三、解列日數為列管日期至解除列管日期之日數；未填報及填報率以目前填報期別、目前列管中之分項計算。"),
    ]


def statistics_table(stats: Statistics, by: str = "agency") -> TableDocument:
    """執行情形統計表 by agency (``by="agency"``) or by meeting series and case source (``by="series"``)."""
    rows_of = stats.by_agency if by == "agency" else stats.by_series
    first = _("機關") if by == "agency" else _("會議／案件來源")
    title = _("列管案件執行情形統計表") if by == "agency" else _("列管案件執行情形統計表（依會議）")
    rows = [figures_row(f) for f in rows_of]
    if rows_of:
        rows.append(figures_row(stats.total))
    return TableDocument(
        title=title,
        columns=columns(first, stats.filters.within),
        rows=rows,
        subtitle=stats.filters.describe(),
        notes=notes(stats),
    )
