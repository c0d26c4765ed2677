"""Importing a past report: its text read by the library becomes a draft, and its KPIs the register's actuals.

A preview comes first and writes nothing; the import itself creates the
report, its parts and first revision, and hands the KPIs to the register's
own import (``lieguan.kpis``) in one transaction: if the register refuses
anything, no report is left behind either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.core.actors import Actor, user_of
from lieguan.kpis.actions.importing import ImportPreview, do_import_kpi_actuals
from lieguan.kpis.periods import WHOLE_YEAR, Period
from lieguan.minutes.workreport import Section
from lieguan.minutes.workreport import WorkReport as Document
from lieguan.minutes.workreport.kpis import KPI_PART
from lieguan.minutes.workreport.markup import write_body
from lieguan.organisations.models import Organisation
from lieguan.workreports import access, drafting
from lieguan.workreports.actions.reports import create_parts, freeze
from lieguan.workreports.audit_events import WORKREPORT_IMPORT
from lieguan.workreports.models import ReportPart, WorkReport

K = ReportPart.Kind


@dataclass
class ImportResult:
    period: Period
    parts: list[drafting.PartSpec]
    kpis: ImportPreview
    report: WorkReport | None = None
    warnings: list[str] = field(default_factory=list)


def period_of(document: Document) -> Period:
    if document.period_start is None or document.period_end is None:
        raise ValidationError(_("讀不出報告期間（例如「110 年 7 月 1 日至 12 月 31 日（以下簡稱本期）」），無法匯入。"))
    period = Period.covering(document.period_start, document.period_end)
    if period.half == WHOLE_YEAR:
        raise ValidationError(_("工作報告以半年為期，此報告的期間跨越整年，無法匯入。"))
    return period


def _kind(heading: str, first: bool) -> str:
    if KPI_PART.search(heading):
        return K.KPIS
    if "結語" in heading:
        return K.CONCLUSION
    if re.search(r"創新|未來", heading):
        return K.FUTURE
    return K.RESULTS if first else K.OTHER


def parts_of(document: Document) -> list[drafting.PartSpec]:
    """The report's parts as stored: each 壹 part with what stands directly under it, each 一 section whole."""
    out: list[drafting.PartSpec] = []
    for n, top in enumerate(document.sections):
        kind = _kind(top.heading, n == 0)
        if all(sub.heading for sub in top.sections):
            own = Section(label=top.label, heading=top.heading, level=0, paragraphs=top.paragraphs, tables=top.tables)
            out.append(drafting.PartSpec(0, kind, top.heading or top.label.rstrip("、"), write_body(own)))
            out += [drafting.PartSpec(1, kind, sub.heading, write_body(sub)) for sub in top.sections]
        else:
            # 參's numbered sentences carry no headings: the list stays whole, one body under its part.
            out.append(drafting.PartSpec(0, kind, top.heading or top.label.rstrip("、"), write_body(top)))
    return out


def _cover(document: Document) -> dict[str, str]:
    presenter = document.presenter
    return {
        "title": document.title[:200] or "工作報告",
        "audience": document.audience[:200],
        "month": document.month or "",
        "presenter_title": presenter.title[:100] if presenter else "",
        "presenter_name": presenter.name[:50] if presenter else "",
        "greeting": document.greeting[:200],
        "opening": "\n".join(document.opening),
        "closing": "\n".join(document.closing),
    }


def preview_import(actor: Actor, organisation: Organisation, document: Document) -> ImportResult:
    """What importing ``document`` would create, and what the KPI register would receive; writes nothing."""
    access.require_manager(actor, organisation)
    period = period_of(document)
    kpis = do_import_kpi_actuals(actor, organisation, period, document.kpis, dry_run=True)
    return ImportResult(period, parts_of(document), kpis, warnings=list(document.warnings))


def do_import_report(actor: Actor, organisation: Organisation, document: Document, *, source_name: str = "") -> ImportResult:
    """A draft report made of ``document``, and its KPIs as the register's actuals for its half year: all or nothing."""
    access.require_manager(actor, organisation)
    if organisation.kind != Organisation.Kind.AGENCY:
        raise ValidationError(_("工作報告以機關為單位，請選擇機關。"))
    period = period_of(document)
    with transaction.atomic():
        if WorkReport.objects.filter(organisation=organisation, year=period.year, half=period.half).exists():
            raise ValidationError(
                _("%(agency)s已有%(period)s的工作報告，未匯入。") % {"agency": organisation.display_name, "period": period.worded_label}
            )
        start, end = drafting.half_year(period.year, period.half)
        report = WorkReport.objects.create(
            organisation=organisation,
            year=period.year,
            half=period.half,
            period_start=document.period_start or start,
            period_end=document.period_end or end,
            origin=WorkReport.Origin.IMPORTED,
            source_name=source_name[:255],
            created_by=user_of(actor),
            **_cover(document),
        )
        parts = parts_of(document)
        create_parts(report, parts)
        freeze(actor, report, f"匯入 {source_name}".strip())
        audit.record(actor=actor, action=WORKREPORT_IMPORT, target=report, after=audit.snapshot(report))
        kpis = do_import_kpi_actuals(actor, organisation, period, document.kpis, dry_run=False)
    return ImportResult(period, parts, kpis, report, list(document.warnings))
