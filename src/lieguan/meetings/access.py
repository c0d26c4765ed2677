"""Who may see and change meeting series, meetings, agenda, materials and minutes.

The rules, in words:
- the secretariat of a series' owner (and administrators) run it: schedule, agenda, minutes;
- the recorder of a meeting may also write its minutes; its chair may approve them;
- administrators, tracking officers and chairs read everything;
- an invitee reads the meetings they are invited to, their materials, and their
  minutes once circulated; a liaison reads the meetings where their agency
  presents or is invited, and uploads the materials of their agency's items;
- anyone signed in reads the sessions of public series once their minutes are
  published (``is_public_record``): the minutes, the agenda and its materials;
  the public does too, without signing in, when the city enables the public
  portal. Who was invited, the review comments and the processing history stay
  with those signed in and involved.
Objects a user may not see are reported as not found, so ids cannot be probed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lieguan.core import dates
from lieguan.core.actors import lets_system_through
from lieguan.meetings.confidential import case_agencies
from lieguan.meetings.models import AgendaItem, AgendaSection, Invitation, Material, Meeting, MeetingSeries
from lieguan.organisations.access import Viewer, viewer_for
from lieguan.organisations.models import Organisation, Role

PUBLISHED_STATES = (Meeting.MinutesState.PUBLISHED, Meeting.MinutesState.CONFIRMED)


def runs_series(viewer: Viewer, series: MeetingSeries) -> bool:
    return viewer.covers(Role.SECRETARIAT, series.owner_id)


@lets_system_through
def require_runs_series(user: Any, series: MeetingSeries) -> None:
    if not runs_series(viewer_for(user), series):
        raise PermissionDenied(_("只有此會議的幕僚單位可以執行此操作。"))


@lets_system_through
def require_secretariat_of(user: Any, owner: Organisation) -> None:
    """Creating a series (or meeting) of ``owner``: its secretariat."""
    if not viewer_for(user).covers(Role.SECRETARIAT, owner.pk):
        raise PermissionDenied(_("只有該機關的會議幕僚可以建立其會議。"))


def _liaison_orgs(viewer: Viewer) -> frozenset[int] | None:
    return viewer.scope(Role.LIAISON)


def visible_series(user: Any) -> QuerySet[MeetingSeries]:
    viewer = viewer_for(user)
    qs = MeetingSeries.objects.select_related("owner")
    if viewer.reads_everything:
        return qs
    if not viewer.is_authenticated:
        return qs.filter(public=True) if settings.PUBLIC_PORTAL else qs.none()
    meetings = visible_meetings(user)
    secretariat = viewer.scope(Role.SECRETARIAT)
    condition = Q(public=True) | Q(pk__in=meetings.values("series_id"))
    if secretariat:
        condition |= Q(owner_id__in=secretariat)
    return qs.filter(condition).distinct()


def visible_meetings(user: Any) -> QuerySet[Meeting]:
    """Meetings whose page the user may open (its minutes may still be hidden: see ``can_read_minutes``)."""
    viewer = viewer_for(user)
    qs = Meeting.objects.select_related("series", "series__owner")
    if viewer.reads_everything:
        return qs
    public = Q(series__public=True, minutes_state__in=PUBLISHED_STATES, cancelled=False)
    if not viewer.is_authenticated:
        return qs.filter(public) if settings.PUBLIC_PORTAL else qs.none()
    condition = public
    secretariat = viewer.scope(Role.SECRETARIAT)
    if secretariat:
        condition |= Q(series__owner_id__in=secretariat)
    if viewer.person_id is not None:
        person = viewer.person_id
        condition |= Q(invitations__person_id=person) | Q(recorder_id=person) | Q(chair_id=person)
    liaison = _liaison_orgs(viewer)
    if liaison:
        condition |= Q(sections__items__presenter_id__in=liaison) | Q(invitations__person__organisation_id__in=liaison)
    return qs.filter(condition).distinct()


def _involved(viewer: Viewer, meeting: Meeting) -> bool:
    """Invited, recording, chairing, or a liaison of an agency that presents or is invited."""
    if viewer.person_id is not None and (
        meeting.chair_id == viewer.person_id
        or meeting.recorder_id == viewer.person_id
        or meeting.invitations.filter(person_id=viewer.person_id).exists()
    ):
        return True
    liaison = _liaison_orgs(viewer)
    if liaison:
        if AgendaItem.objects.filter(section__meeting=meeting, presenter_id__in=liaison).exists():
            return True
        if meeting.invitations.filter(person__organisation_id__in=liaison).exists():
            return True
    return False


def is_public_record(meeting: Meeting) -> bool:
    """A session of a public series, held and with its minutes published: its agenda, materials and minutes are public."""
    return meeting.series.public and meeting.minutes_state in PUBLISHED_STATES and not meeting.cancelled


def reads_as_public_record(viewer: Viewer, meeting: Meeting) -> bool:
    """Public records are read by anyone signed in, and by the public where the city opened the portal."""
    return is_public_record(meeting) and (viewer.is_authenticated or bool(settings.PUBLIC_PORTAL))


def can_read_meeting(viewer: Viewer, meeting: Meeting) -> bool:
    if viewer.reads_everything or runs_series(viewer, meeting.series):
        return True
    if is_public_record(meeting):
        return reads_as_public_record(viewer, meeting)
    return viewer.is_authenticated and _involved(viewer, meeting)


def can_write_minutes(viewer: Viewer, meeting: Meeting) -> bool:
    if meeting.minutes_state in PUBLISHED_STATES:
        return False
    return runs_series(viewer, meeting.series) or (viewer.person_id is not None and meeting.recorder_id == viewer.person_id)


MINUTES_PUBLISHED = gettext_lazy("會議紀錄已發布，不可再修改；如需修正，請於下次會議確定紀錄時提出。")
WHO_WRITES_MINUTES = gettext_lazy("只有此會議的幕僚單位或紀錄人員可以編輯會議紀錄。")


def minutes_write_refusal(meeting: Meeting) -> str:
    """Why ``can_write_minutes`` said no: published minutes are closed to everyone, others to all but their writers."""
    return str(MINUTES_PUBLISHED if meeting.minutes_state in PUBLISHED_STATES else WHO_WRITES_MINUTES)


@lets_system_through
def require_write_minutes(user: Any, meeting: Meeting) -> None:
    if not can_write_minutes(viewer_for(user), meeting):
        raise PermissionDenied(minutes_write_refusal(meeting))


def can_read_minutes(viewer: Viewer, meeting: Meeting) -> bool:
    """Drafts: those who write them and the chair; circulated: also the participants; published: all readers."""
    if not can_read_meeting(viewer, meeting):
        return False
    if meeting.minutes_state in PUBLISHED_STATES or viewer.reads_everything or runs_series(viewer, meeting.series):
        return True
    if viewer.person_id is not None and viewer.person_id in (meeting.recorder_id, meeting.chair_id):
        return True
    return meeting.minutes_state == Meeting.MinutesState.CIRCULATED and _involved(viewer, meeting)


def can_approve_minutes(viewer: Viewer, meeting: Meeting) -> bool:
    """Publishing: the secretariat of the series, or the chair of the meeting."""
    return runs_series(viewer, meeting.series) or (viewer.person_id is not None and meeting.chair_id == viewer.person_id)


# Who takes a step of the minutes' workflow (``meetings.workflow.TRANSITIONS``): a writer (``can_write_minutes``)
# or an approver (``can_approve_minutes``), each with the refusal that names them.
WRITER = "writer"
APPROVER = "approver"
STEP_TAKERS = {
    WRITER: gettext_lazy("只有此會議的幕僚單位或紀錄人員可以「%(step)s」。"),
    APPROVER: gettext_lazy("只有此會議的幕僚單位或主席可以「%(step)s」。"),
}


def can_take_minutes_step(viewer: Viewer, meeting: Meeting, who: str) -> bool:
    return can_approve_minutes(viewer, meeting) if who == APPROVER else can_write_minutes(viewer, meeting)


@lets_system_through
def require_take_minutes_step(user: Any, meeting: Meeting, who: str, label: str | Promise) -> None:
    if not can_take_minutes_step(viewer_for(user), meeting, who):
        raise PermissionDenied(STEP_TAKERS[who] % {"step": label})


def can_confirm_previous_minutes(viewer: Viewer, meeting: Meeting) -> bool:
    """紀錄確定 at this meeting is the secretariat's, not the recorder's: it changes the previous minutes."""
    return runs_series(viewer, meeting.series)


def require_confirm_previous_minutes(user: Any, meeting: Meeting) -> None:
    if not can_confirm_previous_minutes(viewer_for(user), meeting):
        raise PermissionDenied(_("只有此會議的幕僚單位可以確定上次會議紀錄。"))


def can_comment_minutes(viewer: Viewer, meeting: Meeting) -> bool:
    """會簽意見: whoever may read circulated minutes, while they are circulated (never the public)."""
    return meeting.minutes_state == Meeting.MinutesState.CIRCULATED and viewer.is_authenticated and can_read_minutes(viewer, meeting)


def can_read_minutes_comments(viewer: Viewer, meeting: Meeting) -> bool:
    """The review comments stay among participants, also after publication."""
    if not viewer.is_authenticated:
        return False
    if viewer.reads_everything or runs_series(viewer, meeting.series):
        return True
    return _involved(viewer, meeting)


def can_read_minutes_history(viewer: Viewer, meeting: Meeting) -> bool:
    """The processing history (處理歷程) names staff and carries their notes: the same few as the comments, never the public."""
    return can_read_minutes_comments(viewer, meeting)


def can_read_invitations(viewer: Viewer, meeting: Meeting) -> bool:
    """Who was invited and who signed in is for those signed in; the public reads the attendees in the minutes."""
    return viewer.is_authenticated and can_read_meeting(viewer, meeting)


def can_answer_minutes_comments(viewer: Viewer, meeting: Meeting) -> bool:
    """Those who write the minutes answer the comments on them, also after they were published."""
    return runs_series(viewer, meeting.series) or (viewer.person_id is not None and meeting.recorder_id == viewer.person_id)


@lets_system_through
def require_answer_minutes_comments(user: Any, meeting: Meeting) -> None:
    if not can_answer_minutes_comments(viewer_for(user), meeting):
        raise PermissionDenied(_("只有此會議的幕僚單位或紀錄人員可以處理會簽意見。"))


def access_series(user: Any, series_id: Any, *, for_write: bool = False) -> MeetingSeries:
    viewer = viewer_for(user)
    try:
        series = MeetingSeries.objects.select_related("owner").get(pk=int(series_id))
    except (MeetingSeries.DoesNotExist, ValueError, TypeError):
        raise Http404(_("找不到此會議。")) from None
    if for_write:
        if not runs_series(viewer, series):
            if visible_series(user).filter(pk=series.pk).exists():
                raise PermissionDenied(_("只有此會議的幕僚單位可以修改。"))
            raise Http404(_("找不到此會議。"))
        return series
    if not visible_series(user).filter(pk=series.pk).exists():
        raise Http404(_("找不到此會議。"))
    return series


def access_meeting(user: Any, meeting_id: Any, *, for_write: bool = False) -> Meeting:
    """The meeting, if ``user`` may see it; ``for_write``: run it (agenda, invitations, notice, attendance)."""
    viewer = viewer_for(user)
    try:
        meeting = Meeting.objects.select_related("series", "series__owner", "chair", "recorder").get(pk=int(meeting_id))
    except (Meeting.DoesNotExist, ValueError, TypeError):
        raise Http404(_("找不到此會次。")) from None
    if not can_read_meeting(viewer, meeting):
        raise Http404(_("找不到此會次。"))
    if for_write and not runs_series(viewer, meeting.series):
        raise PermissionDenied(_("只有此會議的幕僚單位可以修改會次資料。"))
    return meeting


def access_minutes(user: Any, meeting_id: Any, *, for_write: bool = False) -> Meeting:
    """The meeting, if ``user`` may read (or, ``for_write``, edit) its minutes."""
    meeting = access_meeting(user, meeting_id)
    viewer = viewer_for(user)
    if not can_read_minutes(viewer, meeting):
        raise PermissionDenied(_("會議紀錄尚未發布。"))
    if for_write:
        require_write_minutes(user, meeting)
    return meeting


def can_upload_material(viewer: Viewer, item: AgendaItem) -> bool:
    meeting = item.section.meeting
    if runs_series(viewer, meeting.series):
        return True
    return item.presenter_id is not None and viewer.covers(Role.LIAISON, item.presenter_id)


def access_item(user: Any, item_id: Any, *, for_upload: bool = False) -> AgendaItem:
    try:
        item = AgendaItem.objects.select_related("section__meeting__series__owner", "presenter").get(pk=int(item_id))
    except (AgendaItem.DoesNotExist, ValueError, TypeError):
        raise Http404(_("找不到此議程案件。")) from None
    viewer = viewer_for(user)
    if not can_read_meeting(viewer, item.section.meeting) or not viewer.is_authenticated:
        raise Http404(_("找不到此議程案件。"))
    if for_upload and not can_upload_material(viewer, item):
        raise PermissionDenied(_("只有報告機關的聯絡人或會議幕僚可以上傳會議資料。"))
    return item


def can_read_material(viewer: Viewer, material: Material) -> bool:
    """Materials are for participants until the session is a public record (``is_public_record``), then for its readers."""
    meeting = material.item.section.meeting
    if not can_read_confidential(viewer, material.item):
        return False
    if reads_as_public_record(viewer, meeting):
        return True
    if not viewer.is_authenticated:
        return False
    return viewer.reads_everything or runs_series(viewer, meeting.series) or _involved(viewer, meeting)


def access_material(user: Any, material_id: Any) -> Material:
    """The material, if ``user`` may read it (``can_read_material``); anyone else: not found."""
    try:
        material = Material.objects.select_related("item__section__meeting__series__owner").get(pk=int(material_id))
    except (Material.DoesNotExist, ValueError, TypeError):
        raise Http404(_("找不到此檔案。")) from None
    if not can_read_material(viewer_for(user), material):
        raise Http404(_("找不到此檔案。"))
    return material


# --- Schedule, agenda, attendance and materials (issue 4) ---


def may_create_series(viewer: Viewer) -> bool:
    """A secretariat of some body (or an administrator) may start a series for it."""
    return viewer.is_authenticated and (viewer.is_admin or bool(viewer.scope(Role.SECRETARIAT)))


def require_create_series(user: Any) -> None:
    if not may_create_series(viewer_for(user)):
        raise PermissionDenied(_("只有會議幕僚可以新增會議。"))


def can_browse_series(viewer: Viewer) -> bool:
    """The list of series is for those signed in, and for the public where the city opened the portal."""
    return viewer.is_authenticated or bool(settings.PUBLIC_PORTAL)


def require_browse_series(user: Any) -> None:
    if not can_browse_series(viewer_for(user)):
        raise PermissionDenied


def series_owners(viewer: Viewer) -> QuerySet[Organisation]:
    """The bodies whose series ``viewer`` may create: those it is the secretariat of."""
    scope = viewer.scope(Role.SECRETARIAT)
    qs = Organisation.objects.filter(active=True).exclude(kind=Organisation.Kind.UNIT)
    if scope is None:
        return qs
    return qs.filter(pk__in=scope)


def can_mark_attendance(viewer: Viewer, meeting: Meeting) -> bool:
    """The secretariat of the series, or the meeting's recorder, keeps the sign-in sheet."""
    return runs_series(viewer, meeting.series) or (viewer.person_id is not None and meeting.recorder_id == viewer.person_id)


@lets_system_through
def require_mark_attendance(user: Any, meeting: Meeting) -> None:
    if not can_mark_attendance(viewer_for(user), meeting):
        raise PermissionDenied(_("只有會議幕僚或紀錄人員可以登記出席情形。"))


def invitation_of(viewer: Viewer, meeting: Meeting) -> Invitation | None:
    if viewer.person_id is None:
        return None
    return meeting.invitations.filter(person_id=viewer.person_id).first()


def materials_closed_for(viewer: Viewer, meeting: Meeting, now: dt.datetime | None = None) -> bool:
    """After the cut-off the presenting agencies may no longer upload; the secretariat still may."""
    if runs_series(viewer, meeting.series) or meeting.materials_cutoff is None:
        return False
    return (now or timezone.now()) > meeting.materials_cutoff


def can_delete_material(viewer: Viewer, material: Material) -> bool:
    meeting = material.item.section.meeting
    if runs_series(viewer, meeting.series):
        return True
    return (
        viewer.is_authenticated
        and material.uploaded_by_id == viewer.user.pk
        and can_upload_material(viewer, material.item)
        and not materials_closed_for(viewer, meeting)
    )


def cutoff_message(meeting: Meeting) -> str:
    cutoff = timezone.localtime(meeting.materials_cutoff) if meeting.materials_cutoff else None
    when = dates.date_and_time(cutoff) if cutoff else ""
    return _("會議資料已於%(when)s截止上傳，報告機關無法再上傳或移除資料；如需補件，請洽會議幕僚。") % {"when": when}


@lets_system_through
def require_upload_material(user: Any, item: AgendaItem) -> None:
    """The secretariat uploads at any time; the presenting agency's liaison until the cut-off."""
    viewer = viewer_for(user)
    meeting = item.section.meeting
    if runs_series(viewer, meeting.series):
        return
    if not can_upload_material(viewer, item):
        raise PermissionDenied(_("只有報告機關的聯絡人或會議幕僚可以上傳會議資料。"))
    if materials_closed_for(viewer, meeting):
        raise ValidationError(cutoff_message(meeting))


@lets_system_through
def require_delete_material(user: Any, material: Material) -> None:
    viewer = viewer_for(user)
    if not can_delete_material(viewer, material):
        if materials_closed_for(viewer, material.item.section.meeting) and material.uploaded_by_id == user.pk:
            raise ValidationError(cutoff_message(material.item.section.meeting))
        raise PermissionDenied(_("只有上傳者或會議幕僚可以移除會議資料。"))


def access_section(user: Any, section_id: Any) -> AgendaSection:
    """A section of an agenda, for the secretariat that builds it."""
    try:
        section = AgendaSection.objects.select_related("meeting__series__owner").get(pk=int(section_id))
    except (AgendaSection.DoesNotExist, ValueError, TypeError):
        raise Http404(_("找不到此議程段落。")) from None
    access_meeting(user, section.meeting_id, for_write=True)
    return section


def access_invitation(user: Any, invitation_id: Any, *, for_write: bool = False) -> Invitation:
    """An invitation; ``for_write``: change it (the secretariat) — marking attendance is ``access_attendance``."""
    try:
        invitation = Invitation.objects.select_related("meeting__series__owner", "person__organisation").get(pk=int(invitation_id))
    except (Invitation.DoesNotExist, ValueError, TypeError):
        raise Http404(_("找不到此與會人員。")) from None
    access_meeting(user, invitation.meeting_id, for_write=for_write)
    return invitation


def access_attendance(user: Any, meeting_id: Any) -> Meeting:
    """The meeting, if ``user`` keeps its sign-in sheet (secretariat or recorder)."""
    meeting = access_meeting(user, meeting_id)
    if not can_mark_attendance(viewer_for(user), meeting):
        raise PermissionDenied(_("只有會議幕僚或紀錄人員可以登記出席情形。"))
    return meeting


def announced_meetings(user: Any, now: dt.datetime | None = None) -> QuerySet[Meeting]:
    """Sessions still ahead of the public series, for the portal: when and where only (the agenda opens with the minutes)."""
    if not (viewer_for(user).is_authenticated or settings.PUBLIC_PORTAL):
        return Meeting.objects.none()
    upcoming = Q(series__public=True, cancelled=False, start__gte=now or timezone.now())
    return Meeting.objects.select_related("series", "series__owner").filter(upcoming).order_by("start", "pk")


def readable_minutes(user: Any) -> QuerySet[Meeting]:
    """Meetings whose minutes ``user`` may read, as one query (``can_read_minutes`` for many at once)."""
    viewer = viewer_for(user)
    visible = visible_meetings(user)
    if viewer.reads_everything:
        return visible
    condition = Q(minutes_state__in=PUBLISHED_STATES)
    secretariat = viewer.scope(Role.SECRETARIAT)
    if secretariat:
        condition |= Q(series__owner_id__in=secretariat)
    if viewer.person_id is not None:
        condition |= Q(recorder_id=viewer.person_id) | Q(chair_id=viewer.person_id)
        condition |= Q(minutes_state=Meeting.MinutesState.CIRCULATED, invitations__person_id=viewer.person_id)
    liaison = viewer.scope(Role.LIAISON)
    if liaison:
        condition |= Q(minutes_state=Meeting.MinutesState.CIRCULATED) & (
            Q(sections__items__presenter_id__in=liaison) | Q(invitations__person__organisation_id__in=liaison)
        )
    return visible.filter(condition).distinct()


# The session cycle: time and case decisions ---------------------------------------------------------------


def has_started(meeting: Meeting, now: dt.datetime | None = None) -> bool:
    """Nothing is decided, circulated, published or confirmed for a meeting that has not begun."""
    return (now or timezone.now()) >= meeting.start


def not_started_message(meeting: Meeting) -> str:
    start = timezone.localtime(meeting.start)
    # The session's number and the ROC date are written as the minutes write them.
    return _("%(ordinal)s會議訂於%(date)s %(time)s 召開，尚未開會。") % {
        "ordinal": meeting.ordinal,
        "date": dates.long_date(start, roc_prefix="民國"),
        "time": f"{start:%H:%M}",
    }


def manages_series_cases(viewer: Viewer, series: MeetingSeries) -> bool:
    """Who decides release or continuation at a series' meetings: its secretariat, tracking officers (研考), administrators."""
    return viewer.is_admin or Role.TRACKING_OFFICER in viewer.grants or runs_series(viewer, series)


def case_decisions_closed(meeting: Meeting, now: dt.datetime | None = None) -> str | None:
    """Why no one may record case decisions at ``meeting`` now, or None while they may.

    The decisions write the standard sentence into these minutes, so they are
    recorded while the minutes are still open, and only once the meeting began.
    """
    if meeting.cancelled:
        return _("此會次已取消，無法記錄列管決定。")
    if meeting.minutes_state in PUBLISHED_STATES:
        return _("此會次的會議紀錄已發布，列管決定已隨紀錄確定，不可再修改。")
    if not has_started(meeting, now):
        return _("%(not_started)s會議開始後才能記錄列管決定。") % {"not_started": not_started_message(meeting)}
    return None


WHO_RECORDS_DECISIONS = gettext_lazy("只有此會議的幕僚單位、研考人員或系統管理者可以記錄列管決定。")


def case_decisions_refusal(viewer: Viewer, meeting: Meeting, now: dt.datetime | None = None) -> str | None:
    """Why ``viewer`` may not record case decisions at ``meeting`` now (who first, then when), or None."""
    if not manages_series_cases(viewer, meeting.series):
        return str(WHO_RECORDS_DECISIONS)
    return case_decisions_closed(meeting, now)


def can_record_case_decisions(viewer: Viewer, meeting: Meeting) -> bool:
    return case_decisions_refusal(viewer, meeting) is None


@lets_system_through
def require_records_case_decisions(user: Any, meeting: Meeting) -> None:
    """Who records case decisions at ``meeting`` (the operator's import too); when is ``case_decisions_closed``."""
    if not manages_series_cases(viewer_for(user), meeting.series):
        raise PermissionDenied(WHO_RECORDS_DECISIONS)


def access_record_case_decisions(user: Any, meeting: Meeting) -> Meeting:
    """Refuse who may not (PermissionDenied) apart from when no one may yet or any more (ValidationError)."""
    require_records_case_decisions(user, meeting)
    closed = case_decisions_closed(meeting)
    if closed is not None:
        raise ValidationError(closed)
    return meeting


# --- Confidential items (機密／限閱, issue 15) ---
#
# A confidential agenda item, its materials, its conclusions and the cases from them are read by:
# the secretariat of the series (and administrators), the meeting's chair and recorder (the persons
# recorded on that meeting, not every holder of the chair role), the people named on the item, and the
# agencies named on it, the presenting agency and the lead and co agencies of its cases, through their
# liaison, head, deputy or secretariat. Nobody else, tracking officers and chairs of other meetings
# included: they see 「機密案件」 (``meetings.confidential.redact``) unless named.

CONFIDENTIAL_AGENCY_ROLES = (Role.LIAISON, Role.HEAD, Role.DEPUTY, Role.SECRETARIAT)


@dataclass(frozen=True)
class Entitled:
    """Who may read one confidential item, gathered once so that one item and many are judged alike."""

    series_owner_id: int
    people: frozenset[int]
    organisations: frozenset[int]


def _is_entitled(viewer: Viewer, entitled: Entitled) -> bool:
    if viewer.is_authenticated and viewer.covers(Role.SECRETARIAT, entitled.series_owner_id):
        return True
    if viewer.person_id is not None and viewer.person_id in entitled.people:
        return True
    if not viewer.is_authenticated:
        return False
    return any(viewer.covers(role, org) for org in entitled.organisations for role in CONFIDENTIAL_AGENCY_ROLES)


def _entitlements(item_ids: list[int]) -> dict[int, Entitled]:
    """The entitlement of each confidential item among ``item_ids``, in a fixed number of queries."""
    rows = list(
        AgendaItem.objects.filter(pk__in=item_ids, confidential=True).values_list(
            "pk", "section__meeting__series__owner_id", "section__meeting__chair_id", "section__meeting__recorder_id", "presenter_id"
        )
    )
    if not rows:
        return {}
    ids = [row[0] for row in rows]
    people: dict[int, set[int]] = {pk: set() for pk in ids}
    organisations: dict[int, set[int]] = {pk: set() for pk in ids}
    through_people = AgendaItem.confidential_people.through.objects.filter(agendaitem_id__in=ids)
    for item_id, person_id in through_people.values_list("agendaitem_id", "person_id"):
        people[item_id].add(person_id)
    through_orgs = AgendaItem.confidential_organisations.through.objects.filter(agendaitem_id__in=ids)
    for item_id, org_id in through_orgs.values_list("agendaitem_id", "organisation_id"):
        organisations[item_id].add(org_id)
    for item_id, orgs in case_agencies(ids).items():
        organisations.setdefault(item_id, set()).update(orgs)
    out = {}
    for pk, owner_id, chair_id, recorder_id, presenter_id in rows:
        named = people[pk] | {p for p in (chair_id, recorder_id) if p is not None}
        orgs = organisations[pk] | ({presenter_id} if presenter_id is not None else set())
        out[pk] = Entitled(series_owner_id=owner_id, people=frozenset(named), organisations=frozenset(orgs))
    return out


def can_read_confidential(viewer: Viewer, item: AgendaItem) -> bool:
    """Whether ``viewer`` reads ``item`` in full: always for an item not confidential, else only the entitled."""
    if not item.confidential:
        return True
    entitled = _entitlements([item.pk]).get(item.pk)
    return entitled is None or _is_entitled(viewer, entitled)


def hidden_item_ids(viewer: Viewer, item_ids: Any = None) -> set[int]:
    """``can_read_confidential`` for many items at once: the ids among ``item_ids`` (every item when None) to redact."""
    confidential = AgendaItem.objects.filter(confidential=True)
    if item_ids is not None:
        confidential = confidential.filter(pk__in=list(item_ids))
    ids = list(confidential.values_list("pk", flat=True))
    return {pk for pk, entitled in _entitlements(ids).items() if not _is_entitled(viewer, entitled)}


def viewer_for_person(person: Any) -> Viewer:
    """A person as the reader of something sent to them (a notice e-mail): their account's roles, or just them."""
    if person.user_id is not None:
        return viewer_for(person.user)
    return Viewer(person_id=person.pk)


def may_mark_confidential(viewer: Viewer, item: AgendaItem) -> bool:
    """The secretariat of the series marks an item confidential and names who may read it."""
    return runs_series(viewer, item.section.meeting.series)


def require_mark_confidential(user: Any, item: AgendaItem) -> None:
    if not may_mark_confidential(viewer_for(user), item):
        raise PermissionDenied(_("只有此會議的幕僚單位可以設定機密案件及得閱覽人員。"))


def access_confidential_item(user: Any, item_id: Any) -> AgendaItem:
    """An agenda item whose full text ``user`` may read; a confidential one they are not entitled to: not found."""
    try:
        item = AgendaItem.objects.select_related("section__meeting__series__owner").get(pk=int(item_id))
    except (AgendaItem.DoesNotExist, ValueError, TypeError):
        raise Http404(_("找不到此議程案件。")) from None
    viewer = viewer_for(user)
    if not can_read_meeting(viewer, item.section.meeting) or not can_read_confidential(viewer, item):
        raise Http404(_("找不到此議程案件。"))
    return item
