"""Confirming the previous minutes at the next meeting (宣讀上次會議紀錄): as they are, or with amendments."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from lieguan.meetings import access
from lieguan.meetings.actions.minutes import conclusion_heading_of
from lieguan.meetings.document import load_tree
from lieguan.meetings.models import AgendaSection, Meeting, MinutesRevision
from lieguan.meetings.views.minutes_forms import AmendmentFormSet
from lieguan.organisations.access import viewer_for

PREFIX = "amend"


def previous_conclusions(previous: Meeting) -> list[dict[str, Any]]:
    """Every conclusion of the previous minutes, in document order, named as the minutes name them."""
    out = []
    for section in load_tree(previous):
        for c in section.conclusions.all():
            out.append({"pk": c.pk, "where": f"{section.heading}{f'（{c.label}）' if c.label else ''}", "text": c.text})
        for item in section.items.all():
            heading = conclusion_heading_of(item)
            for c in item.conclusions.all():
                where = f"{section.heading}{item.label}{heading}{f'（{c.label}）' if c.label else ''}"
                out.append({"pk": c.pk, "where": where, "text": c.text})
    return out


def choices_of(conclusions: list[dict[str, Any]]) -> list[tuple[int, str]]:
    return [(c["pk"], c["where"]) for c in conclusions]


def amendment_formset(previous: Meeting, data: Any = None, rows: int = 1) -> Any:
    """Bound to ``data``, or ``rows`` empty amendments (keeping what was typed in the rows before)."""
    choices = choices_of(previous_conclusions(previous))
    if data is not None:
        return AmendmentFormSet(data, prefix=PREFIX, form_kwargs={"choices": choices})
    return AmendmentFormSet(prefix=PREFIX, initial=[{}] * rows, form_kwargs={"choices": choices})


def more_rows(previous: Meeting, data: Any) -> Any:
    """The amendments typed so far and one empty row more, unvalidated."""
    try:
        count = min(int(data.get(f"{PREFIX}-TOTAL_FORMS", 1)), 19)
    except ValueError:
        count = 1
    initial = [
        {"conclusion": data.get(f"{PREFIX}-{n}-conclusion") or None, "new_text": data.get(f"{PREFIX}-{n}-new_text", "")}
        for n in range(count)
    ]
    choices = choices_of(previous_conclusions(previous))
    return AmendmentFormSet(prefix=PREFIX, initial=[*initial, {}], form_kwargs={"choices": choices})


def confirm_context(request: HttpRequest, meeting: Meeting, amendments: Any = None) -> dict[str, Any]:
    """What the 宣讀上次會議紀錄 section of the editor shows about the previous minutes."""
    section = meeting.sections.filter(kind=AgendaSection.Kind.PREVIOUS_MINUTES).order_by("position").first()
    previous = meeting.previous
    if section is None or previous is None:
        return {"confirm": None}
    runs = access.runs_series(viewer_for(request.user), meeting.series)
    can_confirm = runs and previous.minutes_state == Meeting.MinutesState.PUBLISHED
    decided = (
        previous.revisions.filter(decided_at_meeting=meeting).exclude(reason=MinutesRevision.Reason.PUBLISHED).order_by("-number").first()
    )
    conclusions = previous_conclusions(previous) if can_confirm else []
    return {
        "confirm": {
            "section_id": section.pk,
            "previous": previous,
            "can_confirm": can_confirm,
            "runs": runs,
            "decided": decided,
            "conclusions": conclusions,
            "formset": amendments if amendments is not None else (amendment_formset(previous) if can_confirm else None),
        }
    }
