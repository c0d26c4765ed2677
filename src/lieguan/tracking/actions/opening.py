"""The one function that creates a tracked case: its row, its agencies, its audit record.

Every way a case comes to be goes through ``open_case``: put under tracking
from a conclusion (``case.select``), created from another source
(``case.create``), kept by a bureau from a city-level case (``case.spawn``),
rebuilt from imported minutes (``case.rebuild``). The callers check
permission and validate their own input; the invariants every case shares are
checked here once: the number is free in its series or source, the deadline is
not before the case opens, and each agency is assigned once with at most one
lead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.core.actors import Actor
from lieguan.core.audit_events import Event
from lieguan.core.dates import long_date
from lieguan.meetings.models import Conclusion, Meeting, MeetingSeries
from lieguan.organisations.models import Organisation
from lieguan.tracking import notifying
from lieguan.tracking.audit_events import CASE_ASSIGN, CASE_CREATE, CASE_REBUILD, CASE_SELECT, CASE_SPAWN
from lieguan.tracking.models import Assignment, TrackedCase
from lieguan.tracking.signals import case_changed, send_after_commit

HOW = (CASE_SELECT, CASE_CREATE, CASE_SPAWN, CASE_REBUILD)


def require_deadline_not_before(deadline: dt.date | None, opened_on: dt.date) -> None:
    """A case cannot be due before it opens: it would be born overdue (列管期限 115/1/1 for a case opened 115/12/7)."""
    if deadline is not None and deadline < opened_on:
        raise ValidationError(
            _("列管期限 %(deadline)s 早於本案列管日 %(opened)s，請確認期限（年度是否有誤）。")
            % {"deadline": long_date(deadline), "opened": long_date(opened_on)}
        )


def assign_agencies(actor: Actor, case: TrackedCase, lead: Organisation | None, co: list[Organisation]) -> list[Assignment]:
    out: list[Assignment] = []
    seen: set[int] = {a.organisation_id for a in case.assignments.all()}
    has_lead = case.assignments.filter(role=Assignment.Role.LEAD).exists()
    for org, role in [*([(lead, Assignment.Role.LEAD)] if lead else []), *((o, Assignment.Role.CO) for o in co)]:
        if org.pk in seen:
            continue
        if role == Assignment.Role.LEAD and has_lead:
            role = Assignment.Role.CO
        seen.add(org.pk)
        has_lead = has_lead or role == Assignment.Role.LEAD
        a = Assignment.objects.create(case=case, organisation=org, role=role)
        audit.record(actor=actor, action=CASE_ASSIGN, target=a, after=audit.snapshot(a))
        notifying.case_assigned(actor, a)
        out.append(a)
    return out


def open_case(
    actor: Actor,
    *,
    how: Event,
    number: str,
    source: str,
    owner: Organisation,
    level: str,
    title: str,
    text: str,
    opened_on: dt.date,
    lead: Organisation | None = None,
    co: list[Organisation] | None = None,
    series: MeetingSeries | None = None,
    meeting: Meeting | None = None,
    conclusion: Conclusion | None = None,
    parent: TrackedCase | None = None,
    deadline: dt.date | None = None,
    deadline_basis: str = "",
    details: Mapping[str, Any] | None = None,
    imported: bool = False,
    incomplete: bool = False,
    check_deadline: bool = True,
) -> TrackedCase:
    """Create a case inside the caller's transaction (callers hold ``transaction.atomic()``).

    ``details`` are the case's descriptive details (``tracking/details.py``), already checked by ``details.cleaned``.
    """
    if how not in HOW:
        raise ValueError(f"unknown way of opening a case: {how}")
    number = number.strip()
    if not number:
        raise ValidationError(_("列管編號不可空白。"))
    taken = (
        TrackedCase.objects.filter(series=series) if series is not None else TrackedCase.objects.filter(source=source, series__isnull=True)
    )
    if taken.filter(number=number).exists():
        raise ValidationError(_("列管編號 %(number)s 已被使用。") % {"number": number})
    if check_deadline:
        require_deadline_not_before(deadline, opened_on)
    case = TrackedCase.objects.create(
        number=number,
        source=source,
        series=series,
        meeting=meeting,
        conclusion=conclusion,
        owner=owner,
        level=level,
        parent=parent,
        title=title.strip()[:300],
        text=text,
        deadline=deadline,
        deadline_basis=deadline_basis[:100] if deadline is not None else "",
        opened_on=opened_on,
        imported=imported,
        incomplete=incomplete,
        **(details or {}),
    )
    audit.record(actor=actor, action=how, target=case, after=audit.snapshot(case))
    assign_agencies(actor, case, lead, co or [])
    send_after_commit(case_changed, case.pk)
    return case
