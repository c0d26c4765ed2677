"""Who performs an action: a signed-in user, or the operator's own process (CLI, jobs, setup).

A ``SystemActor`` can only be made by code, never from a request. It passes
through one mechanism, not a branch in every action:

- ``Actor`` is what every ``do_*`` takes: the user of a request, or a SystemActor;
- ``@lets_system_through`` on a raising access helper (``require_*``) lets a
  SystemActor pass it, so that actions call their checks unconditionally;
  ``passes(check, actor, …)`` turns such a helper into a yes/no for a flag or a list;
- ``user_of(actor)`` is the user a write is attributed to (None for the system),
  and ``name_of(actor)`` the name shown for it; the audit trail still records
  which job it was. ``signed_in(actor)`` is the user of what only a person
  does (a comment, a private note, a progress report, their own settings).

``is_system`` remains for the few rules that really differ for the system
(``tests/core/test_system_actor.py`` lists them, each with its reason).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeAlias

from django.core.exceptions import PermissionDenied

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


@dataclass(frozen=True)
class SystemActor:
    label: str

    def __str__(self) -> str:
        return self.label


SYSTEM = SystemActor("system")

# The user of a request (``request.user``: signed in, or anonymous and refused by the checks), or a job.
Actor: TypeAlias = "User | AnonymousUser | SystemActor"

P = ParamSpec("P")

# The raising helpers decorated with ``lets_system_through`` (for tests and for reading).
LETS_SYSTEM_THROUGH: set[str] = set()


def is_system(actor: object) -> bool:
    return isinstance(actor, SystemActor)


def user_of(actor: Actor) -> User | None:
    """The user a write is attributed to (``created_by`` and the like): None for a SystemActor."""
    if isinstance(actor, SystemActor):
        return None
    if not actor.is_authenticated:
        # Every write checks who acts first; an anonymous visitor is never recorded as the one who did it.
        raise ValueError("an anonymous visitor cannot be recorded as the one who acted")
    return actor


def signed_in(actor: Actor) -> User:
    """The user of what only a person does; the checks before it have refused everyone else."""
    user = user_of(actor)
    if user is None:
        raise ValueError(f"{actor} is not a person and cannot do this")
    return user


def name_of(actor: Actor) -> str:
    """The name shown for who acted: the job's label, the person's name, or the user name."""
    if isinstance(actor, SystemActor):
        return str(actor)
    person = getattr(actor, "person", None)
    return getattr(person, "name", "") or actor.get_username()


def lets_system_through(check: Callable[Concatenate[Any, P], None]) -> Callable[Concatenate[Actor, P], None]:
    """Let a SystemActor pass the raising access helper ``check``; everyone else is checked as before.

    The one place where the system's rights are decided: the operator's jobs act
    on everything a rule guards ``who`` for. A rule about *when* (the minutes are
    published, the meeting was cancelled) is a separate helper that everyone,
    the system included, passes through.
    """

    @functools.wraps(check)
    def through(actor: Actor, /, *args: P.args, **kwargs: P.kwargs) -> None:
        if isinstance(actor, SystemActor):
            return
        check(actor, *args, **kwargs)

    LETS_SYSTEM_THROUGH.add(f"{check.__module__}.{check.__qualname__}")
    return through


def passes(check: Callable[Concatenate[Actor, P], None], actor: Actor, *args: P.args, **kwargs: P.kwargs) -> bool:
    """Whether ``actor`` passes the raising helper ``check``: the same rule, as a yes/no."""
    try:
        check(actor, *args, **kwargs)
    except PermissionDenied:
        return False
    return True
