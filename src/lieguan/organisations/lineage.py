"""Organisations over time as their confirmed successions (機關改制) leave them: who carries a body on now, and
who held a piece of work on a given day.

Statistics are seen two ways: by the organisation as it is now (the closed
cases of 觀傳局, merged into 文化局, count for 文化局) or as it was then (on the
day counted, the cases were 觀傳局's). Both come from the confirmed successions,
loaded once, so that a page asks the same number of queries however many
organisations and cases it counts.

Only the changes after which a body no longer exists matter here (merge, split,
abolish): a rename or a move keeps the organisation, so its work stays with it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from lieguan.organisations.models import Succession
from lieguan.organisations.succession import ENDING

# The key under which a succession records a unit it moved under its successor (in ``Succession.moves``).
UNIT_PREFIX = "unit:"


@dataclass(frozen=True)
class Move:
    """One piece of work (e.g. ``assignment:42``) that left ``source`` for ``target`` on ``effective``."""

    effective: dt.date
    source: int
    target: int


class Lineage:
    def __init__(self, successions: list[Succession]) -> None:
        # organisation id → the organisations that took it over (none: abolished with no successor).
        self._ended: dict[int, tuple[int, ...]] = {}
        self._kinds: dict[int, str] = {}
        self._moves: dict[str, list[Move]] = defaultdict(list)
        for succession in successions:
            org = succession.organisation_id
            self._ended[org] = tuple(sorted(s.pk for s in succession.successors.all()))
            self._kinds[org] = succession.kind
            for key, target in (succession.moves or {}).items():
                self._moves[key].append(Move(succession.effective, org, int(target)))
        for moves in self._moves.values():
            moves.sort(key=lambda m: m.effective)

    @classmethod
    def load(cls) -> Lineage:
        """Every confirmed merger, split and abolition: two queries."""
        rows = (
            Succession.objects.filter(status=Succession.Status.CONFIRMED, kind__in=ENDING)
            .prefetch_related("successors")
            .order_by("effective", "id")
        )
        return cls(list(rows))

    def current_successors(self, organisation_id: int) -> tuple[int, ...]:
        """The organisations that carry ``organisation_id`` on today.

        Itself while it exists; after a merger, the body it went into (and that
        body's own successors, after any number of changes); after a split,
        every body it was split into; after an abolition with no successor,
        none. In the order of the ids, without repeats.
        """
        out: list[int] = []
        seen: set[int] = set()
        stack = [organisation_id]
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            if node in self._ended:
                stack.extend(reversed(self._ended[node]))
            elif node not in out:
                out.append(node)
        return tuple(sorted(out))

    def ended_how(self, organisation_id: int) -> str:
        """The kind of change that ended ``organisation_id`` (``Succession.Kind``), or "" if it still exists."""
        return self._kinds.get(organisation_id, "")

    def holder_on(self, work_key: str, holder_now: int, day: dt.date) -> int:
        """Who held a piece of work on ``day``: the body it left after that day, or whoever holds it now."""
        for move in self._moves.get(work_key, ()):
            if move.effective > day:
                return move.source
        return holder_now

    def parent_on(self, unit_id: int, parent_now: int | None, day: dt.date) -> int | None:
        """The body a unit belonged to on ``day``: the one it was moved from by a succession after that day."""
        if parent_now is None:
            return None
        return self.holder_on(f"{UNIT_PREFIX}{unit_id}", parent_now, day)

    def family(self, organisation_id: int) -> frozenset[int]:
        """The organisations whose work may count for ``organisation_id`` in either view: itself, what it became,
        and every body that ended into it (through any chain of changes)."""
        family = {organisation_id, *self.current_successors(organisation_id)}
        changed = True
        while changed:
            changed = False
            for org in self._ended:
                if org not in family and family.intersection(self.current_successors(org)):
                    family.add(org)
                    changed = True
        return frozenset(family)
