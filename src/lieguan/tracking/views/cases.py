"""The case list, the case page with its whole history, and changing a case: edit, assignments, other sources, levels."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Case, DateField, Exists, F, IntegerField, OuterRef, Prefetch, QuerySet, Value, When
from django.db.models.expressions import OrderBy
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lieguan.core.submission import once_per_submission
from lieguan.meetings.models import MeetingSeries
from lieguan.organisations.access import viewer_for
from lieguan.organisations.models import Organisation
from lieguan.tracking import access, actions, details
from lieguan.tracking.cycles import current_cycle
from lieguan.tracking.details import Where
from lieguan.tracking.forms import SORTS, AssignmentForm, CaseCreateForm, CaseEditForm, CaseFilterForm, SpawnForm
from lieguan.tracking.models import Assignment, CaseSource, CaseStatus, ProgressReport, TrackedCase
from lieguan.tracking.timeline import case_timeline, cycle_label
from lieguan.tracking.views._common import error_text, query_with
from lieguan.tracking.views.incomplete import incomplete_count
from lieguan.tracking.views.paging import window
from lieguan.tracking.views.queries import days_overdue, due_soon, filter_cases


def _columns(request: HttpRequest, values: dict[str, Any]) -> list[dict[str, Any]]:
    """Sortable column headers: the link that sorts by each, and aria-sort on the one in force."""
    out = []
    for key, label in SORTS.items():
        current = values["sort"] == key
        order = "desc" if current and values["order"] == "asc" else "asc"
        aria = ("ascending" if values["order"] == "asc" else "descending") if current else ""
        out.append({"key": key, "label": label, "href": query_with(request, sort=key, order=order), "aria_sort": aria})
    return out


def _filter_choices(user: Any, visible: QuerySet[TrackedCase]) -> tuple[QuerySet[MeetingSeries], QuerySet[Organisation]]:
    """The series and agencies to filter by: those of the cases the user sees, each in one indexed query."""
    if viewer_for(user).reads_everything:
        # Every case is visible: ask the assignments' and cases' indexes rather than join the whole case table.
        series = MeetingSeries.objects.filter(Exists(TrackedCase.objects.filter(series=OuterRef("pk"))))
        agencies = Organisation.objects.filter(Exists(Assignment.objects.filter(organisation=OuterRef("pk"))))
    else:
        # A probe per series (a few dozen), each stopping at its first visible case.
        series = MeetingSeries.objects.filter(Exists(visible.filter(series=OuterRef("pk"))))
        agencies = Organisation.objects.filter(pk__in=Assignment.objects.filter(case__in=visible.values("pk")).values("organisation_id"))
    return series.select_related("owner"), agencies.select_related("parent")


def _number_key(descending: bool) -> list[OrderBy]:
    """Natural order of numbers (204-2 < 204-10 < 211-1, 10101 < 10101-1), as ``case_sort_key`` orders them."""
    parts = [F("number_session"), F("number_prefix"), F("number_item"), F("number"), F("pk")]
    # A part that is no number (null) comes after the numbers, as (1, text) after (0, n) in case_sort_key.
    return [p.desc(nulls_first=True) if descending else p.asc(nulls_last=True) for p in parts]


def _series_rank(series: list[MeetingSeries]) -> Case:
    """The series in the order of their full names, with the sources of cases without a series among them."""
    labels: list[tuple[str, dict[str, Any]]] = [(s.full_name, {"series_id": s.pk}) for s in series]
    labels += [(label, {"series__isnull": True, "source": value}) for value, label in CaseSource.choices]
    labels.sort(key=lambda entry: entry[0])
    whens = [When(then=Value(rank), **condition) for rank, (_, condition) in enumerate(labels)]
    return Case(*whens, default=Value(len(labels)), output_field=IntegerField())


def case_ordering(sort: str, order: str, today: dt.date, series: list[MeetingSeries]) -> list[OrderBy]:
    """The case list's sorts, in SQL: by number within the series, by deadline (none last), opening date, days overdue."""
    desc = order == "desc"
    if sort == "deadline":
        first = [F("deadline").desc(nulls_first=True) if desc else F("deadline").asc(nulls_last=True)]
    elif sort == "opened":
        first = [F("opened_on").desc() if desc else F("opened_on").asc()]
    elif sort == "overdue":
        # More days overdue is an earlier deadline; a case not overdue counts as due today (0 days).
        overdue = Case(When(status=CaseStatus.OPEN, deadline__lt=today, then=F("deadline")), default=Value(today), output_field=DateField())
        first = [overdue.asc() if desc else overdue.desc()]
    else:
        rank = _series_rank(series)
        first = [rank.desc() if desc else rank.asc()]
    return first + _number_key(desc)


@login_required
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    """Every case the user may see, filtered and sorted; a liaison sees only their agency's.

    Filtered, sorted, counted and paged in SQL: the page costs the same few
    queries whether there are a hundred cases or a million.
    """
    viewer = viewer_for(request.user)
    visible = access.visible_cases(request.user)
    series, agencies = _filter_choices(request.user, visible)
    series_list = list(series)
    # The form lists and checks the series found above by their ids, rather than ask the cases again.
    series = MeetingSeries.objects.filter(pk__in=[s.pk for s in series_list]).select_related("owner")
    form = CaseFilterForm(request.GET or None, series=series, agencies=agencies)
    values = form.values()
    today = timezone.localdate()
    qs = filter_cases(visible, values, today)
    placed = window(qs, request.GET.get("page"))
    ordering = case_ordering(values["sort"], values["order"], today, series_list)
    # The page's ids first, sorted on the case table alone (narrow rows, no joins), then those cases in full.
    page, ids = placed.page_of(qs.select_related(None).order_by(*ordering).values_list("pk", flat=True))
    full = TrackedCase.objects.select_related("owner", "series", "meeting").prefetch_related("assignments__organisation")
    full = access.with_confidentiality(full)
    found = full.in_bulk(ids)
    cases = access.shown_cases(request.user, [found[pk] for pk in ids])
    rows = [{"case": c, "overdue": days_overdue(c, today), "soon": due_soon(c, today)} for c in cases]
    context = {
        "form": form,
        "rows": rows,
        "page": page,
        "total": placed.total,
        "total_label": placed.total_label("案"),
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
            "may_remove": access.can_remove_assignment(viewer, a),
            "reported_now": any(r.cycle == cycle.key for r in a.reports.all()),
        }
        for a in assignments
    ]
    visible = access.visible_cases(request.user)
    today = timezone.localdate()
    # 機密／限閱: those not entitled see the case as 「機密案件」, without its reports or its history.
    hidden = not access.can_read_case_text(viewer, case)
    shown = access.redact_case(case) if hidden else case
    context = {
        "case": shown,
        # (label, value) of each detail the case has (tracking/details.py); withheld ones are empty when hidden.
        "details": details.worded(shown, Where.PAGE),
        "confidential": hidden or access.is_confidential_case(case),
        "hidden": hidden,
        "assignments": rows,
        "cycle": cycle,
        "cycles": [] if hidden else _reports_by_cycle(assignments),
        "timeline": [] if hidden else case_timeline(case),
        "parent": visible.filter(pk=case.parent_id).first() if case.parent_id else None,
        "children": list(visible.filter(parent=case).select_related("series", "owner")),
        "manages": manages,
        "may_spawn": access.can_spawn(request.user, case),
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
    access.require_create_cases(request.user)
    owners = access.managed_owners(request.user)
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
                deadline=data["deadline"],
                working_days=data["working_days"],
                opened_on=data["opened_on"],
                details=form.details(),
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("已建立列管案件 %(number)s。") % {"number": case.number})
            return redirect("tracking:case", case.pk)
    return render(request, "tracking/case_create.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access.access_case(request.user, case_id, for_write=True)
    initial = {"title": case.title, "text": case.text, "deadline": case.deadline, **details.values(case, Where.EDIT)}
    form = CaseEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_update_case(
                request.user,
                case,
                title=data["title"],
                text=data["text"],
                deadline=data["deadline"],
                working_days=data["working_days"],
                clear_deadline=data["clear_deadline"],
                details=form.details(),
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("已更新列管案件 %(number)s。") % {"number": case.number})
            return redirect("tracking:case", case.pk)
    return render(request, "tracking/case_edit.html", {"form": form, "case": case})


@login_required
@require_POST
def assignment_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access.access_case(request.user, case_id, for_write=True)
    form = AssignmentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("請選擇機關與角色。"))
    else:
        organisation, role = form.cleaned_data["organisation"], form.cleaned_data["role"]
        try:
            actions.do_add_assignment(request.user, case, organisation, role)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(
                request,
                _("已將%(agency)s列為%(role)s機關。") % {"agency": organisation.display_name, "role": _(Assignment.Role(role).label)},
            )
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
        messages.success(request, _("已移除%(name)s。") % {"name": name})
    return redirect(reverse("tracking:case", args=[case.pk]) + "#assignments")


@login_required
@require_http_methods(["GET", "POST"])
@once_per_submission
def spawn(request: HttpRequest, case_id: int) -> HttpResponse:
    """A bureau keeps tracking its part of a city-level case in its own series (局內列管)."""
    case = access.access_case_text(request.user, case_id)
    access.require_spawn(request.user, case)
    series = access.spawn_series(request.user, case)
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
                deadline=data["deadline"],
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(
                request, _("已建立機關列管案件 %(child)s，上級為府級列管案件 %(parent)s。") % {"child": child.number, "parent": case.number}
            )
            return redirect("tracking:case", child.pk)
    return render(request, "tracking/spawn.html", {"form": form, "case": case})
