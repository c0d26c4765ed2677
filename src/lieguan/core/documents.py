"""Official documents are written in Traditional Chinese by law, whatever language the reader's pages use.

A view that renders one (a download, a file attached to an agenda) runs under ``in_official_language``:
the words it takes from the translation catalogue (table headings, choice labels, notes) come out in
the source language, as the document requires.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.utils import translation

F = TypeVar("F", bound=Callable[..., Any])


def in_official_language(view: F) -> F:
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        with translation.override(settings.LANGUAGE_CODE):
            return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]
