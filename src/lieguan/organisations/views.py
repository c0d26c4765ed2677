"""The directory's pages: successions (機關改制: propose, preview, confirm or withdraw) and stand-ins (職務代理人)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lieguan.core.models import AuditEntry
from lieguan.core.submission import once_per_submission
from lieguan.organisations import actions
from lieguan.organisations.access import (
    access_stand_in,
    access_succession,
    appointable_people,
    require_admin,
    viewer_for,
    visible_stand_ins,
)
from lieguan.organisations.forms import StandInForm, SuccessionForm
from lieguan.organisations.models import Organisation, Person, Succession
from lieguan.organisations.succession import preview


def _errors(error: ValidationError) -> str:
    return "；".join(error.messages)


@login_required
@require_http_methods(["GET", "POST"])
@once_per_submission
def succession_new(request: HttpRequest) -> HttpResponse:
    require_admin(request.user)
    form = SuccessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            succession = actions.do_propose_succession(
                request.user,
                kind=data["kind"],
                organisation=data["organisation"],
                effective=data["effective"],
                successors=list(data["successors"]),
                new_parent=data["new_parent"],
                new_name=data["new_name"],
                new_short_name=data["new_short_name"],
            )
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            return redirect("organisations:succession", succession.pk)
    proposals = Succession.objects.select_related("organisation").order_by("-created")[:20]
    return render(request, "organisations/succession_form.html", {"form": form, "proposals": proposals})


@login_required
@require_http_methods(["GET"])
def succession_detail(request: HttpRequest, succession_id: int) -> HttpResponse:
    """The preview: where each open case goes; for a split, a choice per case."""
    succession = access_succession(request.user, succession_id)
    shown = preview(succession) if succession.status == Succession.Status.PROPOSED else None
    moved = []
    if succession.status == Succession.Status.CONFIRMED:
        entries = AuditEntry.objects.filter(action="case.succession", after__succession_id=succession.pk).order_by("seq")
        names: dict[Any, str] = {o.pk: o.display_name for o in Organisation.objects.all()}
        moved = [
            {"case_id": after.get("case_id"), "number": after.get("number", ""), "to": names.get(after.get("organisation_id"), "")}
            for after in (e.after or {} for e in entries)
        ]
    context = {
        "succession": succession,
        "preview": shown,
        "successors": list(succession.successors.all()),
        "split": succession.kind == Succession.Kind.SPLIT,
        "moved": moved,
    }
    return render(request, "organisations/succession_detail.html", context)


@login_required
@require_POST
@once_per_submission
def succession_confirm(request: HttpRequest, succession_id: int) -> HttpResponse:
    succession = access_succession(request.user, succession_id, for_write=True)
    choices: dict[str, int] = {}
    if succession.status == Succession.Status.PROPOSED:
        for row in preview(succession).rows:
            value = request.POST.get(row.work.key, "")
            if value.isdigit():
                choices[row.work.key] = int(value)
    try:
        actions.do_confirm_succession(request.user, succession, choices=choices)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("已確認%(succession)s。") % {"succession": succession})
    return redirect("organisations:succession", succession.pk)


@login_required
@require_POST
@once_per_submission
def succession_withdraw(request: HttpRequest, succession_id: int) -> HttpResponse:
    succession = access_succession(request.user, succession_id, for_write=True)
    try:
        actions.do_withdraw_succession(request.user, succession)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("已撤回%(succession)s，機關與案件均未變動。") % {"succession": succession})
    return redirect("organisations:succession", succession.pk)


@login_required
@require_http_methods(["GET", "POST"])
@once_per_submission
def stand_ins(request: HttpRequest) -> HttpResponse:
    """職務代理人: name your stand-in for a date range (or, as the agency's administrator, appoint one)."""
    viewer = viewer_for(request.user)
    people = appointable_people(request.user)
    own = Person.objects.filter(pk=viewer.person_id).first() if viewer.person_id is not None else None
    organisations = Organisation.objects.filter(active=True).exclude(kind=Organisation.Kind.CITY).order_by("sort_order", "code")
    initial = {"person": own, "organisation": own.organisation if own else None}
    form = StandInForm(request.POST or None, people=people, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_appoint_stand_in(
                request.user,
                person=data["person"],
                stand_in=data["stand_in"],
                organisation=data["organisation"],
                start=data["start"],
                end=data["end"],
            )
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            messages.success(
                request, _("已指定%(stand_in)s為%(person)s的職務代理人。") % {"stand_in": data["stand_in"], "person": data["person"]}
            )
            return redirect("organisations:stand_ins")
    context = {"form": form, "appointments": visible_stand_ins(request.user), "today": timezone.localdate(), "can_appoint": people.exists()}
    return render(request, "organisations/stand_ins.html", context)


@login_required
@require_POST
def stand_in_end(request: HttpRequest, stand_in_id: int) -> HttpResponse:
    """The person is back: the stand-in ends yesterday (a future one is withdrawn)."""
    appointment = access_stand_in(request.user, stand_in_id)
    actions.do_end_stand_in(request.user, appointment, last_day=timezone.localdate() - dt.timedelta(days=1))
    messages.success(request, _("已結束%(appointment)s。") % {"appointment": appointment})
    return redirect("organisations:stand_ins")
