"""Who may see and change tracked cases.

- administrators, tracking officers (研考) and chairs read every case; administrators
  and tracking officers manage every case, including cases from other sources;
- the secretariat of a series manages the cases of its series (select, assign,
  decide), i.e. cases whose owner is a body it serves;
- a liaison reads the cases assigned to their agency or its units, and reports
  on those assignments while they are open; nothing else;
- the secretariat of an agency reads the cases assigned to it, and may keep
  tracking a city-level one in its own series (a bureau-level child case).
Cases a user may not see are "not found", so numbers and ids cannot be probed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case as DbCase
from django.db.models import F, Q, QuerySet, When
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lieguan.core.actors import lets_system_through
from lieguan.meetings import access as meetings_access
from lieguan.meetings.confidential import redact, register_case_agencies
from lieguan.meetings.models import Conclusion, Meeting, MeetingSeries
from lieguan.organisations.access import Viewer, viewer_for
from lieguan.organisations.models import Organisation, Role
from lieguan.tracking.models import Assignment, CaseStatus, ProgressReport, ReportAttachment, TrackedCase

# Who reads the cases assigned to their agency and its units: its liaison, and its head and deputy, to whom
# overdue cases escalate (only the liaison reports).
AGENCY_READERS = (Role.LIAISON, Role.HEAD, Role.DEPUTY)


def manages_all(viewer: Viewer) -> bool:
    return viewer.is_admin or Role.TRACKING_OFFICER in viewer.grants


def manages_case(viewer: Viewer, case: TrackedCase) -> bool:
    return manages_all(viewer) or viewer.covers(Role.SECRETARIAT, case.owner_id)


def manages_owner(viewer: Viewer, owner_id: int) -> bool:
    return manages_all(viewer) or viewer.covers(Role.SECRETARIAT, owner_id)


def may_edit_escalation_rules(viewer: Viewer) -> bool:
    """The escalation rules are the city's: any secretariat, the tracking officers and administrators edit them."""
    return manages_all(viewer) or viewer.has(Role.SECRETARIAT)


@lets_system_through
def require_edit_escalation_rules(user: Any) -> None:
    if not may_edit_escalation_rules(viewer_for(user)):
        raise PermissionDenied(_("只有會議幕僚、研考人員或系統管理者可以修改稽催分級規則。"))


@lets_system_through
def require_manage_owner(user: Any, owner: Organisation) -> None:
    """Creating or changing cases for ``owner``'s series: its secretariat and those who manage every case."""
    if not manages_owner(viewer_for(user), owner.pk):
        raise PermissionDenied(_("只有列管單位可以建立或修改列管案件。"))


@lets_system_through
def require_manage_case(user: Any, case: TrackedCase) -> None:
    if not manages_case(viewer_for(user), case):
        raise PermissionDenied(_("只有此案的列管單位可以修改列管案件。"))


@lets_system_through
def require_complete_case(user: Any, case: TrackedCase) -> None:
    """補登: completing a case known only from a decision."""
    if not manages_case(viewer_for(user), case):
        raise PermissionDenied(_("只有此案的列管單位可以補登列管案件的資料。"))


@lets_system_through
def require_decide_case(user: Any, case: TrackedCase) -> None:
    """Recording a decision on ``case`` (after ``access_record_case_decisions`` for the meeting)."""
    if not manages_case(viewer_for(user), case):
        raise PermissionDenied(_("您不是 %(number)s 的列管單位。") % {"number": case.number})


@lets_system_through
def require_rebuild_meeting(user: Any, meeting: Meeting) -> None:
    """Making the cases of an imported meeting from its minutes."""
    if not manages_owner(viewer_for(user), meeting.series.owner_id):
        raise PermissionDenied(_("只有此會議的列管單位可以由會議紀錄建立列管案件。"))


@lets_system_through
def require_remind_owners(user: Any, owner_ids: Iterable[int]) -> None:
    """Sending a digest: only about cases of series the sender manages."""
    viewer = viewer_for(user)
    if not all(manages_owner(viewer, owner_id) for owner_id in owner_ids):
        raise PermissionDenied(_("只能寄送您所管理案件的稽催。"))


def may_send_reminders(viewer: Viewer, organisation_id: int | None = None) -> bool:
    """Reminders are sent from the web by whoever manages tracking: administrators, 研考, a secretariat."""
    return manages_all(viewer) or viewer.has(Role.SECRETARIAT)


WHO_SENDS_REMINDERS = gettext_lazy("只有會議幕僚、研考人員或系統管理者可以寄送稽催。")


def require_may_send_reminders(viewer: Viewer) -> None:
    """寄送稽催 from the missing-reports page or the overdue list: refused to everyone else."""
    if not may_send_reminders(viewer):
        raise PermissionDenied(WHO_SENDS_REMINDERS)


def visible_cases(user: Any) -> QuerySet[TrackedCase]:
    viewer = viewer_for(user)
    qs = TrackedCase.objects.select_related("owner", "series", "meeting")
    if not viewer.is_authenticated:
        return qs.none()
    if viewer.reads_everything:
        return qs
    # Subqueries on the assignments, not joins: a join repeats a case per assignment and needs SELECT DISTINCT
    # over every column, which no index can serve on a large table.
    condition = Q(pk__in=[])
    secretariat = viewer.scope(Role.SECRETARIAT)
    if secretariat:
        condition |= Q(owner_id__in=secretariat) | Q(pk__in=_assigned_to(secretariat))
    for role in AGENCY_READERS:
        scope = viewer.scope(role)
        if scope:
            condition |= Q(pk__in=_assigned_to(scope))
    return qs.filter(condition)


def _assigned_to(organisations: frozenset[int]) -> QuerySet[Assignment, Any]:
    return Assignment.objects.filter(organisation_id__in=organisations).values("case_id")


def can_read_case(viewer: Viewer, case: TrackedCase) -> bool:
    if not viewer.is_authenticated:
        return False
    if viewer.reads_everything or manages_case(viewer, case):
        return True
    return any(
        viewer.covers(Role.SECRETARIAT, a.organisation_id) or any(viewer.covers(r, a.organisation_id) for r in AGENCY_READERS)
        for a in case.assignments.all()
    )


def access_case(user: Any, case_id: Any, *, for_write: bool = False) -> TrackedCase:
    """The case if ``user`` may see it; ``for_write``: manage it (assign, set deadline, decide)."""
    viewer = viewer_for(user)
    try:
        case = TrackedCase.objects.select_related("owner", "series", "meeting", "parent").get(pk=int(case_id))
    except (TrackedCase.DoesNotExist, ValueError, TypeError):
        raise Http404(_("找不到此列管案件。")) from None
    if not can_read_case(viewer, case):
        raise Http404(_("找不到此列管案件。"))
    if for_write and not manages_case(viewer, case):
        raise PermissionDenied(_("只有此案的列管單位可以修改列管案件。"))
    if for_write and not can_read_case_text(viewer, case):
        raise PermissionDenied(_("此案為機密案件，只有得閱覽人員可以修改。"))
    return case


def can_report(viewer: Viewer, assignment: Assignment) -> bool:
    """The liaison of the assigned agency (or of the agency the unit belongs to) reports; managers may too."""
    if assignment.status != CaseStatus.OPEN:
        return False
    return viewer.covers(Role.LIAISON, assignment.organisation_id) or manages_case(viewer, assignment.case)


@lets_system_through
def require_report(user: Any, assignment: Assignment) -> None:
    if not can_report(viewer_for(user), assignment):
        if assignment.status != "open":
            raise PermissionDenied(_("此機關的列管已解除，不需再填報辦理情形。"))
        raise PermissionDenied(_("只有主協辦機關的聯絡人可以填報辦理情形。"))


def access_assignment(user: Any, assignment_id: Any, *, for_report: bool = False) -> Assignment:
    viewer = viewer_for(user)
    try:
        assignment = Assignment.objects.select_related("case", "case__owner", "organisation").get(pk=int(assignment_id))
    except (Assignment.DoesNotExist, ValueError, TypeError):
        raise Http404(_("找不到此列管案件。")) from None
    if not can_read_case(viewer, assignment.case):
        raise Http404(_("找不到此列管案件。"))
    if for_report and not can_report(viewer, assignment):
        if assignment.status != CaseStatus.OPEN:
            raise PermissionDenied(_("此機關的列管已解除，不需再填報辦理情形。"))
        raise PermissionDenied(_("只有主協辦機關的聯絡人可以填報辦理情形。"))
    return assignment


def has_history(assignment: Assignment) -> bool:
    """An agency that reported or was decided on stays on the case: its reports and decisions are the case's record."""
    return bool(assignment.reports.all()) or bool(assignment.decisions.all())


def can_remove_assignment(viewer: Viewer, assignment: Assignment) -> bool:
    return manages_case(viewer, assignment.case) and not has_history(assignment)


def access_report_attachment(user: Any, attachment_id: Any) -> ReportAttachment:
    viewer = viewer_for(user)
    try:
        attachment = ReportAttachment.objects.select_related("report__assignment__case").get(pk=int(attachment_id))
    except (ReportAttachment.DoesNotExist, ValueError, TypeError):
        raise Http404(_("找不到此檔案。")) from None
    case = attachment.report.assignment.case
    if not can_read_case(viewer, case) or not can_read_case_text(viewer, case):
        raise Http404(_("找不到此檔案。"))
    return attachment


def visible_reports(user: Any) -> QuerySet[ProgressReport]:
    return ProgressReport.objects.filter(assignment__case__in=visible_cases(user))


def managed_owners(user: Any) -> QuerySet[Organisation]:
    """The bodies whose cases ``user`` may create and manage (the owner of a case from another source)."""
    viewer = viewer_for(user)
    qs = Organisation.objects.filter(active=True).exclude(kind=Organisation.Kind.UNIT)
    if not viewer.is_authenticated:
        return qs.none()
    if manages_all(viewer):
        return qs
    return qs.filter(pk__in=viewer.scope(Role.SECRETARIAT) or [])


def manages_some_owner(user: Any) -> bool:
    """Whether ``user`` manages the cases of some body: who creates cases and fills in incomplete ones."""
    return managed_owners(user).exists()


def require_create_cases(user: Any) -> None:
    if not manages_some_owner(user):
        raise PermissionDenied(_("只有會議幕僚或研考人員可以建立列管案件。"))


def require_complete_cases(user: Any) -> None:
    if not manages_some_owner(user):
        raise PermissionDenied(_("只有會議幕僚或研考人員可以補登列管案件的資料。"))


def access_tracking_meeting(user: Any, meeting_id: Any, *, for_write: bool = False) -> Meeting:
    """A meeting of a series that tracks its conclusions; ``for_write``: select cases and record decisions there."""
    meeting = meetings_access.access_meeting(user, meeting_id)
    if not meeting.series.tracks_cases:
        raise Http404(_("此會議未設定列管會議結論。"))
    if for_write and not manages_owner(viewer_for(user), meeting.series.owner_id):
        raise PermissionDenied(_("只有此會議的列管單位可以選項列管或記錄列管決定。"))
    return meeting


def may_record_decisions(user: Any, meeting: Meeting) -> bool:
    """The rule is the meetings app's, because the decisions write the minutes' sentence: see
    ``meetings.access.case_decisions_refusal`` (who, not cancelled, minutes still open, meeting begun)."""
    return meetings_access.can_record_case_decisions(viewer_for(user), meeting)


def access_decisions_meeting(user: Any, meeting_id: Any) -> Meeting:
    """A meeting whose decisions ``user`` records; whether they can be recorded now (begun, minutes open) the action says."""
    meeting = access_tracking_meeting(user, meeting_id)
    if not meetings_access.manages_series_cases(viewer_for(user), meeting.series):
        raise PermissionDenied(meetings_access.WHO_RECORDS_DECISIONS)
    return meeting


def access_conclusion(user: Any, conclusion_id: Any) -> Conclusion:
    """A conclusion, for those who may put it under tracking (選項列管)."""
    try:
        conclusion = Conclusion.objects.select_related("item__section__meeting", "section__meeting").get(pk=int(conclusion_id))
    except (Conclusion.DoesNotExist, ValueError, TypeError):
        raise Http404(_("找不到此會議結論。")) from None
    section = conclusion.item.section if conclusion.item is not None else conclusion.section
    assert section is not None
    access_tracking_meeting(user, section.meeting_id, for_write=True)
    if conclusion.item is not None and not meetings_access.can_read_confidential(viewer_for(user), conclusion.item):
        # Putting a confidential conclusion under tracking takes reading it (機密／限閱).
        raise Http404(_("找不到此會議結論。"))
    return conclusion


def spawn_series(user: Any, case: TrackedCase) -> QuerySet[MeetingSeries]:
    """The series in which ``user`` may keep tracking a city-level case as a bureau-level one.

    Those the user runs, owned by an agency assigned to the case (or the agency
    of an assigned unit), other than the case's own series.
    """
    viewer = viewer_for(user)
    qs = MeetingSeries.objects.select_related("owner").filter(tracks_cases=True, active=True)
    if case.level != TrackedCase.Level.CITY or case.status != CaseStatus.OPEN or not viewer.is_authenticated:
        return qs.none()
    assigned = list(case.assignments.select_related("organisation"))
    owners = {a.organisation_id for a in assigned} | {
        a.organisation.parent_id for a in assigned if a.organisation.kind == Organisation.Kind.UNIT and a.organisation.parent_id
    }
    qs = qs.filter(owner_id__in=owners)
    if case.series_id is not None:
        qs = qs.exclude(pk=case.series_id)
    if manages_all(viewer):
        return qs
    return qs.filter(owner_id__in=viewer.scope(Role.SECRETARIAT) or [])


def can_spawn(user: Any, case: TrackedCase) -> bool:
    return spawn_series(user, case).exists()


def require_spawn(user: Any, case: TrackedCase) -> None:
    """Refuse 轉為機關列管: first what the case is, then who the user is."""
    if not can_spawn(user, case):
        if case.level != TrackedCase.Level.CITY or case.status != CaseStatus.OPEN:
            raise PermissionDenied(_("只有列管中的府級案件可以轉為機關列管。"))
        raise PermissionDenied(_("只有主協辦機關的會議幕僚可以將府級列管案件轉為機關列管。"))


def managed_cases(user: Any) -> QuerySet[TrackedCase]:
    """The cases ``user`` manages (for the secretariat's lists): their series' cases, or every case."""
    viewer = viewer_for(user)
    qs = visible_cases(user)
    if manages_all(viewer):
        return qs
    return qs.filter(owner_id__in=viewer.scope(Role.SECRETARIAT) or [])


def access_status_report(user: Any, meeting_id: Any) -> Meeting:
    """A meeting's status report: for those who read the meeting, and for the agencies with cases in its
    series, who see their own rows of it (``report_for``) even when they are not invited."""
    try:
        return access_tracking_meeting(user, meeting_id)
    except Http404:
        meeting = Meeting.objects.select_related("series", "series__owner").filter(pk=meeting_id).first()
        if meeting is None or not meeting.series.tracks_cases:
            raise
        if not visible_cases(user).filter(series_id=meeting.series_id).exists():
            raise
        return meeting


def status_report_placing_closed(meeting: Meeting) -> str | None:
    """Why the status report cannot be put on the agenda of ``meeting`` (放入議程) by anyone, or None."""
    if not meeting.series.tracks_cases:
        return _("此會議未設定列管會議結論。")
    if meeting.cancelled:
        return _("此會次已取消。")
    if meeting.minutes_state in meetings_access.PUBLISHED_STATES:
        return _("會議紀錄已發布，議程不可再修改。")
    return None


def can_place_status_report(viewer: Viewer, meeting: Meeting) -> bool:
    """The secretariat of the series puts the report on the agenda, while the agenda can still change."""
    return meetings_access.runs_series(viewer, meeting.series) and status_report_placing_closed(meeting) is None


@lets_system_through
def require_places_status_reports(user: Any, meeting: Meeting) -> None:
    """Who puts the status report on the agenda: the series' secretariat (the operator's jobs too)."""
    if not meetings_access.runs_series(viewer_for(user), meeting.series):
        raise PermissionDenied(_("只有此會議的幕僚單位可以將執行情形報告放入議程。"))


def require_place_status_report(user: Any, meeting: Meeting) -> None:
    """Refuse who may not (PermissionDenied) apart from when no one may (ValidationError)."""
    require_places_status_reports(user, meeting)
    closed = status_report_placing_closed(meeting)
    if closed is not None:
        raise ValidationError(closed)


# --- Confidential cases (機密／限閱, issue 15) ---
#
# A case is confidential when its conclusion's agenda item is (or, for a bureau-level case kept from a
# city-level one, its parent's is). Derived, never stored on the case: marking or unmarking the item
# reaches its cases at once. Who reads them in full is the meetings rule, ``can_read_confidential``; the
# lead and co agencies of the cases count among the entitled through ``_case_agencies`` below.


@register_case_agencies
def _case_agencies(item_ids: Any) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    ids = list(item_ids)
    for field in ("case__conclusion__item_id", "case__parent__conclusion__item_id"):
        rows = Assignment.objects.filter(**{f"{field}__in": ids}).values_list(field, "organisation_id")
        for item_id, organisation_id in rows:
            out.setdefault(item_id, set()).add(organisation_id)
    return out


def cases_from_items(item_ids: Any) -> QuerySet[TrackedCase]:
    """The cases that come from the agenda items ``item_ids``: from their conclusions, or kept from such a case."""
    ids = list(item_ids)
    return TrackedCase.objects.filter(Q(conclusion__item_id__in=ids) | Q(parent__conclusion__item_id__in=ids))


def _confidential_items(case_ids: list[int]) -> dict[int, int]:
    """Case id → the confidential agenda item it comes from, for the confidential ones among ``case_ids``.

    One query, whatever the number of cases: every list of cases asks it.
    """
    out: dict[int, int] = {}
    if not case_ids:
        return out
    own, inherited = Q(conclusion__item__confidential=True), Q(parent__conclusion__item__confidential=True)
    rows = TrackedCase.objects.filter(own | inherited, pk__in=case_ids).values_list(
        "pk", "conclusion__item_id", "conclusion__item__confidential", "parent__conclusion__item_id"
    )
    for case_id, item_id, confidential, parent_item_id in rows:
        out[case_id] = item_id if confidential else parent_item_id
    return out


CONFIDENTIAL_ITEM = "confidential_item"


def with_confidentiality(cases: QuerySet[TrackedCase]) -> QuerySet[TrackedCase]:
    """``cases`` each annotated with the confidential item it comes from (or None), so that a list of cases
    learns which to redact in its own query rather than one more (``shown_cases``)."""
    return cases.annotate(
        **{
            CONFIDENTIAL_ITEM: DbCase(
                When(conclusion__item__confidential=True, then=F("conclusion__item_id")),
                When(parent__conclusion__item__confidential=True, then=F("parent__conclusion__item_id")),
                default=None,
            )
        }
    )


def hidden_case_ids(viewer: Viewer, case_ids: Any, known: dict[int, int] | None = None) -> set[int]:
    """The cases among ``case_ids`` that ``viewer`` sees only as 「機密案件」 (``known``: their confidential items,
    when the caller read them already)."""
    items = known if known is not None else _confidential_items(list(case_ids))
    if not items:
        return set()
    hidden = meetings_access.hidden_item_ids(viewer, set(items.values()))
    return {case_id for case_id, item_id in items.items() if item_id in hidden}


def is_confidential_case(case: TrackedCase) -> bool:
    return bool(_confidential_items([case.pk]))


def can_read_case_text(viewer: Viewer, case: TrackedCase) -> bool:
    """Whether ``viewer`` reads the title, text and reports of ``case`` (``can_read_confidential`` of its item)."""
    return not hidden_case_ids(viewer, [case.pk])


def shown_cases(user: Any, cases: Any) -> list[Any]:
    """``cases`` as ``user`` may see them: each confidential one they are not entitled to redacted."""
    rows = list(cases)
    known = None
    if rows and all(hasattr(c, CONFIDENTIAL_ITEM) for c in rows):
        known = {c.pk: getattr(c, CONFIDENTIAL_ITEM) for c in rows if getattr(c, CONFIDENTIAL_ITEM) is not None}
    hidden = hidden_case_ids(viewer_for(user), [c.pk for c in rows], known)
    return [redact(c) if c.pk in hidden else c for c in rows]


def redact_case(case: TrackedCase) -> TrackedCase:
    """The case as those not entitled see it (``meetings.confidential.redact``)."""
    return redact(case)


def shown_case(user: Any, case: TrackedCase) -> TrackedCase:
    shown: TrackedCase = shown_cases(user, [case])[0]
    return shown


def access_case_text(user: Any, case_id: Any) -> TrackedCase:
    """A case whose text ``user`` reads in full: a confidential one they are not entitled to is not found here
    (its page shows it as 「機密案件」; what is built from its text, such as related decisions, is not offered)."""
    case = access_case(user, case_id)
    if not can_read_case_text(viewer_for(user), case):
        raise Http404(_("找不到此列管案件。"))
    return case
