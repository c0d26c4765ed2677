"""Remembering the answers to questions about short texts.

Minutes ask the same questions of the same words over and over: every line is
tried as a label, a block opening and a section heading by more than one step,
and a council's conclusions (洽悉, 照案通過, the same request to every agency)
repeat within a meeting and from one meeting to the next. Only short texts are
remembered: a long one is rarely asked about twice, and a cache of multi-megabyte
lines would hold on to all of them. The functions cached must return values
that nobody changes (tuples, frozen objects).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar, cast

P = ParamSpec("P")
R = TypeVar("R")

# Longer than any heading or label line, and than nearly every conclusion.
SHORT = 400
_ENTRIES = 4096


def short_text_cache(func: Callable[P, R]) -> Callable[P, R]:
    """``func`` with its answers kept for the last few thousand short texts (its first argument)."""
    # lru_cache wants hashable arguments; the texts and dates asked about are.
    cached = cast("Callable[P, R]", functools.lru_cache(maxsize=_ENTRIES)(func))

    @functools.wraps(func)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        text = args[0] if args else None
        if isinstance(text, str) and len(text) <= SHORT:
            return cached(*args, **kwargs)
        return func(*args, **kwargs)

    return call
