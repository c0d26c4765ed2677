"""What a stream sends its reader on a move: the new item's panel, rendered for that reader in the stream itself.

Asking for the panel over HTTP once the move is heard cost each attendee a whole
request (session, authentication, access checks, the item and its materials):
at 100 attendees, more than a second for the last of them (bench/live_room.py).
Rendered here, the item and its materials are read once per process and move
(``shared``), and each reader adds only what is theirs: the redaction of a
confidential item, their own note. The status report's cases go in too: the report is built once per process and move, and each
reader gets the lines they may see (``status_report.report_for``'s rule).
"""

from __future__ import annotations

import collections
import dataclasses
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from lieguan.live import access, broker
from lieguan.live.agenda import status_report_item_id
from lieguan.live.models import PrivateNote
from lieguan.live.room import item_view
from lieguan.meetings.models import AgendaItem, Material, Meeting
from lieguan.organisations.access import viewer_for
from lieguan.tracking import access as tracking_access
from lieguan.tracking import status_report


@dataclass(frozen=True)
class Shared:
    item: AgendaItem
    materials: list[Material]
    is_status: bool
    report: status_report.StatusReportData | None


_cache: OrderedDict[tuple[int, int, int], Shared] = OrderedDict()
_html: OrderedDict[tuple[Any, ...], str] = OrderedDict()
_lock = threading.Lock()
_KEEP = 64


def shared(meeting: Meeting, state: broker.State) -> Shared | None:
    """The item of ``state`` with its materials, read once per process for all the readers of the move."""
    if state.item_id is None:
        return None
    key = (meeting.pk, state.item_id, state.version)
    with _lock:
        if key in _cache:
            return _cache[key]
    item = AgendaItem.objects.select_related("section", "presenter").filter(pk=state.item_id, section__meeting=meeting).first()
    if item is None:
        return None
    is_status = item.pk == status_report_item_id(meeting)
    report = status_report.build(meeting) if is_status else None
    found = Shared(item, list(item.materials.order_by("uploaded_at", "pk")), is_status, report)
    with _lock:
        _cache[key] = found
        while len(_cache) > _KEEP:
            _cache.popitem(last=False)
    return found


# The readers of each meeting's streams in this process, so that one query per move reads all their notes.
_note_takers: dict[int, collections.Counter[int]] = {}
_notes: OrderedDict[tuple[int, int, int], dict[int, str]] = OrderedDict()


def _note(state: broker.State, owner_id: int) -> str:
    """``owner_id``'s note on the item of ``state``: the first reader to ask reads those of every reader in the process."""
    assert state.item_id is not None
    key = (state.meeting_id, state.item_id, state.version)
    with _lock:
        notes = _notes.get(key)
        owners = list(_note_takers.get(state.meeting_id, ()))
    if notes is None or owner_id not in notes:
        wanted = set(owners) | {owner_id}
        rows = PrivateNote.objects.filter(item_id=state.item_id, owner_id__in=wanted).values_list("owner_id", "text")
        notes = {**dict.fromkeys(wanted, ""), **dict(rows)}
        with _lock:
            _notes[key] = {**_notes.get(key, {}), **notes}
            while len(_notes) > _KEEP:
                _notes.popitem(last=False)
    return notes[owner_id]


class Reader:
    """One open stream's reader: what they may do is settled when they connect, what they see at each move."""

    def __init__(self, user: Any, meeting: Meeting, *, projector: bool) -> None:
        self.user = user
        self.meeting = meeting
        self.projector = projector
        viewer = viewer_for(user)
        self.conducts = access.can_conduct(viewer, meeting)
        self.can_note = access.can_keep_notes(viewer, meeting)
        self.whole = status_report.sees_whole(user, meeting)
        self._visible: set[int] | None = None
        with _lock:
            _note_takers.setdefault(meeting.pk, collections.Counter())[user.pk] += 1

    def close(self) -> None:
        with _lock:
            takers = _note_takers.get(self.meeting.pk)
            if takers is not None:
                takers[self.user.pk] -= 1
                if takers[self.user.pk] <= 0:
                    del takers[self.user.pk]

    def _lines(self, report: status_report.StatusReportData) -> list[status_report.CaseLine]:
        """``report_for``'s rule on the shared report: the whole for those who see it, else their cases; the
        confidential ones they are not entitled to, redacted (on copies: the report is every reader's)."""
        if not self.whole and self._visible is None:
            cases = tracking_access.visible_cases(self.user).filter(series=self.meeting.series)
            self._visible = set(cases.values_list("pk", flat=True))
        lines = [
            dataclasses.replace(line, agencies=[dataclasses.replace(a) for a in line.agencies])
            for line in report.lines
            if self.whole or (self._visible is not None and line.case.pk in self._visible)
        ]
        mine = dataclasses.replace(report, lines=lines)
        redact_hidden = getattr(status_report, "redact_hidden", None)  # with the confidential items (meetings.confidential)
        if redact_hidden is not None:
            redact_hidden(self.user, mine)
        return mine.lines

    def panel(self, state: broker.State) -> tuple[str, str | None]:
        """The panel's HTML and the reader's note on the item (``None`` where there is no note form).

        The HTML is the same for every reader who sees the same thing (conducting or not, the item redacted or not,
        the same status report lines), so it is rendered once per process for each of them; the note, the one
        thing every reader has of their own, travels beside it and the room's script puts it in the form.
        """
        found = shared(self.meeting, state)
        if found is None:
            return "", None
        view = item_view(
            self.user,
            self.meeting,
            found.item,
            with_cases=False,
            with_note=False,
            materials=found.materials,
            is_status=found.is_status,
        )
        cases: tuple[tuple[int, bool], ...] = ()
        note: str | None = None
        if not view.redacted:
            if view.is_status_report and found.report is not None:
                view.cases, view.cases_whole = self._lines(found.report), self.whole
                cases = tuple((line.case.pk, bool(getattr(line.case, "redacted", False))) for line in view.cases)
            if self.can_note and not self.projector:
                view.can_note = True
                note = _note(state, self.user.pk)
        key = (
            state.meeting_id,
            state.item_id,
            state.version,
            self.projector,
            self.conducts,
            view.redacted,
            self.whole,
            cases,
            view.can_note,
            translation.get_language(),
        )
        with _lock:
            html = _html.get(key)
        if html is None:
            html = self._render(state, view)
            with _lock:
                _html[key] = html
                while len(_html) > _KEEP * 8:
                    _html.popitem(last=False)
        return html, note

    def _render(self, state: broker.State, view: Any) -> str:
        # Without the request: its context processors (menu, unread count) would cost every reader queries for nothing;
        # and without a CSRF token, which is each reader's own: the room's script sends theirs in a header.
        if self.projector:
            return render_to_string("live/_projector_item.html", {"meeting": self.meeting, "view": view})
        return render_to_string("live/_item_panel.html", {"meeting": self.meeting, "view": view, "state": state, "conducts": self.conducts})
