"""Create forms that are safe to submit twice: a one-time token in the form, remembered once used.

Every form that creates something carries ``{% submission_token %}`` (a hidden
random token; ``lieguan.js`` gives an HTMX form a fresh one after each answer)
and its view is wrapped in ``@once_per_submission``. The first POST with a token
claims it, in the same transaction as the view's writes; a second POST with the
same token (a double click, a reload, the back button, a slow network resent) is
answered with the first answer's redirect, or with "nothing to change" for HTMX,
instead of creating the same thing again. Two POSTs racing each other are
serialised by the unique row: the second waits for the first to commit.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import secrets
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext_lazy

from lieguan.core.models import SubmissionToken

FIELD = "submission_token"
# Long enough to be unguessable, short enough to index; lieguan.js makes 32 hex digits too.
_VALID = re.compile(r"^[0-9a-f]{32,64}$")
KEEP = dt.timedelta(days=2)
REPLAYED = gettext_lazy("此表單已送出，未重複建立。")


def new_token() -> str:
    return secrets.token_hex(16)


def _token(request: HttpRequest) -> str | None:
    value = request.POST.get(FIELD, "").strip().lower()
    return value if _VALID.match(value) else None


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _replay(request: HttpRequest, used: SubmissionToken | None) -> HttpResponse:
    if _is_htmx(request):
        # The first answer has already been swapped into the page: nothing more to show.
        return HttpResponse(status=204)
    messages.info(request, REPLAYED)
    return HttpResponseRedirect(used.location if used and used.location else request.get_full_path())


def once_per_submission(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Run a create view at most once per form token; place it below ``login_required``.

    A POST without a token (the API, a script) is run as it is: the token protects people at forms.
    A first answer that is not a redirect (the form shown again with its errors) frees the token.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        token = _token(request) if request.method == "POST" else None
        if token is None or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    claim = SubmissionToken.objects.create(user=request.user, token=token)
            except IntegrityError:
                return _replay(request, SubmissionToken.objects.filter(user=request.user, token=token).first())
            SubmissionToken.objects.filter(user=request.user, created__lt=timezone.now() - KEEP).delete()
            response = view(request, *args, **kwargs)
            if isinstance(response, HttpResponseRedirect) or response.status_code in (301, 302, 303):
                claim.location = str(response["Location"])[:500]
                claim.save(update_fields=["location"])
            elif not _is_htmx(request):
                claim.delete()
        return response

    return wrapper
