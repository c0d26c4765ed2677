"""Who performs an action: a signed-in user, or the operator's own process (CLI, jobs, setup).

A ``SystemActor`` can only be made by code, never from a request, so actions
trust it without a permission check; the audit trail still records which job
it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SystemActor:
    label: str

    def __str__(self) -> str:
        return self.label


SYSTEM = SystemActor("system")


def is_system(actor: Any) -> bool:
    return isinstance(actor, SystemActor)
