"""Which index entries a user may find: exactly the records whose page they may read.

Built on the meetings and tracking access functions, never on anything the
index stores about visibility:
- agenda items, remarks and conclusions: the meeting must be in
  ``visible_meetings`` and its minutes readable under ``can_read_minutes``
  (drafts to those who write them and the chair, circulated minutes also to the
  participants, published minutes to every reader of the meeting);
- cases and their progress reports: the case must be in ``visible_cases``.
The public (when the city opens the portal) finds only published minutes of
public series, because that is all ``visible_meetings`` gives them.
A confidential agenda item (機密／限閱), its remarks and conclusions and the
cases from it (with their reports) are found only by those
``meetings.access.can_read_confidential`` entitles: the index keeps their text,
and every search and related-decisions query leaves them out for anyone else
(``confidential_exclusion``), whoever else they are, tracking officers included.
``readable_minutes`` restates ``can_read_minutes`` as a query; the tests check
the two agree for every persona and every state.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from lieguan.core.actors import is_system
from lieguan.meetings.access import PUBLISHED_STATES, hidden_item_ids, visible_meetings, visible_series
from lieguan.meetings.models import Conclusion, Meeting, MeetingSeries, Remark
from lieguan.organisations.access import viewer_for
from lieguan.organisations.models import Role
from lieguan.search.models import SearchEntry
from lieguan.tracking.access import cases_from_items, visible_cases

K = SearchEntry.Kind
MEETING_KINDS = (K.CONCLUSION, K.ITEM, K.REMARK)
CASE_KINDS = (K.CASE, K.REPORT)


def reads_everything(user: Any) -> bool:
    """Administrators, tracking officers and chairs; and the operator's own CLI (a SystemActor)."""
    # A rule of the system's own (not a permission it is let through): `lieguan search` reads every entry.
    return is_system(user) or viewer_for(user).reads_everything


def readable_minutes(user: Any) -> QuerySet[Meeting]:
    """The meetings whose minutes ``user`` may read: ``can_read_minutes`` as a query."""
    if is_system(user):  # the search CLI reads every meeting's minutes, drafts included
        return Meeting.objects.all()
    viewer = viewer_for(user)
    meetings = visible_meetings(user)
    if viewer.reads_everything:
        return meetings
    condition = Q(minutes_state__in=PUBLISHED_STATES)
    if viewer.is_authenticated:
        secretariat = viewer.scope(Role.SECRETARIAT)
        if secretariat is None:
            return meetings
        if secretariat:
            condition |= Q(series__owner_id__in=secretariat)
        if viewer.person_id is not None:
            condition |= Q(recorder_id=viewer.person_id) | Q(chair_id=viewer.person_id)
        # A meeting visible for any other reason is one the user is involved in, who reads circulated minutes.
        condition |= Q(minutes_state=Meeting.MinutesState.CIRCULATED)
    return meetings.filter(condition)


def entry_filter(user: Any) -> Q | None:
    """The condition on entries ``user`` may find; None when they may find everything."""
    if reads_everything(user):
        return None
    condition = Q(kind__in=MEETING_KINDS, meeting_id__in=readable_minutes(user).values("pk"))
    if viewer_for(user).is_authenticated:
        condition |= Q(kind__in=CASE_KINDS, case_id__in=visible_cases(user).values("pk"))
    return condition


def confidential_exclusion(user: Any) -> Q | None:
    """The entries of confidential items ``user`` is not entitled to, and of their cases; None when there are none."""
    if is_system(user):  # the search CLI (reindexing, checking the index) sees the confidential items too
        return None
    hidden = hidden_item_ids(viewer_for(user))
    if not hidden:
        return None
    remarks = Remark.objects.filter(item_id__in=hidden).values("pk")
    conclusions = Conclusion.objects.filter(item_id__in=hidden).values("pk")
    cases = cases_from_items(hidden).values("pk")
    return (
        Q(kind=K.ITEM, object_id__in=hidden)
        | Q(kind=K.REMARK, object_id__in=remarks)
        | Q(kind=K.CONCLUSION, object_id__in=conclusions)
        | Q(kind__in=CASE_KINDS, case_id__in=cases)
    )


def findable_entries(user: Any) -> QuerySet[SearchEntry]:
    entries = SearchEntry.objects.all()
    condition = entry_filter(user)
    if condition is not None:
        entries = entries.filter(condition)
    excluded = confidential_exclusion(user)
    return entries if excluded is None else entries.exclude(excluded)


def searchable_series(user: Any) -> QuerySet[MeetingSeries]:
    """The series offered as a filter: those the user may see (their names are not secret to them)."""
    if is_system(user):  # the search CLI filters over every series
        return MeetingSeries.objects.select_related("owner")
    return visible_series(user)


def may_search(user: Any) -> bool:
    """Signed-in users search; the public only where the city opened the portal."""
    return viewer_for(user).is_authenticated or bool(settings.PUBLIC_PORTAL)


def require_search(user: Any) -> None:
    if not may_search(user):
        # public_or_login turns this into the sign-in page for visitors.
        raise PermissionDenied(_("請先登入後再使用全文檢索。"))


def may_see_cases(user: Any) -> bool:
    return reads_everything(user) or viewer_for(user).is_authenticated
