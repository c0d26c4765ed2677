"""The one registry of audit event types.

Every entry of the audit trail names its event (``AuditEntry.action``). An event
type is declared once, as a constant, in the ``audit_events`` module of the app
whose actions record it (``lieguan/<app>/audit_events.py``); declaring it
registers it here. Core imports no app: ``CoreConfig.ready`` discovers the apps'
``audit_events`` modules, the way the admin discovers ``admin`` modules.

An event keeps the string that stored entries already carry (the hash chain
covers it), and says what its entries hold, so that whoever reads them (the case
timeline, the succession page) reads keys that are written down here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SNAPSHOT: Literal["snapshot"] = "snapshot"
"""The side holds ``audit.snapshot(target)``: the target's concrete fields (or those the action may change,
for a form that edits a few), foreign keys as ``<name>_id``."""

Data = tuple[str, ...] | Literal["snapshot"] | None
"""What one side (before/after) of an entry holds: named keys, the target's snapshot, or nothing."""


@dataclass(frozen=True)
class Event:
    """An event type: its stored name, a label for people, the model its entries are about, and their data.

    ``extra`` names keys added to a snapshot (``{**audit.snapshot(case), "meeting": …}``).
    """

    name: str
    label: str | Promise
    target: str | tuple[str, ...]
    before: Data = None
    after: Data = None
    extra: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        register(self)

    def __str__(self) -> str:
        return self.name

    @property
    def targets(self) -> tuple[str, ...]:
        """The models (``app_label.model``) its entries are about; ``*`` for any."""
        return (self.target,) if isinstance(self.target, str) else self.target


@dataclass(frozen=True)
class EventFamily:
    """Events named by a fixed prefix and a variable rest, such as the admin site's ``admin:<model>.<verb>``."""

    prefix: str
    label: str | Promise
    before: Data = None
    after: Data = None

    def __post_init__(self) -> None:
        if self.prefix in _FAMILIES:
            raise ValueError(f"audit event family {self.prefix!r} is declared twice")
        _FAMILIES[self.prefix] = self

    def named(self, rest: str) -> Event:
        """The member ``<prefix><rest>``; it is registered on first use, like any declared event."""
        name = f"{self.prefix}{rest}"
        known = _EVENTS.get(name)
        if known is not None:
            return known
        return Event(name, self.label, target="*", before=self.before, after=self.after)


_EVENTS: dict[str, Event] = {}
_FAMILIES: dict[str, EventFamily] = {}


def register(event: Event) -> None:
    existing = _EVENTS.get(event.name)
    if existing is not None and existing != event:
        # Two declarations of one name would let two readers disagree about its data.
        raise ValueError(f"audit event {event.name!r} is declared twice")
    _EVENTS[event.name] = event


def lookup(name: str) -> Event | None:
    """The registered event of this name (a family's member included), or None."""
    event = _EVENTS.get(name)
    if event is not None:
        return event
    for prefix, family in _FAMILIES.items():
        if name.startswith(prefix) and len(name) > len(prefix):
            return family.named(name.removeprefix(prefix))
    return None


def is_known(event: Event | str) -> bool:
    """Whether ``event`` is in the registry (an Event object must be the registered one, not a look-alike)."""
    if isinstance(event, Event):
        known = _EVENTS.get(event.name)
        return known is event or known == event
    return lookup(event) is not None


def registered() -> list[Event]:
    """Every declared event (family members once used), by name."""
    return [_EVENTS[name] for name in sorted(_EVENTS)]


# Core's own: changes to reference data through the admin site (core/admin.py),
# named after the model and the verb (create, update, save for an inline row, delete).
ADMIN_CHANGE = EventFamily("admin:", _("在管理介面修改參考資料"), before=SNAPSHOT, after=SNAPSHOT)
