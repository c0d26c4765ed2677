"""Progress reports (辦理情形): the agency's form, its files, the list of agencies that have not reported, and 寄送稽催."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Case, CharField, DateTimeField, Exists, F, Field, IntegerField, OuterRef, QuerySet, Value, When
from django.db.models.functions import Cast, Concat
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lieguan.core.downloads import stored_file
from lieguan.core.submission import once_per_submission
from lieguan.meetings.models import Meeting
from lieguan.organisations.access import access_organisation, viewer_for
from lieguan.organisations.models import Organisation, Role
from lieguan.tracking import access, actions, reminders
from lieguan.tracking.actions import reminding
from lieguan.tracking.cycles import GRACE, current_cycle, meeting_cycle, month_cycle
from lieguan.tracking.forms import ReportForm
from lieguan.tracking.models import Assignment, CaseDecision, CaseStatus, ProgressReport, TrackedCase
from lieguan.tracking.timeline import cycle_label
from lieguan.tracking.views._common import error_text
from lieguan.tracking.views.paging import window
from lieguan.tracking.views.queries import Missing


@login_required
@require_http_methods(["GET", "POST"])
@once_per_submission
def report(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """One agency writes what it did this cycle; writing again in the same cycle revises it."""
    assignment = access.access_assignment(request.user, assignment_id, for_report=True)
    # Reporting on a confidential case is for those who read it (機密／限閱): its agencies and its secretariat.
    case = access.access_case_text(request.user, assignment.case_id)
    cycle = current_cycle(case)
    current = ProgressReport.objects.filter(assignment=assignment, cycle=cycle.key).prefetch_related("attachments").first()
    earlier = [
        (r, cycle_label(r))
        for r in assignment.reports.exclude(cycle=cycle.key)
        .select_related("cycle_meeting", "submitted_by__person")
        .order_by("-submitted_at")
    ]
    initial = {"text": current.text, "proposal": current.proposal} if current else {}
    form = ReportForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_submit_report(
                request.user,
                assignment,
                text=data["text"],
                proposal=data["proposal"],
                files=[(f, f.name) for f in data["attachments"]],
            )
        except ValidationError as error:
            form.add_error("attachments" if data["attachments"] else None, error_text(error))
        else:
            done = _("已修正%(agency)s%(cycle)s的辦理情形。") if current else _("已填報%(agency)s%(cycle)s的辦理情形。")
            messages.success(request, done % {"agency": assignment.organisation.display_name, "cycle": cycle.label})
            return redirect("tracking:case", case.pk)
    context = {"form": form, "assignment": assignment, "case": case, "cycle": cycle, "current": current, "earlier": earlier}
    return render(request, "tracking/report_form.html", context)


@login_required
@require_GET
def attachment_download(request: HttpRequest, attachment_id: int) -> FileResponse:
    item = access.access_report_attachment(request.user, attachment_id)
    return stored_file(
        item.file, name=item.original_name, content_type=item.content_type, size=item.size, fallback=f"report-file-{item.pk}"
    )


def missing_assignments(
    cases: QuerySet[TrackedCase], *, organisations: frozenset[int] | None = None, now: dt.datetime | None = None
) -> QuerySet[Assignment]:
    """``queries.missing_reports`` in SQL: open assignments of open ``cases`` with no report for the case's cycle.

    Each is annotated with its cycle's meeting (``next_meeting_id``, ``next_meeting_start``; none: this month's
    cycle), found as ``cycles.current_cycles`` finds it, so that the page can be counted, sorted and sliced
    without loading every open case.
    """
    now = now or timezone.now()
    # The upcoming meetings and the decisions already taken at them are few, whatever the number of cases: the
    # next meeting of each case is worked out here and handed to SQL as constants, instead of a correlated
    # subquery per row (2.2 s of 2.6 s at 100,000 cases).
    upcoming: dict[int, list[tuple[int, dt.datetime]]] = {}
    for pk, series_id, start in (
        Meeting.objects.filter(cancelled=False, start__gte=now - GRACE).order_by("start", "pk").values_list("pk", "series_id", "start")
    ):
        upcoming.setdefault(series_id, []).append((pk, start))
    taken: dict[int, set[int]] = {}
    series_of: dict[int, int] = {}
    decided = CaseDecision.objects.filter(meeting__in=[pk for meetings in upcoming.values() for pk, _ in meetings])
    for case_id, meeting_id, series_id in decided.values_list("case_id", "meeting_id", "case__series_id"):
        taken.setdefault(case_id, set()).add(meeting_id)
        series_of[case_id] = series_id
    # Cases that decided at an upcoming meeting report to the one after it, or for the month when there is none.
    moved: dict[tuple[int, dt.datetime] | None, list[int]] = {}
    for case_id, meetings_taken in taken.items():
        after = next((m for m in upcoming.get(series_of[case_id], []) if m[0] not in meetings_taken), None)
        moved.setdefault(after, []).append(case_id)
    by_case = [When(case_id__in=ids, then=Value(m[0] if m else None)) for m, ids in moved.items()]
    by_series = [When(case__series_id=series_id, then=Value(meetings[0][0])) for series_id, meetings in upcoming.items()]
    start_by_case = [When(case_id__in=ids, then=Value(m[1] if m else None)) for m, ids in moved.items()]
    start_by_series = [When(case__series_id=series_id, then=Value(meetings[0][1])) for series_id, meetings in upcoming.items()]
    qs = Assignment.objects.filter(status=CaseStatus.OPEN, case__in=cases.filter(status=CaseStatus.OPEN).values("pk"))
    if organisations is not None:
        qs = qs.filter(organisation_id__in=organisations)
    qs = qs.annotate(
        next_meeting_id=_choose([*by_case, *by_series], IntegerField()),
        next_meeting_start=_choose([*start_by_case, *start_by_series], DateTimeField()),
    )
    meeting_key = Concat(Value("meeting:"), Cast("next_meeting_id", CharField()))
    cycle_key = Case(When(next_meeting_id__isnull=False, then=meeting_key), default=Value(month_cycle(now).key), output_field=CharField())
    reported = ProgressReport.objects.filter(assignment_id=OuterRef("pk"), cycle=OuterRef("cycle_key"))
    return qs.annotate(cycle_key=cycle_key).exclude(Exists(reported))


def _choose(whens: list[When], field: Field[Any, Any]) -> Case | Cast:
    # With no meeting ahead every row has none: a typed NULL, as PostgreSQL refuses a bare one in ORDER BY.
    return Case(*whens, default=Value(None), output_field=field) if whens else Cast(Value(None), field)


# As ``queries.missing_reports`` sorts: by the cycle's meeting (this month's, without one, last), then case number.
MISSING_ORDER = [
    F("next_meeting_start").asc(nulls_last=True),
    F("case__number_session").asc(nulls_last=True),
    F("case__number_prefix").asc(nulls_last=True),
    F("case__number_item").asc(nulls_last=True),
    F("case__number").asc(),
    F("case_id").asc(),
    F("pk").asc(),
]


@login_required
@require_GET
def missing(request: HttpRequest) -> HttpResponse:
    """Open assignments with no report for the current cycle: the secretariat's cases, or a liaison's own.

    Counted, sorted and paged in SQL, as the case list is: the page costs the same queries for any number of cases.
    """
    viewer = viewer_for(request.user)
    managed = access.managed_cases(request.user)
    now = timezone.now()
    if managed.exists():
        qs = missing_assignments(managed, now=now)
        own = False
    else:
        scope = viewer.scope(Role.LIAISON)
        qs = missing_assignments(access.visible_cases(request.user), organisations=scope or frozenset(), now=now)
        own = True
    placed = window(qs, request.GET.get("page"))
    page, keys = placed.page_of(qs.order_by(*MISSING_ORDER).values_list("pk", F("next_meeting_id")))
    found = Assignment.objects.select_related("case__series", "organisation").in_bulk([pk for pk, _ in keys])
    meetings = Meeting.objects.select_related("series").in_bulk({m for _, m in keys if m is not None})
    month = month_cycle(now)
    shown = {c.pk: c for c in access.shown_cases(request.user, {found[pk].case for pk, _ in keys})}
    rows = [Missing(shown[found[pk].case_id], found[pk], meeting_cycle(meetings[m]) if m is not None else month) for pk, m in keys]
    context = {
        "rows": rows,
        "own": own,
        "can_remind": access.may_send_reminders(viewer),
        "page": page,
        "total_label": placed.total_label("筆"),
    }
    return render(request, "tracking/missing_reports.html", context)


def _reminder_plan(request: HttpRequest, agency_id: str | None) -> tuple[reminders.Plan, Organisation | None]:
    """Today's reminders that ``request.user`` may send: of the cases they manage, about one agency or all."""
    viewer = viewer_for(request.user)
    access.require_may_send_reminders(viewer)
    # Not a number: no organisation has that id, so it is "not found" like any other unknown one.
    agency = access_organisation(request.user, int(agency_id) if agency_id.isdigit() else 0) if agency_id else None
    scope = reminders.within_agency(agency) if agency is not None else None
    plan = reminders.plan(timezone.localdate(), reminders.DEFAULT_WITHIN)
    return plan.limited(lambda item: access.manages_owner(viewer, item.owner_id), scope), agency


# The lists 寄送稽催 is offered from, by the name the preview carries in ``from``: a fixed set, so that
# the way back is never an address taken from the request.
ORIGINS = {
    "missing": ("tracking:missing_reports", "", gettext_lazy("本期未填報案件")),
    "overdue": ("tracking:case_list", "?due=overdue", gettext_lazy("逾期列管案件")),
}


def _origin(name: str | None) -> tuple[str, str, Any]:
    """The list the user came from (the missing-reports page unless it was the overdue list): key, address, label."""
    key = name if name in ORIGINS else "missing"
    view, query, label = ORIGINS[key]
    return key, reverse(view) + query, label


@login_required
@require_GET
def remind_preview(request: HttpRequest) -> HttpResponse:
    """寄送稽催, step one: who would get what today, before anything is sent."""
    plan, agency = _reminder_plan(request, request.GET.get("agency") or None)
    origin, back, back_label = _origin(request.GET.get("from"))
    context = {
        "plan": plan,
        "preview": plan.preview(),
        "agency": agency,
        "within": plan.within,
        "origin": origin,
        "back": back,
        "back_label": back_label,
    }
    return render(request, "tracking/remind_preview.html", context)


@login_required
@require_POST
@once_per_submission
def remind_send(request: HttpRequest) -> HttpResponse:
    """寄送稽催, step two: send what the preview showed; what was sent before is not sent again."""
    plan, agency = _reminder_plan(request, request.POST.get("agency") or None)
    outcome = reminding.send(plan, base_url=settings.LIEGUAN_BASE_URL, actor=request.user)
    messages.success(request, reminding.summary(plan, outcome, dry_run=False))
    for failure in outcome.failures:
        messages.warning(request, _("寄送失敗：%(failure)s（下次寄送時會重試）") % {"failure": failure})
    origin, _back, _label = _origin(request.POST.get("from"))
    query: dict[str, str] = {"agency": str(agency.pk)} if agency is not None else {}
    if origin != "missing":
        query["from"] = origin
    target = reverse("tracking:remind")
    return redirect(f"{target}?{urlencode(query)}" if query else target)
