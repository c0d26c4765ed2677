"""What a room screen shows of one item, as one reader may see it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lieguan.live import access
from lieguan.live.agenda import status_report_item_id
from lieguan.live.models import PrivateNote
from lieguan.meetings import confidential
from lieguan.meetings.access import can_read_confidential
from lieguan.meetings.models import AgendaItem, Material, Meeting
from lieguan.organisations.access import Viewer, viewer_for
from lieguan.tracking.status_report import CaseLine, report_for

# Materials a tablet's browser shows itself; the others (Office files) are downloaded as on the meeting page.
INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg", "text/plain"}


def redact(viewer: Viewer, item: AgendaItem) -> AgendaItem:
    """The item as ``viewer`` may see it: a confidential item shows as 「機密案件」 to those not entitled to it
    (the meetings app's rule and its one redaction)."""
    return item if can_read_confidential(viewer, item) else confidential.redact(item)


@dataclass
class ItemView:
    item: AgendaItem
    redacted: bool
    materials: list[Material] = field(default_factory=list)
    is_status_report: bool = False
    cases: list[CaseLine] = field(default_factory=list)
    cases_whole: bool = True
    note: PrivateNote | None = None
    can_note: bool = False

    @property
    def presenter(self) -> str:
        if self.item.presenter is not None:
            return str(self.item.presenter.display_name)
        return self.item.presenter_text


def item_view(
    user: Any,
    meeting: Meeting,
    item: AgendaItem,
    *,
    with_cases: bool = True,
    with_note: bool = True,
    materials: list[Material] | None = None,
    is_status: bool | None = None,
) -> ItemView:
    """The panel of ``item`` as ``user`` may see it. ``materials`` and ``is_status`` may come from ``push.shared``, read
    once per move for all readers of a process; what depends on the reader (redaction, notes, cases) is read here."""
    viewer = viewer_for(user)
    shown = redact(viewer, item)
    redacted = confidential.is_redacted(shown)
    view = ItemView(item=shown, redacted=redacted)
    if redacted:
        return view
    view.materials = materials if materials is not None else list(item.materials.order_by("uploaded_at", "pk"))
    view.is_status_report = is_status if is_status is not None else item.pk == status_report_item_id(meeting)
    if view.is_status_report and with_cases:
        data, whole = report_for(user, meeting)
        view.cases, view.cases_whole = data.lines, whole
    if with_note:
        view.can_note = access.can_keep_notes(viewer, meeting)
        view.note = access.own_notes(user, [item]).get(item.pk) if view.can_note else None
    return view


def agenda_rows(user: Any, meeting: Meeting, items: list[AgendaItem]) -> list[tuple[AgendaItem, str]]:
    """Each item with the title its reader may see, for the agenda list."""
    viewer = viewer_for(user)
    return [(item, redact(viewer, item).title) for item in items]
