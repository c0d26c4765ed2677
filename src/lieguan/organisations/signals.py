"""Signals the organisations app sends, so that apps to its right take part in a succession without being imported.

Both are sent within the transaction (the caller's, or the preview's read):
- ``open_work``: what open work an organisation holds (tracking answers with its open
  assignments); each receiver returns a list of ``OpenWork``;
- ``succeeded``: a confirmed succession moves that work to the successors; what a
  receiver raises rolls the whole succession back.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.dispatch import Signal

# sender=Organisation, organisation: → list[OpenWork]
open_work = Signal()
# sender=Organisation, actor, succession, moves={work key: successor Organisation}
succeeded = Signal()


@dataclass(frozen=True)
class OpenWork:
    """One piece of open work that follows an organisation to its successor: e.g. ``assignment:42``."""

    key: str
    label: str
    # Organisations that already hold the same case: none of them can take this part over.
    holders: frozenset[int] = frozenset()
