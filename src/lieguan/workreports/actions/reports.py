"""Creating a report from its skeleton, writing its cover and parts, and moving it through the workflow."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lieguan.core import audit, dates
from lieguan.core.actors import Actor, user_of
from lieguan.organisations.models import Organisation
from lieguan.workreports import access, drafting, workflow
from lieguan.workreports.audit_events import WORKREPORT_CREATE, WORKREPORT_SAVE_PART, WORKREPORT_TRANSITION, WORKREPORT_UPDATE_COVER
from lieguan.workreports.document import frozen
from lieguan.workreports.models import ReportPart, ReportRevision, WorkReport

COVER_FIELDS = ("title", "audience", "month", "presenter_title", "presenter_name", "greeting", "opening", "closing")
BODY_LIMIT = 200_000


def freeze(actor: Actor, report: WorkReport, note: str) -> ReportRevision:
    """A new revision holding the report as it stands now."""
    number = (report.revisions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return ReportRevision.objects.create(
        report=report,
        number=number,
        state=report.state,
        note=note[:200],
        data=frozen(report),
        at=timezone.now(),
        by=user_of(actor),
        by_label=audit._actor_label(actor)[:200],
    )


def one_newline(text: str) -> str:
    # Browsers send a textarea's line breaks as CRLF (in a form and in FormData alike); the text keeps "\n" only.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_period(year: int, half: int) -> None:
    if half not in (1, 2):
        raise ValidationError(_("請選擇上半年或下半年。"))
    if not 1912 <= year <= 9999:
        raise ValidationError(_("年度超出範圍。"))


def create_parts(report: WorkReport, parts: list[drafting.PartSpec]) -> None:
    ReportPart.objects.bulk_create(
        ReportPart(report=report, position=n, level=p.level, kind=p.kind, heading=p.heading[:200], unit=p.unit, body=p.body)
        for n, p in enumerate(parts, start=1)
    )


def do_create_report(actor: Actor, organisation: Organisation, *, year: int, half: int) -> WorkReport:
    """A draft report for the agency and half year, with the skeleton Lieguan drafts."""
    access.require_manager(actor, organisation)
    check_period(year, half)
    if organisation.kind != Organisation.Kind.AGENCY:
        raise ValidationError(_("工作報告以機關為單位，請選擇機關。"))
    with transaction.atomic():
        if WorkReport.objects.filter(organisation=organisation, year=year, half=half).exists():
            raise ValidationError(
                _("%(agency)s已有 %(period)s的工作報告。") % {"agency": organisation.display_name, "period": dates.half_year(year, half)}
            )
        cover, parts = drafting.skeleton(organisation, year, half)
        start, end = drafting.half_year(year, half)
        report = WorkReport.objects.create(
            organisation=organisation, year=year, half=half, period_start=start, period_end=end, created_by=user_of(actor), **cover
        )
        create_parts(report, parts)
        freeze(actor, report, "建立草稿")
        audit.record(actor=actor, action=WORKREPORT_CREATE, target=report, after=audit.snapshot(report))
    return report


def do_update_cover(actor: Actor, report: WorkReport, **values: str) -> WorkReport:
    unknown = set(values) - set(COVER_FIELDS)
    if unknown:
        raise ValueError(f"not cover fields: {sorted(unknown)}")
    with transaction.atomic():
        report = WorkReport.objects.select_for_update().get(pk=report.pk)
        access.require_edit_cover(actor, report)
        if values.get("month"):
            _check_month(values["month"])
        before = audit.snapshot(report, values)
        for name, value in values.items():
            setattr(report, name, value.strip() if name not in ("opening", "closing") else one_newline(value))
        report.full_clean(exclude=[f.name for f in report._meta.fields if f.name not in values], validate_constraints=False)
        report.save()
        audit.record(actor=actor, action=WORKREPORT_UPDATE_COVER, target=report, before=before, after=audit.snapshot(report, values))
    return report


def _check_month(value: str) -> None:
    try:
        year, month = (int(x) for x in value.split("-"))
    except ValueError:
        raise ValidationError(_("封面年月請寫成「2026-03」。")) from None
    if not (1912 <= year <= 9999 and 1 <= month <= 12):
        raise ValidationError(_("封面年月請寫成「2026-03」。"))


def do_save_part(actor: Actor, part: ReportPart, *, body: str) -> ReportPart:
    """Write one part's body; only this row changes, so another unit's part is never touched."""
    body = one_newline(body)
    if len(body) > BODY_LIMIT:
        raise ValidationError(_("內容最多 %(limit)s 字。") % {"limit": f"{BODY_LIMIT:,}"})
    with transaction.atomic():
        # Lock the report: a change of state waits for the save, and a save after it sees the new state.
        report = WorkReport.objects.select_for_update().get(pk=part.report_id)
        part = ReportPart.objects.select_related("unit").get(pk=part.pk)
        access.require_write_part(actor, part, report)
        if part.body == body:
            return part
        before = audit.snapshot(part, ["body"])
        part.body = body
        part.updated_by = user_of(actor)
        part.save(update_fields=["body", "updated", "updated_by"])
        WorkReport.objects.filter(pk=report.pk).update(updated=timezone.now())
        audit.record(actor=actor, action=WORKREPORT_SAVE_PART, target=part, before=before, after=audit.snapshot(part, ["body"]))
    return part


def do_transition(actor: Actor, report: WorkReport, to_state: str) -> WorkReport:
    """Move the report to ``to_state``; the report as it then stands is kept as a revision."""
    with transaction.atomic():
        report = WorkReport.objects.select_for_update().select_related("organisation").get(pk=report.pk)
        access.require_manager(actor, report.organisation)
        step = workflow.transition(report.state, to_state)
        if step is None:
            raise ValidationError(_("工作報告目前為「%(state)s」，不能改為此狀態。") % {"state": report.get_state_display()})
        before = report.state
        report.state = to_state
        report.save(update_fields=["state", "updated"])
        # The revision's note is part of the record: it keeps the Chinese step name in either language.
        with translation.override(settings.LANGUAGE_CODE):
            note = str(step.label)
        freeze(actor, report, note)
        audit.record(actor=actor, action=WORKREPORT_TRANSITION, target=report, before={"state": before}, after={"state": to_state})
    return report
