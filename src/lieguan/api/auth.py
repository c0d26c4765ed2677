"""Who is calling the API: a personal token (Authorization: Bearer lg_…), the browser's session, or the public.

One authentication class decides for every route: a request that carries a
token must carry a valid one (else 401); without a token, a signed-in browser
session is used (with the CSRF check on writes), and otherwise the caller is
the anonymous public, whom the access functions let see only public records.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer
from ninja.utils import check_csrf

from lieguan.api.models import TOKEN_PREFIX, ApiToken, hash_token
from lieguan.core.security import log_security_event

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class Anonymous(AnonymousUser):
    """The public: truthy, so that ninja lets the request through to the access functions."""

    def __bool__(self) -> bool:
        return True


class ApiAuth(HttpBearer):
    openapi_description = "個人 API 權杖：登入後於「API 權杖」頁建立（lg_ 開頭）。未帶權杖時，以瀏覽器登入身分或公眾身分存取。"

    def __call__(self, request: HttpRequest) -> Any:
        if request.headers.get(self.header):
            return super().__call__(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if request.method not in SAFE_METHODS and check_csrf(request) is not None:
                return None
            return user
        return Anonymous()

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if not token.startswith(TOKEN_PREFIX):
            return None
        row = ApiToken.objects.select_related("user", "user__person").filter(digest=hash_token(token)).first()
        if row is None or not row.active or not row.user.is_active:
            log_security_event("api_token_refused", request, username=row.user.get_username() if row else "")
            return None
        now = timezone.now()
        if row.last_used is None or (now - row.last_used).total_seconds() > 300:
            # Noting the use at most every five minutes keeps reads from turning into writes.
            ApiToken.objects.filter(pk=row.pk).update(last_used=now)
        request.user = row.user
        return row.user


def caller(request: HttpRequest) -> Any:
    """The user the request acts as (a real user, or the anonymous public)."""
    auth = getattr(request, "auth", None)
    return auth if auth is not None else Anonymous()
