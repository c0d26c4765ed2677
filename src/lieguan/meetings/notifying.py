"""Who hears of a change to a meeting or its minutes, and what they are told (``notifications.do_notify``).

Called by the meetings actions inside their transaction, so that a change and
its notifications are committed together. The people concerned with a meeting
are its participants: the invitees (members and observers), its chair and
recorder, and the liaisons of the agencies that present an item, who upload
its materials and read its minutes in review. The actor is never told of what
they did themselves.

Meeting-level messages name the meeting, never an item: an item may be
confidential (``meetings.access.can_read_confidential``). An amendment names
the amended conclusions by their place in the minutes; its text goes only to
those entitled to read every amended item.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from lieguan.core.wording import Line, Message, Sentence, moment, said
from lieguan.meetings import access
from lieguan.meetings.models import AgendaItem, Conclusion, Meeting
from lieguan.notifications.actions import do_notify
from lieguan.notifications.kinds import MEETING_RESCHEDULED, MINUTES_AMENDED, MINUTES_CIRCULATED, MINUTES_PUBLISHED
from lieguan.notifications.recipients import liaisons_of
from lieguan.organisations.access import viewer_for
from lieguan.organisations.models import Person

S = Meeting.MinutesState


def participants(meeting: Meeting) -> tuple[list[Person], list[Any]]:
    """The people of a meeting (invitees, chair, recorder) and the users who speak for its presenting agencies."""
    chair_and_recorder = [pk for pk in (meeting.chair_id, meeting.recorder_id) if pk is not None]
    people = list(Person.objects.filter(Q(invitations__meeting=meeting) | Q(pk__in=chair_and_recorder)).distinct())
    presenting = AgendaItem.objects.filter(section__meeting=meeting, presenter__isnull=False).values_list("presenter_id", flat=True)
    return people, liaisons_of(set(presenting))


def minutes_moved(actor: Any, meeting: Meeting, to_state: str) -> None:
    """The minutes were circulated for 會簽 or published: the participants are told, once per meeting."""
    if to_state == S.CIRCULATED:
        kind = MINUTES_CIRCULATED
        words = Message(
            said(gettext_noop("%(minutes)s送請會簽"), minutes=meeting.title),
            [said(gettext_noop("會議紀錄已送請與會人員會簽，請閱覽並於系統提出會簽意見。"))],
        )
    elif to_state == S.PUBLISHED:
        kind = MINUTES_PUBLISHED
        words = Message(
            said(gettext_noop("%(minutes)s已發布"), minutes=meeting.title), [said(gettext_noop("會議紀錄已發布，請依會議結論辦理。"))]
        )
    else:
        return
    people, users = participants(meeting)
    link = reverse("meetings:minutes", args=[meeting.pk])
    do_notify(actor, kind, key=f"{kind}:{meeting.pk}", words=words, link=link, people=people, users=users)


def ordinal_words(meeting: Meeting) -> Sentence:
    """``Meeting.ordinal`` (第224次, 113年第12次) as a sentence: "Session 224" to an English reader."""
    if meeting.year:
        return said(gettext_noop("%(year)s年第%(number)s次"), year=meeting.year, number=meeting.number)
    return said(gettext_noop("第%(number)s次"), number=meeting.number)


def _rescheduled_subject(meeting: Meeting, *, moved: bool, relocated: bool) -> Sentence:
    names = {"series": meeting.series.full_name, "ordinal": ordinal_words(meeting)}
    if moved and relocated:
        return said(gettext_noop("%(series)s%(ordinal)s會議時間、地點變更"), **names)
    if moved:
        return said(gettext_noop("%(series)s%(ordinal)s會議時間變更"), **names)
    return said(gettext_noop("%(series)s%(ordinal)s會議地點變更"), **names)


def _place(location: str) -> str | Sentence:
    return location or said(gettext_noop("（未定）"))


def meeting_rescheduled(actor: Any, meeting: Meeting, *, old_start: dt.datetime, old_location: str) -> None:
    """A meeting still to come moved in time or place: its participants are told once for each new time and place."""
    moved, relocated = meeting.start != old_start, meeting.location != old_location
    if not moved and not relocated:
        return
    if meeting.cancelled or max(meeting.start, old_start) <= timezone.now():
        return  # correcting the record of a meeting that was held tells nobody anything new
    lines: list[Line] = []
    if moved:
        lines.append(said(gettext_noop("開會時間：%(old)s 改為 %(new)s"), old=moment(old_start), new=moment(meeting.start)))
    if relocated:
        lines.append(said(gettext_noop("開會地點：%(old)s 改為 %(new)s"), old=_place(old_location), new=_place(meeting.location)))
    people, users = participants(meeting)
    do_notify(
        actor,
        MEETING_RESCHEDULED,
        # Each change is news (moved, moved back, moved again); the same change saved twice changes nothing and so tells nothing.
        key=f"{MEETING_RESCHEDULED}:{meeting.pk}:{meeting.updated.isoformat()}",
        words=Message(_rescheduled_subject(meeting, moved=moved, relocated=relocated), lines),
        link=reverse("meetings:meeting", args=[meeting.pk]),
        people=people,
        users=users,
    )


def minutes_amended(actor: Any, meeting: Meeting, at_meeting: Meeting, changes: list[tuple[Conclusion, str, str]]) -> None:
    """The next session confirmed ``meeting``'s minutes with amendments: its participants are told what changed where.

    The new wording goes only to those entitled to read every amended item; the
    others are told the places (報告事項三會議結論（二）), which name no item.
    """
    if not changes:
        return
    from lieguan.meetings.actions.minutes import where_is

    people, users = participants(meeting)
    # Read afresh: whether an item is confidential is not something to take from a form's copy of it.
    items = list(AgendaItem.objects.filter(pk__in=[c.item_id for c, _old, _new in changes if c.item_id is not None]))
    subject = said(gettext_noop("%(minutes)s經%(at)s會議修正確定"), minutes=meeting.title, at=ordinal_words(at_meeting))
    full = Message(
        subject,
        [
            said(gettext_noop("%(place)s「%(old)s」修改為「%(new)s」。"), place=where_is(c), old=old.strip(), new=new.strip())
            for c, old, new in changes
        ],
    )
    places = Message(subject, [said(gettext_noop("修正之處：%(places)s。"), places=[where_is(c) for c, _old, _new in changes])])
    key, link = f"{MINUTES_AMENDED}:{meeting.pk}:{at_meeting.pk}", reverse("meetings:minutes", args=[meeting.pk])
    entitled_people, other_people = _split(people, items, lambda p: access.viewer_for_person(p))
    entitled_users, other_users = _split(users, items, viewer_for)
    do_notify(actor, MINUTES_AMENDED, key=key, words=full, link=link, people=entitled_people, users=entitled_users)
    do_notify(actor, MINUTES_AMENDED, key=key, words=places, link=link, people=other_people, users=other_users)


def _split(recipients: list[Any], items: list[AgendaItem], viewer_of: Any) -> tuple[list[Any], list[Any]]:
    """Those entitled to read every item of ``items`` in full, and the others."""
    if not any(item.confidential for item in items):
        return recipients, []
    entitled: list[Any] = []
    others: list[Any] = []
    for r in recipients:
        viewer = viewer_of(r)
        (entitled if all(access.can_read_confidential(viewer, item) for item in items) else others).append(r)
    return entitled, others
