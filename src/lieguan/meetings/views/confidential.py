"""Marking an agenda item confidential (機密／限閱) and naming who else may read it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lieguan.meetings import access, actions
from lieguan.meetings.forms import ConfidentialForm
from lieguan.meetings.models import AgendaItem
from lieguan.meetings.views.meeting import error_text
from lieguan.organisations.models import Person


def _people(item: AgendaItem) -> QuerySet[Person]:
    """Who can be named: the meeting's invitees, and whoever is named already."""
    meeting = item.section.meeting
    named = item.confidential_people.values("pk")
    people = Person.objects.filter(Q(invitations__meeting=meeting) | Q(pk__in=named)).select_related("organisation")
    return people.distinct().order_by("organisation__sort_order", "name")


@login_required
@require_http_methods(["GET", "POST"])
def item_confidential(request: HttpRequest, item_id: int) -> HttpResponse:
    item = access.access_item(request.user, item_id)
    access.require_mark_confidential(request.user, item)
    meeting = item.section.meeting
    initial = {
        "confidential": item.confidential,
        "people": list(item.confidential_people.all()),
        "organisations": list(item.confidential_organisations.all()),
    }
    form = ConfidentialForm(request.POST or None, initial=initial, people=_people(item))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_mark_confidential(
                request.user, item, confidential=data["confidential"], people=data["people"], organisations=data["organisations"]
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            done = _("案件%(label)s已設為機密案件。") if data["confidential"] else _("案件%(label)s已取消機密設定。")
            messages.success(request, done % {"label": item.label})
            return redirect(reverse("meetings:meeting", args=[meeting.pk]) + f"#item-{item.pk}")
    context = {"form": form, "item": item, "meeting": meeting, "series": meeting.series}
    return render(request, "meetings/item_confidential.html", context, status=400 if form.errors else 200)
