"""選項列管: every conclusion of a meeting's minutes, each put under tracking with one small prefilled form."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lieguan.core.submission import once_per_submission
from lieguan.meetings.document import load_tree
from lieguan.meetings.models import Conclusion
from lieguan.organisations.access import viewer_for
from lieguan.tracking import access, actions
from lieguan.tracking.actions.cases import meeting_of_conclusion
from lieguan.tracking.forms import SelectCaseForm
from lieguan.tracking.models import TrackedCase
from lieguan.tracking.views._common import error_text


@dataclass
class ConclusionRow:
    conclusion: Conclusion
    where: str
    title: str
    cases: list[TrackedCase] = field(default_factory=list)


def _rows(meeting_id: int, tree: list) -> list[ConclusionRow]:  # type: ignore[type-arg]
    cases: dict[int, list[TrackedCase]] = {}
    for case in TrackedCase.objects.filter(conclusion__isnull=False, meeting_id=meeting_id).order_by("number"):
        cases.setdefault(case.conclusion_id or 0, []).append(case)
    rows: list[ConclusionRow] = []
    for section in tree:
        for item in section.items.all():
            for c in item.conclusions.all():
                where = f"{section.label}、{section.heading} {item.label}、"
                rows.append(ConclusionRow(c, where, item.title, cases.get(c.pk, [])))
        for c in section.conclusions.all():
            rows.append(ConclusionRow(c, f"{section.label}、{section.heading}", "", cases.get(c.pk, [])))
    return rows


@login_required
@require_GET
def select_meeting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The conclusions of one meeting's minutes, with a 列管 action for each."""
    meeting = access.access_tracking_meeting(request.user, meeting_id, for_write=True)
    rows = _rows(meeting.pk, load_tree(meeting, viewer_for(request.user)))
    context = {"meeting": meeting, "series": meeting.series, "rows": rows}
    return render(request, "tracking/select_meeting.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@once_per_submission
def select(request: HttpRequest, conclusion_id: int) -> HttpResponse:
    """Put one conclusion under tracking: the suggestion prefilled, the secretariat confirms or corrects."""
    conclusion = access.access_conclusion(request.user, conclusion_id)
    meeting = meeting_of_conclusion(conclusion)
    suggestion = actions.suggest_case(conclusion)
    initial = {
        "number": suggestion.number,
        "title": suggestion.title,
        "lead": suggestion.lead,
        "co": suggestion.co,
        "deadline": suggestion.deadline,
    }
    form = SelectCaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # The conclusion's own words for the deadline stay beside it only if the date is the one they gave.
        basis = suggestion.deadline_basis if data["deadline"] and data["deadline"] == suggestion.deadline else ""
        try:
            case = actions.do_select_case(
                request.user,
                conclusion,
                lead=data["lead"],
                co=data["co"],
                deadline=data["deadline"],
                working_days=data["working_days"],
                number=data["number"],
                title=data["title"],
                deadline_basis=basis,
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            link = reverse("tracking:case", args=[case.pk])
            messages.success(
                request, _("已列管 %(number)s（主辦：%(lead)s）。") % {"number": case.number, "lead": data["lead"].display_name}
            )
            if request.POST.get("then") == "case":
                return redirect(link)
            return redirect(reverse("tracking:select_meeting", args=[meeting.pk]) + f"#conclusion-{conclusion.pk}")
    context = {
        "form": form,
        "conclusion": conclusion,
        "meeting": meeting,
        "series": meeting.series,
        "suggestion": suggestion,
        "existing": list(conclusion.cases.all()),
    }
    return render(request, "tracking/select_form.html", context)
