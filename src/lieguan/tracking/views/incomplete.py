"""Cases known only from a decision (僅見於決議，待補資料): the secretariat's list, and the one form that completes a case."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from lieguan.tracking import access, actions
from lieguan.tracking.forms import AgenciesField, AgencyField, DeadlineFields
from lieguan.tracking.models import CaseDecision
from lieguan.tracking.views._common import error_text

INCOMPLETE_LABEL = gettext_lazy("僅見於決議，待補資料")


class CompleteCaseForm(DeadlineFields):
    title = forms.CharField(label=gettext_lazy("案由"), max_length=300)
    text = forms.CharField(label=gettext_lazy("列管事項"), widget=forms.Textarea(attrs={"rows": 4, "data-record": True}))
    lead = AgencyField(label=gettext_lazy("主辦機關"))
    co = AgenciesField(label=gettext_lazy("協辦機關"))

    field_order = ["title", "text", "lead", "co", "deadline", "working_days"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        lead = data.get("lead")
        data["co"] = [o for o in data.get("co") or [] if o != lead]
        return data


def _require_manager(request: HttpRequest) -> None:
    access.require_complete_cases(request.user)


@login_required
@require_GET
def incomplete_list(request: HttpRequest) -> HttpResponse:
    """The cases the user manages that are known only from a decision, oldest first, each with what the minutes decided."""
    _require_manager(request)
    decisions = CaseDecision.objects.select_related("meeting", "assignment__organisation").order_by("decided_on", "id")
    cases = (
        access.managed_cases(request.user)
        .filter(incomplete=True)
        .select_related("series__owner")
        .prefetch_related("assignments__organisation", Prefetch("decisions", queryset=decisions))
        .order_by("series__name", "opened_on", "number")
    )
    return render(request, "tracking/incomplete_list.html", {"cases": list(cases), "label": INCOMPLETE_LABEL})


@login_required
@require_http_methods(["GET", "POST"])
def case_complete(request: HttpRequest, case_id: int) -> HttpResponse:
    """Fill in title, text, lead, co agencies and deadline of an incomplete case in one form."""
    case = access.access_case(request.user, case_id, for_write=True)
    if not case.incomplete:
        messages.info(request, _("列管編號 %(number)s 的資料已完整。") % {"number": case.number})
        return redirect("tracking:case", case.pk)
    lead = case.lead
    initial = {
        "title": "" if case.title == f"列管編號 {case.number}" else case.title,
        "lead": lead.organisation if lead else None,
        "co": [a.organisation for a in case.assignments.all() if a.role != "lead"],
    }
    form = CompleteCaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_complete_case(
                request.user,
                case,
                title=data["title"],
                text=data["text"],
                lead=data["lead"],
                co=data["co"],
                deadline=data["deadline"],
                working_days=data["working_days"],
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("已補登列管編號 %(number)s 的資料。") % {"number": case.number})
            return redirect("tracking:case", case.pk)
    decided = case.decisions.select_related("meeting", "assignment__organisation").order_by("decided_on", "id")
    return render(request, "tracking/case_complete.html", {"form": form, "case": case, "decided": decided, "label": INCOMPLETE_LABEL})


def incomplete_count(user: Any) -> int:
    """How many cases ``user`` manages still wait to be completed (for the link on the case list)."""
    return access.managed_cases(user).filter(incomplete=True).count()
