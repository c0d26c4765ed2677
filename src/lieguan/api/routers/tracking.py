"""Tracked cases with their assignments, progress reports and decisions; reporting and deciding."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router
from ninja.responses import Status

from lieguan.api import schemas as s
from lieguan.api.auth import caller
from lieguan.api.pagination import Paging, paginate
from lieguan.api.schemas import DbId
from lieguan.meetings.confidential import is_redacted, redact
from lieguan.organisations.access import viewer_for
from lieguan.organisations.models import Organisation
from lieguan.tracking import access, details
from lieguan.tracking import actions as t
from lieguan.tracking.details import Where
from lieguan.tracking.models import Assignment, CaseDecision, ProgressReport, TrackedCase

router = Router(tags=["列管"])


def case_out(c: TrackedCase) -> dict[str, Any]:
    return {
        "id": c.pk,
        "number": c.number,
        "series_id": c.series_id,
        "meeting_id": c.meeting_id,
        "conclusion_id": c.conclusion_id,
        "source": c.source,
        "level": c.level,
        "owner_id": c.owner_id,
        "parent_id": c.parent_id,
        "title": c.title,
        "text": c.text,
        "status": c.status,
        "deadline": c.deadline,
        "deadline_basis": c.deadline_basis,
        "opened_on": c.opened_on,
        "released_on": c.released_on,
        "confidential": is_redacted(c),
        **details.values(c, Where.API),
        "assignments": [
            {
                "id": a.pk,
                "organisation_id": a.organisation_id,
                "organisation": a.organisation.display_name,
                "role": a.role,
                "status": a.status,
                "released_on": a.released_on,
            }
            for a in c.assignments.all()
        ],
    }


def report_out(r: ProgressReport) -> dict[str, Any]:
    return {
        "id": r.pk,
        "case_id": r.assignment.case_id,
        "assignment_id": r.assignment_id,
        "organisation": r.assignment.organisation.display_name,
        "cycle": r.cycle,
        "text": r.text,
        "proposal": r.proposal,
        "submitted_at": timezone.localtime(r.submitted_at),
        "submitted_by": getattr(getattr(r.submitted_by, "person", None), "name", "") or r.submitted_by.get_username(),
    }


def decision_out(d: CaseDecision) -> dict[str, Any]:
    return {
        "id": d.pk,
        "case_id": d.case_id,
        "case_number": d.case.number,
        "assignment_id": d.assignment_id,
        "organisation": d.assignment.organisation.display_name if d.assignment else None,
        "meeting_id": d.meeting_id,
        "decision": d.decision,
        "decided_on": d.decided_on,
    }


class CaseFilter(Paging):
    series_id: DbId | None = None
    status: Literal["open", "released"] | None = None
    source: Literal["minutes", "mayor", "councillor", "petition", "other"] | None = None
    organisation_id: DbId | None = None
    overdue: bool | None = None


@router.get("/cases", response={200: s.CasePage, **s.ERRORS}, summary="列管案件")
def list_cases(request: HttpRequest, filters: Query[CaseFilter]) -> dict[str, Any]:
    # The case's owner, series and meeting are given as ids: no joins to fetch them.
    qs = access.with_confidentiality(
        access.visible_cases(caller(request)).select_related(None).prefetch_related("assignments__organisation")
    )
    if filters.series_id is not None:
        qs = qs.filter(series_id=filters.series_id)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.source:
        qs = qs.filter(source=filters.source)
    if filters.organisation_id is not None:
        # A subquery on the assignments, not a join: a join needs SELECT DISTINCT over every column of the case.
        qs = qs.filter(pk__in=Assignment.objects.filter(organisation_id=filters.organisation_id).values("case_id"))
    if filters.overdue is not None:
        today = timezone.localdate()
        overdue = {"status": "open", "deadline__lt": today}
        qs = qs.filter(**overdue) if filters.overdue else qs.exclude(**overdue)
    rows, nxt = paginate(qs, after=filters.after, limit=filters.limit)
    return {"items": [case_out(c) for c in access.shown_cases(caller(request), rows)], "next": nxt}


@router.get("/cases/{case_id}", response={200: s.Case, **s.ERRORS}, summary="一個列管案件（含主協辦機關）")
def get_case(request: HttpRequest, case_id: DbId) -> dict[str, Any]:
    return case_out(access.shown_case(caller(request), access.access_case(caller(request), case_id)))


class ReportFilter(Paging):
    case_id: DbId | None = None
    assignment_id: DbId | None = None


@router.get("/progress-reports", response={200: s.ProgressReportPage, **s.ERRORS}, summary="辦理情形")
def list_reports(request: HttpRequest, filters: Query[ReportFilter]) -> dict[str, Any]:
    qs = access.visible_reports(caller(request)).select_related("assignment__organisation", "submitted_by__person")
    if filters.case_id is not None:
        qs = qs.filter(assignment__case_id=filters.case_id)
    if filters.assignment_id is not None:
        qs = qs.filter(assignment_id=filters.assignment_id)
    rows, nxt = paginate(qs, after=filters.after, limit=filters.limit)
    hidden = access.hidden_case_ids(viewer_for(caller(request)), {r.assignment.case_id for r in rows})
    return {"items": [report_out(redact(r) if r.assignment.case_id in hidden else r) for r in rows], "next": nxt}


@router.post(
    "/assignments/{assignment_id}/progress-reports",
    response={201: s.ProgressReport, **s.ERRORS},
    summary="填報辦理情形",
    description="主協辦機關的聯絡人填報本期辦理情形與擬辦；同一期再次填報會更新該期的內容，前幾期的紀錄保留。",
)
def submit_report(request: HttpRequest, assignment_id: DbId, payload: s.ProgressReportIn) -> Status[dict[str, Any]]:
    user = caller(request)
    assignment = access.access_assignment(user, assignment_id, for_report=True)
    report = t.do_submit_report(user, assignment, text=payload.text, proposal=payload.proposal)
    return Status(201, report_out(report))


class DecisionFilter(Paging):
    case_id: DbId | None = None
    meeting_id: DbId | None = None


@router.get("/decisions", response={200: s.DecisionPage, **s.ERRORS}, summary="列管決定")
def list_decisions(request: HttpRequest, filters: Query[DecisionFilter]) -> dict[str, Any]:
    visible = access.visible_cases(caller(request)).values("pk")
    qs = CaseDecision.objects.filter(case__in=visible).select_related("case", "assignment__organisation")
    if filters.case_id is not None:
        qs = qs.filter(case_id=filters.case_id)
    if filters.meeting_id is not None:
        qs = qs.filter(meeting_id=filters.meeting_id)
    rows, nxt = paginate(qs, after=filters.after, limit=filters.limit)
    return {"items": [decision_out(d) for d in rows], "next": nxt}


@router.post(
    "/meetings/{meeting_id}/decisions",
    response={200: s.DecisionsOut, **s.ERRORS},
    summary="記錄列管決定",
    description="會議幕僚記錄本次會議對各案（或各案部分機關）解除列管或賡續列管的決定；標準文字會寫入會議紀錄。",
)
def record_decisions(request: HttpRequest, meeting_id: DbId, payload: s.DecisionsIn) -> dict[str, Any]:
    user = caller(request)
    meeting = access.access_decisions_meeting(user, meeting_id)
    decides = []
    for entry in payload.decisions:
        case = access.access_case(user, entry.case_id, for_write=True)
        organisations = tuple(get_object_or_404(Organisation, pk=pk) for pk in entry.organisation_ids)
        decides.append(t.Decide(case, entry.decision, organisations))
    rows = t.do_record_decisions(user, meeting, decides)
    meeting.refresh_from_db()
    report = getattr(meeting, "status_report", None)
    sentence = report.decision_conclusion.text if report and report.decision_conclusion else ""
    return {"sentence": sentence, "decisions": [decision_out(d) for d in rows]}
