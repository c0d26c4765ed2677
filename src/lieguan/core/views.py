from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from lieguan.core.forms import SignInForm
from lieguan.core.security import log_security_event


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    # Resolved per request: the hashed name exists only after collectstatic.
    return redirect(static("lieguan/favicon.svg"), permanent=True)


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(idle=settings.SESSION_IDLE_MINUTES, **kwargs)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    user = getattr(request, "user", None)
    log_security_event("forbidden", request, username=user.get_username() if user is not None and user.is_authenticated else "")
    message = str(exception) if exception and str(exception) else _("您沒有權限檢視或執行此項目。")
    return render(request, "errors/403.html", {"message": message}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Never the traceback: a reference number lets the administrator find it in the log.
    return render(request, "errors/500.html", status=500)
