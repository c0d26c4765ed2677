from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase


def public_or_login(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """For pages the public may see when the city allows it: anyone else not signed in is asked to sign in.

    The view decides with its access functions; when it refuses an anonymous
    visitor, signing in is the helpful answer rather than "not found".
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except (Http404, PermissionDenied):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise

    return wrapper
