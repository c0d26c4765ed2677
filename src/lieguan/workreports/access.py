"""Who may see and change a work report: the one place that decides.

The agency's secretariat (and administrators) create a report, assemble it,
write every part and move it through review, approval and submission. A unit
writes the parts assigned to it — its liaison, or a liaison of the whole
agency — while the report is a draft. Whoever may write a part may read the
report; so may those who read every record of the city.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from lieguan.core.actors import lets_system_through
from lieguan.organisations.access import Viewer, viewer_for
from lieguan.organisations.models import Organisation, Role
from lieguan.workreports.models import ReportPart, WorkReport

S = WorkReport.State
# States in which the text may still change: units write in draft; the secretariat also while reviewing.
UNIT_WRITES = frozenset({S.DRAFT})
MANAGER_WRITES = frozenset({S.DRAFT, S.REVIEW})
MANAGE_REFUSED = _("只有本機關的幕僚單位（秘書單位）可以建立、彙整及核定工作報告。")


def manages(viewer: Viewer, organisation_id: int | None) -> bool:
    return viewer.covers(Role.SECRETARIAT, organisation_id)


def sees_reports(viewer: Viewer) -> bool:
    """Whether the menu offers 工作報告: to those who read every record, an agency's secretariat and its liaisons."""
    if not viewer.is_authenticated:
        return False
    return viewer.reads_everything or Role.SECRETARIAT in viewer.grants or Role.LIAISON in viewer.grants


def managed_agencies(user: Any) -> QuerySet[Organisation]:
    viewer = viewer_for(user)
    qs = Organisation.objects.filter(kind=Organisation.Kind.AGENCY, active=True)
    scope = viewer.scope(Role.SECRETARIAT)
    return qs if scope is None else qs.filter(pk__in=scope)


def manages_some_agency(user: Any) -> bool:
    return managed_agencies(user).exists()


def require_manages_some_agency(user: Any) -> None:
    """Creating or importing a report is for an agency's secretariat."""
    if not manages_some_agency(user):
        raise PermissionDenied(MANAGE_REFUSED)


def writes_unit(viewer: Viewer, part: ReportPart) -> bool:
    return part.unit_id is not None and viewer.covers(Role.LIAISON, part.unit_id)


def can_write_part(viewer: Viewer, part: ReportPart, report: WorkReport | None = None) -> bool:
    report = report or part.report
    if manages(viewer, report.organisation_id):
        return report.state in MANAGER_WRITES
    return report.state in UNIT_WRITES and writes_unit(viewer, part)


def writes_cover(viewer: Viewer, report: WorkReport) -> bool:
    """The secretariat writes the cover and gathers the parts while the text may still change."""
    return manages(viewer, report.organisation_id) and report.state in MANAGER_WRITES


def can_edit_report(viewer: Viewer, report: WorkReport, parts: list[ReportPart]) -> bool:
    """The editing page is for whoever writes the cover or one of ``parts``."""
    return writes_cover(viewer, report) or any(can_write_part(viewer, p, report) for p in parts)


def require_edit_report(viewer: Viewer, report: WorkReport, parts: list[ReportPart]) -> None:
    if not can_edit_report(viewer, report, parts):
        raise PermissionDenied(_("工作報告目前為「%(state)s」，您沒有可撰寫的段落。") % {"state": report.get_state_display()})


def part_refusal(viewer: Viewer, part: ReportPart, report: WorkReport) -> str:
    if report.state not in MANAGER_WRITES or (report.state not in UNIT_WRITES and not manages(viewer, report.organisation_id)):
        return str(_("工作報告已%(state)s，不能再修改此段落。") % {"state": report.get_state_display()})
    return str(_("此段落由其他單位撰寫，您不能修改。"))


def can_read(viewer: Viewer, report: WorkReport) -> bool:
    if viewer.reads_everything or manages(viewer, report.organisation_id) or viewer.covers(Role.LIAISON, report.organisation_id):
        return True
    scope = viewer.scope(Role.LIAISON)
    if not scope:
        return False
    return any(p.unit_id in scope for p in report.parts.all() if p.unit_id)


def visible_reports(user: Any) -> QuerySet[WorkReport]:
    viewer = viewer_for(user)
    qs = WorkReport.objects.select_related("organisation")
    if not viewer.is_authenticated:
        return qs.none()
    if viewer.reads_everything:
        return qs
    condition = Q(pk__in=[])
    secretariat = viewer.scope(Role.SECRETARIAT)
    liaison = viewer.scope(Role.LIAISON)
    if secretariat is None or liaison is None:
        return qs
    if secretariat:
        condition |= Q(organisation_id__in=secretariat)
    if liaison:
        condition |= Q(organisation_id__in=liaison) | Q(parts__unit_id__in=liaison)
    return qs.filter(condition).distinct()


def access_report(user: Any, report_id: Any, *, for_write: bool = False) -> WorkReport:
    """The report if ``user`` may read it (404 otherwise); with ``for_write``, only for its secretariat (403)."""
    try:
        report = WorkReport.objects.select_related("organisation").get(pk=int(report_id))
    except (WorkReport.DoesNotExist, TypeError, ValueError):
        raise Http404(_("找不到此工作報告。")) from None
    viewer = viewer_for(user)
    if not can_read(viewer, report):
        raise Http404(_("找不到此工作報告。"))
    if for_write and not manages(viewer, report.organisation_id):
        raise PermissionDenied(MANAGE_REFUSED)
    return report


@lets_system_through
def require_manager(user: Any, organisation: Organisation) -> None:
    if not manages(viewer_for(user), organisation.pk):
        raise PermissionDenied(MANAGE_REFUSED)


@lets_system_through
def require_edit_cover(user: Any, report: WorkReport) -> None:
    """The cover (title, month, signatory) is the secretariat's, while the report is a draft or in review."""
    require_manager(user, report.organisation)
    if report.state not in MANAGER_WRITES:
        raise PermissionDenied(_("工作報告已%(state)s，不能再修改。") % {"state": report.get_state_display()})


@lets_system_through
def require_write_part(user: Any, part: ReportPart, report: WorkReport) -> None:
    viewer = viewer_for(user)
    if not can_write_part(viewer, part, report):
        raise PermissionDenied(part_refusal(viewer, part, report))
