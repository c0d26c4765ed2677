"""The case list, the case page with its whole history, and changing a case: edit, assignments, other sources, levels."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lieguan.core.submission import once_per_submission
from lieguan.meetings.models import MeetingSeries
from lieguan.organisations.access import viewer_for
from lieguan.organisations.models import Organisation
from lieguan.tracking import access, actions
from lieguan.tracking.cycles import current_cycle
from lieguan.tracking.forms import SORTS, AssignmentForm, CaseCreateForm, CaseEditForm, CaseFilterForm, SpawnForm
from lieguan.tracking.models import Assignment, CaseStatus, ProgressReport, TrackedCase
from lieguan.tracking.views._common import error_text, query_with
from lieguan.tracking.views.history import case_timeline, cycle_label
from lieguan.tracking.views.incomplete import incomplete_count
from lieguan.tracking.views.queries import days_overdue, due_soon, filter_cases, sort_cases

PAGE_SIZE = 50


def _columns(request: HttpRequest, values: dict[str, Any]) -> list[dict[str, str]]:
    """Sortable column headers: the link that sorts by each, and aria-sort on the one in force."""
    out = []
    for key, label in SORTS.items():
        current = values["sort"] == key
        order = "desc" if current and values["order"] == "asc" else "asc"
        aria = ("ascending" if values["order"] == "asc" else "descending") if current else ""
        out.append({"key": key, "label": label, "href": query_with(request, sort=key, order=order), "aria_sort": aria})
    return out


@login_required
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    """Every case the user may see, filtered and sorted; a liaison sees only their agency's."""
    viewer = viewer_for(request.user)
    visible = access.visible_cases(request.user)
    form = CaseFilterForm(
        request.GET or None,
        series=MeetingSeries.objects.filter(pk__in=visible.values("series_id")).select_related("owner"),
        agencies=Organisation.objects.filter(assignments__case__in=visible).distinct().select_related("parent"),
    )
    values = form.values()
    today = timezone.localdate()
    qs = filter_cases(visible, values, today).prefetch_related("assignments__organisation")
    cases = sort_cases(list(qs), values["sort"], values["order"], today)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"case": c, "overdue": days_overdue(c, today), "soon": due_soon(c, today)} for c in page.object_list]
    context = {
        "form": form,
        "rows": rows,
        "page": page,
        "total": len(cases),
        "columns": {c["key"]: c for c in _columns(request, values)},
        "page_query": query_with(request),
        "may_create": access.managed_owners(request.user).exists(),
        "is_admin": viewer.is_admin,
        # The overdue list is where 寄送稽催 is offered besides the missing-reports page.
        "can_remind": values["due"] == "overdue" and access.may_send_reminders(viewer),
        "agency": values["agency"],
    }
    context["incomplete"] = incomplete_count(request.user) if context["may_create"] else 0
    return render(request, "tracking/case_list.html", context)


def _reports_by_cycle(assignments: list[Assignment]) -> list[dict[str, Any]]:
    """Every report of the case, one group per cycle, newest cycle first."""
    groups: dict[str, dict[str, Any]] = {}
    rows: dict[str, list[tuple[Assignment, ProgressReport]]] = defaultdict(list)
    for a in assignments:
        for r in a.reports.all():
            rows[r.cycle].append((a, r))
            if r.cycle not in groups:
                start = r.cycle_meeting.start if r.cycle_meeting else r.submitted_at
                groups[r.cycle] = {"key": r.cycle, "label": cycle_label(r), "start": start}
    ordered = sorted(groups.values(), key=lambda g: g["start"], reverse=True)
    for g in ordered:
        g["rows"] = rows[g["key"]]
    return ordered


@login_required
@require_GET
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access.access_case(request.user, case_id)
    viewer = viewer_for(request.user)
    manages = access.manages_case(viewer, case)
    reports = ProgressReport.objects.select_related("cycle_meeting", "submitted_by__person").prefetch_related("attachments")
    assignments = list(
        case.assignments.select_related("organisation", "organisation__parent").prefetch_related(
            Prefetch("reports", queryset=reports.order_by("-submitted_at")), "decisions"
        )
    )
    cycle = current_cycle(case)
    rows = [
        {
            "a": a,
            "may_report": access.can_report(viewer, a),
            "may_remove": manages and not a.reports.all() and not a.decisions.all(),
            "reported_now": any(r.cycle == cycle.key for r in a.reports.all()),
        }
        for a in assignments
    ]
    visible = access.visible_cases(request.user)
    today = timezone.localdate()
    context = {
        "case": case,
        "assignments": rows,
        "cycle": cycle,
        "cycles": _reports_by_cycle(assignments),
        "timeline": case_timeline(case),
        "parent": visible.filter(pk=case.parent_id).first() if case.parent_id else None,
        "children": list(visible.filter(parent=case).select_related("series", "owner")),
        "manages": manages,
        "may_spawn": access.spawn_series(request.user, case).exists(),
        "assignment_form": AssignmentForm(auto_id="add_%s") if manages else None,
        "overdue": days_overdue(case, today),
        "soon": due_soon(case, today),
    }
    return render(request, "tracking/case_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@once_per_submission
def case_create(request: HttpRequest) -> HttpResponse:
    """A case from another source: 市長承諾案件, 議員索資, 人民陳情."""
    owners = access.managed_owners(request.user)
    if not owners.exists():
        raise PermissionDenied("只有會議幕僚或研考人員可以建立列管案件。")
    own_organisation = getattr(getattr(request.user, "person", None), "organisation_id", None)
    mine = owners.filter(pk=own_organisation).first() if own_organisation else None
    form = CaseCreateForm(request.POST or None, owners=owners, initial={"owner": mine or owners.first(), "source": "petition"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = actions.do_create_case(
                request.user,
                source=data["source"],
                owner=data["owner"],
                title=data["title"],
                text=data["text"],
                lead=data["lead"],
                co=data["co"],
                number=data["number"],
                source_reference=data["source_reference"],
                deadline=data["deadline"],
                working_days=data["working_days"],
                opened_on=data["opened_on"],
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, f"已建立列管案件 {case.number}。")
            return redirect("tracking:case", case.pk)
    return render(request, "tracking/case_create.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access.access_case(request.user, case_id, for_write=True)
    form = CaseEditForm(request.POST or None, initial={"title": case.title, "text": case.text, "deadline": case.deadline})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # An unchanged date keeps how it was set (10 月底前).
        deadline = data["deadline"] if data["deadline"] != case.deadline else None
        try:
            actions.do_update_case(
                request.user,
                case,
                title=data["title"],
                text=data["text"],
                deadline=deadline,
                working_days=data["working_days"],
                clear_deadline=data["clear_deadline"],
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, f"已更新列管案件 {case.number}。")
            return redirect("tracking:case", case.pk)
    return render(request, "tracking/case_edit.html", {"form": form, "case": case})


@login_required
@require_POST
def assignment_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access.access_case(request.user, case_id, for_write=True)
    form = AssignmentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "請選擇機關與角色。")
    else:
        organisation, role = form.cleaned_data["organisation"], form.cleaned_data["role"]
        try:
            actions.do_add_assignment(request.user, case, organisation, role)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, f"已將{organisation.display_name}列為{Assignment.Role(role).label}機關。")
    return redirect(reverse("tracking:case", args=[case.pk]) + "#assignments")


@login_required
@require_POST
def assignment_remove(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = access.access_assignment(request.user, assignment_id)
    case = access.access_case(request.user, assignment.case_id, for_write=True)
    name = assignment.organisation.display_name
    try:
        actions.do_remove_assignment(request.user, assignment)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, f"已移除{name}。")
    return redirect(reverse("tracking:case", args=[case.pk]) + "#assignments")


@login_required
@require_http_methods(["GET", "POST"])
def spawn(request: HttpRequest, case_id: int) -> HttpResponse:
    """A bureau keeps tracking its part of a city-level case in its own series (局內列管)."""
    case = access.access_case(request.user, case_id)
    series = access.spawn_series(request.user, case)
    if not series.exists():
        if case.level != TrackedCase.Level.CITY or case.status != CaseStatus.OPEN:
            raise PermissionDenied("只有列管中的府級案件可以轉為機關列管。")
        raise PermissionDenied("只有主協辦機關的會議幕僚可以將府級列管案件轉為機關列管。")
    upcoming = (
        series.first().meetings.filter(cancelled=False, start__gte=timezone.now()).order_by("start").first()  # type: ignore[union-attr]
    )
    owner_ids = set(series.values_list("owner_id", flat=True))
    lead = next((a.organisation for a in case.assignments.all() if a.organisation_id in owner_ids), None)
    form = SpawnForm(request.POST or None, series=series, initial={"meeting": upcoming, "lead": lead, "deadline": case.deadline})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            child = actions.do_spawn_child_case(
                request.user,
                case,
                data["meeting"],
                lead=data["lead"],
                co=data["co"],
                number=data["number"],
                deadline=data["deadline"] if data["deadline"] != case.deadline else None,
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, f"已建立機關列管案件 {child.number}，上級為府級列管案件 {case.number}。")
            return redirect("tracking:case", child.pk)
    return render(request, "tracking/spawn.html", {"form": form, "case": case})
